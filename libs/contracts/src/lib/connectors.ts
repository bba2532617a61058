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
