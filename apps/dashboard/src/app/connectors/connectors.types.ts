import type { ConnectorType, RunWarning } from '@uptake/contracts';

/*
 * Response shapes of the sources and sync-runs endpoints (apps/api/src/app/sources/dto/source.dto.ts).
 * They are not in @uptake/contracts yet; dates arrive as ISO strings.
 */

export interface Source {
  id: string;
  name: string;
  connectorType: string;
  enabled: boolean;
  /** Cron expression of scheduled syncs; null = only on demand. */
  schedule: string | null;
  settings: Record<string, unknown>;
  hasCredentials: boolean;
}

export type SyncRunStatus = 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled';

export interface SyncRun {
  id: string;
  sourceId: string;
  status: SyncRunStatus;
  trigger: 'manual' | 'schedule' | 'upload' | 'webhook' | 'demo';
  startedAt: string | null;
  finishedAt: string | null;
  durationMs: number | null;
  recordsRead: number;
  recordsInserted: number;
  recordsDuplicate: number;
  recordsQuarantined: number;
  recordsUsage: number;
  recordsDirectory: number;
  /** Bytes of the file, or pages/days read. */
  progressDone: number | null;
  progressTotal: number | null;
  attempts: number;
  input: { fileName: string; size: number } | null;
  error: string | null;
  /** Skipped files, fallback identities, counts without people: aggregated, at most 50. */
  warnings: RunWarning[];
  createdAt: string;
}

export interface QuarantinedRecord {
  /** Sequence number: the `after` cursor of the next page. */
  id: string;
  syncRunId: string | null;
  file: string | null;
  line: number | null;
  field: string | null;
  recordId: string | null;
  reason: string;
  createdAt: string;
}

export interface NewSource {
  name: string;
  connectorType: ConnectorType;
  settings: Record<string, unknown>;
  credentials?: Record<string, unknown>;
  schedule?: string;
}
