import { ensureMember, Organisation } from '@uptake/persistence';
import { hashPassword } from '@uptake/security';
import { uniqueSuffix } from '@uptake/testing';
import request from 'supertest';
import { bearer, createTenant, fromDashboard, startTestApi, type TestApi, type TestTenant } from './support';

const PASSWORD = 'correct horse battery staple';

describe('sign-in, sessions, tokens, members and audit', () => {
  let api: TestApi;
  let tenant: TestTenant;
  let email: string;
  const server = () => api.app.getHttpServer();

  beforeAll(async () => {
    api = await startTestApi();
    await api.app.listen(0, '127.0.0.1'); // one origin for the cookie requests (fromDashboard)
    tenant = await createTenant(api.dataSource, 'auth-test');
    email = `person.${uniqueSuffix()}@auth.test`;
    await ensureMember(api.dataSource, {
      email,
      passwordHash: () => hashPassword(PASSWORD),
      organisationId: tenant.organisation.id,
      role: 'change_manager',
    });
  });

  afterAll(async () => {
    await api.dataSource.getRepository(Organisation).delete(tenant.organisation.id);
    await api.close();
  });

  it('signs in with an HttpOnly session cookie, not a token in the body, and signs out at once', async () => {
    const login = await request(server())
      .post('/api/auth/login')
      .send({ email: email.toUpperCase(), password: PASSWORD })
      .expect(200);
    expect(login.body).toMatchObject({
      kind: 'session',
      email,
      memberships: [
        { organisationId: tenant.organisation.id, role: 'change_manager', organisationName: 'auth-test' },
      ],
    });
    expect(JSON.stringify(login.body)).not.toMatch(/ups_/);
    const cookie = login.headers['set-cookie'][0] as string;
    expect(cookie).toMatch(/^uptake_session=ups_/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);

    const session = cookie.split(';')[0];
    await request(server()).get('/api/auth/me').set('Cookie', session).expect(200);
    await request(server())
      .get(`/api/organisations/${tenant.organisation.id}/activity/daily`)
      .set('Cookie', session)
      .expect(200);
    await fromDashboard(request(server()).post('/api/auth/logout')).set('Cookie', session).expect(204);
    await request(server()).get('/api/auth/me').set('Cookie', session).expect(401);
  });

  it("keeps the signed-in user's language, follows the organisation's default without one, and refuses it for tokens", async () => {
    const login = await request(server())
      .post('/api/auth/login')
      .send({ email, password: PASSWORD })
      .expect(200);
    expect(login.body).toMatchObject({ locale: 'en', preferredLocale: null });
    const session = (login.headers['set-cookie'][0] as string).split(';')[0];
    const patchMe = (body: object) =>
      fromDashboard(request(server()).patch('/api/auth/me')).set('Cookie', session).send(body);

    expect((await patchMe({ locale: 'nl' }).expect(200)).body).toMatchObject({
      locale: 'nl',
      preferredLocale: 'nl',
    });
    expect(
      (await request(server()).get('/api/auth/me').set('Cookie', session).expect(200)).body,
    ).toMatchObject({
      locale: 'nl',
    });
    // Back to the organisation's default, whatever it is: Dutch here, then English again.
    await api.dataSource.query(`UPDATE organisations SET default_locale = 'nl' WHERE id = $1`, [
      tenant.organisation.id,
    ]);
    expect((await patchMe({ locale: null }).expect(200)).body).toMatchObject({
      locale: 'nl',
      preferredLocale: null,
    });
    await api.dataSource.query(`UPDATE organisations SET default_locale = 'en' WHERE id = $1`, [
      tenant.organisation.id,
    ]);
    expect((await request(server()).get('/api/auth/me').set('Cookie', session).expect(200)).body.locale).toBe(
      'en',
    );

    expect((await patchMe({ locale: 'de' }).expect(400)).body.message).toEqual([
      'locale must be one of en, nl (got "de")',
    ]);
    expect((await patchMe({}).expect(400)).body.message).toEqual([expect.stringMatching(/^locale /)]);
    expect((await patchMe({ locale: 'en', role: 'admin' }).expect(400)).body.message).toEqual([
      'property role should not exist',
    ]);
    const token = await request(server())
      .post(`/api/organisations/${tenant.organisation.id}/api-tokens`)
      .set(...bearer(tenant.tokens.admin))
      .send({ name: 'locale', role: 'executive', expiresInDays: 1 })
      .expect(201);
    expect(
      (
        await request(server())
          .get('/api/auth/me')
          .set(...bearer(token.body.token))
          .expect(200)
      ).body,
    ).toMatchObject({ kind: 'api', locale: 'en', preferredLocale: null });
    await request(server())
      .patch('/api/auth/me')
      .set(...bearer(token.body.token))
      .send({ locale: 'nl' })
      .expect(403);
  });

  it('refuses a wrong password with the same message as an unknown account, and audits both', async () => {
    const wrong = await request(server())
      .post('/api/auth/login')
      .send({ email, password: 'not the password' })
      .expect(401);
    const unknown = await request(server())
      .post('/api/auth/login')
      .send({ email: `nobody.${uniqueSuffix()}@auth.test`, password: 'whatever' })
      .expect(401);
    expect(wrong.body.message).toBe('E-mail or password is wrong');
    expect(unknown.body.message).toBe(wrong.body.message);
    const failures = await api.dataSource.query(
      `SELECT count(*)::int AS n FROM audit_events WHERE action = 'auth.login_failed' AND details->>'email' = $1`,
      [email],
    );
    expect(failures[0].n).toBeGreaterThanOrEqual(1);
  });

  it('revokes an API token immediately', async () => {
    const created = await request(server())
      .post(`/api/organisations/${tenant.organisation.id}/api-tokens`)
      .set(...bearer(tenant.tokens.admin))
      .send({ name: 'ci', role: 'executive', expiresInDays: 30 })
      .expect(201);
    const url = `/api/organisations/${tenant.organisation.id}/activity/daily`;
    await request(server())
      .get(url)
      .set(...bearer(created.body.token))
      .expect(200);
    await request(server())
      .delete(`/api/organisations/${tenant.organisation.id}/api-tokens/${created.body.id}`)
      .set(...bearer(tenant.tokens.admin))
      .expect(204);
    await request(server())
      .get(url)
      .set(...bearer(created.body.token))
      .expect(401);
  });

  it('manages members, audits role changes and keeps the last admin', async () => {
    const admin = (req: request.Test) => req.set(...bearer(tenant.tokens.admin));
    const base = `/api/organisations/${tenant.organisation.id}/members`;
    const { user: added } = await ensureMember(api.dataSource, {
      email: `new.${uniqueSuffix()}@auth.test`,
      passwordHash: async () => '!',
      organisationId: tenant.organisation.id,
      role: 'executive',
    });

    await admin(request(server()).patch(`${base}/${added.id}`).send({ role: 'change_manager' })).expect(200);
    const audit = await admin(
      request(server()).get(`/api/organisations/${tenant.organisation.id}/audit-events`),
    ).expect(200);
    expect(audit.body[0]).toMatchObject({
      action: 'member.role_changed',
      targetId: added.id,
      details: { from: 'executive', to: 'change_manager' },
    });

    const lastAdmin = await admin(request(server()).delete(`${base}/${tenant.users.admin.id}`)).expect(409);
    expect(lastAdmin.body.message).toBe('An organisation keeps at least one admin');
    await admin(
      request(server()).patch(`${base}/${tenant.users.admin.id}`).send({ role: 'executive' }),
    ).expect(409);

    const badRole = await admin(
      request(server()).patch(`${base}/${added.id}`).send({ role: 'owner' }),
    ).expect(400);
    expect(badRole.body.message).toContain(
      'role must be one of admin, change_manager, executive, connector_maintainer',
    );
    await admin(request(server()).delete(`${base}/${added.id}`)).expect(204);
  });

  it('stores connector credentials encrypted and never returns them', async () => {
    const secret = `client-secret-${uniqueSuffix()}`;
    const created = await request(server())
      .post(`/api/organisations/${tenant.organisation.id}/sources`)
      .set(...bearer(tenant.tokens.connector_maintainer))
      .send({
        name: `slack ${uniqueSuffix()}`,
        connectorType: 'ms-graph-reports',
        credentials: { clientId: '5f1c2d3e-4a5b-4c6d-8e7f-90a1b2c3d4e5', clientSecret: secret },
        settings: { tenantId: 'contoso.onmicrosoft.com' },
      })
      .expect(201);
    expect(created.body).toMatchObject({
      hasCredentials: true,
      settings: { tenantId: 'contoso.onmicrosoft.com' },
    });
    expect(JSON.stringify(created.body)).not.toContain(secret);
    const listed = await request(server())
      .get(`/api/organisations/${tenant.organisation.id}/sources`)
      .set(...bearer(tenant.tokens.connector_maintainer))
      .expect(200);
    expect(JSON.stringify(listed.body)).not.toContain(secret);
    const [row] = await api.dataSource.query('SELECT encrypted_config FROM data_sources WHERE id = $1', [
      created.body.id,
    ]);
    expect(row.encrypted_config.toString('latin1')).not.toContain(secret);
    const audit = await api.dataSource.query(`SELECT details FROM audit_events WHERE target_id = $1`, [
      created.body.id,
    ]);
    expect(JSON.stringify(audit)).not.toContain(secret);
  });
});
