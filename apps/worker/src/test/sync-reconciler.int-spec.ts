import type { INestApplicationContext } from '@nestjs/common';
import { createDataSource, migrate, Organisation, SyncRun } from '@uptake/persistence';
import { JOBS, QUEUES, sourceSchedulerId, type RunSyncJob } from '@uptake/queues';
import { createEmptyDatabase, testConfig, testStoreUrls, uniqueSuffix } from '@uptake/testing';
import { Queue, Worker } from 'bullmq';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { createWorker } from '../app/create-worker';
import { RECONCILER_LOCK, SyncReconciler } from '../app/sync/sync-reconciler';
import { demoEventCount, demoSource, eventually, redisDb, runOf, storedEvents } from './support';

const DEMO = { seed: 21, people: 80, targetEvents: 2_000 };

/**
 * The reconciler against real Postgres and Redis, on a database and a Redis database of its own (it looks
 * at every unfinished run). The broken states are made by hand: a run whose job is gone, one whose job
 * failed or completed while the run still says running.
 */
describe('the sync reconciler', () => {
  const redisUrl = redisDb(testStoreUrls().redisUrl, 6);
  let database: { url: string; drop(): Promise<void> };
  let dataSource: DataSource;
  let queue: Queue<RunSyncJob>;
  let worker: INestApplicationContext | undefined;
  let organisation: Organisation;
  let spoolDir: string;

  beforeAll(async () => {
    database = await createEmptyDatabase();
    await migrate(database.url);
    dataSource = await createDataSource(database.url).initialize();
    queue = new Queue<RunSyncJob>(QUEUES.sync, { connection: { url: redisUrl } });
    await queue.obliterate({ force: true });
    spoolDir = await mkdtemp(path.join(os.tmpdir(), 'uptake-spool-'));
    organisation = await dataSource
      .getRepository(Organisation)
      .save({ name: 'Reconciler', slug: `reconciler-${uniqueSuffix()}` });
  });

  afterAll(async () => {
    await worker?.close();
    await queue?.obliterate({ force: true });
    await queue?.close();
    await dataSource?.destroy();
    await database?.drop();
    await rm(spoolDir, { recursive: true, force: true });
  });

  it('re-queues runs whose job is gone or completed, records failed jobs on their run, cleans the spool', async () => {
    const expected = demoEventCount(DEMO);
    const runs = dataSource.getRepository(SyncRun);
    const sources = await Promise.all(
      ['lost', 'completed', 'failed'].map((name) => demoSource(dataSource, organisation.id, name, DEMO)),
    );
    const [lost, completed, failed] = await Promise.all(
      sources.map((source, index) =>
        runs.save({
          organisationId: organisation.id,
          sourceId: source.id,
          status: index === 0 ? 'queued' : 'running',
        }),
      ),
    );
    // Before any Uptake worker runs: a job that completed and one that failed for good, neither recorded.
    const stand = new Worker<RunSyncJob>(
      QUEUES.sync,
      async (job) => {
        if (job.id === failed.id) throw new Error('connect ECONNREFUSED 127.0.0.1:5432');
        return 'done';
      },
      { connection: { url: redisUrl } },
    );
    for (const run of [completed, failed]) {
      await queue.add(
        JOBS.runSync,
        { organisationId: organisation.id, sourceId: run.sourceId, syncRunId: run.id },
        { jobId: run.id, attempts: 1 },
      );
    }
    await eventually(
      async () => [await queue.getJobState(completed.id), await queue.getJobState(failed.id)],
      (states) => states.join() === 'completed,failed',
      20_000,
      'stand-in jobs finished',
    );
    await stand.close();
    const orphan = path.join(spoolDir, 'cut-off-upload');
    await writeFile(orphan, 'half a file');
    const longAgo = new Date(Date.now() - 2 * 3_600_000);
    await utimes(orphan, longAgo, longAgo);

    worker = await createWorker(
      testConfig({ DATABASE_URL: database.url, REDIS_URL: redisUrl, SPOOL_DIR: spoolDir }),
    );
    const reconciler = worker.get(SyncReconciler);

    // Only one reconciler at a time: while another session holds the lock, a pass does nothing.
    const other = new Client({ connectionString: database.url });
    await other.connect();
    await other.query('SELECT pg_advisory_lock(hashtextextended($1, 0))', [RECONCILER_LOCK]);
    expect(await reconciler.reconcile()).toBeNull();
    await other.end();

    const report = await reconciler.reconcile();
    expect(report).toMatchObject({ failed: [failed.id], spool: { removed: 1 } });
    expect([...report!.requeued].sort()).toEqual([lost.id, completed.id].sort());
    expect(existsSync(orphan)).toBe(false);

    const failedRun = await runs.findOneByOrFail({ id: failed.id });
    expect(failedRun.status).toBe('failed');
    expect(failedRun.error).toContain('connect ECONNREFUSED 127.0.0.1:5432');
    expect(failedRun.error).toContain('after 1 attempt(s)');
    expect(failedRun.finishedAt).toBeInstanceOf(Date);
    for (const run of [lost, completed]) {
      const finished = await eventually(runOf(dataSource, run.id), (r) => r.status === 'succeeded');
      expect(finished).toMatchObject({ recordsInserted: expected, recordsDuplicate: 0 });
      expect(await storedEvents(dataSource, run.sourceId)).toBe(expected);
    }

    // A second pass finds nothing more to do.
    expect(await reconciler.reconcile()).toMatchObject({ requeued: [], failed: [] });
  });

  it('restores job schedulers that Redis lost', async () => {
    const source = await demoSource(dataSource, organisation.id, 'scheduled', DEMO);
    await dataSource.query("UPDATE data_sources SET schedule = '0 3 * * *' WHERE id = $1", [source.id]);
    const reconciler = worker!.get(SyncReconciler);
    expect((await reconciler.reconcile())!.schedulesRestored).toBe(true);
    expect(await queue.getJobScheduler(sourceSchedulerId(source.id))).toMatchObject({ pattern: '0 3 * * *' });
    expect((await reconciler.reconcile())!.schedulesRestored).toBe(false);
  });
});
