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
] as const;
export type ConnectorType = (typeof CONNECTOR_TYPES)[number];

/** GET /api/connectors: what a connector needs, so clients build forms instead of hard-coding them. */
export interface ConnectorInfo {
  type: ConnectorType;
  title: string;
  /** 'file': runs read uploaded files; 'api': runs pull from the source's API (or push, for webhooks). */
  input: 'api' | 'file';
  fileExtensions: string[];
  streams: string[];
  /** JSON Schema (draft 2020-12) of the source's settings and credentials. */
  settingsSchema: Record<string, unknown>;
  credentialsSchema: Record<string, unknown>;
}

/**
 * Something a run wants its maintainer to know that is not a bad record (those are quarantined): a folder
 * skipped on purpose, people identified by a fallback key, counts stored without people. Stored on the run,
 * aggregated by `code` and `file` (counts added up), at most MAX_RUN_WARNINGS distinct ones.
 */
export interface RunWarning {
  /** Stable, machine-readable: e.g. `slack.skipped-entry`, `nothing-stored`. */
  code: string;
  /** What happened and what it means for the figures, in a sentence a maintainer can act on. */
  message: string;
  /** How often it happened in the run (entries skipped, reactions counted without people, …). */
  count: number;
  /** The file or archive entry it is about, when it is about one. */
  file?: string;
}

/** Distinct warnings a run keeps; further ones are counted in one `warnings-truncated` warning. */
export const MAX_RUN_WARNINGS = 50;
