import { ensureMember, Organisation } from '@uptake/persistence';
import { hashPassword } from '@uptake/security';
import { uniqueSuffix } from '@uptake/testing';
import request from 'supertest';
import { startTestProvider, type TestProvider } from './oidc-test-provider';
import { bearer, createTenant, fromDashboard, startTestApi, type TestApi, type TestTenant } from './support';

/**
 * Single sign-on against a real OpenID provider (oidc-provider on 127.0.0.1), driven the way a browser
 * goes: the API's start redirect, the provider's login form, the redirect back to the callback. The
 * provider's redirect is read, not followed: PUBLIC_URL is a name the test resolves to the API itself.
 */
const PUBLIC_URL = 'http://uptake.test';
const CALLBACK = `${PUBLIC_URL}/api/auth/sso/callback`;
const PASSWORD = 'correct horse battery staple';
const IDLE_MINUTES = 5;

describe('single sign-on with OpenID Connect', () => {
  let api: TestApi;
  let idp: TestProvider;
  let tenant: TestTenant;
  /** Another organisation (password sign-in) that some of the accounts also belong to. */
  let other: TestTenant;
  const server = () => api.app.getHttpServer();
  const client = { clientId: 'uptake', clientSecret: `uptake-secret-${uniqueSuffix()}` };
  const otherClient = { clientId: 'another-app', clientSecret: `another-secret-${uniqueSuffix()}` };
  const email = (name: string) => `${name}.${uniqueSuffix()}@sso.test`;

  beforeAll(async () => {
    api = await startTestApi({ PUBLIC_URL, SESSION_IDLE_MINUTES: String(IDLE_MINUTES) });
    await api.app.listen(0, '127.0.0.1'); // an origin for the cookie requests (fromDashboard)
    idp = await startTestProvider([client, otherClient], [CALLBACK]);
    tenant = await createTenant(api.dataSource, 'sso');
    other = await createTenant(api.dataSource, 'sso-other');
    await request(server())
      .put(`/api/organisations/${tenant.organisation.id}/sso`)
      .set(...bearer(tenant.tokens.admin))
      .send({
        issuer: idp.issuer,
        ...client,
        scopes: 'openid email profile groups',
        roleClaim: 'groups',
        roleMapping: { 'uptake-managers': 'change_manager', 'uptake-admins': 'admin' },
        allowedEmailDomains: ['sso.test'],
      })
      .expect(200);
  });

  afterAll(async () => {
    await api.dataSource.getRepository(Organisation).delete([tenant.organisation.id, other.organisation.id]);
    await api.dataSource.query(`DELETE FROM users WHERE email LIKE '%@sso.test'`);
    await idp?.close();
    await api?.close();
  });

  /** GET …/start as a browser: the redirect and the binding cookie it sets. */
  async function start(returnTo = '/kpis', slug = tenant.organisation.slug) {
    const response = await request(server())
      .get(`/api/auth/sso/${slug}/start`)
      .query({ returnTo })
      .expect(302);
    const binding = (response.headers['set-cookie'] as unknown as string[] | undefined)
      ?.find((cookie) => cookie.startsWith('uptake_sso='))
      ?.split(';')[0];
    return { location: response.headers['location'] as string, binding, response };
  }

  /** The callback as the browser sends it after the provider: the redirect and the session cookie. */
  async function callback(callbackUrl: string, binding: string | undefined) {
    const url = new URL(callbackUrl);
    const pending = request(server()).get(url.pathname + url.search);
    const response = await (binding ? pending.set('Cookie', binding) : pending).expect(302);
    const session = (response.headers['set-cookie'] as unknown as string[] | undefined)
      ?.find((cookie) => cookie.startsWith('uptake_session='))
      ?.split(';')[0];
    return { location: response.headers['location'] as string, session, response };
  }

  /** A whole sign-in of the provider account `login`. */
  async function signIn(login: string, returnTo = '/kpis') {
    const started = await start(returnTo);
    const back = await idp.signIn(started.location, login, CALLBACK);
    return { ...(await callback(back, started.binding)), callbackUrl: back, binding: started.binding };
  }

  const me = (session: string) => request(server()).get('/api/auth/me').set('Cookie', session);

  it('signs a new person in: the mapped role as a just-in-time member, a session that works, audited', async () => {
    const address = email('ann');
    idp.accounts.set('ann', { email: address, email_verified: true, groups: ['staff', 'uptake-managers'] });

    const started = await start('/kpis?range=90d');
    const authorization = new URL(started.location);
    expect(authorization.origin).toBe(idp.issuer);
    expect(Object.fromEntries(authorization.searchParams)).toMatchObject({
      client_id: client.clientId,
      response_type: 'code',
      code_challenge_method: 'S256',
      redirect_uri: CALLBACK,
      scope: 'openid email profile groups',
    });
    expect(authorization.searchParams.get('state')).toMatch(/^[\w-]{20,}$/);
    expect(authorization.searchParams.get('nonce')).toMatch(/^[\w-]{20,}$/);
    const bindingCookie = (started.response.headers['set-cookie'] as unknown as string[])[0];
    expect(bindingCookie).toMatch(/HttpOnly/);
    expect(bindingCookie).toMatch(/SameSite=Lax/);
    expect(bindingCookie).toMatch(/Path=\/api\/auth\/sso/);

    const back = await idp.signIn(started.location, 'ann', CALLBACK);
    const signedIn = await callback(back, started.binding);
    expect(signedIn.location).toBe(`${PUBLIC_URL}/kpis?range=90d`);
    expect(signedIn.session).toMatch(/^uptake_session=ups_/);
    expect((signedIn.response.headers['set-cookie'] as unknown as string[]).join()).toMatch(
      /SameSite=Strict/,
    );

    // 'uptake-managers' maps to change_manager; 'staff' maps to nothing
    const who = await me(signedIn.session!).expect(200);
    expect(who.body).toMatchObject({
      kind: 'session',
      email: address,
      memberships: [{ organisationId: tenant.organisation.id, role: 'change_manager' }],
    });
    await request(server())
      .get(`/api/organisations/${tenant.organisation.id}/activity/daily`)
      .set('Cookie', signedIn.session!)
      .expect(200);

    const userId = who.body.userId as string;
    const identities = await api.dataSource.query(
      'SELECT issuer, subject FROM user_identities WHERE user_id = $1',
      [userId],
    );
    expect(identities).toEqual([{ issuer: idp.issuer, subject: 'ann' }]);
    const audit = await api.dataSource.query(
      `SELECT action, details FROM audit_events WHERE organisation_id = $1 AND actor_user_id = $2 ORDER BY id`,
      [tenant.organisation.id, userId],
    );
    expect(audit).toEqual([
      { action: 'member.sso_joined', details: { role: 'change_manager' } },
      { action: 'auth.sso_login', details: { issuer: idp.issuer } },
    ]);

    // Signing in again finds the same account by its identity, and a role changed since is kept.
    await api.dataSource.query(`UPDATE memberships SET role = 'executive' WHERE user_id = $1`, [userId]);
    idp.accounts.set('ann', { email: address, email_verified: true, groups: ['uptake-admins'] });
    const again = await signIn('ann');
    const whoAgain = await me(again.session!).expect(200);
    expect(whoAgain.body.userId).toBe(userId);
    expect(whoAgain.body.memberships).toEqual([
      expect.objectContaining({ organisationId: tenant.organisation.id, role: 'executive' }),
    ]);
  });

  it('gives the default role (executive) when no claim value is mapped', async () => {
    idp.accounts.set('bob', { email: email('bob'), email_verified: true, groups: ['staff'] });
    const signedIn = await signIn('bob');
    const who = await me(signedIn.session!).expect(200);
    expect(who.body.memberships).toEqual([expect.objectContaining({ role: 'executive' })]);
  });

  it('accepts an ID token the test re-signed unchanged (the control of the two refusals below)', async () => {
    idp.accounts.set('cora', { email: email('cora'), email_verified: true });
    idp.tamperNextIdToken((claims) => claims);
    const signedIn = await signIn('cora');
    expect(signedIn.location).toBe(`${PUBLIC_URL}/kpis`);
    expect(signedIn.session).toBeDefined();
  });

  it('refuses an ID token issued for another client (wrong audience)', async () => {
    idp.accounts.set('carl', { email: email('carl'), email_verified: true });
    idp.tamperNextIdToken((claims) => ({ ...claims, aud: otherClient.clientId }));
    const refused = await signIn('carl');
    expect(refused.location).toBe(`${PUBLIC_URL}/login?error=sso_token_invalid`);
    expect(refused.session).toBeUndefined();
    const users = await api.dataSource.query(
      `SELECT 1 FROM user_identities WHERE issuer = $1 AND subject = 'carl'`,
      [idp.issuer],
    );
    expect(users).toEqual([]);
  });

  it('refuses an expired ID token', async () => {
    idp.accounts.set('dora', { email: email('dora'), email_verified: true });
    // An hour old, expired half an hour ago: far beyond any clock tolerance.
    const now = Math.floor(Date.now() / 1000);
    idp.tamperNextIdToken((claims) => ({ ...claims, iat: now - 3600, exp: now - 1800 }));
    const refused = await signIn('dora');
    expect(refused.location).toBe(`${PUBLIC_URL}/login?error=sso_token_invalid`);
    expect(refused.session).toBeUndefined();
  });

  it('accepts a state once: a replayed callback and one from another browser are refused', async () => {
    idp.accounts.set('emil', { email: email('emil'), email_verified: true });
    const first = await signIn('emil');
    expect(first.session).toBeDefined();
    const replayed = await callback(first.callbackUrl, first.binding);
    expect(replayed.location).toBe(`${PUBLIC_URL}/login?error=sso_state_invalid`);
    expect(replayed.session).toBeUndefined();

    // The callback URL of a sign-in started elsewhere, opened without its binding cookie (login CSRF)
    const started = await start();
    const back = await idp.signIn(started.location, 'emil', CALLBACK);
    const foreign = await callback(back, undefined);
    expect(foreign.location).toBe(`${PUBLIC_URL}/login?error=sso_state_invalid`);
    // ...and the attempt used the state up, so the right browser cannot use it afterwards either
    expect((await callback(back, started.binding)).location).toBe(
      `${PUBLIC_URL}/login?error=sso_state_invalid`,
    );
  });

  it.each(['https://evil.example/kpis', '//evil.example', '/\\evil.example', 'javascript:alert(1)'])(
    'refuses returnTo %j before going to the provider',
    async (returnTo) => {
      const refused = await start(returnTo);
      expect(refused.location).toBe(`${PUBLIC_URL}/login?error=sso_return_to_invalid`);
      expect(refused.binding).toBeUndefined();
    },
  );

  it('answers an unknown organisation like one without SSO', async () => {
    const unknown = await start('/', `no-such-${uniqueSuffix()}`);
    const withoutSso = await start('/', other.organisation.slug);
    expect(unknown.location).toBe(`${PUBLIC_URL}/login?error=sso_not_configured`);
    expect(withoutSso.location).toBe(unknown.location);
  });

  it('refuses e-mails the provider does not vouch for, and domains the organisation does not allow', async () => {
    idp.accounts.set('fay', { email: email('fay'), email_verified: false });
    expect((await signIn('fay')).location).toBe(`${PUBLIC_URL}/login?error=sso_email_unverified`);
    idp.accounts.set('gus', { email: `gus.${uniqueSuffix()}@elsewhere.test`, email_verified: true });
    expect((await signIn('gus')).location).toBe(`${PUBLIC_URL}/login?error=sso_email_domain`);
    idp.accounts.set('hal', {});
    expect((await signIn('hal')).location).toBe(`${PUBLIC_URL}/login?error=sso_email_domain`);
    const failures = await api.dataSource.query(
      `SELECT details->>'code' AS code FROM audit_events
       WHERE organisation_id = $1 AND action = 'auth.sso_login_failed' ORDER BY id DESC LIMIT 3`,
      [tenant.organisation.id],
    );
    expect(failures.map((row: { code: string }) => row.code)).toEqual([
      'sso_email_domain',
      'sso_email_domain',
      'sso_email_unverified',
    ]);
  });

  it('links an existing account only on a verified e-mail, and its SSO session acts in this organisation only', async () => {
    const address = email('ida');
    const { user } = await ensureMember(api.dataSource, {
      email: address,
      passwordHash: () => hashPassword(PASSWORD),
      organisationId: other.organisation.id,
      role: 'admin',
    });
    // email_verified left out: a new account would be made, but an existing one is not taken over
    idp.accounts.set('ida', { email: address });
    expect((await signIn('ida')).location).toBe(`${PUBLIC_URL}/login?error=sso_email_unverified`);

    idp.accounts.set('ida', { email: address, email_verified: true });
    const linked = await signIn('ida');
    const who = await me(linked.session!).expect(200);
    expect(who.body.userId).toBe(user.id);
    // a member of both now, but this session came from this organisation's provider
    expect(who.body.memberships).toEqual([
      expect.objectContaining({ organisationId: tenant.organisation.id, role: 'executive' }),
    ]);
    await request(server())
      .get(`/api/organisations/${other.organisation.id}/members`)
      .set('Cookie', linked.session!)
      .expect(404);

    // Another subject of the same provider claiming the same e-mail is somebody else: refused.
    idp.accounts.set('ida-2', { email: address, email_verified: true });
    expect((await signIn('ida-2')).location).toBe(`${PUBLIC_URL}/login?error=sso_account_conflict`);
  });

  describe('with local passwords off', () => {
    beforeAll(async () => {
      const current = await request(server())
        .get(`/api/organisations/${tenant.organisation.id}/sso`)
        .set(...bearer(tenant.tokens.admin))
        .expect(200);
      const { issuer, clientId, scopes, roleClaim, roleMapping, allowedEmailDomains } = current.body;
      await request(server())
        .put(`/api/organisations/${tenant.organisation.id}/sso`)
        .set(...bearer(tenant.tokens.admin))
        .send({
          issuer,
          clientId,
          scopes,
          roleClaim,
          roleMapping,
          allowedEmailDomains,
          localPasswords: false,
        })
        .expect(200);
    });

    const member = async (role: 'executive' | 'admin', alsoOther = false) => {
      const address = email(`pw-${role}`);
      await ensureMember(api.dataSource, {
        email: address,
        passwordHash: () => hashPassword(PASSWORD),
        organisationId: tenant.organisation.id,
        role,
      });
      if (alsoOther)
        await ensureMember(api.dataSource, {
          email: address,
          passwordHash: () => hashPassword(PASSWORD),
          organisationId: other.organisation.id,
          role: 'executive',
        });
      return address;
    };

    it('refuses the password sign-in of a member of SSO-only organisations, pointing to SSO', async () => {
      const address = await member('executive');
      const refused = await request(server())
        .post('/api/auth/login')
        .send({ email: address, password: PASSWORD })
        .expect(403);
      expect(refused.body.message).toMatch(/Sign in with SSO/);
      expect(refused.headers['set-cookie']).toBeUndefined();
      // the wrong password is still the plain 401 (the refusal tells nothing to who does not know it)
      await request(server()).post('/api/auth/login').send({ email: address, password: 'wrong' }).expect(401);
    });

    it('lets a password reach the other organisations only', async () => {
      const address = await member('executive', true);
      const login = await request(server())
        .post('/api/auth/login')
        .send({ email: address, password: PASSWORD })
        .expect(200);
      expect(login.body.memberships).toEqual([
        expect.objectContaining({ organisationId: other.organisation.id }),
      ]);
      const session = (login.headers['set-cookie'] as unknown as string[])[0].split(';')[0];
      await request(server())
        .get(`/api/organisations/${tenant.organisation.id}/activity/daily`)
        .set('Cookie', session)
        .expect(404);
    });

    it("keeps an admin's password as a break-glass, in the organisation's audit log", async () => {
      const address = await member('admin');
      const login = await request(server())
        .post('/api/auth/login')
        .send({ email: address, password: PASSWORD })
        .expect(200);
      expect(login.body.memberships).toEqual([
        expect.objectContaining({ organisationId: tenant.organisation.id, role: 'admin' }),
      ]);
      const audit = await api.dataSource.query(
        `SELECT count(*)::int AS n FROM audit_events WHERE organisation_id = $1 AND action = 'auth.sso_break_glass'
           AND actor_user_id = $2`,
        [tenant.organisation.id, login.body.userId],
      );
      expect(audit).toEqual([{ n: 1 }]);
    });
  });

  describe('sessions', () => {
    async function passwordSession(address: string): Promise<string> {
      const login = await request(server())
        .post('/api/auth/login')
        .send({ email: address, password: PASSWORD })
        .expect(200);
      return (login.headers['set-cookie'] as unknown as string[])[0].split(';')[0];
    }

    it('signs out everywhere: both browsers’ sessions end, the API token stays', async () => {
      const address = email('two-browsers');
      await ensureMember(api.dataSource, {
        email: address,
        passwordHash: () => hashPassword(PASSWORD),
        organisationId: other.organisation.id,
        role: 'admin',
      });
      const laptop = await passwordSession(address);
      const phone = await passwordSession(address);
      const token = await fromDashboard(
        request(server()).post(`/api/organisations/${other.organisation.id}/api-tokens`),
      )
        .set('Cookie', laptop)
        .send({ name: 'automation', role: 'executive' })
        .expect(201);
      await me(phone).expect(200);

      const out = await fromDashboard(request(server()).post('/api/auth/sign-out-everywhere'))
        .set('Cookie', laptop)
        .expect(204);
      expect((out.headers['set-cookie'] as unknown as string[])[0]).toMatch(/^uptake_session=;/);
      await me(laptop).expect(401);
      await me(phone).expect(401);
      await request(server())
        .get('/api/auth/me')
        .set(...bearer(token.body.token))
        .expect(200);
      // an API token cannot sign its creator out everywhere
      await request(server())
        .post('/api/auth/sign-out-everywhere')
        .set(...bearer(token.body.token))
        .expect(403);
    });

    it(`ends a session unused for more than SESSION_IDLE_MINUTES (${IDLE_MINUTES}), and one past its lifetime`, async () => {
      const address = email('idle');
      await ensureMember(api.dataSource, {
        email: address,
        passwordHash: () => hashPassword(PASSWORD),
        organisationId: other.organisation.id,
        role: 'executive',
      });
      const idle = await passwordSession(address);
      const recent = await passwordSession(address);
      const neverUsed = await passwordSession(address);
      const sessions: { id: string }[] = await api.dataSource.query(
        `SELECT t.id FROM access_tokens t JOIN users u ON u.id = t.user_id WHERE u.email = $1 ORDER BY t.created_at`,
        [address],
      );
      expect(sessions).toHaveLength(3);
      const [idleId, recentId, neverUsedId] = sessions.map((s) => s.id);
      // last used 6 minutes ago (> 5): idle; 4 minutes ago (< 5): still valid
      await api.dataSource.query(
        `UPDATE access_tokens SET created_at = now() - interval '1 hour', last_used_at = now() - interval '6 minutes' WHERE id = $1`,
        [idleId],
      );
      await api.dataSource.query(
        `UPDATE access_tokens SET created_at = now() - interval '1 hour', last_used_at = now() - interval '4 minutes' WHERE id = $1`,
        [recentId],
      );
      // never used, created 6 minutes ago: idle too (the creation counts as the last use)
      await api.dataSource.query(
        `UPDATE access_tokens SET created_at = now() - interval '6 minutes', last_used_at = NULL WHERE id = $1`,
        [neverUsedId],
      );
      await me(idle).expect(401);
      await me(recent).expect(200);
      await me(neverUsed).expect(401);
      // the absolute limit: used a moment ago, but past expires_at (SESSION_TTL_HOURS after sign-in)
      await api.dataSource.query(
        `UPDATE access_tokens SET last_used_at = now(), expires_at = now() - interval '1 second' WHERE id = $1`,
        [recentId],
      );
      await me(recent).expect(401);
    });
  });

  describe('settings', () => {
    const url = () => `/api/organisations/${other.organisation.id}/sso`;

    it('needs the client secret the first time, never returns it, and stores it encrypted', async () => {
      const body = { issuer: 'https://login.example.com/realms/acme', clientId: 'uptake' };
      const missing = await request(server())
        .put(url())
        .set(...bearer(other.tokens.admin))
        .send(body)
        .expect(400);
      expect(missing.body.message).toEqual([
        'clientSecret is required when single sign-on is set up for the first time',
      ]);
      await request(server())
        .get(url())
        .set(...bearer(other.tokens.admin))
        .expect(404);

      const secret = `very-secret-${uniqueSuffix()}`;
      const created = await request(server())
        .put(url())
        .set(...bearer(other.tokens.admin))
        .send({ ...body, clientSecret: secret })
        .expect(200);
      expect(created.body).toMatchObject({
        issuer: body.issuer,
        clientSecretSet: true,
        scopes: 'openid email profile',
        defaultRole: 'executive',
        roleClaim: null,
        roleMapping: {},
        allowedEmailDomains: [],
        localPasswords: true,
        redirectUri: CALLBACK,
        signInUrl: `${PUBLIC_URL}/api/auth/sso/${other.organisation.slug}/start`,
      });
      expect(JSON.stringify(created.body)).not.toContain(secret);
      const [stored] = await api.dataSource.query(
        'SELECT client_secret FROM organisation_sso WHERE organisation_id = $1',
        [other.organisation.id],
      );
      expect((stored.client_secret as Buffer).includes(Buffer.from(secret))).toBe(false);

      // left out, the secret is kept
      await request(server())
        .put(url())
        .set(...bearer(other.tokens.admin))
        .send({ ...body, clientId: 'renamed' })
        .expect(200);
      const [kept] = await api.dataSource.query(
        'SELECT client_secret FROM organisation_sso WHERE organisation_id = $1',
        [other.organisation.id],
      );
      expect(Buffer.compare(kept.client_secret, stored.client_secret)).toBe(0);
    });

    it('refuses an http issuer outside localhost, an issuer with a query, and scopes without openid', async () => {
      const problems = await request(server())
        .put(url())
        .set(...bearer(other.tokens.admin))
        .send({ issuer: 'http://idp.example.com', clientId: 'x', clientSecret: 'y', scopes: 'email' })
        .expect(400);
      expect(problems.body.message).toEqual([
        'issuer must be an https:// URL (http:// only for localhost)',
        'scopes must include openid',
      ]);
    });

    it('is for admins only', async () => {
      await request(server())
        .get(url())
        .set(...bearer(other.tokens.change_manager))
        .expect(403);
    });

    it('turns SSO off at once: its sessions end, a new start finds nothing', async () => {
      idp.accounts.set('jon', { email: email('jon'), email_verified: true });
      const signedIn = await signIn('jon');
      await me(signedIn.session!).expect(200);
      const removable = `/api/organisations/${tenant.organisation.id}/sso`;
      const before = await request(server())
        .get(removable)
        .set(...bearer(tenant.tokens.admin))
        .expect(200);
      await request(server())
        .delete(removable)
        .set(...bearer(tenant.tokens.admin))
        .expect(204);
      await me(signedIn.session!).expect(401);
      expect((await start()).location).toBe(`${PUBLIC_URL}/login?error=sso_not_configured`);
      // idempotent
      await request(server())
        .delete(removable)
        .set(...bearer(tenant.tokens.admin))
        .expect(204);
      // set up again (with the secret) for any test that runs after
      const { issuer, clientId, scopes, roleClaim, roleMapping, allowedEmailDomains } = before.body;
      await request(server())
        .put(removable)
        .set(...bearer(tenant.tokens.admin))
        .send({
          issuer,
          clientId,
          clientSecret: client.clientSecret,
          scopes,
          roleClaim,
          roleMapping,
          allowedEmailDomains,
        })
        .expect(200);
    });
  });
});
