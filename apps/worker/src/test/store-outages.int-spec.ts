import type { INestApplicationContext } from '@nestjs/common';
import {
  findFreePort,
  isAlive,
  isPortOpen,
  readPostmasterPid,
  startEmbeddedPostgres,
  startRedisServer,
  type RunningStore,
} from '@uptake/infra-embedded';
import { createDataSource, migrate, Organisation, SyncRun } from '@uptake/persistence';
import { enqueueSyncRun, JOBS, QUEUES, sourceSchedulerId, type RunSyncJob } from '@uptake/queues';
import { testConfig, uniqueSuffix } from '@uptake/testing';
import { Queue } from 'bullmq';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { DataSource } from 'typeorm';
import { createWorker } from '../app/create-worker';
import { demoEventCount, demoSource, eventually, runOf, storedEvents, TEST_BATCH_SIZE } from './support';

/**
 * Big enough that a sync is still running when a store goes down: 7 committed batches (the demo checkpoints
 * every 2,000 events, and batches of TEST_BATCH_SIZE commit at each).
 */
const LONG = { seed: 31, people: 300, targetEvents: 14_000 };
const SHORT = { seed: 32, people: 80, targetEvents: 3_000 };
/** The job's own retries: used up within a second, long before the stores come back. */
const QUICK_RETRIES = { attempts: 3, backoff: { type: 'fixed', delay: 200 } };

/**
 * Fault tests with real stores that are killed and restarted: a PostgreSQL cluster and a redis-server of
 * their own (the shared test stores stay up for the other test files), and an in-process worker.
 */
describe('sync runs through store outages', () => {
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'uptake-outage-'));
  const postgresDir = path.join(scratch, 'postgres');
  const redisDir = path.join(scratch, 'redis');
  // mkdtemp makes the folder private to root; the postgres system user must be able to enter it.
  chmodSync(scratch, 0o755);
  let postgresPort: number;
  let redisPort: number;
  let postgres: RunningStore;
  let redis: RunningStore;
  let dataSource: DataSource;
  let queue: Queue<RunSyncJob>;
  let organisation: Organisation;
  let worker: INestApplicationContext | undefined;

  const startPostgres = async () => {
    postgres = await startEmbeddedPostgres({
      dataDir: postgresDir,
      port: postgresPort,
      database: 'uptake_outage',
      persistent: true,
    });
  };
  /** Kills the postmaster the way a crash does (immediate shutdown: no checkpoint, recovery at start). */
  const killPostgres = async () => {
    const { pid } = readPostmasterPid(postgresDir)!;
    process.kill(pid, 'SIGQUIT');
    await eventually(
      async () => isAlive(pid) || (await isPortOpen(postgresPort)),
      (up) => !up,
      15_000,
    );
  };
  const startWorker = async (overrides: Record<string, string>) => {
    worker = await createWorker(
      testConfig({
        DATABASE_URL: postgres.url,
        REDIS_URL: redis.url,
        SPOOL_DIR: path.join(scratch, 'spool'),
        WORKER_CONCURRENCY: '1',
        SYNC_BATCH_SIZE: String(TEST_BATCH_SIZE),
        RECONCILE_INTERVAL_SECONDS: '1',
        ...overrides,
      }),
    );
  };
  const enqueue = async (sourceId: string, options: object = QUICK_RETRIES): Promise<SyncRun> => {
    const run = await dataSource
      .getRepository(SyncRun)
      .save({ organisationId: organisation.id, sourceId, status: 'queued' });
    await queue.add(
      JOBS.runSync,
      { organisationId: organisation.id, sourceId, syncRunId: run.id },
      { jobId: run.id, ...options },
    );
    return run;
  };
  /** Waits until the run has committed some batches (and not all): a fault now lands mid-sync. */
  const midSync = (run: SyncRun, expected: number) =>
    eventually(
      runOf(dataSource, run.id),
      (current) => current.recordsInserted > 0,
      60_000,
      'first batches committed',
    ).then((current) => {
      expect(current.status).toBe('running');
      expect(current.recordsInserted).toBeLessThan(expected);
    });

  beforeAll(async () => {
    [postgresPort, redisPort] = [await findFreePort(), await findFreePort()];
    await startPostgres();
    redis = await startRedisServer({ dataDir: redisDir, port: redisPort, persistent: false });
    await migrate(postgres.url);
    dataSource = await createDataSource(postgres.url).initialize();
    queue = new Queue<RunSyncJob>(QUEUES.sync, { connection: { url: redis.url } });
    organisation = await dataSource
      .getRepository(Organisation)
      .save({ name: 'Outages', slug: `outages-${uniqueSuffix()}` });
  }, 120_000);

  afterEach(async () => {
    await worker?.close();
    worker = undefined;
    // A test that failed half-way must not leave the next one without Postgres.
    if (!(await isPortOpen(postgresPort))) await startPostgres();
  });

  afterAll(async () => {
    // Each step on its own: the stores must be stopped even when closing a client fails.
    for (const step of [
      () => queue?.close(),
      () => dataSource?.destroy(),
      () => redis?.stop(),
      () => postgres?.stop(),
    ]) {
      await Promise.resolve()
        .then(step)
        .catch((error: Error) => console.warn(`cleanup: ${error.message}`));
    }
    rmSync(scratch, { recursive: true, force: true });
  });

  it('waits out a Postgres crash without using its attempts, then resumes and finishes exactly', async () => {
    await startWorker({ SYNC_OUTAGE_MAX_WAIT_SECONDS: '120' });
    const expected = demoEventCount(LONG);
    const source = await demoSource(dataSource, organisation.id, 'through a crash', LONG);
    const run = await enqueue(source.id);
    await midSync(run, expected);

    await killPostgres();
    // Longer than the job's own retries take: without waiting, all 3 attempts would be gone by now.
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    const job = await queue.getJob(run.id);
    expect(await job!.getState()).not.toBe('failed');
    expect(job!.attemptsMade).toBe(0);
    await startPostgres();

    const final = await eventually(
      runOf(dataSource, run.id),
      (current) => current.status === 'succeeded' || current.status === 'failed',
      60_000,
      'run finished',
    );
    expect(final).toMatchObject({
      status: 'succeeded',
      recordsRead: expected,
      recordsInserted: expected,
      recordsDuplicate: 0,
    });
    expect(await storedEvents(dataSource, source.id)).toBe(expected);
  }, 120_000);

  it('records the failure of a run whose attempts ran out while Postgres was down; a retry then finishes it', async () => {
    // No outage wait: what happens once SYNC_OUTAGE_MAX_WAIT_SECONDS is used up in a long outage.
    await startWorker({ SYNC_OUTAGE_MAX_WAIT_SECONDS: '0' });
    const expected = demoEventCount(LONG);
    const source = await demoSource(dataSource, organisation.id, 'attempts used up', LONG);
    const run = await enqueue(source.id);
    await midSync(run, expected);

    await killPostgres();
    await eventually(
      () => queue.getJobState(run.id),
      (state) => state === 'failed',
      20_000,
      'job failed',
    );
    await startPostgres();

    // The worker could not record the failure; its reconciler does once Postgres answers again.
    const failed = await eventually(
      runOf(dataSource, run.id),
      (current) => current.status === 'failed',
      30_000,
      'run recorded as failed',
    );
    expect(failed.error).toMatch(/after 3 attempt\(s\); recorded by the reconciler/);
    expect(failed.finishedAt).toBeInstanceOf(Date);

    // What POST …/sync-runs/{id}/retry does: the failed job goes, the run is queued and gets a new job.
    await (await queue.getJob(run.id))!.remove();
    await dataSource
      .getRepository(SyncRun)
      .update(run.id, { status: 'queued', error: null, finishedAt: null });
    await enqueueSyncRun(queue, run);
    const final = await eventually(
      runOf(dataSource, run.id),
      (current) => current.status === 'succeeded',
      60_000,
      'retried run finished',
    );
    expect(final).toMatchObject({ recordsInserted: expected, recordsDuplicate: 0 });
    expect(await storedEvents(dataSource, source.id)).toBe(expected);
  }, 120_000);

  it('re-queues the waiting runs after Redis restarted empty, and they all finish exactly', async () => {
    const scheduled = await demoSource(dataSource, organisation.id, 'scheduled', SHORT);
    await dataSource.query("UPDATE data_sources SET schedule = '0 3 * * *' WHERE id = $1", [scheduled.id]);
    await startWorker({});
    // The worker wrote the source's job scheduler at start; the restart below loses it.
    expect(await queue.getJobScheduler(sourceSchedulerId(scheduled.id))).toMatchObject({
      pattern: '0 3 * * *',
    });
    const expected = { long: demoEventCount(LONG), short: demoEventCount(SHORT) };
    const running = await demoSource(dataSource, organisation.id, 'running at the flush', LONG);
    const waiting = await Promise.all(
      ['waiting 1', 'waiting 2'].map((name) => demoSource(dataSource, organisation.id, name, SHORT)),
    );
    const first = await enqueue(running.id, {});
    // One run at a time (concurrency 1): these wait in Redis behind the first.
    const queued = await Promise.all(waiting.map((source) => enqueue(source.id, {})));
    await midSync(first, expected.long);

    await redis.stop();
    redis = await startRedisServer({ dataDir: redisDir, port: redisPort, persistent: false });
    expect(await queue.getJobCounts('waiting', 'active', 'delayed')).toEqual({
      waiting: 0,
      active: 0,
      delayed: 0,
    });

    for (const [run, count] of [
      [first, expected.long],
      ...queued.map((run) => [run, expected.short] as const),
    ] as const) {
      const final = await eventually(
        runOf(dataSource, run.id),
        (current) => current.status === 'succeeded' || current.status === 'failed',
        60_000,
        `run ${run.id} finished`,
      );
      expect(final).toMatchObject({ status: 'succeeded', recordsDuplicate: 0 });
      expect(await storedEvents(dataSource, run.sourceId)).toBe(count);
    }
    // The lost job scheduler of the scheduled source is back too.
    await eventually(
      () => queue.getJobScheduler(sourceSchedulerId(scheduled.id)),
      (scheduler) => scheduler?.pattern === '0 3 * * *',
      10_000,
      'scheduler restored',
    );
  }, 120_000);
});
