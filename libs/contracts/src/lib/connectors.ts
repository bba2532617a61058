import { z } from 'zod';

/** Connector types a data source can have. The worker runs those it has a connector for. */
export const CONNECTOR_TYPES = [
  'demo',
  'slack-export',
  'slack-api',
  'ms-graph-reports',
  'csv',
  'webhook',
  'directory-csv',
  'entra-id-directory',
  'ms-teams',
  'ms-teams-export',
  'viva-engage-api',
  'viva-engage-export',
] as const;
export type ConnectorType = (typeof CONNECTOR_TYPES)[number];

/** A JSON Schema (draft 2020-12) as the catalogue publishes it. */
const jsonSchema = z.record(z.string(), z.unknown());

/** GET /api/connectors: what a connector needs, so clients build forms instead of hard-coding them. */
export const connectorInfoSchema = z.object({
  type: z.enum(CONNECTOR_TYPES),
  title: z.string(),
  input: z
    .enum(['api', 'file'])
    .describe(
      "'file': runs read uploaded files; 'api': runs pull from the source's API (or push, for webhooks)",
    ),
  fileExtensions: z.array(z.string()).meta({ example: ['.csv', '.ndjson'] }),
  connectionTest: z
    .boolean()
    .describe(
      'POST …/sources/{id}/connection-test checks its credentials and permissions (API connectors that have a test)',
    ),
  streams: z.array(z.string()),
  settingsSchema: jsonSchema.describe('JSON Schema of the settings'),
  credentialsSchema: jsonSchema.describe(
    'JSON Schema of the credentials (values are never returned anywhere)',
  ),
});
export type ConnectorInfo = z.infer<typeof connectorInfoSchema>;

/**
 * Something a run wants its maintainer to know that is not a bad record (those are quarantined): a folder
 * skipped on purpose, people identified by a fallback key, counts stored without people. Stored on the run,
 * aggregated by `code` and `file` (counts added up), at most MAX_RUN_WARNINGS distinct ones.
 */
export const runWarningSchema = z
  .object({
    code: z
      .string()
      .meta({ example: 'slack.skipped-entry' })
      .describe('Stable, machine-readable code of the warning'),
    message: z.string().describe('What happened and what it means for the figures'),
    count: z.number().describe('How often it happened in the run (aggregated)'),
    file: z.string().optional().describe('The file or archive entry it is about'),
  })
  // The OpenAPI component keeps the name clients have generated code from.
  .meta({ id: 'RunWarningDto' });
export type RunWarning = z.infer<typeof runWarningSchema>;

/** Distinct warnings a run keeps; further ones are counted in one `warnings-truncated` warning. */
export const MAX_RUN_WARNINGS = 50;
