import {
  canSyncNow,
  canUpload,
  connectorOf,
  exampleSettings,
  needsCredentials,
  schemaFields,
  schemaType,
} from './connector-catalogue';
import { CONNECTOR_CATALOGUE } from './test-data';

const connector = (type: string) => connectorOf(CONNECTOR_CATALOGUE, type)!;

describe('connector catalogue', () => {
  it('finds a connector by type, and nothing for a type the API has no connector for', () => {
    expect(connector('csv').title).toBe('Activity file (CSV, NDJSON or JSON)');
    expect(connectorOf(CONNECTOR_CATALOGUE, 'jira')).toBeUndefined();
    expect(connectorOf([], 'csv')).toBeUndefined();
  });

  it('offers "Sync now" for API sources and uploads for file sources (and uploaded reports)', () => {
    const types = CONNECTOR_CATALOGUE.map((info) => info.type);
    expect(types.filter((type) => canSyncNow(connector(type)))).toEqual([
      'demo',
      'slack-api',
      'ms-graph-reports',
    ]);
    expect(types.filter((type) => canUpload(connector(type)))).toEqual(['csv', 'ms-graph-reports']);
    expect(canSyncNow(undefined)).toBe(false);
    expect(canUpload(undefined)).toBe(false);
  });

  it('needs credentials when the credentials schema has properties', () => {
    expect(CONNECTOR_CATALOGUE.filter(needsCredentials).map((info) => info.type)).toEqual([
      'slack-api',
      'ms-graph-reports',
    ]);
  });

  it('lists the fields of a schema with type, required, default and description', () => {
    expect(schemaFields(connector('slack-api').settingsSchema)).toEqual([
      {
        name: 'identity',
        type: '"email" | "user_id"',
        required: false,
        defaultValue: '"email"',
        description: null,
      },
      { name: 'channels', type: 'list of string', required: false, defaultValue: null, description: null },
      { name: 'lookbackDays', type: 'integer', required: false, defaultValue: '90', description: null },
    ]);
    expect(schemaFields(connector('slack-api').credentialsSchema)).toEqual([
      {
        name: 'token',
        type: 'string',
        required: true,
        defaultValue: null,
        description: 'Bot token (xoxb-…)',
      },
    ]);
    expect(schemaFields(connector('demo').credentialsSchema)).toEqual([]);
    expect(schemaFields({})).toEqual([]);
  });

  it('names types compactly: formats, alternatives (once each), lists and unknowns', () => {
    expect(schemaType({ type: 'string', format: 'uri' })).toBe('string (uri)');
    expect(schemaFields(connector('ms-graph-reports').settingsSchema)[0].type).toBe('string (uuid) | string');
    expect(schemaType({ type: 'array', items: { type: 'string', enum: ['a', 'b'] } })).toBe(
      'list of "a" | "b"',
    );
    expect(schemaType({ type: ['string', 'null'] })).toBe('string | null');
    expect(schemaType({ const: 1 })).toBe('1');
    expect(schemaType({})).toBe('any');
  });

  it('builds example settings from the schema defaults, {} when there are none', () => {
    expect(exampleSettings(connector('slack-api'))).toEqual({ identity: 'email', lookbackDays: 90 });
    expect(exampleSettings(connector('csv'))).toEqual({ delimiter: ',' });
    expect(exampleSettings(connector('demo'))).toEqual({});
    expect(exampleSettings({ ...connector('demo'), settingsSchema: {} })).toEqual({});
  });
});
