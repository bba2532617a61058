import type { INestApplicationContext } from '@nestjs/common';
import { findFreePort, startRedisServer, type RunningStore } from '@uptake/infra-embedded';
import { createDataSource, Organisation, SyncRun } from '@uptake/persistence';
import {
  enqueueSyncRun,
  QUEUES,
  redisConnectionOptions,
  runWithRequestId,
  type RefreshRollupsJob,
  type RunSyncJob,
} from '@uptake/queues';
import { testConfig, uniqueSuffix, metricSample, parseMetrics } from '@uptake/testing';
import { Queue } from 'bullmq';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { DataSource } from 'typeorm';
import { createWorker } from '../app/create-worker';
import {
  demoEventCount,
  demoSource,
  eventually,
  redisDb,
  runOf,
  startWorkerProcess,
  stopWorkerProcess,
  storedEvents,
} from './support';

const DEMO = { seed: 61, people: 60, targetEvents: 600 };
const REQUEST_ID = 'obs-worker-0001';
const METRICS_TOKEN = 'worker-metrics-token-0042';

/** A non-loopback IPv4 address of this machine, to call a server as a remote client would; null if none. */
function externalAddress(): string | null {
  for (const addresses of Object.values(os.networkInterfaces())) {
    for (const address of addresses ?? [])
      if (address.family === 'IPv4' && !address.internal) return address.address;
  }
  return null;
}

/**
 * The worker's HTTP server (WORKER_HTTP_PORT), request ids in its logs and jobs, and its metrics. The real
 * worker (main.ts) runs as a child process with JSON logs on a Redis of its own (so it can be stopped and
 * the queues hold only this file's jobs), its server on all interfaces without METRICS_TOKEN. A second,
 * in-process worker checks the token rule and that port 0 means no server.
 */
describe('worker observability: probes, metrics, request ids in logs', () => {
  const redisDir = path.join(mkdtempSync(path.join(os.tmpdir(), 'uptake-worker-observability-')), 'redis');
  let redisPort: number;
  let redis: RunningStore;
  let dataSource: DataSource;
  let organisation: Organisation;
  let child: ChildProcess;
  let httpPort: number;
  const logLines: Record<string, unknown>[] = [];
  const url = (pathname: string, host = '127.0.0.1') => `http://${host}:${httpPort}${pathname}`;
  const metrics = async () => parseMetrics(await (await fetch(url('/metrics'))).text());

  beforeAll(async () => {
    redisPort = await findFreePort();
    redis = await startRedisServer({ dataDir: redisDir, port: redisPort, persistent: false });
    dataSource = await createDataSource(testConfig().database.url).initialize();
    organisation = await dataSource
      .getRepository(Organisation)
      .save({ name: 'Observability', slug: `observability-${uniqueSuffix()}` });
    httpPort = await findFreePort();
    child = startWorkerProcess(redis.url, {
      env: { WORKER_HTTP_PORT: String(httpPort), WORKER_HTTP_HOST: '0.0.0.0', LOG_LEVEL: 'info' },
      stdout: 'pipe',
    });
    let pending = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      const lines = (pending + chunk.toString('utf8')).split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        try {
          logLines.push(JSON.parse(line));
        } catch {
          // "Uptake worker started" and other plain lines.
        }
      }
    });
    await eventually(
      () => fetch(url('/health/live')).then((response) => response.status),
      (status) => status === 200,
      60_000,
      'the worker HTTP server',
    );
  }, 90_000);

  afterAll(async () => {
    if (child) await stopWorkerProcess(child);
    await dataSource?.getRepository(Organisation).delete(organisation.id);
    await dataSource?.destroy();
    await redis?.stop();
    rmSync(path.dirname(redisDir), { recursive: true, force: true });
  });

  it('answers live and ready with 200, never cached, and 404 to anything else', async () => {
    const live = await fetch(url('/health/live'));
    expect({
      status: live.status,
      body: await live.json(),
      cache: live.headers.get('cache-control'),
    }).toEqual({
      status: 200,
      body: { status: 'ok' },
      cache: 'no-store',
    });
    const ready = await fetch(url('/health/ready'));
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({
      status: 'ready',
      notReady: [],
      components: {
        postgres: { status: 'up', latencyMs: expect.any(Number) },
        redis: { status: 'up', latencyMs: expect.any(Number) },
      },
    });
    expect((await fetch(url('/api/health'))).status).toBe(404);
    expect((await fetch(url('/metrics'), { method: 'POST' })).status).toBe(405);
  });

  // Before the sync: the worker must also do its work after an outage (and has time to reconnect fully).
  it('is not ready while Redis is down (live stays 200), and ready again once it is back', async () => {
    await redis.stop();
    try {
      const startedAt = Date.now();
      const ready = await fetch(url('/health/ready'));
      expect(Date.now() - startedAt).toBeLessThan(5_000);
      expect(ready.status).toBe(503);
      expect(await ready.json()).toMatchObject({
        status: 'not_ready',
        notReady: ['redis'],
        components: { postgres: { status: 'up' }, redis: { status: 'down', error: expect.any(String) } },
      });
      expect((await fetch(url('/health/live'))).status).toBe(200);
    } finally {
      redis = await startRedisServer({ dataDir: redisDir, port: redisPort, persistent: false });
    }
    await eventually(
      () => fetch(url('/health/ready')).then((response) => response.status),
      (status) => status === 200,
      20_000,
      'ready again',
    );
  });

  it('carries the request id of a queued sync into its log lines and the jobs it queues; counts its events', async () => {
    const source = await demoSource(dataSource, organisation.id, 'observability demo', DEMO);
    const run = await dataSource
      .getRepository(SyncRun)
      .save({ organisationId: organisation.id, sourceId: source.id, status: 'queued' });
    const syncQueue = new Queue<RunSyncJob>(QUEUES.sync, { connection: redisConnectionOptions(redis.url) });
    const recomputeQueue = new Queue<RefreshRollupsJob>(QUEUES.recompute, {
      connection: redisConnectionOptions(redis.url),
    });
    try {
      // As the API queues it inside a request (its middleware runs the request in runWithRequestId).
      await runWithRequestId(REQUEST_ID, () => enqueueSyncRun(syncQueue, run));
      expect((await syncQueue.getJob(run.id))?.data.requestId).toBe(REQUEST_ID);

      await eventually(runOf(dataSource, run.id), (r) => r.status === 'succeeded', 60_000, 'run succeeded');
      // The rollup refresh the run asked for carries the same id on.
      const refresh = await eventually(
        async () =>
          (await recomputeQueue.getJobs(['completed'])).filter(
            (job) => job.data.organisationId === organisation.id,
          ),
        (jobs) => jobs.length === 1,
        30_000,
        'rollups refreshed',
      );
      expect(refresh[0].data.requestId).toBe(REQUEST_ID);

      // Log lines: the sync's own (SyncRunService) and the refresh's (RecomputeProcessor), with the job.
      await eventually(
        async () =>
          logLines.filter((line) => line['requestId'] === REQUEST_ID).map((line) => String(line['msg'])),
        (messages) =>
          messages.some((m) => m.startsWith(`sync run ${run.id} of source ${source.id} succeeded`)) &&
          messages.some((m) => m.startsWith(`rollups of ${organisation.id}`)),
        10_000,
        'log lines with the request id',
      );
      const syncLine = logLines.find(
        (line) => line['requestId'] === REQUEST_ID && String(line['msg']).startsWith(`sync run ${run.id}`),
      );
      expect(syncLine?.['job']).toEqual({ queue: 'sync', id: run.id, name: 'run-sync' });
      // No line of another job carries it.
      expect(
        logLines.filter(
          (line) =>
            line['requestId'] === REQUEST_ID &&
            !['sync', 'recompute', 'rollouts'].includes(
              (line['job'] as { queue?: string } | undefined)?.queue ?? '',
            ),
        ),
      ).toEqual([]);

      const samples = await metrics();
      // Every event of the demo source is new: inserted = what the generator yields = what is stored.
      const expected = demoEventCount(DEMO);
      expect(await storedEvents(dataSource, source.id)).toBe(expected);
      expect(metricSample(samples, 'uptake_events_ingested_total', { connector_type: 'demo' })).toBe(
        expected,
      );
      // One sync job, one attempt, completed; one refresh job (and its one refresh).
      expect(
        metricSample(samples, 'uptake_job_duration_seconds_count', { queue: 'sync', outcome: 'completed' }),
      ).toBe(1);
      expect(
        metricSample(samples, 'uptake_job_duration_seconds_bucket', {
          queue: 'sync',
          outcome: 'completed',
          le: '+Inf',
        }),
      ).toBe(1);
      expect(
        metricSample(samples, 'uptake_job_duration_seconds_count', {
          queue: 'recompute',
          outcome: 'completed',
        }),
      ).toBe(1);
      expect(metricSample(samples, 'uptake_rollup_refresh_seconds_count')).toBe(1);
      expect(metricSample(samples, 'uptake_rollup_refresh_seconds_sum')).toBeGreaterThan(0);
      expect(
        metricSample(samples, 'uptake_job_duration_seconds_count', { queue: 'sync', outcome: 'failed' }),
      ).toBe(undefined);
    } finally {
      await syncQueue.close();
      await recomputeQueue.close();
    }
  }, 120_000);

  it('serves /metrics to loopback only when METRICS_TOKEN is unset', async () => {
    const local = await fetch(url('/metrics'));
    expect(local.status).toBe(200);
    expect(local.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(await local.text()).toContain('# TYPE uptake_job_duration_seconds histogram');
    const address = externalAddress();
    if (address === null) return; // no non-loopback interface to call from
    const remote = await fetch(url('/metrics', address));
    expect(remote.status).toBe(403);
    expect(await remote.text()).not.toContain('uptake_');
    // The probes stay open to everyone (a load balancer probes from outside).
    expect((await fetch(url('/health/live', address))).status).toBe(200);
  });

  describe('an in-process worker with METRICS_TOKEN', () => {
    let worker: INestApplicationContext;
    let port: number;
    let closed = false;

    beforeAll(async () => {
      port = await findFreePort();
      // Another Redis database: this worker takes none of the jobs above.
      worker = await createWorker(
        testConfig({ REDIS_URL: redisDb(redis.url, 3), WORKER_HTTP_PORT: String(port), METRICS_TOKEN }),
      );
    });

    afterAll(async () => {
      if (!closed) await worker?.close();
    });

    it('serves /metrics only with that bearer token, also to loopback', async () => {
      const scrape = (authorization?: string) =>
        fetch(`http://127.0.0.1:${port}/metrics`, authorization ? { headers: { authorization } } : {});
      const missing = await scrape();
      expect(missing.status).toBe(401);
      expect(missing.headers.get('www-authenticate')).toMatch(/^Bearer/);
      expect((await scrape(`Bearer ${METRICS_TOKEN}0`)).status).toBe(401);
      expect((await scrape(METRICS_TOKEN)).status).toBe(401);
      const ok = await scrape(`Bearer ${METRICS_TOKEN}`);
      expect(ok.status).toBe(200);
      expect(await ok.text()).toContain('# TYPE uptake_events_ingested_total counter');
    });

    it('closes its server with the worker; port 0 starts none', async () => {
      await worker.close();
      closed = true;
      await expect(fetch(`http://127.0.0.1:${port}/health/live`)).rejects.toThrow();
      const off = await createWorker(testConfig({ REDIS_URL: redisDb(redis.url, 3) }));
      try {
        expect(testConfig().worker.http.port).toBe(0);
        await expect(fetch(`http://127.0.0.1:${port}/health/live`)).rejects.toThrow();
      } finally {
        await off.close();
      }
    });
  });
});
