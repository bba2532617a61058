import type { INestApplicationContext } from '@nestjs/common';
import { refreshRollups, timeZoneChangeRefresh } from '@uptake/kpi';
import {
  createDataSource,
  migrate,
  Organisation,
  pendingRefreshRequestsQuery,
  RollupRefreshRequestRepository,
  SyncRun,
  type RollupRefreshRequest,
} from '@uptake/persistence';
import {
  enqueueRollupRefresh,
  JOBS,
  QUEUES,
  rollupRefreshJobId,
  type RefreshRollupsJob,
  type UptakeQueue,
} from '@uptake/queues';
import { createEmptyDatabase, testConfig, testStoreUrls, uniqueSuffix } from '@uptake/testing';
import { Queue } from 'bullmq';
import IORedis from 'ioredis';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { DataSource } from 'typeorm';
import { createWorker } from '../app/create-worker';
import { RecomputeQueue } from '../app/recompute/recompute.queue';
import { FAILED_REFRESH_RETRY_MS } from '../app/recompute/rollup-reconciler';
import { SyncQueue } from '../app/sync/sync-queue';
import { SyncReconciler } from '../app/sync/sync-reconciler';
import { demoEventCount, demoSource, eventually, redisDb, runOf, type DemoSettings } from './support';

const DEMO = { seed: 31, people: 60, targetEvents: 600 };
/** A demo history that ends before LATER's starts: a refresh of one leaves the other's days alone. */
const EARLIER = { ...DEMO, start: '2026-01-05', days: 28 };
const LATER = { ...DEMO, seed: 32, start: '2026-06-01', days: 28 };
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

type FinishedRun = SyncRun & { finishedAt: Date };
type StoredRequest = RollupRefreshRequest & { doneAt: Date | null };

/**
 * "Rollups behind events" (issue 17): every rollup refresh is recorded in rollup_refresh_requests before its
 * job is queued; a job lost with Redis's data is queued again by the reconciler's pass, once, and the rollups
 * then equal a from-scratch refresh. The recompute queue is paused (globally, in Redis) whenever a refresh
 * must stay waiting to be looked at.
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

  /** The organisation's recorded refresh requests, in the order they were made. */
  function requestsOf(organisationId: string): Promise<StoredRequest[]> {
    return dataSource.query(
      `SELECT id::text AS id, organisation_id AS "organisationId", range_from AS "from", range_to AS "to",
              reason, sync_run_id AS "syncRunId", requested_at AS "requestedAt", done_at AS "doneAt"
       FROM rollup_refresh_requests WHERE organisation_id = $1 ORDER BY id`,
      [organisationId],
    );
  }

  async function doneAt(request: RollupRefreshRequest): Promise<Date | null> {
    const stored = await requestsOf(request.organisationId);
    return stored.find((row) => row.id === request.id)!.doneAt;
  }

  /** Runs one sync of the source through the worker: the run, once succeeded. */
  async function sync(organisationId: string, sourceId: string): Promise<FinishedRun> {
    const run = await dataSource.getRepository(SyncRun).save({ organisationId, sourceId, status: 'queued' });
    await worker!.get(SyncQueue).enqueue(run);
    const finished = await eventually(
      runOf(dataSource, run.id),
      (r) => r.status === 'succeeded',
      30_000,
      'run succeeded',
    );
    return finished as FinishedRun;
  }

  /**
   * Syncs a demo source of the organisation while refreshes wait (the queue paused): the finished run and
   * the refresh request recorded with its success.
   */
  async function ingestWithRefreshWaiting(
    organisationId: string,
    settings: DemoSettings = DEMO,
  ): Promise<{ run: FinishedRun; request: RollupRefreshRequest }> {
    await recompute.pause();
    const source = await demoSource(dataSource, organisationId, `demo-${uniqueSuffix()}`, settings);
    const run = await sync(organisationId, source.id);
    expect(run.recordsInserted).toBe(demoEventCount(settings));
    const requests = (await requestsOf(organisationId)).filter((request) => request.syncRunId === run.id);
    // One request, for the span of event times the run stored.
    expect(requests).toEqual([
      expect.objectContaining({
        from: run.affectedFrom,
        to: run.affectedTo,
        reason: 'sync-run',
        doneAt: null,
      }),
    ]);
    const [request] = requests;
    // The worker adds the refresh just after the run's success commits.
    await eventually(
      () => recompute.getJobState(rollupRefreshJobId(request)),
      (state) => state === 'waiting',
      10_000,
      'refresh waiting',
    );
    return { run, request };
  }

  function reconcile(): Promise<string[]> {
    return worker!
      .get(SyncReconciler)
      .reconcile()
      .then((report) => report!.refreshesRequeued);
  }

  function refreshCompleted(request: RollupRefreshRequest): Promise<unknown> {
    return eventually(
      () => recompute.getJobState(rollupRefreshJobId(request)),
      (state) => state === 'completed',
      30_000,
      'refresh completed',
    );
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

  async function eventSpan(organisationId: string): Promise<{ first: Date; last: Date }> {
    const [span] = await dataSource.query(
      'SELECT min(occurred_at) AS first, max(occurred_at) AS last FROM activity_events WHERE organisation_id = $1',
      [organisationId],
    );
    return span;
  }

  /**
   * The organisation's rollups are those of a refresh from scratch: every rollup row removed, then all its
   * events' days refreshed.
   */
  async function expectRollupsFromScratch(organisationId: string): Promise<void> {
    const refreshed = await rollups(organisationId);
    expect(refreshed['activity_daily'].length).toBeGreaterThan(0);
    expect(refreshed['thread_rollup'].length).toBeGreaterThan(0);
    await dataSource.transaction(async (manager) => {
      for (const table of ROLLUP_TABLES) {
        await manager.query(`DELETE FROM ${table} WHERE organisation_id = $1`, [organisationId]);
      }
    });
    const span = await eventSpan(organisationId);
    await refreshRollups(dataSource, organisationId, { from: span.first, to: span.last });
    expect(await rollups(organisationId)).toEqual(refreshed);
  }

  async function pendingRefreshes(): Promise<number> {
    const counts = await recompute.getJobCounts('waiting', 'active', 'delayed', 'prioritized');
    return Object.values(counts).reduce((sum, count) => sum + count, 0);
  }

  it('queues a refresh Redis lost once; the rollups then equal a from-scratch refresh', async () => {
    const { id: organisationId } = await organisation('lost-refresh');
    const { run, request } = await ingestWithRefreshWaiting(organisationId);
    const version = await rollupVersion(organisationId);

    // The refresh is waiting: nothing to queue.
    expect(await reconcile()).toEqual([]);
    expect(await pendingRefreshes()).toBe(1);

    // Redis restarts without its data: the refresh is gone, the rollups stay behind the events.
    await redis.flushdb();
    expect(await recompute.getJob(rollupRefreshJobId(request))).toBeUndefined();
    expect((await rollups(organisationId))['activity_daily']).toEqual([]);

    await recompute.pause();
    expect(await reconcile()).toEqual([request.id]);
    // A second pass, and the worker adding the same refresh at the same time, add nothing.
    expect(await reconcile()).toEqual([]);
    await worker!.get(RecomputeQueue).refresh(request);
    expect(await pendingRefreshes()).toBe(1);
    const requeued = await recompute.getJob(rollupRefreshJobId(request));
    expect(requeued?.data).toMatchObject({
      organisationId,
      from: run.affectedFrom!.toISOString(),
      to: run.affectedTo!.toISOString(),
      refreshRequestId: request.id,
    });

    await recompute.resume();
    await refreshCompleted(request);
    // Refreshed exactly once, and the request done.
    expect(await rollupVersion(organisationId)).toBe(version + 1);
    expect(await doneAt(request)).toBeInstanceOf(Date);
    expect(await reconcile()).toEqual([]);
    expect(await pendingRefreshes()).toBe(0);
    await expectRollupsFromScratch(organisationId);
  }, 120_000);

  it('queues a lost refresh even when a later refresh of the organisation completed first', async () => {
    const { id: organisationId } = await organisation('overtaken-refresh');
    const earlier = await ingestWithRefreshWaiting(organisationId, EARLIER);
    // Redis loses the earlier run's refresh; a later run of the organisation then refreshes its own days.
    await redis.flushdb();
    const later = await ingestWithRefreshWaiting(organisationId, LATER);
    expect(later.run.affectedFrom!.getTime()).toBeGreaterThan(earlier.run.affectedTo!.getTime());
    await recompute.resume();
    await refreshCompleted(later.request);
    // The organisation's last refresh is now past the earlier run's finish (which hid it before requests
    // were recorded), while the earlier run's days have no rollups.
    const [{ refreshedAt }] = await dataSource.query(
      'SELECT refreshed_at AS "refreshedAt" FROM kpi_rollup_versions WHERE organisation_id = $1',
      [organisationId],
    );
    expect(refreshedAt.getTime()).toBeGreaterThan(earlier.run.finishedAt.getTime());
    const [{ stale }] = await dataSource.query(
      'SELECT count(*)::int AS stale FROM activity_daily WHERE organisation_id = $1 AND day < $2::date',
      [organisationId, LATER.start],
    );
    expect(stale).toBe(0);

    expect(await reconcile()).toEqual([earlier.request.id]);
    await refreshCompleted(earlier.request);
    expect(await doneAt(earlier.request)).toBeInstanceOf(Date);
    expect(await doneAt(later.request)).toBeInstanceOf(Date);
    expect(await reconcile()).toEqual([]);
    await expectRollupsFromScratch(organisationId);
  }, 120_000);

  it('queues again a refresh the API recorded (a time-zone change) whose job Redis lost', async () => {
    const { id: organisationId } = await organisation('api-refresh');
    const { request: syncRequest } = await ingestWithRefreshWaiting(organisationId);
    await recompute.resume();
    await refreshCompleted(syncRequest);
    const before = await rollups(organisationId);

    // What the settings service does in the change's transaction, Redis then losing the job.
    await recompute.pause();
    const request = await dataSource.transaction(async (manager) => {
      await manager.update(Organisation, { id: organisationId }, { timeZone: 'Pacific/Auckland' });
      const range = timeZoneChangeRefresh(await eventSpan(organisationId));
      return new RollupRefreshRequestRepository(dataSource).create(
        { organisationId, from: new Date(range.from), to: new Date(range.to), reason: 'time-zone-changed' },
        manager,
      );
    });
    await enqueueRollupRefresh(recompute as unknown as UptakeQueue<'recompute'>, request);
    await redis.flushdb();
    expect(await recompute.getJob(rollupRefreshJobId(request))).toBeUndefined();

    await recompute.pause();
    expect(await reconcile()).toEqual([request.id]);
    expect((await recompute.getJob(rollupRefreshJobId(request)))?.data).toMatchObject({
      organisationId,
      from: request.from.toISOString(),
      to: request.to.toISOString(),
      refreshRequestId: request.id,
    });
    await recompute.resume();
    await refreshCompleted(request);
    expect(await doneAt(request)).toBeInstanceOf(Date);
    expect(await reconcile()).toEqual([]);
    // The days moved to the new zone (12 or 13 hours ahead of UTC): the rollups changed, as from scratch.
    expect(await rollups(organisationId)).not.toEqual(before);
    await expectRollupsFromScratch(organisationId);
  }, 120_000);

  it('marks done a refresh whose job completed; a run that stored no events asks for none', async () => {
    const { id: organisationId } = await organisation('up-to-date');
    const { run, request } = await ingestWithRefreshWaiting(organisationId);
    await recompute.resume();
    await refreshCompleted(request);
    expect(await doneAt(request)).toBeInstanceOf(Date);

    // The refresh ran but its mark was lost (Postgres failed just after): its completed job says it is done.
    await dataSource.query('UPDATE rollup_refresh_requests SET done_at = NULL WHERE id = $1', [request.id]);
    expect(await reconcile()).toEqual([]);
    expect(await doneAt(request)).toBeInstanceOf(Date);
    // A done request is not looked at again, whatever became of its job (retention removes it).
    await (await recompute.getJob(rollupRefreshJobId(request)))!.remove();
    expect(await reconcile()).toEqual([]);

    // The demo is deterministic: a second sync of its source stores nothing, and asks for no refresh.
    const again = await sync(organisationId, run.sourceId);
    expect([again.recordsInserted, again.affectedFrom]).toEqual([0, null]);
    expect((await requestsOf(organisationId)).map((row) => row.syncRunId)).toEqual([run.id]);
    expect(await reconcile()).toEqual([]);
    expect(await pendingRefreshes()).toBe(0);
  }, 120_000);

  it('finds the pending requests by index, with or without a page to resume after', async () => {
    // The tables are tiny here: with sequential scans off, the plan shows whether the index can serve it.
    for (const resume of [false, true]) {
      const plan = await dataSource.transaction(async (manager) => {
        await manager.query('SET LOCAL enable_seqscan = off');
        const rows: { 'QUERY PLAN': string }[] = await manager.query(
          `EXPLAIN ${pendingRefreshRequestsQuery(resume)}`,
          resume ? [200, '0'] : [200],
        );
        return rows.map((row) => row['QUERY PLAN']).join('\n');
      });
      expect(plan).toContain('rollup_refresh_requests_pending_idx');
      expect(plan).not.toMatch(/Seq Scan on rollup_refresh_requests/);
    }
  });

  it('queues a refresh that failed for good again, once it has been failed a while', async () => {
    const { id: organisationId } = await organisation('failed-refresh');
    const { run, request } = await ingestWithRefreshWaiting(organisationId);
    const jobId = rollupRefreshJobId(request);
    // The refresh failed for good (as while Postgres was down): a stand-in with a payload Postgres rejects.
    await redis.flushdb();
    await recompute.add(
      JOBS.refreshRollups,
      { organisationId, from: 'not a time', to: 'not a time', refreshRequestId: request.id },
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
    expect(await doneAt(request)).toBeNull();
    const later = Date.now() + FAILED_REFRESH_RETRY_MS + 1_000;
    const clock = jest.spyOn(Date, 'now').mockReturnValue(later);
    try {
      expect(await reconcile()).toEqual([request.id]);
    } finally {
      clock.mockRestore();
    }
    await refreshCompleted(request);
    expect((await recompute.getJob(jobId))?.data.from).toBe(run.affectedFrom!.toISOString());
    expect(await rollupVersion(organisationId)).toBe(version + 1);
    expect(await doneAt(request)).toBeInstanceOf(Date);
    expect(await reconcile()).toEqual([]);
  }, 120_000);
});
