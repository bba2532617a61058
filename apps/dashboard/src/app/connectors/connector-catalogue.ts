import type { ConnectorInfo } from '@uptake/contracts';

/*
 * Reading the connector catalogue of GET /api/connectors. The settings and credentials schemas are JSON
 * Schema generated from the connectors' own zod schemas, so only what such schemas contain is read here.
 */

/** URL of the catalogue (any signed-in user may read it). */
export const CONNECTORS_URL = '/api/connectors';

/** One property of a settings or credentials schema, as the "Add source" form lists it. */
export interface SchemaField {
  name: string;
  /** Compact type: `integer`, `string (uri)`, `"email" | "user_id"`, `list of string`. */
  type: string;
  required: boolean;
  /** The default as JSON, when the schema has one. */
  defaultValue: string | null;
  description: string | null;
}

type Schema = Record<string, unknown>;

const isSchema = (value: unknown): value is Schema =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The connector of a source; undefined when the API has no connector of that type (or is not loaded). */
export function connectorOf(catalogue: readonly ConnectorInfo[], type: string): ConnectorInfo | undefined {
  return catalogue.find((connector) => connector.type === type);
}

/** API sources are synced by the worker on request ("Sync now"); file sources need an upload instead. */
export function canSyncNow(connector: ConnectorInfo | undefined): boolean {
  return connector?.input === 'api';
}

/** Sources that accept uploads: file connectors, and API connectors that also read uploaded reports. */
export function canUpload(connector: ConnectorInfo | undefined): boolean {
  return (connector?.fileExtensions.length ?? 0) > 0;
}

/** The properties of an object schema, by name. */
function propertiesOf(schema: unknown): Record<string, Schema> {
  const properties = isSchema(schema) ? schema['properties'] : undefined;
  if (!isSchema(properties)) return {};
  return Object.fromEntries(
    Object.entries(properties).filter((entry): entry is [string, Schema] => isSchema(entry[1])),
  );
}

export function needsCredentials(connector: ConnectorInfo): boolean {
  return Object.keys(propertiesOf(connector.credentialsSchema)).length > 0;
}

/** A property's type in a few characters; `any` when the schema does not say. */
export function schemaType(schema: Schema): string {
  if (Array.isArray(schema['enum'])) return schema['enum'].map((value) => JSON.stringify(value)).join(' | ');
  if ('const' in schema) return JSON.stringify(schema['const']);
  const variants = schema['anyOf'] ?? schema['oneOf'];
  if (Array.isArray(variants)) {
    return [...new Set(variants.filter(isSchema).map(schemaType))].join(' | ') || 'any';
  }
  const types = Array.isArray(schema['type']) ? schema['type'] : [schema['type']];
  const named = types.filter((type): type is string => typeof type === 'string');
  if (named.length === 0) return 'any';
  return named
    .map((type) => {
      if (type === 'array')
        return `list of ${isSchema(schema['items']) ? schemaType(schema['items']) : 'any'}`;
      return typeof schema['format'] === 'string' ? `${type} (${schema['format']})` : type;
    })
    .join(' | ');
}

/** The top-level properties of a settings or credentials schema, in the schema's order. */
export function schemaFields(schema: Record<string, unknown>): SchemaField[] {
  const required = Array.isArray(schema['required']) ? schema['required'] : [];
  return Object.entries(propertiesOf(schema)).map(([name, property]) => ({
    name,
    type: schemaType(property),
    required: required.includes(name),
    defaultValue: 'default' in property ? JSON.stringify(property['default']) : null,
    description: typeof property['description'] === 'string' ? property['description'] : null,
  }));
}

/** Settings to start the "Add source" form with: the schema's defaults (`{}` when it has none). */
export function exampleSettings(connector: ConnectorInfo): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(propertiesOf(connector.settingsSchema))
      .filter(([, property]) => 'default' in property)
      .map(([name, property]) => [name, property['default']]),
  );
}
