import type { INestApplicationContext } from '@nestjs/common';
import { createDataSource, Organisation, SyncRun } from '@uptake/persistence';
import { JOBS, QUEUES, type UptakeQueue } from '@uptake/queues';
import { testConfig, testStoreUrls, uniqueSuffix } from '@uptake/testing';
import { Queue } from 'bullmq';
import type { DataSource } from 'typeorm';
import { createWorker } from '../app/create-worker';
import { SyncProcessor } from '../app/sync/sync.processor';
import {
  demoEventCount,
  demoSource,
  eventually,
  redisDb,
  runOf,
  storedEvents,
  TEST_BATCH_SIZE,
} from './support';

/**
 * Big enough that the sync is still running when the worker is asked to stop: 8 committed batches (the demo
 * checkpoints every 2,000 events, and batches of TEST_BATCH_SIZE commit at each).
 */
const LONG = { seed: 41, people: 300, targetEvents: 16_000 };

/**
 * Stopping the worker (what SIGTERM from the launcher does: Nest's shutdown hooks) while it syncs. Its own
 * Redis database, and no reconciler, so no other test file's worker or run mixes in.
 */
describe('a worker stopped mid-sync', () => {
  const redisUrl = redisDb(testStoreUrls().redisUrl, 7);
  const config = testConfig({
    REDIS_URL: redisUrl,
    WORKER_CONCURRENCY: '3',
    WORKER_LOCK_DURATION_MS: '7000',
    WORKER_MAX_STALLED: '4',
    SYNC_BATCH_SIZE: String(TEST_BATCH_SIZE),
    RECONCILE_INTERVAL_SECONDS: '0',
  });
  let dataSource: DataSource;
  let queue: UptakeQueue<'sync'>;
  let organisation: Organisation;
  let worker: INestApplicationContext | undefined;

  beforeAll(async () => {
    dataSource = await createDataSource(testStoreUrls().databaseUrl).initialize();
    queue = new Queue(QUEUES.sync, { connection: { url: redisUrl } });
    await queue.obliterate({ force: true });
    organisation = await dataSource
      .getRepository(Organisation)
      .save({ name: 'Shutdown', slug: `shutdown-${uniqueSuffix()}` });
  });

  // The organisation and its events are left in the test database, which is thrown away after the run:
  // deleting them (a cascade over every event) took about as long as the test.
  afterAll(async () => {
    await worker?.close();
    await queue?.obliterate({ force: true });
    await queue?.close();
    await dataSource.destroy();
  });

  it('runs the sync queue with the worker settings of the config', async () => {
    worker = await createWorker(config);
    expect(worker.get(SyncProcessor).worker.opts).toMatchObject({
      concurrency: 3,
      lockDuration: 7000,
      stalledInterval: 7000,
      maxStalledCount: 4,
    });
    await worker.close();
    worker = undefined;
  });

  it('stops the running sync at its next record, keeps what it committed, and the next worker resumes it', async () => {
    const expected = demoEventCount(LONG);
    const source = await demoSource(dataSource, organisation.id, 'long demo', LONG);
    const run = await dataSource
      .getRepository(SyncRun)
      .save({ organisationId: organisation.id, sourceId: source.id, status: 'queued' });
    await queue.add(
      JOBS.runSync,
      { organisationId: organisation.id, sourceId: source.id, syncRunId: run.id },
      { jobId: run.id, attempts: 3, backoff: { type: 'fixed', delay: 200 } },
    );
    worker = await createWorker(config);
    await eventually(runOf(dataSource, run.id), (current) => current.recordsInserted > 0, 60_000);

    const stopping = Date.now();
    await worker.close();
    worker = undefined;
    // The connector stopped at its next record instead of reading the source to its end.
    expect(Date.now() - stopping).toBeLessThan(10_000);
    const interrupted = await runOf(dataSource, run.id)();
    expect(interrupted).toMatchObject({ status: 'queued', attempts: 1 });
    expect(interrupted.error).toContain('interrupted by worker shutdown');
    expect(interrupted.recordsInserted).toBeLessThan(expected);
    // What the run counts is what it committed, no more and no less.
    expect(await storedEvents(dataSource, source.id)).toBe(interrupted.recordsInserted);
    // The job went back to the queue for its next attempt: neither lost nor failed.
    expect(await (await queue.getJob(run.id))?.getState()).toMatch(/^(delayed|waiting)$/);

    worker = await createWorker(config);
    const finished = await eventually(
      runOf(dataSource, run.id),
      (current) => current.status === 'succeeded' || current.status === 'failed',
      90_000,
    );
    expect(finished).toMatchObject({ status: 'succeeded', attempts: 2, recordsInserted: expected });
    expect(await storedEvents(dataSource, source.id)).toBe(expected);
  }, 180_000);
});
