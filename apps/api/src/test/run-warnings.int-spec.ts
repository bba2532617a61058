import { SyncRun } from '@uptake/persistence';
import request from 'supertest';
import { bearer, createTenant, startTestApi, type TestApi, type TestTenant } from './support';

/** A run's warnings as the sync-run endpoints return and document them. */
describe('run warnings through the API', () => {
  let api: TestApi;
  let tenant: TestTenant;
  const server = () => api.app.getHttpServer();

  beforeAll(async () => {
    api = await startTestApi();
    tenant = await createTenant(api.dataSource, 'warnings');
  });

  afterAll(async () => {
    await api.dataSource.query('DELETE FROM organisations WHERE id = $1', [tenant.organisation.id]);
    await api.close();
  });

  it('returns the warnings of a run on the run, the source’s runs and the organisation’s runs', async () => {
    const warnings = [
      {
        code: 'slack.skipped-entry',
        message: 'Not a conversation Uptake reads',
        count: 2,
        file: 'canvases/',
      },
      { code: 'slack.unlisted-reactions', message: 'Stored without a person', count: 4 },
    ];
    const run = await api.dataSource.getRepository(SyncRun).save({
      organisationId: tenant.organisation.id,
      sourceId: tenant.source.id,
      status: 'succeeded',
      warnings,
    });
    const organisationUrl = `/api/organisations/${tenant.organisation.id}`;
    for (const url of [
      `${organisationUrl}/sync-runs/${run.id}`,
      `${organisationUrl}/sources/${tenant.source.id}/sync-runs`,
      `${organisationUrl}/sync-runs`,
    ]) {
      const response = await request(server())
        .get(url)
        .set(...bearer(tenant.tokens.connector_maintainer))
        .expect(200);
      const body = Array.isArray(response.body)
        ? response.body.find((candidate: { id: string }) => candidate.id === run.id)
        : response.body;
      expect(body.warnings).toEqual(warnings);
    }
    // a run without any has an empty list, not null
    const fresh = await request(server())
      .get(`${organisationUrl}/sync-runs/${tenant.syncRun.id}`)
      .set(...bearer(tenant.tokens.connector_maintainer))
      .expect(200);
    expect(fresh.body.warnings).toEqual([]);
  });

  it('documents them in the OpenAPI document', () => {
    const schemas = api.openApi.components?.schemas ?? {};
    expect(schemas['SyncRunDto']).toMatchObject({
      properties: { warnings: { type: 'array', items: { $ref: '#/components/schemas/RunWarningDto' } } },
    });
    expect(schemas['RunWarningDto']).toMatchObject({ required: ['code', 'message', 'count'] });
  });
});
