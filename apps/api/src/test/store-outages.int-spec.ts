import { findFreePort, startRedisServer, type RunningStore } from '@uptake/infra-embedded';
import { SyncRun } from '@uptake/persistence';
import { testStoreUrls } from '@uptake/testing';
import { mkdtempSync, rmSync } from 'node:fs';
import * as net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { bearer, createTenant, startTestApi, type TestApi, type TestTenant } from './support';

/** A TCP proxy in front of the test Postgres: cut() is an outage (connections dropped, new ones refused). */
class TcpProxy {
  private server?: net.Server;
  isOpen = false;
  private readonly sockets = new Set<net.Socket>();
  port = 0;

  constructor(private readonly target: { host: string; port: number }) {}

  async open(): Promise<void> {
    this.server = net.createServer((client) => {
      const upstream = net.connect(this.target);
      for (const socket of [client, upstream]) {
        this.sockets.add(socket);
        socket.on('close', () => this.sockets.delete(socket));
        socket.on('error', () => undefined);
      }
      client.pipe(upstream).pipe(client);
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
    });
    await new Promise<void>((resolve) => this.server!.listen(this.port, '127.0.0.1', resolve));
    this.port = (this.server.address() as net.AddressInfo).port;
    this.isOpen = true;
  }

  async cut(): Promise<void> {
    this.isOpen = false;
    for (const socket of this.sockets) socket.destroy();
    await new Promise((resolve) => this.server?.close(resolve));
  }
}

/** Answers fast (no hang) with 503, Retry-After and a message naming the store. */
function expectOutage(response: request.Response, store: RegExp, startedAt: number): void {
  expect({ status: response.status, retryAfter: response.headers['retry-after'] }).toEqual({
    status: 503,
    retryAfter: '5',
  });
  expect(response.body).toMatchObject({ statusCode: 503, message: expect.stringMatching(store) });
  expect(JSON.stringify(response.body)).not.toMatch(/127\.0\.0\.1|ECONNREFUSED|at \w+ \(/);
  expect(Date.now() - startedAt).toBeLessThan(8_000);
}

async function eventually(check: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`not recovered within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe('the API while Postgres or Redis is down', () => {
  const redisDir = path.join(mkdtempSync(path.join(os.tmpdir(), 'uptake-api-outage-')), 'redis');
  let redisPort: number;
  let redis: RunningStore;
  let proxy: TcpProxy;
  let api: TestApi;
  let tenant: TestTenant;
  const server = () => api.app.getHttpServer();
  const login = () =>
    request(server())
      .post('/api/auth/login')
      .send({ email: 'nobody@outage.test', password: 'not-the-password' });

  beforeAll(async () => {
    redisPort = await findFreePort();
    redis = await startRedisServer({ dataDir: redisDir, port: redisPort, persistent: false });
    const databaseUrl = new URL(testStoreUrls().databaseUrl);
    proxy = new TcpProxy({ host: databaseUrl.hostname, port: Number(databaseUrl.port) });
    await proxy.open();
    databaseUrl.port = String(proxy.port);
    api = await startTestApi({ DATABASE_URL: databaseUrl.toString(), REDIS_URL: redis.url });
    tenant = await createTenant(api.dataSource, 'outage');
  });

  afterAll(async () => {
    // A test that failed half-way may have left Postgres unreachable.
    if (!proxy.isOpen) await proxy.open();
    await api.dataSource.query('DELETE FROM organisations WHERE id = $1', [tenant.organisation.id]);
    await api.close();
    await proxy.cut();
    await redis.stop();
    rmSync(path.dirname(redisDir), { recursive: true, force: true });
  });

  it('answers 503 with Retry-After to sign-ins and queuing while Redis is down, and recovers', async () => {
    expect((await login()).status).toBe(401);
    await redis.stop();

    let startedAt = Date.now();
    expectOutage(await login(), /Redis/, startedAt);
    startedAt = Date.now();
    const sync = await request(server())
      .post(`/api/organisations/${tenant.organisation.id}/sources/${tenant.source.id}/sync`)
      .set(...bearer(tenant.tokens.connector_maintainer));
    expectOutage(sync, /Redis/, startedAt);
    // Nothing half-done is left: no run waits for a job that was never queued.
    const unqueued = await api.dataSource
      .getRepository(SyncRun)
      .findBy({ sourceId: tenant.source.id, status: 'queued' });
    expect(unqueued).toHaveLength(0);
    // What needs only Postgres keeps working.
    await request(server())
      .get('/api/organisations')
      .set(...bearer(tenant.tokens.admin))
      .expect(200);

    redis = await startRedisServer({ dataDir: redisDir, port: redisPort, persistent: false });
    await eventually(async () => (await login()).status === 401);
  });

  it('answers 503 with Retry-After while Postgres is unreachable, and recovers', async () => {
    const organisations = () =>
      request(server())
        .get('/api/organisations')
        .set(...bearer(tenant.tokens.admin));
    expect((await organisations()).status).toBe(200);
    await proxy.cut();

    let startedAt = Date.now();
    expectOutage(await organisations(), /database/, startedAt);
    startedAt = Date.now();
    expectOutage(await login(), /database/, startedAt);
    const health = await request(server()).get('/api/health').expect(503);
    expect(health.body.components).toMatchObject({ postgres: { status: 'down' }, redis: { status: 'up' } });

    await proxy.open();
    await eventually(async () => (await organisations()).status === 200);
  });
});
