/** Connector types a data source can have. The worker runs those it has a connector for. */
export const CONNECTOR_TYPES = [
  'demo',
  'slack-export',
  'slack-api',
  'ms-graph-reports',
  'csv',
  'webhook',
  'directory-csv',
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
