import type { INestApplicationContext } from '@nestjs/common';
import { refreshRollups } from '@uptake/kpi';
import { createDataSource, migrate, Organisation, SyncRun } from '@uptake/persistence';
import { JOBS, QUEUES, type RefreshRollupsJob } from '@uptake/queues';
import { createEmptyDatabase, testConfig, testStoreUrls, uniqueSuffix } from '@uptake/testing';
import { Queue } from 'bullmq';
import IORedis from 'ioredis';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { DataSource } from 'typeorm';
import { createWorker } from '../app/create-worker';
import { RecomputeQueue, runRefreshJobId } from '../app/recompute/recompute.queue';
import { FAILED_REFRESH_RETRY_MS, runsBehindQuery } from '../app/recompute/rollup-reconciler';
import { SyncQueue } from '../app/sync/sync-queue';
import { SyncReconciler } from '../app/sync/sync-reconciler';
import { demoEventCount, demoSource, eventually, redisDb, runOf } from './support';

const DEMO = { seed: 31, people: 60, targetEvents: 600 };
/** Redis database of this file only (support.ts lists the others'): it is flushed, as a Redis restart would. */
const REDIS_DB = 14;
const ROLLUP_TABLES = [
  'activity_daily',
  'unattributed_daily',
  'person_daily',
  'person_month',
  'group_person_month',
  'person_activity',
  'interaction_daily',
  'thread_rollup',
];

/**
 * "Rollups behind events" (issue 17): a run's rollup refresh lost with Redis's data is queued again by the
 * reconciler's pass, once, and the rollups then equal a from-scratch refresh. The recompute queue is paused
 * (globally, in Redis) whenever a refresh must stay waiting to be looked at.
 */
describe('the rollup reconciler', () => {
  const redisUrl = redisDb(testStoreUrls().redisUrl, REDIS_DB);
  let database: { url: string; drop(): Promise<void> };
  let dataSource: DataSource;
  let redis: IORedis;
  let recompute: Queue<RefreshRollupsJob>;
  let worker: INestApplicationContext | undefined;
  let spoolDir: string;

  beforeAll(async () => {
    database = await createEmptyDatabase();
    await migrate(database.url);
    dataSource = await createDataSource(database.url).initialize();
    redis = new IORedis(redisUrl, { maxRetriesPerRequest: 3 });
    await redis.flushdb();
    recompute = new Queue<RefreshRollupsJob>(QUEUES.recompute, { connection: { url: redisUrl } });
    spoolDir = await mkdtemp(path.join(os.tmpdir(), 'uptake-spool-'));
    worker = await createWorker(
      testConfig({ DATABASE_URL: database.url, REDIS_URL: redisUrl, SPOOL_DIR: spoolDir }),
    );
  });

  afterAll(async () => {
    await worker?.close();
    await redis?.flushdb();
    await recompute?.close();
    redis?.disconnect();
    await dataSource?.destroy();
    await database?.drop();
    await rm(spoolDir, { recursive: true, force: true });
  });

  async function organisation(name: string): Promise<Organisation> {
    return dataSource.getRepository(Organisation).save({ name, slug: `${name}-${uniqueSuffix()}` });
  }

  /** Syncs a demo source of the organisation while refreshes wait (the queue paused): the finished run. */
  async function ingestWithRefreshWaiting(organisationId: string): Promise<SyncRun & { finishedAt: Date }> {
    await recompute.pause();
    const source = await demoSource(dataSource, organisationId, 'demo', DEMO);
    const run = await dataSource
      .getRepository(SyncRun)
      .save({ organisationId, sourceId: source.id, status: 'queued' });
    await worker!.get(SyncQueue).enqueue(run);
    const finished = await eventually(
      runOf(dataSource, run.id),
      (r) => r.status === 'succeeded',
      30_000,
      'run succeeded',
    );
    expect(finished.recordsInserted).toBe(demoEventCount(DEMO));
    const ended = finished as SyncRun & { finishedAt: Date };
    // The worker adds the refresh just after it records the outcome.
    await eventually(
      () => recompute.getJobState(runRefreshJobId(ended)),
      (state) => state === 'waiting',
      10_000,
      'refresh waiting',
    );
    return ended;
  }

  function reconcile(): Promise<string[]> {
    return worker!
      .get(SyncReconciler)
      .reconcile()
      .then((report) => report!.refreshesRequeued);
  }

  async function rollupVersion(organisationId: string): Promise<number> {
    const [row] = await dataSource.query(
      'SELECT version::int AS version FROM kpi_rollup_versions WHERE organisation_id = $1',
      [organisationId],
    );
    return row.version;
  }

  /** Every rollup row of the organisation, table by table, in a fixed order. */
  async function rollups(organisationId: string): Promise<Record<string, unknown[]>> {
    const tables: Record<string, unknown[]> = {};
    for (const table of ROLLUP_TABLES) {
      const [{ rows }] = await dataSource.query(
        `SELECT coalesce(json_agg(t ORDER BY t::text), '[]'::json) AS rows FROM ${table} t
         WHERE t.organisation_id = $1`,
        [organisationId],
      );
      tables[table] = rows;
    }
    return tables;
  }

  async function pendingRefreshes(): Promise<number> {
    const counts = await recompute.getJobCounts('waiting', 'active', 'delayed', 'prioritized');
    return Object.values(counts).reduce((sum, count) => sum + count, 0);
  }

  it('queues a refresh Redis lost once; the rollups then equal a from-scratch refresh', async () => {
    const { id: organisationId } = await organisation('lost-refresh');
    const run = await ingestWithRefreshWaiting(organisationId);
    const version = await rollupVersion(organisationId);

    // The refresh is waiting: nothing to queue.
    expect(await reconcile()).toEqual([]);
    expect(await pendingRefreshes()).toBe(1);

    // Redis restarts without its data: the refresh is gone, the rollups stay behind the events.
    await redis.flushdb();
    expect(await recompute.getJob(runRefreshJobId(run))).toBeUndefined();
    expect((await rollups(organisationId))['activity_daily']).toEqual([]);

    await recompute.pause();
    expect(await reconcile()).toEqual([run.id]);
    // A second pass, and the worker adding the same refresh at the same time, add nothing.
    expect(await reconcile()).toEqual([]);
    await worker!.get(RecomputeQueue).afterRun(run);
    expect(await pendingRefreshes()).toBe(1);
    const requeued = await recompute.getJob(runRefreshJobId(run));
    expect(requeued?.data).toMatchObject({
      organisationId,
      from: run.affectedFrom!.toISOString(),
      to: run.affectedTo!.toISOString(),
    });

    await recompute.resume();
    await eventually(
      () => recompute.getJobState(runRefreshJobId(run)),
      (state) => state === 'completed',
      30_000,
      'refresh completed',
    );
    // Refreshed exactly once.
    expect(await rollupVersion(organisationId)).toBe(version + 1);
    expect(await reconcile()).toEqual([]);
    expect(await pendingRefreshes()).toBe(0);

    const refreshed = await rollups(organisationId);
    expect(refreshed['activity_daily'].length).toBeGreaterThan(0);
    expect(refreshed['thread_rollup'].length).toBeGreaterThan(0);
    // From scratch: every rollup row of the organisation removed, then all its events' days refreshed.
    await dataSource.transaction(async (manager) => {
      for (const table of ROLLUP_TABLES) {
        await manager.query(`DELETE FROM ${table} WHERE organisation_id = $1`, [organisationId]);
      }
    });
    const [span] = await dataSource.query(
      'SELECT min(occurred_at) AS first, max(occurred_at) AS last FROM activity_events WHERE organisation_id = $1',
      [organisationId],
    );
    await refreshRollups(dataSource, organisationId, { from: span.first, to: span.last });
    expect(await rollups(organisationId)).toEqual(refreshed);
  }, 120_000);

  it('queues nothing for rollups that are up to date or a run that stored no events', async () => {
    const { id: organisationId } = await organisation('up-to-date');
    const run = await ingestWithRefreshWaiting(organisationId);
    await recompute.resume();
    await eventually(
      () => recompute.getJobState(runRefreshJobId(run)),
      (state) => state === 'completed',
      30_000,
      'refresh completed',
    );
    // Its completed job removed (retention): refreshed_at, past the run's finish, says it is done.
    await (await recompute.getJob(runRefreshJobId(run)))!.remove();
    const source = await demoSource(dataSource, organisationId, 'empty', DEMO);
    await dataSource.getRepository(SyncRun).save({
      organisationId,
      sourceId: source.id,
      status: 'succeeded',
      finishedAt: new Date(Date.now() + 60_000),
    });

    expect(await reconcile()).toEqual([]);
    expect(await pendingRefreshes()).toBe(0);
  }, 120_000);

  it('finds the runs behind by index, with or without a page to resume after', async () => {
    // The tables are tiny here: with sequential scans off, the plan shows whether the index can serve it.
    for (const resume of [false, true]) {
      const plan = await dataSource.transaction(async (manager) => {
        await manager.query('SET LOCAL enable_seqscan = off');
        const rows: { 'QUERY PLAN': string }[] = await manager.query(
          `EXPLAIN ${runsBehindQuery(resume)}`,
          resume ? [200, new Date(), '00000000-0000-0000-0000-000000000000'] : [200],
        );
        return rows.map((row) => row['QUERY PLAN']).join('\n');
      });
      expect(plan).toContain('sync_runs_refresh_idx');
      expect(plan).not.toMatch(/Seq Scan on sync_runs/);
    }
  });

  it('queues a refresh that failed for good again, once it has been failed a while', async () => {
    const { id: organisationId } = await organisation('failed-refresh');
    const run = await ingestWithRefreshWaiting(organisationId);
    const jobId = runRefreshJobId(run);
    // The refresh failed for good (as while Postgres was down): a stand-in with a payload Postgres rejects.
    await redis.flushdb();
    await recompute.add(
      JOBS.refreshRollups,
      { organisationId, from: 'not a time', to: 'not a time' },
      { jobId, attempts: 1 },
    );
    await eventually(
      () => recompute.getJobState(jobId),
      (state) => state === 'failed',
      30_000,
      'refresh failed',
    );
    const version = await rollupVersion(organisationId);

    expect(await reconcile()).toEqual([]);
    const later = Date.now() + FAILED_REFRESH_RETRY_MS + 1_000;
    const clock = jest.spyOn(Date, 'now').mockReturnValue(later);
    try {
      expect(await reconcile()).toEqual([run.id]);
    } finally {
      clock.mockRestore();
    }
    await eventually(
      () => recompute.getJobState(jobId),
      (state) => state === 'completed',
      30_000,
      'refresh completed',
    );
    expect((await recompute.getJob(jobId))?.data.from).toBe(run.affectedFrom!.toISOString());
    expect(await rollupVersion(organisationId)).toBe(version + 1);
    expect(await reconcile()).toEqual([]);
  }, 120_000);
});
