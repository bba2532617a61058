import { canSyncNow, canUpload, connectorOf } from './connector-catalogue';
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
});
