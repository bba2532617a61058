import { z } from 'zod';
import { CONNECTOR_TYPES, runWarningSchema } from './connectors';
import { instant, oneOf, text, uuid } from './fields';
import { limitQueryShape, listQueryShape } from './kpi-queries';

/** What a sync run is doing; `failed` runs are the dead letters (they failed for good, with their error). */
export const SYNC_RUN_STATUSES = ['queued', 'running', 'succeeded', 'failed', 'cancelled'] as const;
export type SyncRunStatus = (typeof SYNC_RUN_STATUSES)[number];

export const SYNC_RUN_TRIGGERS = ['manual', 'schedule', 'upload', 'webhook', 'demo'] as const;
export type SyncRunTrigger = (typeof SYNC_RUN_TRIGGERS)[number];

const settingsObject = z.record(z.string(), z.unknown(), { error: 'must be an object' });

/** A data source as the API shows it: its credentials never leave the server, only whether there are any. */
export const sourceSchema = z.object({
  id: uuid(),
  name: z.string(),
  // Stored as text: a source keeps its type even when this build no longer has that connector.
  connectorType: z.string().describe('A connector type of GET /api/connectors'),
  enabled: z.boolean(),
  schedule: z.string().nullable().describe('Cron expression of scheduled syncs; null = only on demand'),
  settings: settingsObject.describe('Non-secret connector settings'),
  hasCredentials: z.boolean().describe('Whether credentials are stored (they are never returned)'),
});
export type Source = z.infer<typeof sourceSchema>;

// Five or six space-separated cron fields; the scheduler validates the expression itself when it is used.
const CRON = /^(\S+\s+){4,5}\S+$/;
const CRON_MESSAGE = 'must be a cron expression with 5 or 6 fields';

/** The fields of a source a client sets; the connector checks `settings` and `credentials` itself. */
const sourceFields = {
  name: text({ min: 1, max: 100 }).meta({ example: 'Slack (main workspace)' }),
  settings: settingsObject.optional(),
  credentials: settingsObject
    .optional()
    .describe('Secrets (tokens, client secrets): encrypted at rest, never returned or logged'),
  schedule: z
    .string({ error: CRON_MESSAGE })
    .max(100, { error: 'must be shorter than or equal to 100 characters' })
    .regex(CRON, { error: CRON_MESSAGE })
    .optional()
    .meta({ example: '0 3 * * *' }),
  enabled: z.boolean({ error: 'must be a boolean value' }).optional().meta({ default: true }),
};

/** POST …/sources. */
export const createSourceSchema = z.strictObject({
  ...sourceFields,
  connectorType: oneOf(CONNECTOR_TYPES),
});
export type NewSource = z.infer<typeof createSourceSchema>;

/** PATCH …/sources/:id: any creatable field but the connector type; `credentials` replaces the stored ones. */
export const updateSourceSchema = z.strictObject({ ...sourceFields, name: sourceFields.name.optional() });
export type SourceChange = z.infer<typeof updateSourceSchema>;

/** The API view of a run: the spool path of its file, its checkpoint and its event span stay on the server. */
export const syncRunSchema = z.object({
  id: uuid(),
  sourceId: uuid(),
  status: z.enum(SYNC_RUN_STATUSES),
  trigger: z.enum(SYNC_RUN_TRIGGERS),
  startedAt: instant.nullable(),
  finishedAt: instant.nullable(),
  durationMs: z.number().nullable().describe('Milliseconds from start to finish (so far, while running)'),
  recordsRead: z.number(),
  recordsInserted: z.number(),
  recordsDuplicate: z.number(),
  recordsUpdated: z.number().describe('Usage report counts a republished report corrected or withdrew'),
  recordsQuarantined: z.number(),
  recordsUsage: z.number().describe('Daily usage figures stored (e-mail, meetings)'),
  recordsDirectory: z.number().describe('Org units and people upserted from a directory'),
  progressDone: z.number().nullable().describe('Progress: bytes of the file, or pages/days read'),
  progressTotal: z.number().nullable(),
  attempts: z.number().describe('Attempts started (retries and take-overs after a worker died)'),
  input: z
    .object({ fileName: z.string(), size: z.number().describe('Bytes') })
    .nullable()
    .describe('The uploaded file or webhook batch'),
  error: z.string().nullable(),
  warnings: z
    .array(runWarningSchema)
    .describe(
      'What the run wants its maintainer to know besides bad records (skipped files, fallback identities, counts without people); at most 50 distinct, counts aggregated',
    ),
  createdAt: instant,
});
export type SyncRunView = z.infer<typeof syncRunSchema>;

/** A record a run could not read: where it is and why, never its content. */
export const quarantinedRecordSchema = z.object({
  id: z.string().describe('Sequence number; pass as `after` to page on'),
  organisationId: uuid(),
  sourceId: uuid(),
  syncRunId: uuid().nullable(),
  file: z.string().nullable().describe('File (or file inside an archive)'),
  line: z.number().nullable().describe('Line (CSV, NDJSON) or entry index (JSON)'),
  field: z.string().nullable(),
  recordId: z.string().nullable().describe("The record's id in the source, when it has one"),
  reason: z.string(),
  createdAt: instant,
});
export type QuarantinedRecordView = z.infer<typeof quarantinedRecordSchema>;

/** GET …/sync-runs. */
export const syncRunsQuerySchema = z.strictObject({
  ...limitQueryShape,
  status: oneOf(SYNC_RUN_STATUSES)
    .optional()
    .describe("'failed' lists the dead letters: runs that failed for good, with their error"),
});
export type SyncRunsQuery = z.infer<typeof syncRunsQuerySchema>;

/** GET …/quarantined-records: pages in id order. */
export const quarantineQuerySchema = z.strictObject({
  ...limitQueryShape,
  // The same cursor as `before` of the newest-first lists, read the other way.
  after: listQueryShape.before,
});
export type QuarantineQuery = z.infer<typeof quarantineQuerySchema>;

/** POST …/uploads?filename=: the file itself is the request body. */
export const uploadQuerySchema = z.strictObject({
  filename: text({ min: 1, max: 255 })
    .regex(/^[^/\\\0]+$/, { error: 'must be a plain file name without a path' })
    .meta({ example: 'export.zip' })
    .describe("The file's name: its extension selects the format"),
});
export type UploadQuery = z.infer<typeof uploadQuerySchema>;

/** One thing a connection test checked (the token, one permission or scope). */
export const connectionCheckSchema = z.object({
  check: z
    .string()
    .describe("'credentials', or the permission or scope checked ('User.Read.All', 'channels:history')"),
  ok: z.boolean(),
  message: z.string().describe('What was found; never a secret or a token'),
  missingPermission: z
    .string()
    .nullable()
    .describe('The permission or scope to grant when this check failed for lack of it; otherwise null'),
});
export type ConnectionCheck = z.infer<typeof connectionCheckSchema>;

/** POST …/sources/:id/connection-test: whether the stored credentials reach the service with what the read needs. */
export const connectionTestResultSchema = z.object({
  ok: z.boolean().describe('Every check passed'),
  testedAt: instant,
  checks: z.array(connectionCheckSchema),
});
export type ConnectionTestResult = z.infer<typeof connectionTestResultSchema>;
