import type { OrganisationSettings } from '@uptake/contracts';
import request from 'supertest';
import { bearer, createTenant, startTestApi, type TestApi, type TestTenant } from './support';

/** The eventRetentionMonths setting (issue 18): null keeps every event; the worker deletes older months. */
describe('event retention setting', () => {
  let api: TestApi;
  let tenant: TestTenant;
  const server = () => api.app.getHttpServer();
  const url = () => `/api/organisations/${tenant.organisation.id}/settings`;
  const patch = (body: unknown, token = tenant.tokens.admin) =>
    request(server())
      .patch(url())
      .set(...bearer(token))
      .send(body as object);
  const read = async (): Promise<OrganisationSettings> =>
    (
      await request(server())
        .get(url())
        .set(...bearer(tenant.tokens.admin))
        .expect(200)
    ).body;
  const audited = async () =>
    (
      await api.dataSource.query(
        `SELECT details FROM audit_events
         WHERE organisation_id = $1 AND action = 'organisation.settings_changed' ORDER BY id`,
        [tenant.organisation.id],
      )
    ).map((row: { details: unknown }) => row.details);

  beforeAll(async () => {
    api = await startTestApi();
    tenant = await createTenant(api.dataSource, 'retention-setting');
  });

  afterAll(async () => {
    await api.dataSource.query('DELETE FROM organisations WHERE id = $1', [tenant.organisation.id]);
    await api.close();
  });

  it('is documented as a nullable whole number of 3 to 120 months', () => {
    const schemas = api.openApi.components!.schemas as Record<
      string,
      { properties: Record<string, Record<string, unknown>> }
    >;
    expect(schemas['UpdateOrganisationSettingsDto'].properties['eventRetentionMonths']).toMatchObject({
      anyOf: [{ type: 'integer', minimum: 3, maximum: 120 }, { type: 'null' }],
    });
    expect(schemas['OrganisationSettingsDto'].properties).toHaveProperty('eventRetentionMonths');
  });

  it('keeps everything by default', async () => {
    expect((await read()).eventRetentionMonths).toBeNull();
  });

  it.each([
    [2, 'eventRetentionMonths must be a whole number from 3 to 120 (got 2)'],
    [121, 'eventRetentionMonths must be a whole number from 3 to 120 (got 121)'],
    [12.5, 'eventRetentionMonths must be a whole number from 3 to 120 (got 12.5)'],
    ['12', 'eventRetentionMonths must be a whole number from 3 to 120 (got "12")'],
  ])('refuses %j with a 400 naming the field and the value', async (value, message) => {
    const response = await patch({ eventRetentionMonths: value }).expect(400);
    expect(response.body.message).toEqual([message]);
    expect((await read()).eventRetentionMonths).toBeNull();
  });

  it('is changed by admins only, saved, served, audited from/to, and removed with null', async () => {
    await patch({ eventRetentionMonths: 24 }, tenant.tokens.change_manager).expect(403);

    const { body } = await patch({ eventRetentionMonths: 24 }).expect(200);
    expect(body).toMatchObject({
      settings: { eventRetentionMonths: 24 },
      changed: ['eventRetentionMonths'],
      rollupRefresh: null,
    });
    expect((await read()).eventRetentionMonths).toBe(24);
    const [row] = await api.dataSource.query(
      'SELECT event_retention_months AS months FROM organisations WHERE id = $1',
      [tenant.organisation.id],
    );
    expect(row.months).toBe(24);

    const removed = await patch({ eventRetentionMonths: null }).expect(200);
    expect(removed.body).toMatchObject({
      settings: { eventRetentionMonths: null },
      changed: ['eventRetentionMonths'],
    });
    expect((await read()).eventRetentionMonths).toBeNull();
    expect(await audited()).toEqual([
      { eventRetentionMonths: { from: null, to: 24 } },
      { eventRetentionMonths: { from: 24, to: null } },
    ]);

    // The same value again changes and audits nothing.
    expect((await patch({ eventRetentionMonths: null }).expect(200)).body.changed).toEqual([]);
    expect(await audited()).toHaveLength(2);
  });
});
