import { ensureMember } from '@uptake/persistence';
import { hashPassword } from '@uptake/security';
import { uniqueSuffix } from '@uptake/testing';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { bearer, createTenant, startTestApi, type TestApi, type TestTenant } from './support';

const PASSWORD = 'a cookie-holding admin';
const CORS_ORIGIN = 'http://dashboard.example:4200';

/**
 * Forged requests: a page of another origin (another site, or another port of the same host, which is the
 * same *site*, so SameSite=Strict does not stop the cookie) makes the victim's browser send a
 * state-changing request with the victim's session cookie.
 */
describe('CSRF protection of cookie-authenticated requests', () => {
  let api: TestApi;
  let tenant: TestTenant;
  let origin: string;
  let port: number;
  let cookie: string;
  const email = `operator.${uniqueSuffix()}@csrf.test`;
  const tokensUrl = () => `/api/organisations/${tenant.organisation.id}/api-tokens`;
  const tokenCount = async (): Promise<number> =>
    (
      await api.dataSource.query(
        `SELECT count(*)::int AS n FROM access_tokens WHERE organisation_id = $1 AND kind = 'api'`,
        [tenant.organisation.id],
      )
    )[0].n;
  const createToken = (headers: Record<string, string>) =>
    request(origin)
      .post(tokensUrl())
      .set({ Cookie: cookie, ...headers })
      .send({ name: 'forged', role: 'admin' });

  beforeAll(async () => {
    api = await startTestApi({
      CORS_ORIGINS: CORS_ORIGIN,
      TRUST_PROXY: 'loopback',
      OPERATOR_EMAILS: email,
    });
    await api.app.listen(0, '127.0.0.1');
    port = (api.app.getHttpServer().address() as AddressInfo).port;
    origin = `http://127.0.0.1:${port}`;
    tenant = await createTenant(api.dataSource, 'csrf');
    await ensureMember(api.dataSource, {
      email,
      passwordHash: () => hashPassword(PASSWORD),
      organisationId: tenant.organisation.id,
      role: 'admin',
    });
    const login = await request(origin)
      .post('/api/auth/login')
      .set('Origin', origin)
      .send({ email, password: PASSWORD })
      .expect(200);
    cookie = (login.headers['set-cookie'] as unknown as string[])[0].split(';')[0];
  });

  afterAll(async () => {
    await api.dataSource.query('DELETE FROM organisations WHERE id = $1', [tenant.organisation.id]);
    await api.close();
  });

  it('refuses a forged request from another site, and from another port of the same host', async () => {
    const before = await tokenCount();
    for (const forged of ['http://evil.example', `http://127.0.0.1:${port + 1}`, 'null']) {
      const response = await createToken({ Origin: forged, 'X-Uptake-Request': '1' }).expect(403);
      expect(response.body.message).toMatch(/^Cross-site request refused: origin .* is not this site$/);
    }
    expect(await tokenCount()).toBe(before);
  });

  it('refuses PATCH and DELETE the same way, and changes nothing', async () => {
    const url = `/api/organisations/${tenant.organisation.id}/members/${tenant.users.executive.id}`;
    const forged = { Cookie: cookie, Origin: 'http://evil.example', 'X-Uptake-Request': '1' };
    await request(origin).patch(url).set(forged).send({ role: 'admin' }).expect(403);
    await request(origin).delete(url).set(forged).expect(403);
    const [membership] = await api.dataSource.query(
      'SELECT role FROM memberships WHERE organisation_id = $1 AND user_id = $2',
      [tenant.organisation.id, tenant.users.executive.id],
    );
    expect(membership).toEqual({ role: 'executive' });
  });

  it('needs the X-Uptake-Request header even from the same origin, and some same-origin proof', async () => {
    const noHeader = await createToken({ Origin: origin }).expect(403);
    expect(noHeader.body.message).toMatch(/X-Uptake-Request: 1 is missing/);
    await createToken({ Origin: origin, 'X-Uptake-Request': 'yes' }).expect(403);
    // no Origin: Sec-Fetch-Site decides; with neither a request signed in by cookie is refused
    await createToken({ 'Sec-Fetch-Site': 'cross-site', 'X-Uptake-Request': '1' }).expect(403);
    await createToken({ 'Sec-Fetch-Site': 'same-site', 'X-Uptake-Request': '1' }).expect(403);
    await createToken({ 'X-Uptake-Request': '1' }).expect(403);
  });

  it('accepts the dashboard: its own origin (or a CORS origin) with the header', async () => {
    await createToken({ Origin: origin, 'X-Uptake-Request': '1' }).expect(201);
    await createToken({ 'Sec-Fetch-Site': 'same-origin', 'X-Uptake-Request': '1' }).expect(201);
    await createToken({ Origin: CORS_ORIGIN, 'X-Uptake-Request': '1' }).expect(201);
    // reads need no proof
    await request(origin).get(tokensUrl()).set('Cookie', cookie).expect(200);
  });

  it('takes the origin that a trusted proxy (TRUST_PROXY) reports', async () => {
    const proxied = { 'X-Forwarded-Proto': 'https', 'X-Forwarded-Host': 'uptake.example.com' };
    await createToken({ ...proxied, Origin: 'https://uptake.example.com', 'X-Uptake-Request': '1' }).expect(
      201,
    );
    // behind that proxy, the plain-http origin is another origin
    await createToken({ ...proxied, Origin: origin, 'X-Uptake-Request': '1' }).expect(403);
  });

  it('exempts bearer tokens: they are not sent by the browser on its own', async () => {
    await request(origin)
      .post(tokensUrl())
      .set(...bearer(tenant.tokens.admin))
      .send({ name: 'automation', role: 'executive' })
      .expect(201);
  });

  it('checks the Origin of sign-in (login CSRF), not of clients that are no browser', async () => {
    const signIn = (headers: Record<string, string>) =>
      request(origin).post('/api/auth/login').set(headers).send({ email, password: PASSWORD });
    const forged = await signIn({ Origin: 'http://evil.example' }).expect(403);
    expect(forged.body.message).toMatch(/origin http:\/\/evil\.example is not this site/);
    expect(forged.headers['set-cookie']).toBeUndefined();
    await signIn({ Origin: `http://127.0.0.1:${port + 1}` }).expect(403);
    await signIn({ 'Sec-Fetch-Site': 'cross-site' }).expect(403);
    await signIn({ Origin: origin }).expect(200);
    await signIn({}).expect(200);
  });

  it('covers the queue board too (an operator’s cookie)', async () => {
    const resume = (headers: Record<string, string>) =>
      request(origin)
        .put('/api/admin/queues/api/queues/resume')
        .set({ Cookie: cookie, ...headers });
    await resume({ Origin: 'http://evil.example', 'X-Uptake-Request': '1' }).expect(403);
    await resume({ Origin: origin, 'X-Uptake-Request': '1' }).expect(200);
  });
});
