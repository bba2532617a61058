import type { ConnectorInfo } from '@uptake/contracts';

/*
 * Reading the connector catalogue of GET /api/connectors. The settings and credentials schemas are JSON
 * Schema generated from the connectors' own zod schemas, so only what such schemas contain is read here.
 */

/** URL of the catalogue (any signed-in user may read it). */
export const CONNECTORS_URL = '/api/connectors';

/** The connector of a source; undefined when the API has no connector of that type (or is not loaded). */
export function connectorOf(catalogue: readonly ConnectorInfo[], type: string): ConnectorInfo | undefined {
  return catalogue.find((connector) => connector.type === type);
}

/** API sources are synced by the worker on request ("Sync now"); file sources need an upload instead. */
export function canSyncNow(connector: ConnectorInfo | undefined): boolean {
  return connector?.input === 'api';
}

/** API sources whose connector checks credentials and permissions on request ("Test connection"). */
export function canTestConnection(connector: ConnectorInfo | undefined): boolean {
  return connector?.connectionTest === true;
}

/** Sources that accept uploads: file connectors, and API connectors that also read uploaded reports. */
export function canUpload(connector: ConnectorInfo | undefined): boolean {
  return (connector?.fileExtensions.length ?? 0) > 0;
}
