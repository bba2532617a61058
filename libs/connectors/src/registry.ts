import type { Connector } from '@uptake/connector-sdk';
import type { ConnectorType } from '@uptake/contracts';
import { demoConnector } from './demo';

// Settings and credentials types differ per connector; callers validate with parseConnectorConfig.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyConnector = Connector<any, any>;

/** Every connector the worker can run, by type. Adding a data source = one folder + one line here. */
const ALL: readonly AnyConnector[] = [demoConnector];

export const CONNECTORS: ReadonlyMap<ConnectorType, AnyConnector> = new Map(
  ALL.map((connector) => [connector.type, connector]),
);

export function connectorFor(type: string): AnyConnector | undefined {
  return CONNECTORS.get(type as ConnectorType);
}
