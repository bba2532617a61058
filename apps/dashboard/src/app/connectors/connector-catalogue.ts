import { CONNECTOR_TYPES, type ConnectorType } from '@uptake/contracts';

export interface ConnectorInfo {
  type: ConnectorType;
  title: string;
  /** 'api' sources are synced on demand or on schedule; 'file' sources are fed by uploads. */
  input: 'api' | 'file';
  /** Extensions an upload may have (an API connector may also read uploaded reports). */
  fileExtensions: readonly string[];
  /** Example settings shown in the "Add source" form. */
  exampleSettings: Record<string, unknown>;
  needsCredentials: boolean;
}

/*
 * What the dashboard must know about each connector (mirrors libs/connectors/src/<type>/index.ts). The API
 * does not list connectors yet, and the connector library runs on Node only, so it cannot be imported here.
 */
const CATALOGUE: Record<ConnectorType, Omit<ConnectorInfo, 'type'>> = {
  demo: {
    title: 'Demo organisation (simulated)',
    input: 'api',
    fileExtensions: [],
    exampleSettings: { seed: 42, people: 2000 },
    needsCredentials: false,
  },
  'slack-export': {
    title: 'Slack workspace export (zip)',
    input: 'file',
    fileExtensions: ['.zip'],
    exampleSettings: {},
    needsCredentials: false,
  },
  'slack-api': {
    title: 'Slack (Web API)',
    input: 'api',
    fileExtensions: [],
    exampleSettings: {},
    needsCredentials: true,
  },
  'ms-graph-reports': {
    title: 'Microsoft 365 usage reports',
    input: 'api',
    fileExtensions: ['.csv'],
    exampleSettings: {},
    needsCredentials: true,
  },
  csv: {
    title: 'Activity file (CSV, NDJSON or JSON)',
    input: 'file',
    fileExtensions: ['.csv', '.ndjson', '.jsonl', '.json'],
    exampleSettings: {},
    needsCredentials: false,
  },
  webhook: {
    title: 'Webhook (pushed activity events)',
    input: 'file',
    fileExtensions: ['.json'],
    exampleSettings: {},
    needsCredentials: false,
  },
  'directory-csv': {
    title: 'Directory (HR export, CSV)',
    input: 'file',
    fileExtensions: ['.csv'],
    exampleSettings: {},
    needsCredentials: false,
  },
};

export const CONNECTORS: readonly ConnectorInfo[] = CONNECTOR_TYPES.map((type) => ({
  type,
  ...CATALOGUE[type],
}));

/** A type this dashboard does not know (a newer API) is treated as an API source without uploads. */
export function connectorInfo(type: string): ConnectorInfo {
  return (
    CONNECTORS.find((connector) => connector.type === type) ?? {
      type: type as ConnectorType,
      title: type,
      input: 'api',
      fileExtensions: [],
      exampleSettings: {},
      needsCredentials: false,
    }
  );
}

/** Sources synced by the worker on request ("Sync now"); file sources need an upload instead. */
export function canSyncNow(type: string): boolean {
  return connectorInfo(type).input === 'api';
}

/** Sources that accept uploads: file connectors, and API connectors that also read uploaded reports. */
export function canUpload(type: string): boolean {
  return connectorInfo(type).fileExtensions.length > 0;
}
