import type { Connector } from '@uptake/connector-sdk';
import type { ConnectorType } from '@uptake/contracts';
import { csvActivityConnector } from './csv';
import { demoConnector } from './demo';
import { directoryCsvConnector } from './directory-csv';
import { entraIdDirectoryConnector } from './entra-id-directory';
import { msGraphReportsConnector } from './ms-graph-reports';
import { msTeamsConnector } from './ms-teams';
import { msTeamsExportConnector } from './ms-teams-export';
import { slackApiConnector } from './slack-api';
import { slackExportConnector } from './slack-export';
import { vivaEngageApiConnector } from './viva-engage-api';
import { vivaEngageExportConnector } from './viva-engage-export';
import { webhookConnector } from './webhook';

// Settings and credentials types differ per connector; callers validate with parseConnectorConfig.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyConnector = Connector<any, any>;

/**
 * Every connector the worker can run: the connector each folder's index.ts exports, under the folder's name.
 * `satisfies` makes a type in CONNECTOR_TYPES without a connector a compile error; registry.spec.ts fails
 * when a folder is not listed here (shared code lives in `shared/`, which is no connector).
 */
export const CONNECTOR_FOLDERS = {
  // In the order of the API's connector catalogue (GET /api/connectors).
  demo: demoConnector,
  'slack-export': slackExportConnector,
  'slack-api': slackApiConnector,
  csv: csvActivityConnector,
  webhook: webhookConnector,
  'directory-csv': directoryCsvConnector,
  'ms-graph-reports': msGraphReportsConnector,
  'entra-id-directory': entraIdDirectoryConnector,
  'ms-teams': msTeamsConnector,
  'ms-teams-export': msTeamsExportConnector,
  'viva-engage-api': vivaEngageApiConnector,
  'viva-engage-export': vivaEngageExportConnector,
} as const satisfies Record<ConnectorType, AnyConnector>;

export const CONNECTORS: ReadonlyMap<ConnectorType, AnyConnector> = new Map(
  Object.values(CONNECTOR_FOLDERS).map((connector: AnyConnector) => [connector.type, connector]),
);

export function connectorFor(type: string): AnyConnector | undefined {
  return CONNECTORS.get(type as ConnectorType);
}
