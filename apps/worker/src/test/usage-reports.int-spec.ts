import type { INestApplicationContext } from '@nestjs/common';
import { ActivitySource, createDataSource, Organisation, SyncRun } from '@uptake/persistence';
import { JOBS, QUEUES, type RunSyncJob } from '@uptake/queues';
import { testConfig, testStoreUrls, uniqueSuffix } from '@uptake/testing';
import { Queue } from 'bullmq';
import { copyFileSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { createWorker } from '../app/create-worker';
import { eventually } from './support';

const FIXTURES = join(__dirname, '../../../../libs/connectors/src/ms-graph-reports/fixtures');

/**
 * Microsoft 365 usage reports through the real worker (BullMQ on Redis, Postgres): a republished day
 * re-uploaded leaves the corrected counts in the events and, after the worker's rollup refresh, in the daily
 * rollup; files that can never be read right fail at once (one attempt); concealed rows are warned on the run.
 * Hand counts: libs/connectors/src/ms-graph-reports/fixtures/README.md.
 */
describe('Microsoft 365 usage report uploads', () => {
  const { databaseUrl, redisUrl } = testStoreUrls();
  let worker: INestApplicationContext;
  let dataSource: DataSource;
  let queue: Queue<RunSyncJob>;
  let organisation: Organisation;
  let spool: string;

  const newSource = () =>
    dataSource.getRepository(ActivitySource).save({
      organisationId: organisation.id,
      name: `m365 ${uniqueSuffix()}`,
      connectorType: 'ms-graph-reports',
    });
  /** Spools a copy of the fixture (the worker deletes it when the run succeeds) and queues a run reading it. */
  const upload = async (source: ActivitySource, fixture: string): Promise<SyncRun> => {
    const spoolPath = join(spool, `${uniqueSuffix()}-${fixture}`);
    copyFileSync(join(FIXTURES, fixture), spoolPath);
    const run = await dataSource.getRepository(SyncRun).save({
      organisationId: organisation.id,
      sourceId: source.id,
      trigger: 'upload',
      status: 'queued',
      input: { fileName: fixture, size: statSync(spoolPath).size, spoolPath },
    });
    await queue.add(
      JOBS.runSync,
      { organisationId: organisation.id, sourceId: source.id, syncRunId: run.id },
      { jobId: run.id, attempts: 5, backoff: 10 },
    );
    return eventually(
      () => dataSource.getRepository(SyncRun).findOneByOrFail({ id: run.id }),
      (current) => current.status === 'succeeded' || current.status === 'failed',
      60_000,
      `run ${run.id} to finish`,
    );
  };
  const dailyEvents = async (): Promise<number> => {
    const [row]: { total: number }[] = await dataSource.query(
      `SELECT coalesce(sum(events), 0)::int AS total FROM activity_daily
       WHERE organisation_id = $1 AND day = '2026-03-16' AND type IN ('post', 'read', 'reaction')`,
      [organisation.id],
    );
    return row.total;
  };

  beforeAll(async () => {
    spool = mkdtempSync(join(tmpdir(), 'uptake-usage-reports-'));
    worker = await createWorker(testConfig({ WORKER_CONCURRENCY: '2' }));
    dataSource = await createDataSource(databaseUrl).initialize();
    queue = new Queue<RunSyncJob>(QUEUES.sync, { connection: { url: redisUrl } });
    organisation = await dataSource
      .getRepository(Organisation)
      .save({ name: 'Usage reports', slug: `usage-reports-${uniqueSuffix()}` });
  });

  afterAll(async () => {
    await worker?.close();
    await queue?.close();
    if (organisation) await dataSource.getRepository(Organisation).delete(organisation.id);
    await dataSource?.destroy();
    rmSync(spool, { recursive: true, force: true });
  });

  it('updates the counts of a republished day, in the events and the rollups, counting nothing twice', async () => {
    const source = await newSource();
    const first = await upload(source, 'yammer-activity-user-detail.csv');
    expect(first).toMatchObject({ status: 'succeeded', recordsInserted: 11, recordsUpdated: 0 });
    await eventually(dailyEvents, (total) => total === 71, 30_000, 'the first rollup refresh');

    const corrected = await upload(source, 'yammer-activity-user-detail-corrected.csv');
    expect(corrected).toMatchObject({
      status: 'succeeded',
      recordsRead: 11,
      recordsInserted: 1,
      recordsUpdated: 2,
      recordsDuplicate: 9,
    });
    expect(await eventually(dailyEvents, (total) => total === 73, 30_000, 'the refresh of the day')).toBe(73);
    const [events]: { rows: number }[] = await dataSource.query(
      'SELECT count(*)::int AS rows FROM activity_events WHERE organisation_id = $1 AND source_id = $2',
      [organisation.id, source.id],
    );
    expect(events.rows).toBe(11);
  });

  it('stores the concealed-names warning on the run', async () => {
    const run = await upload(await newSource(), 'teams-user-activity-user-detail.csv');
    expect(run).toMatchObject({ status: 'succeeded', recordsInserted: 8, recordsUsage: 15 });
    expect(run.warnings).toEqual([
      expect.objectContaining({
        code: 'concealed-names',
        file: 'teams-user-activity-user-detail.csv',
        count: 1,
      }),
    ]);
  });

  it.each([
    ['yammer-activity-user-detail-d7.csv', /is a 7-day report/],
    ['yammer-activity-user-detail-us-dates.csv', /writes its dates as MM\/DD\/YYYY \(US\)/],
    ['yammer-activity-user-detail-semicolon.csv', /is semicolon-delimited/],
    ['teams-user-activity-concealed.csv', /names its users by concealed values/],
  ])('fails %s at once, saying why, without retrying', async (fixture, message) => {
    const run = await upload(await newSource(), fixture);
    expect(run).toMatchObject({ status: 'failed', attempts: 1, recordsRead: 0 });
    expect(run.error).toMatch(message);
    expect((await queue.getJob(run.id))?.attemptsMade).toBe(1);
  });
});
