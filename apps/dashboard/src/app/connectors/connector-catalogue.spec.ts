import { CONNECTOR_TYPES } from '@uptake/contracts';
import { canSyncNow, canUpload, connectorInfo, CONNECTORS } from './connector-catalogue';

describe('connector catalogue', () => {
  it('knows every connector type of the contracts', () => {
    expect(CONNECTORS.map((connector) => connector.type)).toEqual([...CONNECTOR_TYPES]);
  });

  it('offers "Sync now" for API sources and uploads for file sources (and uploaded reports)', () => {
    expect(CONNECTOR_TYPES.filter(canSyncNow)).toEqual(['demo', 'slack-api', 'ms-graph-reports']);
    expect(CONNECTOR_TYPES.filter(canUpload)).toEqual([
      'slack-export',
      'ms-graph-reports',
      'csv',
      'webhook',
      'directory-csv',
    ]);
  });

  it('treats an unknown type as an API source without uploads', () => {
    expect(connectorInfo('jira')).toMatchObject({ type: 'jira', title: 'jira', input: 'api' });
    expect(canUpload('jira')).toBe(false);
  });
});
