import { AccessToken, ensureMember } from '@uptake/persistence';
import { hashPassword, newToken } from '@uptake/security';
import { uniqueSuffix } from '@uptake/testing';
import request from 'supertest';
import {
  bearer,
  createTenant,
  fromDashboard,
  operations,
  startTestApi,
  type TestApi,
  type TestTenant,
} from './support';

const PASSWORD = 'works-for-two-organisations';

interface AuditRow {
  action: string;
  actorUserId: string | null;
  ip: string | null;
}

describe('accounts across organisations', () => {
  let api: TestApi;
  let a: TestTenant;
  let b: TestTenant;
  const server = () => api.app.getHttpServer();
  const audit = async (tenant: TestTenant): Promise<AuditRow[]> =>
    (
      await request(server())
        .get(`/api/organisations/${tenant.organisation.id}/audit-events?limit=200`)
        .set(...bearer(tenant.tokens.admin))
        .expect(200)
    ).body;

  beforeAll(async () => {
    api = await startTestApi();
    await api.app.listen(0, '127.0.0.1');
    a = await createTenant(api.dataSource, 'two-orgs-a');
    b = await createTenant(api.dataSource, 'two-orgs-b');
  });

  afterAll(async () => {
    await api.dataSource.query('DELETE FROM organisations WHERE id = ANY($1)', [
      [a.organisation.id, b.organisation.id],
    ]);
    await api.close();
  });

  it("no organisation's audit log shows what its member did elsewhere or when they signed in", async () => {
    const email = `consultant.${uniqueSuffix()}@two.test`;
    const { user } = await ensureMember(api.dataSource, {
      email,
      passwordHash: () => hashPassword(PASSWORD),
      organisationId: a.organisation.id,
      role: 'executive',
    });
    await ensureMember(api.dataSource, {
      email,
      passwordHash: () => hashPassword(PASSWORD),
      organisationId: b.organisation.id,
      role: 'admin',
    });

    // a working session for organisation B only: sign in, a wrong password first, an API token, sign out
    await request(server()).post('/api/auth/login').send({ email, password: 'not it' }).expect(401);
    const login = await request(server())
      .post('/api/auth/login')
      .send({ email, password: PASSWORD })
      .expect(200);
    const cookie = (login.headers['set-cookie'] as unknown as string[])[0].split(';')[0];
    await fromDashboard(request(server()).post(`/api/organisations/${b.organisation.id}/api-tokens`))
      .set('Cookie', cookie)
      .send({ name: 'b automation', role: 'executive' })
      .expect(201);
    await fromDashboard(request(server()).post('/api/auth/logout')).set('Cookie', cookie).expect(204);

    const inA = (await audit(a)).filter((event) => event.actorUserId === user.id);
    expect(inA).toEqual([]);
    const inB = (await audit(b)).filter((event) => event.actorUserId === user.id).map((e) => e.action);
    expect(inB).toEqual(['api_token.created']);
    // account events are kept, outside any organisation
    const account = await api.dataSource.query(
      `SELECT action, organisation_id FROM audit_events WHERE actor_user_id = $1 AND action LIKE 'auth.%' ORDER BY id`,
      [user.id],
    );
    expect(account).toEqual([
      { action: 'auth.login_failed', organisation_id: null },
      { action: 'auth.login', organisation_id: null },
      { action: 'auth.logout', organisation_id: null },
    ]);
  });
});

describe('API tokens act with the current rights of their creator', () => {
  let api: TestApi;
  let tenant: TestTenant;
  const server = () => api.app.getHttpServer();
  const goals = () => `/api/organisations/${tenant.organisation.id}/goals`;
  const goal = { name: 'token goal', kpi: 'adoption_rate', baseline: 0, target: 0.5 };

  beforeAll(async () => {
    api = await startTestApi();
    tenant = await createTenant(api.dataSource, 'token-rights');
  });

  afterAll(async () => {
    await api.dataSource.query('DELETE FROM organisations WHERE id = $1', [tenant.organisation.id]);
    await api.close();
  });

  /**
   * Another admin (the tenant's own admin stays, so demoting or removing this one is allowed) who creates
   * an API token with `role` through the API, signed in with a session of their own.
   */
  async function adminWithToken(role: string): Promise<{ userId: string; token: string; tokenId: string }> {
    const { user } = await ensureMember(api.dataSource, {
      email: `creator.${uniqueSuffix()}@tokens.test`,
      passwordHash: async () => '!',
      organisationId: tenant.organisation.id,
      role: 'admin',
    });
    const session = newToken('ups');
    await api.dataSource.getRepository(AccessToken).save({
      kind: 'session',
      tokenHash: session.hash,
      userId: user.id,
      expiresAt: new Date(Date.now() + 3_600_000),
    });
    const created = await request(server())
      .post(`/api/organisations/${tenant.organisation.id}/api-tokens`)
      .set(...bearer(session.token))
      .send({ name: 'automation', role })
      .expect(201);
    return { userId: user.id, token: created.body.token, tokenId: created.body.id };
  }

  it('demoting the creator narrows the token at once; removing them revokes it (401, also after re-joining)', async () => {
    const { userId, token, tokenId } = await adminWithToken('admin');
    await request(server())
      .post(goals())
      .set(...bearer(token))
      .send(goal)
      .expect(201);

    await request(server())
      .patch(`/api/organisations/${tenant.organisation.id}/members/${userId}`)
      .set(...bearer(tenant.tokens.admin))
      .send({ role: 'executive' })
      .expect(200);
    const refused = await request(server())
      .post(goals())
      .set(...bearer(token))
      .send(goal)
      .expect(403);
    expect(refused.body.message).toMatch(/yours is executive/);
    await request(server())
      .get(goals())
      .set(...bearer(token))
      .expect(200); // executives may read
    await request(server())
      .get(`/api/organisations/${tenant.organisation.id}/members`)
      .set(...bearer(token))
      .expect(403);

    await request(server())
      .delete(`/api/organisations/${tenant.organisation.id}/members/${userId}`)
      .set(...bearer(tenant.tokens.admin))
      .expect(204);
    await request(server())
      .get(goals())
      .set(...bearer(token))
      .expect(401);
    const [row] = await api.dataSource.query('SELECT revoked_at FROM access_tokens WHERE id = $1', [tokenId]);
    expect(row.revoked_at).not.toBeNull();

    // invited back as admin: the old token stays dead
    await api.dataSource.query(
      `INSERT INTO memberships (organisation_id, user_id, role) VALUES ($1, $2, 'admin')`,
      [tenant.organisation.id, userId],
    );
    await request(server())
      .get(goals())
      .set(...bearer(token))
      .expect(401);
  });

  it('a token never has more than its own role, and none that the creator’s role does not share', async () => {
    const { userId, token } = await adminWithToken('change_manager');
    await request(server())
      .post(goals())
      .set(...bearer(token))
      .send(goal)
      .expect(201);
    await request(server())
      .get(`/api/organisations/${tenant.organisation.id}/api-tokens`)
      .set(...bearer(token))
      .expect(403);
    // creator becomes a connector maintainer: no right in common with a change manager's token
    await api.dataSource.query(
      `UPDATE memberships SET role = 'connector_maintainer' WHERE organisation_id = $1 AND user_id = $2`,
      [tenant.organisation.id, userId],
    );
    await request(server())
      .get(goals())
      .set(...bearer(token))
      .expect(401);
    await request(server())
      .get(`/api/organisations/${tenant.organisation.id}/sources`)
      .set(...bearer(token))
      .expect(401);
  });

  it('a disabled creator’s tokens are refused', async () => {
    const { userId, token } = await adminWithToken('executive');
    await request(server())
      .get(goals())
      .set(...bearer(token))
      .expect(200);
    await api.dataSource.query('UPDATE users SET disabled_at = now() WHERE id = $1', [userId]);
    await request(server())
      .get(goals())
      .set(...bearer(token))
      .expect(401);
  });

  it('relies on a role order that every route keeps: a change manager may do all an executive may', () => {
    const routes = operations(api.openApi).filter((op) => op.roles);
    expect(routes.length).toBeGreaterThan(20);
    for (const op of routes) {
      const roles = op.roles!;
      expect({ route: `${op.method} ${op.path}`, admin: roles.includes('admin') }).toEqual({
        route: `${op.method} ${op.path}`,
        admin: true,
      });
      if (roles.includes('executive'))
        expect({ route: `${op.method} ${op.path}`, roles }).toEqual({
          route: `${op.method} ${op.path}`,
          roles: expect.arrayContaining(['change_manager']),
        });
    }
  });
});
