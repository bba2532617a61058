import type { Source, SyncRun } from './connectors.types';

/** A sync run as the API returns it, with the fields a test cares about overridden. */
export function syncRun(overrides: Partial<SyncRun> = {}): SyncRun {
  return {
    id: 'run-1',
    sourceId: 'source-1',
    status: 'succeeded',
    trigger: 'manual',
    startedAt: '2026-03-02T10:00:00.000Z',
    finishedAt: '2026-03-02T10:00:12.000Z',
    durationMs: 12_000,
    recordsRead: 100,
    recordsInserted: 90,
    recordsDuplicate: 8,
    recordsQuarantined: 2,
    recordsUsage: 0,
    recordsDirectory: 0,
    progressDone: null,
    progressTotal: null,
    attempts: 1,
    input: null,
    error: null,
    createdAt: '2026-03-02T09:59:58.000Z',
    ...overrides,
  };
}

export function source(overrides: Partial<Source> = {}): Source {
  return {
    id: 'source-1',
    name: 'Demo generator',
    connectorType: 'demo',
    enabled: true,
    schedule: null,
    settings: {},
    hasCredentials: false,
    ...overrides,
  };
}
