import type { ConnectorInfo, Source, SyncRunView } from '@uptake/contracts';

const SCHEMA = 'https://json-schema.org/draft/2020-12/schema';
const noCredentials = { $schema: SCHEMA, type: 'object', properties: {}, additionalProperties: false };

/** A small GET /api/connectors answer, shaped like the API's (JSON Schema from the connectors' zod schemas). */
export const CONNECTOR_CATALOGUE: ConnectorInfo[] = [
  {
    type: 'demo',
    title: 'Demo organisation (simulated)',
    input: 'api',
    fileExtensions: [],
    connectionTest: false,
    streams: ['directory', 'groups', 'activity'],
    settingsSchema: {
      $schema: SCHEMA,
      type: 'object',
      properties: { seed: { type: 'integer', minimum: -9007199254740991, maximum: 9007199254740991 } },
      additionalProperties: false,
    },
    credentialsSchema: noCredentials,
  },
  {
    type: 'csv',
    title: 'Activity file (CSV, NDJSON or JSON)',
    input: 'file',
    fileExtensions: ['.csv', '.ndjson', '.jsonl', '.json'],
    connectionTest: false,
    streams: ['groups', 'activity'],
    settingsSchema: {
      $schema: SCHEMA,
      type: 'object',
      properties: {
        delimiter: { default: ',', type: 'string', minLength: 1, maxLength: 1 },
        typeMapping: { type: 'object', additionalProperties: { type: 'string', enum: ['post', 'reply'] } },
      },
      additionalProperties: false,
    },
    credentialsSchema: noCredentials,
  },
  {
    type: 'slack-api',
    title: 'Slack (Web API)',
    input: 'api',
    fileExtensions: [],
    connectionTest: true,
    streams: ['groups', 'activity'],
    settingsSchema: {
      $schema: SCHEMA,
      type: 'object',
      properties: {
        identity: { default: 'email', type: 'string', enum: ['email', 'user_id'] },
        channels: { minItems: 1, type: 'array', items: { type: 'string', minLength: 1 } },
        lookbackDays: { default: 90, type: 'integer', minimum: 1, maximum: 3650 },
      },
      additionalProperties: false,
    },
    credentialsSchema: {
      $schema: SCHEMA,
      type: 'object',
      properties: {
        token: { type: 'string', pattern: '^xox[bp]-\\S+$', description: 'Bot token (xoxb-…)' },
      },
      required: ['token'],
      additionalProperties: false,
    },
  },
  {
    type: 'ms-graph-reports',
    title: 'Microsoft 365 usage reports (Viva Engage, Teams, e-mail)',
    input: 'api',
    fileExtensions: ['.csv'],
    connectionTest: true,
    streams: ['groups', 'activity', 'usage'],
    settingsSchema: {
      $schema: SCHEMA,
      type: 'object',
      properties: {
        tenantId: {
          anyOf: [
            { type: 'string', format: 'uuid' },
            { type: 'string', pattern: '^[a-z.]+$' },
          ],
        },
      },
      additionalProperties: false,
    },
    credentialsSchema: {
      $schema: SCHEMA,
      type: 'object',
      properties: { clientId: { type: 'string', format: 'uuid' }, clientSecret: { type: 'string' } },
      additionalProperties: false,
    },
  },
];

/** A sync run as the API returns it, with the fields a test cares about overridden. */
export function syncRun(overrides: Partial<SyncRunView> = {}): SyncRunView {
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
    recordsUpdated: 0,
    recordsQuarantined: 2,
    recordsUsage: 0,
    recordsDirectory: 0,
    progressDone: null,
    progressTotal: null,
    attempts: 1,
    input: null,
    error: null,
    warnings: [],
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
