import { ROLES } from '@uptake/persistence';
import request from 'supertest';
import {
  bearer,
  createTenant,
  fillPath,
  operations,
  pathValues,
  startTestApi,
  type TestApi,
  type TestTenant,
} from './support';
import { VALID_BODIES, VALID_QUERIES } from './valid-requests';

/** Routes that need no sign-in, by design (an invitation's link token is its own credential). */
const PUBLIC = new Set([
  'get /api/health',
  'get /api/health/live',
  'get /api/health/ready',
  'post /api/auth/login',
  'post /api/invitations/lookup',
  'post /api/invitations/accept',
  // The SSO sign-in: its state and the provider's answer are the credential (sso.int-spec.ts).
  'get /api/auth/sso/{organisationSlug}/start',
  'get /api/auth/sso/callback',
]);

function urlFor(op: { method: string; path: string }, values: Record<string, string>): string {
  return fillPath(op.path, values) + (VALID_QUERIES[`${op.method} ${op.path}`] ?? '');
}

describe('access control on every endpoint of the OpenAPI document', () => {
  let api: TestApi;
  let a: TestTenant;
  let b: TestTenant;

  beforeAll(async () => {
    api = await startTestApi();
    a = await createTenant(api.dataSource, 'alpha');
    b = await createTenant(api.dataSource, 'beta');
  });

  afterAll(async () => {
    await api.dataSource.query('DELETE FROM organisations WHERE id = ANY($1)', [
      [a.organisation.id, b.organisation.id],
    ]);
    await api.close();
  });

  const all = () => operations(api.openApi).filter((op) => !PUBLIC.has(`${op.method} ${op.path}`));
  const send = (method: string, url: string) => request(api.app.getHttpServer())[method as 'get'](url);

  it('documents a role policy for every route inside an organisation, and roles in OpenAPI', () => {
    const organisationRoutes = all().filter((op) => op.path.includes('{organisationId}'));
    expect(organisationRoutes.length).toBeGreaterThanOrEqual(12);
    for (const op of organisationRoutes) {
      expect({ route: `${op.method} ${op.path}`, roles: op.roles }).toEqual({
        route: `${op.method} ${op.path}`,
        roles: expect.arrayContaining([
          expect.stringMatching(/^(admin|change_manager|executive|connector_maintainer)$/),
        ]),
      });
    }
  });

  it('answers 401 without credentials and with an unknown token', async () => {
    for (const op of all()) {
      const url = urlFor(op, pathValues(a));
      const anonymous = await send(op.method, url).send(VALID_BODIES[`${op.method} ${op.path}`]);
      expect(`${op.method} ${op.path} -> ${anonymous.status}`).toBe(`${op.method} ${op.path} -> 401`);
      const forged = await send(op.method, url).set(...bearer(`ups_${'x'.repeat(43)}`));
      expect(`${op.method} ${op.path} -> ${forged.status}`).toBe(`${op.method} ${op.path} -> 401`);
    }
  });

  it('answers 403 to members whose role is not allowed', async () => {
    let checked = 0;
    for (const op of all().filter((o) => o.roles)) {
      for (const role of ROLES.filter((r) => !op.roles!.includes(r))) {
        const response = await send(op.method, urlFor(op, pathValues(a)))
          .set(...bearer(a.tokens[role]))
          .send(VALID_BODIES[`${op.method} ${op.path}`]);
        expect(`${role}: ${op.method} ${op.path} -> ${response.status}`).toBe(
          `${role}: ${op.method} ${op.path} -> 403`,
        );
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(10);
  });

  it("answers 404 to another organisation's admin, never revealing that the organisation exists", async () => {
    for (const op of all().filter((o) => o.roles)) {
      const response = await send(op.method, urlFor(op, pathValues(a)))
        .set(...bearer(b.tokens.admin))
        .send(VALID_BODIES[`${op.method} ${op.path}`]);
      expect(`${op.method} ${op.path} -> ${response.status}`).toBe(`${op.method} ${op.path} -> 404`);
      // the same answer as for an organisation id that does not exist
      const unknown = await send(
        op.method,
        urlFor(op, { ...pathValues(a), organisationId: '9d0e7c58-0b1a-4c3e-9f0a-0123456789ab' }),
      )
        .set(...bearer(b.tokens.admin))
        .send(VALID_BODIES[`${op.method} ${op.path}`]);
      expect(unknown.status).toBe(404);
      expect(unknown.body.message.replace(/[0-9a-f-]{36}/, 'ID')).toBe(
        response.body.message.replace(/[0-9a-f-]{36}/, 'ID'),
      );
    }
  });

  it("answers 404 when an admin addresses another organisation's resource through their own organisation", async () => {
    const nested = all().filter(
      (o) =>
        o.roles &&
        /\{(sourceId|syncRunId|userId|tokenId|goalId|invitationId|interventionId|ruleId)\}/.test(o.path),
    );
    expect(nested.length).toBeGreaterThanOrEqual(6);
    for (const op of nested) {
      const response = await send(
        op.method,
        urlFor(op, { ...pathValues(a), organisationId: b.organisation.id }),
      )
        .set(...bearer(b.tokens.admin))
        .send(VALID_BODIES[`${op.method} ${op.path}`]);
      expect(`${op.method} ${op.path} -> ${response.status}`).toBe(`${op.method} ${op.path} -> 404`);
    }
    // and nothing of A changed
    const source = await api.dataSource.query('SELECT name FROM data_sources WHERE id = $1', [a.source.id]);
    expect(source).toEqual([{ name: 'test source' }]);
    const membership = await api.dataSource.query('SELECT role FROM memberships WHERE user_id = $1', [
      a.users.executive.id,
    ]);
    expect(membership).toEqual([{ role: 'executive' }]);
  });

  it('lists only the caller’s organisations', async () => {
    const response = await request(api.app.getHttpServer())
      .get('/api/organisations')
      .set(...bearer(b.tokens.executive))
      .expect(200);
    expect(response.body.map((o: { id: string }) => o.id)).toEqual([b.organisation.id]);
  });

  it('lets an API token act only in its organisation with its role', async () => {
    const created = await request(api.app.getHttpServer())
      .post(`/api/organisations/${a.organisation.id}/api-tokens`)
      .set(...bearer(a.tokens.admin))
      .send({ name: 'automation', role: 'connector_maintainer' })
      .expect(201);
    const token = created.body.token as string;
    expect(token).toMatch(/^upt_/);
    const server = api.app.getHttpServer();
    await request(server)
      .get(`/api/organisations/${a.organisation.id}/sources`)
      .set(...bearer(token))
      .expect(200);
    await request(server)
      .get(`/api/organisations/${a.organisation.id}/members`)
      .set(...bearer(token))
      .expect(403);
    await request(server)
      .get(`/api/organisations/${b.organisation.id}/sources`)
      .set(...bearer(token))
      .expect(404);

    const listed = await request(server)
      .get(`/api/organisations/${a.organisation.id}/api-tokens`)
      .set(...bearer(a.tokens.admin))
      .expect(200);
    expect(JSON.stringify(listed.body)).not.toContain(token);
  });
});
