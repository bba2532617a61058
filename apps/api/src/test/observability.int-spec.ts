import { findFreePort, startRedisServer, type RunningStore } from '@uptake/infra-embedded';
import { ActivitySource, migrate, MIGRATIONS } from '@uptake/persistence';
import { QUEUES, redisConnectionOptions, type RunSyncJob } from '@uptake/queues';
import { createEmptyDatabase, metricSample, parseMetrics, type MetricSample } from '@uptake/testing';
import { Queue } from 'bullmq';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { bearer, createTenant, startTestApi, type TestApi, type TestTenant } from './support';
import { VALID_BODIES } from './valid-requests';

const METRICS_TOKEN = 'observability-test-token-42';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

async function eventually(check: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`not reached within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/**
 * Probes, metrics and request ids of the API. The main API has a Redis of its own (so it can be stopped, and
 * its queues hold only this file's jobs) and trusts a proxy on loopback (so a forwarded client address is a
 * non-loopback caller). A second API runs on a scratch database missing its newest migration, with
 * METRICS_TOKEN set.
 */
describe('API observability: health probes, /api/metrics, request ids', () => {
  const redisDir = path.join(mkdtempSync(path.join(os.tmpdir(), 'uptake-api-observability-')), 'redis');
  let redisPort: number;
  let redis: RunningStore;
  let api: TestApi;
  let tenant: TestTenant;
  let syncQueue: Queue<RunSyncJob>;
  const server = () => api.app.getHttpServer();
  const metrics = async () => parseMetrics((await request(server()).get('/api/metrics').expect(200)).text);

  beforeAll(async () => {
    redisPort = await findFreePort();
    redis = await startRedisServer({ dataDir: redisDir, port: redisPort, persistent: false });
    api = await startTestApi({ REDIS_URL: redis.url, TRUST_PROXY: 'loopback' });
    tenant = await createTenant(api.dataSource, 'observability');
    syncQueue = new Queue(QUEUES.sync, { connection: redisConnectionOptions(redis.url) });
  });

  afterAll(async () => {
    await syncQueue?.close();
    await api?.dataSource.query('DELETE FROM organisations WHERE id = $1', [tenant.organisation.id]);
    await api?.close();
    await redis?.stop();
    rmSync(path.dirname(redisDir), { recursive: true, force: true });
  });

  describe('probes', () => {
    it('live and ready answer 200 without sign-in, never cached; ready lists every component up', async () => {
      const live = await request(server()).get('/api/health/live').expect(200);
      expect(live.body).toEqual({ status: 'ok' });
      expect(live.headers['cache-control']).toBe('no-store');

      const ready = await request(server()).get('/api/health/ready').expect(200);
      expect(ready.headers['cache-control']).toBe('no-store');
      expect(ready.body).toEqual({
        status: 'ready',
        notReady: [],
        components: {
          postgres: { status: 'up', latencyMs: expect.any(Number) },
          redis: { status: 'up', latencyMs: expect.any(Number) },
          migrations: { status: 'up', latencyMs: expect.any(Number) },
        },
      });
      // The existing probe is unchanged.
      expect((await request(server()).get('/api/health').expect(200)).body.status).toBe('ok');
    });

    it('ready is 503 naming redis while Redis is down (live stays 200), and 200 again once it is back', async () => {
      await redis.stop();
      try {
        const startedAt = Date.now();
        const ready = await request(server()).get('/api/health/ready').expect(503);
        // Each check is bounded (2 s), so the probe itself answers quickly.
        expect(Date.now() - startedAt).toBeLessThan(5_000);
        expect(ready.body).toMatchObject({
          status: 'not_ready',
          notReady: ['redis'],
          components: {
            postgres: { status: 'up' },
            redis: { status: 'down', error: expect.any(String) },
            migrations: { status: 'up' },
          },
        });
        await request(server()).get('/api/health/live').expect(200);
        // The queue gauges are left out rather than the scrape failing.
        const samples = await metrics();
        expect(samples.filter((s) => s.name === 'uptake_queue_jobs')).toEqual([]);
        expect(metricSample(samples, 'process_cpu_user_seconds_total', {})).toBeGreaterThan(0);
      } finally {
        redis = await startRedisServer({ dataDir: redisDir, port: redisPort, persistent: false });
      }
      await eventually(async () => (await request(server()).get('/api/health/ready')).status === 200);
    });
  });

  describe('request ids', () => {
    const syncUrl = () => `/api/organisations/${tenant.organisation.id}/sources/${tenant.source.id}/sync`;

    it("returns the caller's safe x-request-id and puts it into the sync job the request queues", async () => {
      const response = await request(server())
        .post(syncUrl())
        .set(...bearer(tenant.tokens.connector_maintainer))
        .set('x-request-id', 'obs-sync-0001')
        .expect(202);
      expect(response.headers['x-request-id']).toBe('obs-sync-0001');
      const job = await syncQueue.getJob(response.body.id);
      expect(job?.data).toEqual({
        organisationId: tenant.organisation.id,
        sourceId: tenant.source.id,
        syncRunId: response.body.id,
        requestId: 'obs-sync-0001',
      });
    });

    it('replaces an unsafe id by a generated one, the same in the response and in the job', async () => {
      const response = await request(server())
        .post(syncUrl())
        .set(...bearer(tenant.tokens.connector_maintainer))
        .set('x-request-id', 'not a safe id; rm -rf')
        .expect(202);
      const id = response.headers['x-request-id'];
      expect(id).toMatch(UUID);
      expect((await syncQueue.getJob(response.body.id))?.data.requestId).toBe(id);
    });

    it('carries the id of a webhook batch into its job, and gives every request one (also a 404)', async () => {
      const webhook = await api.dataSource
        .getRepository(ActivitySource)
        .save({ organisationId: tenant.organisation.id, name: 'hook', connectorType: 'webhook' });
      const response = await request(server())
        .post(`/api/organisations/${tenant.organisation.id}/sources/${webhook.id}/events`)
        .set(...bearer(tenant.tokens.admin))
        .set('x-request-id', 'obs-webhook-7')
        .send(VALID_BODIES['post /api/organisations/{organisationId}/sources/{sourceId}/events'])
        .expect(202);
      expect((await syncQueue.getJob(response.body.id))?.data.requestId).toBe('obs-webhook-7');

      const missing = await request(server()).get('/api/no-such-route').expect(404);
      expect(missing.headers['x-request-id']).toMatch(UUID);
    });
  });

  describe('/api/metrics', () => {
    it('times requests by route pattern (never the raw URL), method and status class', async () => {
      const sources = `/api/organisations/${tenant.organisation.id}/sources`;
      const route = '/api/organisations/:organisationId/sources';
      const before = await metrics();
      const count = (samples: MetricSample[], status: string) =>
        metricSample(samples, 'uptake_http_request_duration_seconds_count', {
          method: 'GET',
          route,
          status,
        }) ?? 0;
      await request(server())
        .get(sources)
        .set(...bearer(tenant.tokens.admin))
        .expect(200);
      await request(server())
        .get(sources)
        .set(...bearer(tenant.tokens.admin))
        .expect(200);
      await request(server()).get(sources).expect(401);

      const scrape = await request(server()).get('/api/metrics').expect(200);
      expect(scrape.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
      expect(scrape.headers['cache-control']).toBe('no-store');
      const after = parseMetrics(scrape.text);
      // Two 200s and one 401 on the same pattern: 2 more in 2xx, 1 more in 4xx.
      expect(count(after, '2xx') - count(before, '2xx')).toBe(2);
      expect(count(after, '4xx') - count(before, '4xx')).toBe(1);
      // The +Inf bucket of a histogram holds every observation: the same as its count.
      expect(
        metricSample(after, 'uptake_http_request_duration_seconds_bucket', {
          method: 'GET',
          route,
          status: '2xx',
          le: '+Inf',
        }),
      ).toBe(count(after, '2xx'));
      expect(scrape.text).toContain(`route="${route}"`);
      expect(scrape.text).not.toContain(tenant.organisation.id);
      // An unknown path is one series, not one per URL.
      expect(scrape.text).not.toContain('no-such-route');
      expect(
        metricSample(after, 'uptake_http_request_duration_seconds_count', {
          method: 'GET',
          route: '(unmatched)',
          status: '4xx',
        }),
      ).toBeGreaterThanOrEqual(1);
    });

    it('reads the queue sizes from BullMQ at scrape time', async () => {
      // No worker runs on this Redis: every sync job this file queued is still waiting.
      const waiting = await syncQueue.getWaitingCount();
      expect(waiting).toBeGreaterThanOrEqual(3);
      let samples = await metrics();
      expect(metricSample(samples, 'uptake_queue_jobs', { queue: 'sync', state: 'waiting' })).toBe(waiting);
      expect(metricSample(samples, 'uptake_queue_jobs', { queue: 'sync', state: 'active' })).toBe(0);
      expect(metricSample(samples, 'uptake_queue_jobs', { queue: 'rollouts', state: 'failed' })).toBe(0);
      for (const queue of ['sync', 'recompute', 'rollouts']) {
        for (const state of ['waiting', 'active', 'delayed', 'failed', 'completed']) {
          expect({
            queue,
            state,
            value: metricSample(samples, 'uptake_queue_jobs', { queue, state }),
          }).toEqual({
            queue,
            state,
            value: expect.any(Number),
          });
        }
      }
      // One more queued run: one more waiting at the next scrape (no caching of the figures).
      await request(server())
        .post(`/api/organisations/${tenant.organisation.id}/sources/${tenant.source.id}/sync`)
        .set(...bearer(tenant.tokens.admin))
        .expect(202);
      samples = await metrics();
      expect(metricSample(samples, 'uptake_queue_jobs', { queue: 'sync', state: 'waiting' })).toBe(
        waiting + 1,
      );
    });

    it('counts KPI report cache lookups: a repeated report is all hits', async () => {
      const adoption = `/api/organisations/${tenant.organisation.id}/kpis/adoption?from=2026-03-02&to=2026-03-22&granularity=week`;
      const lookups = (samples: MetricSample[]) => ({
        hit: metricSample(samples, 'uptake_kpi_cache_requests_total', { result: 'hit' }) ?? 0,
        miss: metricSample(samples, 'uptake_kpi_cache_requests_total', { result: 'miss' }) ?? 0,
      });
      const before = lookups(await metrics());
      await request(server())
        .get(adoption)
        .set(...bearer(tenant.tokens.admin))
        .expect(200);
      const first = lookups(await metrics());
      await request(server())
        .get(adoption)
        .set(...bearer(tenant.tokens.admin))
        .expect(200);
      const second = lookups(await metrics());
      // The first request computes (at least one miss, nothing to hit yet for this new scope); the same
      // request again finds every report it needs: as many hits as the first had misses, no new miss.
      const firstMisses = first.miss - before.miss;
      expect(firstMisses).toBeGreaterThanOrEqual(1);
      expect(first.hit - before.hit).toBe(0);
      expect({ hits: second.hit - first.hit, misses: second.miss - first.miss }).toEqual({
        hits: firstMisses,
        misses: 0,
      });
    });

    it('without METRICS_TOKEN: loopback callers only (a client forwarded by the trusted proxy is not)', async () => {
      await request(server()).get('/api/metrics').expect(200);
      const forwarded = await request(server())
        .get('/api/metrics')
        .set('X-Forwarded-For', '203.0.113.9')
        .expect(403);
      expect(forwarded.text).not.toContain('uptake_');
    });

    it('is not in the OpenAPI document; the probes are', () => {
      expect(Object.keys(api.openApi.paths)).not.toContain('/api/metrics');
      expect(Object.keys(api.openApi.paths)).toEqual(
        expect.arrayContaining(['/api/health/live', '/api/health/ready']),
      );
    });
  });

  describe('a database missing a migration, and METRICS_TOKEN', () => {
    let scratch: { url: string; drop(): Promise<void> };
    let behind: TestApi;
    const newest = MIGRATIONS[MIGRATIONS.length - 1].name;

    beforeAll(async () => {
      scratch = await createEmptyDatabase();
      await migrate(scratch.url);
      behind = await startTestApi({ DATABASE_URL: scratch.url, METRICS_TOKEN });
      await behind.dataSource.query('DELETE FROM migrations WHERE name = $1', [newest]);
    });

    afterAll(async () => {
      await behind?.close();
      await scratch?.drop();
    });

    it('is not ready while a migration is not applied, naming it, and ready once it is', async () => {
      const ready = await request(behind.app.getHttpServer()).get('/api/health/ready').expect(503);
      expect(ready.body).toMatchObject({
        status: 'not_ready',
        notReady: ['migrations'],
        components: {
          postgres: { status: 'up' },
          redis: { status: 'up' },
          migrations: { status: 'down', pending: [newest] },
        },
      });
      // As the launcher's migrate would: the row is back, the schema is what this version expects.
      await behind.dataSource.query('INSERT INTO migrations (timestamp, name) VALUES ($1, $2)', [
        Number(newest.slice(-13)),
        newest,
      ]);
      await request(behind.app.getHttpServer()).get('/api/health/ready').expect(200);
    });

    it('with METRICS_TOKEN: exactly that bearer token, also from loopback', async () => {
      const scrape = () => request(behind.app.getHttpServer()).get('/api/metrics');
      const missing = await scrape().expect(401);
      expect(missing.headers['www-authenticate']).toMatch(/^Bearer/);
      await scrape().set('Authorization', `Bearer ${METRICS_TOKEN}-wrong`).expect(401);
      // A valid session is no metrics token.
      const sessionTenant = await createTenant(behind.dataSource, 'observability-token');
      await scrape()
        .set(...bearer(sessionTenant.tokens.admin))
        .expect(401);
      const ok = await scrape().set('Authorization', `Bearer ${METRICS_TOKEN}`).expect(200);
      expect(ok.text).toContain('# TYPE uptake_http_request_duration_seconds histogram');
    });
  });
});
