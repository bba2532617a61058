import type { INestApplicationContext } from '@nestjs/common';
import type { KpiScope } from '@uptake/contracts';
import { pseudonymise } from '@uptake/ingest';
import { KpiReports } from '@uptake/kpi';
import { createDataSource, migrate, MIGRATIONS, SyncRun } from '@uptake/persistence';
import { DEFAULT_JOB_OPTIONS, JOBS, QUEUES, redisConnectionOptions } from '@uptake/queues';
import { createEmptyDatabase, testConfig, testStoreUrls } from '@uptake/testing';
import { Queue } from 'bullmq';
import IORedis from 'ioredis';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { DataSource } from 'typeorm';
import { createWorker } from '../app/create-worker';
import { demoEventCount, eventually, redisDb, runOf, storedEvents, type DemoSettings } from './support';

/**
 * The previous release's migrations: those of release 851dbe6, the last one (14 migrations, up to
 * GroupPersonMonth1765500000000; the classes are not exported, so it is found by name).
 * At the next release, set PREVIOUS_RELEASE_LAST to this release's last migration (and the expected count
 * below), so the test keeps meaning "upgrade from N-1". The N-1 data is written by raw SQL in N-1's schema,
 * not with today's entities: check those INSERTs against the new N-1 then.
 */
const PREVIOUS_RELEASE_LAST = 'GroupPersonMonth1765500000000';
const PREVIOUS_RELEASE_MIGRATIONS = MIGRATIONS.slice(
  0,
  MIGRATIONS.findIndex((migration) => migration.name === PREVIOUS_RELEASE_LAST) + 1,
);

/**
 * Redis database of this file only (support.ts: the crash/shutdown/reconciler tests use 5..8): no other
 * file's worker takes these jobs, and it may be flushed.
 */
const REDIS_DB = 10;

/*
 * Upgrade from the previous release (issue 17). A database is migrated to N-1 and filled the way N-1 left it:
 * a directory already imported, and two sync runs the N-1 API queued but no worker ran before the upgrade,
 * one with a spooled upload. Then this release's migrations run, a worker of this release starts, and the
 * runs must complete with the expected records and KPI answers.
 *
 * Organisation "Upgrade" (UTC, k = 2, exact figures): directory Sales {ann, bob, cat}, Ops {dan, eve};
 * the queued CSV upload (8 rows, zed not in the directory):
 *   week 1 (03-02..03-08)  c-1 ann post 03-02 09:00; c-2 bob reply to c-1 10:00; c-3 cat reaction to c-1
 *                          03-03; c-4 dan 3 reads 03-04
 *   week 2 (03-09..03-15)  c-5 ann read 03-10 09:00; c-6 zed post 03-10 11:00; c-7 bob question 03-11
 *                          09:00; c-8 eve answer to c-7 03-11 12:00
 * Organisation "Upgrade demo": a demo source (file-less connector), its run queued with no file.
 */
const CSV = [
  'external_id,occurred_at,actor_id,type,thread_id,target_id,count',
  'c-1,2026-03-02T09:00:00Z,ann@example.com,post,,,',
  'c-2,2026-03-02T10:00:00Z,bob@example.com,reply,c-1,ann@example.com,',
  'c-3,2026-03-03T09:00:00Z,cat@example.com,reaction,c-1,ann@example.com,',
  'c-4,2026-03-04T09:00:00Z,dan@example.com,read,,,3',
  'c-5,2026-03-10T09:00:00Z,ann@example.com,read,,,',
  'c-6,2026-03-10T11:00:00Z,zed@example.com,post,,,',
  'c-7,2026-03-11T09:00:00Z,bob@example.com,question,,,',
  'c-8,2026-03-11T12:00:00Z,eve@example.com,answer,c-7,bob@example.com,',
].join('\n');
const DIRECTORY: [string, 'Sales' | 'Ops'][] = [
  ['ann@example.com', 'Sales'],
  ['bob@example.com', 'Sales'],
  ['cat@example.com', 'Sales'],
  ['dan@example.com', 'Ops'],
  ['eve@example.com', 'Ops'],
];
const DEMO: DemoSettings = { seed: 11, people: 60, targetEvents: 600 };

interface PreviousRelease {
  organisationId: string;
  csvRunId: string;
  csvSourceId: string;
  spoolPath: string;
  demoOrganisationId: string;
  demoRunId: string;
  demoSourceId: string;
}

/** N-1's rows by raw SQL in N-1's schema: what its API and its directory import had written. */
async function fillPreviousRelease(dataSource: DataSource, spoolDir: string): Promise<PreviousRelease> {
  const q = (sql: string, params: unknown[] = []) => dataSource.query(sql, params);
  const [organisation] = await q(
    `INSERT INTO organisations (name, slug, min_group_size, perturbation)
     VALUES ('Upgrade', 'upgrade', 2, false) RETURNING id, pseudonym_key`,
  );
  const organisationId: string = organisation.id;
  const units: Record<string, string> = {};
  for (const name of ['Sales', 'Ops']) {
    const [unit] = await q(
      `INSERT INTO org_units (organisation_id, name, kind) VALUES ($1, $2, 'department') RETURNING id`,
      [organisationId, name],
    );
    units[name] = unit.id;
  }
  // The directory import pseudonymised the e-mails with the organisation's key, as ingest still does.
  for (const [email, unit] of DIRECTORY) {
    await q(
      `INSERT INTO people (organisation_id, pseudonym, in_directory, org_unit_id) VALUES ($1, $2, true, $3)`,
      [organisationId, pseudonymise(organisation.pseudonym_key, email), units[unit]],
    );
  }
  const csvSourceId = await insertSource(dataSource, organisationId, 'csv', {});
  // The N-1 upload: the file streamed into the spool, then a queued run naming it.
  const spoolPath = path.join(spoolDir, 'a1b2c3d4-upload');
  fs.writeFileSync(spoolPath, CSV);
  const [csvRun] = await q(
    `INSERT INTO sync_runs (organisation_id, source_id, trigger, status, input)
     VALUES ($1, $2, 'upload', 'queued', $3) RETURNING id`,
    [organisationId, csvSourceId, { fileName: 'activity.csv', size: Buffer.byteLength(CSV), spoolPath }],
  );

  const [demoOrganisation] = await q(
    `INSERT INTO organisations (name, slug) VALUES ('Upgrade demo', 'upgrade-demo') RETURNING id`,
  );
  const demoSourceId = await insertSource(dataSource, demoOrganisation.id, 'demo', { ...DEMO });
  const [demoRun] = await q(
    `INSERT INTO sync_runs (organisation_id, source_id, trigger, status) VALUES ($1, $2, 'manual', 'queued')
     RETURNING id`,
    [demoOrganisation.id, demoSourceId],
  );
  return {
    organisationId,
    csvRunId: csvRun.id,
    csvSourceId,
    spoolPath,
    demoOrganisationId: demoOrganisation.id,
    demoRunId: demoRun.id,
    demoSourceId,
  };
}

async function insertSource(
  dataSource: DataSource,
  organisationId: string,
  connectorType: string,
  settings: object,
): Promise<string> {
  const [source] = await dataSource.query(
    `INSERT INTO data_sources (organisation_id, name, connector_type, settings) VALUES ($1, $2, $2, $3)
     RETURNING id`,
    [organisationId, connectorType, settings],
  );
  return source.id;
}

/**
 * Queues a run as N-1's API did (its enqueueSyncRun): job `run-sync`, the run id as job id, N-1's payload
 * (no request id yet), the queue's default job options.
 */
async function queueAsPreviousRelease(
  queue: Queue,
  run: { id: string; organisationId: string; sourceId: string },
): Promise<void> {
  await queue.add(
    JOBS.runSync,
    { organisationId: run.organisationId, sourceId: run.sourceId, syncRunId: run.id },
    { jobId: run.id },
  );
}

describe('upgrade from the previous release with runs queued before it', () => {
  const redisUrl = redisDb(testStoreUrls().redisUrl, REDIS_DB);
  let database: { url: string; drop(): Promise<void> };
  let dataSource: DataSource;
  let worker: INestApplicationContext | undefined;
  let redis: IORedis;
  let spoolDir: string;
  let before: PreviousRelease;
  let upgradeMigrations: string[];
  const timings: Record<string, number> = {};

  beforeAll(async () => {
    let started = Date.now();
    const lap = (name: string) => {
      timings[name] = Date.now() - started;
      started = Date.now();
    };
    redis = new IORedis(redisConnectionOptions(redisUrl));
    await redis.flushdb();
    spoolDir = fs.mkdtempSync(path.join(os.tmpdir(), 'uptake-upgrade-spool-'));
    database = await createEmptyDatabase();
    const previous = await createDataSource(database.url, {
      entities: [],
      migrations: PREVIOUS_RELEASE_MIGRATIONS,
    }).initialize();
    try {
      await previous.runMigrations();
      before = await fillPreviousRelease(previous, spoolDir);
    } finally {
      await previous.destroy();
    }
    const queue = new Queue(QUEUES.sync, {
      connection: redisConnectionOptions(redisUrl),
      defaultJobOptions: DEFAULT_JOB_OPTIONS,
    });
    try {
      await queueAsPreviousRelease(queue, {
        id: before.csvRunId,
        organisationId: before.organisationId,
        sourceId: before.csvSourceId,
      });
      await queueAsPreviousRelease(queue, {
        id: before.demoRunId,
        organisationId: before.demoOrganisationId,
        sourceId: before.demoSourceId,
      });
    } finally {
      await queue.close();
    }
    lap('previous release');

    // The upgrade: the migrate job first, then the workers.
    upgradeMigrations = await migrate(database.url);
    lap('migrate');
    dataSource = await createDataSource(database.url).initialize();
    worker = await createWorker(
      testConfig({
        DATABASE_URL: database.url,
        REDIS_URL: redisUrl,
        SPOOL_DIR: spoolDir,
        WORKER_CONCURRENCY: '1',
      }),
    );
    lap('worker start');
  }, 120_000);

  afterAll(async () => {
    await worker?.close();
    await dataSource?.destroy();
    await database?.drop();
    await redis?.flushdb();
    await redis?.quit();
    if (spoolDir) fs.rmSync(spoolDir, { recursive: true, force: true });
    console.info(`upgrade timings (ms): ${JSON.stringify(timings)}`);
  });

  it('applies exactly this release’s new migrations on top of the previous release’s', async () => {
    expect(PREVIOUS_RELEASE_MIGRATIONS).toHaveLength(14);
    expect(upgradeMigrations).toEqual(
      MIGRATIONS.slice(PREVIOUS_RELEASE_MIGRATIONS.length).map((migration) => new migration().name),
    );
    expect(upgradeMigrations.length).toBeGreaterThan(0);
    expect(await dataSource.showMigrations()).toBe(false);
  });

  it('completes the upload queued before the upgrade, into the people the previous release imported', async () => {
    const started = Date.now();
    const run = await eventually(
      runOf(dataSource, before.csvRunId),
      (value) => value.status === 'succeeded' || value.status === 'failed',
      60_000,
      'the queued upload to finish',
    );
    timings['csv run'] = Date.now() - started;
    expect(run).toMatchObject({
      status: 'succeeded',
      error: null,
      recordsRead: 8,
      recordsInserted: 8,
      recordsQuarantined: 0,
    });
    expect(await storedEvents(dataSource, before.csvSourceId)).toBe(8);
    // ann..eve were matched to their directory rows by pseudonym; only zed is new (a stub, not listed).
    const people: { listed: boolean; n: number }[] = await dataSource.query(
      `SELECT in_directory AS listed, count(*)::int AS n FROM people WHERE organisation_id = $1
       GROUP BY in_directory ORDER BY in_directory`,
      [before.organisationId],
    );
    expect(people).toEqual([
      { listed: false, n: 1 },
      { listed: true, n: 5 },
    ]);
    // A finished run's spooled file is removed.
    expect(fs.existsSync(before.spoolPath)).toBe(false);
  });

  it('completes the file-less demo run queued before the upgrade', async () => {
    const started = Date.now();
    const run = await eventually(
      runOf(dataSource, before.demoRunId),
      (value) => value.status === 'succeeded' || value.status === 'failed',
      60_000,
      'the queued demo run to finish',
    );
    timings['demo run'] = Date.now() - started;
    const expected = demoEventCount(DEMO);
    expect(run).toMatchObject({ status: 'succeeded', error: null, recordsInserted: expected });
    expect(await storedEvents(dataSource, before.demoSourceId)).toBe(expected);
  });

  it('answers KPIs over the upgraded database from the rollups the worker refreshed', async () => {
    // The post-ingest recomputation is its own job: wait until the daily rollup holds all 10 events
    // (c-4 counts 3 reads).
    await eventually(
      () =>
        dataSource.query(
          'SELECT coalesce(sum(events), 0)::int AS events FROM activity_daily WHERE organisation_id = $1',
          [before.organisationId],
        ),
      ([row]) => row.events === 10,
      30_000,
      'the rollups of the upload',
    );
    const reports = new KpiReports(dataSource);
    const scope: KpiScope = {
      organisationId: before.organisationId,
      from: '2026-03-02',
      to: '2026-03-15',
      granularity: 'week',
      orgUnitId: null,
      groupId: null,
      minGroupSize: 2,
      perturbation: false,
    };
    const [w1, w2] = (await reports.adoption(scope)).points;
    // eligible: the 5 listed people. w1 active {ann, bob, cat, dan}; daily 03-02 {ann, bob}, 03-03 {cat},
    // 03-04 {dan}: 4/7 a day; stickiness (4/7)/4.
    expect(w1).toMatchObject({
      start: '2026-03-02',
      eligible: 5,
      active: 4,
      activated: 4,
      adoptionRate: 4 / 5,
      averageDailyActive: 4 / 7,
      weeklyActive: 4,
      monthlyActive: 4,
      stickiness: 1 / 7,
    });
    // w2 active {ann, zed, bob, eve}; daily 03-10 {ann, zed}, 03-11 {bob, eve}: 4/7; activated adds eve (5/5);
    // the 28 days to 03-15 saw all six; stickiness (4/7)/6.
    expect(w2).toMatchObject({
      start: '2026-03-09',
      eligible: 5,
      active: 4,
      activated: 5,
      adoptionRate: 1,
      averageDailyActive: 4 / 7,
      weeklyActive: 4,
      monthlyActive: 6,
      stickiness: 2 / 21,
    });
    const [e1, e2] = (await reports.engagement(scope)).points;
    // w1: post c-1, reply c-2, reaction c-3. Its one thread (c-1, answered by bob after 1 h) rests on one
    // author, ann (1 < k): the thread figures are withheld.
    expect(e1).toMatchObject({
      active: 4,
      posts: 1,
      replies: 1,
      reactions: 1,
      threads: null,
      threadsWithResponse: null,
      medianHoursToFirstResponse: null,
    });
    // w2: posts c-6, c-7 (a question) by zed and bob; answer c-8 to c-7 after 3 h; c-6 unanswered; a
    // reaction would not have been a response
    expect(e2).toMatchObject({
      active: 4,
      posts: 2,
      replies: 1,
      reactions: 0,
      threads: 2,
      threadsWithResponse: 1 / 2,
      medianHoursToFirstResponse: 3,
    });
    // Ops {dan, eve} alone: w1 has one active person of Ops (1 < k): withheld.
    const ops: string = (
      await dataSource.query(`SELECT id FROM org_units WHERE organisation_id = $1 AND name = 'Ops'`, [
        before.organisationId,
      ])
    )[0].id;
    const [o1] = (await reports.adoption({ ...scope, orgUnitId: ops })).points;
    expect(o1).toMatchObject({ eligible: 2, active: null, suppressed: { code: 'below-k', minGroupSize: 2 } });
    // A range before any activity: nothing active, nothing withheld for it.
    const [none] = (await reports.adoption({ ...scope, from: '2026-02-02', to: '2026-02-08' })).points;
    expect(none).toMatchObject({ eligible: 5, active: 0, activated: 0, adoptionRate: 0 });
  });

  it('leaves no job of the queued runs behind', async () => {
    const queue = new Queue(QUEUES.sync, { connection: redisConnectionOptions(redisUrl) });
    try {
      const counts = await queue.getJobCounts('waiting', 'active', 'delayed', 'failed', 'completed');
      expect(counts).toMatchObject({ waiting: 0, active: 0, delayed: 0, failed: 0, completed: 2 });
    } finally {
      await queue.close();
    }
    const runs = await dataSource.getRepository(SyncRun).find({ select: { status: true } });
    expect(runs.map((run) => run.status)).toEqual(['succeeded', 'succeeded']);
  });
});
