import type { Connector } from '@uptake/connector-sdk';
import type { ConnectorType } from '@uptake/contracts';
import { csvActivityConnector } from './csv';
import { demoConnector } from './demo';
import { directoryCsvConnector } from './directory-csv';
import { entraIdDirectoryConnector } from './entra-id-directory';
import { msGraphReportsConnector } from './ms-graph-reports';
import { slackApiConnector } from './slack-api';
import { slackExportConnector } from './slack-export';
import { webhookConnector } from './webhook';

// Settings and credentials types differ per connector; callers validate with parseConnectorConfig.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyConnector = Connector<any, any>;

/** Every connector the worker can run, by type. Adding a data source = one folder + one line here. */
const ALL: readonly AnyConnector[] = [
  demoConnector,
  slackExportConnector,
  slackApiConnector,
  csvActivityConnector,
  webhookConnector,
  directoryCsvConnector,
  msGraphReportsConnector,
  entraIdDirectoryConnector,
];

export const CONNECTORS: ReadonlyMap<ConnectorType, AnyConnector> = new Map(
  ALL.map((connector) => [connector.type, connector]),
);

export function connectorFor(type: string): AnyConnector | undefined {
  return CONNECTORS.get(type as ConnectorType);
}
