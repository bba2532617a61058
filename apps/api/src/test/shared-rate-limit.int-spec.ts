import type { AddressInfo } from 'node:net';
import { randomLoopbackAddress, requestFrom } from './http-client';
import { bearer, createTenant, startTestApi, type TestApi } from './support';

/**
 * Two API instances behind one load balancer share one rate limit per client: counted in Redis, a client
 * gets the limit once, not once per instance.
 */
describe('the rate limit across API instances', () => {
  const LIMIT = 10;
  let first: TestApi;
  let second: TestApi;
  const urls: string[] = [];

  beforeAll(async () => {
    first = await startTestApi({ RATE_LIMIT_PER_MINUTE: String(LIMIT) });
    second = await startTestApi({ RATE_LIMIT_PER_MINUTE: String(LIMIT) });
    for (const api of [first, second]) {
      await api.app.listen(0, '127.0.0.1');
      urls.push(`http://127.0.0.1:${(api.app.getHttpServer().address() as AddressInfo).port}`);
    }
  });

  afterAll(async () => {
    await Promise.all([first?.close(), second?.close()]);
  });

  it('refuses the requests beyond the limit whichever instance they reach', async () => {
    const client = randomLoopbackAddress();
    const statuses: number[] = [];
    // Alternating instances: 6 + 6 requests, each instance alone would still be within 10.
    for (let i = 0; i < LIMIT + 2; i++) {
      const response = await requestFrom(client, `${urls[i % 2]}/api/auth/me`, { method: 'GET' });
      statuses.push(response.status);
    }
    expect(statuses.slice(0, LIMIT).every((status) => status !== 429)).toBe(true);
    expect(statuses.slice(LIMIT)).toEqual([429, 429]);
  });

  it('counts each client on its own', async () => {
    const other = randomLoopbackAddress();
    const response = await requestFrom(other, `${urls[1]}/api/auth/me`, { method: 'GET' });
    expect(response.status).not.toBe(429);
  });
});

/** Routes that render documents or previews have a tighter limit of their own; other routes keep theirs. */
describe('the render rate limit', () => {
  let api: TestApi;
  let base: string;

  beforeAll(async () => {
    api = await startTestApi({ RENDER_RATE_LIMIT_PER_MINUTE: '2' });
    await api.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(api.app.getHttpServer().address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await api?.close();
  });

  it('refuses the third digest preview of a minute, while the settings beside it answer every time', async () => {
    const tenant = await createTenant(api.dataSource, 'render-limit');
    const [name, value] = bearer(tenant.tokens.admin);
    const client = randomLoopbackAddress();
    const notifications = `${base}/api/organisations/${tenant.organisation.id}/notifications`;
    const previews: number[] = [];
    for (let i = 0; i < 3; i++) {
      previews.push(
        (await requestFrom(client, `${notifications}/digest/preview`, { headers: { [name]: value } })).status,
      );
    }
    expect(previews).toEqual([200, 200, 429]);
    for (let i = 0; i < 5; i++) {
      const settings = await requestFrom(client, `${notifications}/settings`, {
        method: 'GET',
        headers: { [name]: value },
      });
      expect(settings.status).toBe(200);
    }
  });
});
