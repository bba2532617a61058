import { ActivitySource, createDataSource, Organisation, SyncRun } from '@uptake/persistence';
import { JOBS, QUEUES, type RunSyncJob } from '@uptake/queues';
import { testStoreUrls, uniqueSuffix } from '@uptake/testing';
import { Queue } from 'bullmq';
import type { DataSource } from 'typeorm';
import { demoEventCount, killMidSyncAndFinish, redisDb, storedEvents } from './support';

/**
 * 20 committed batches: the demo checkpoints every 2,000 events and a worker started by startWorkerProcess
 * commits at each (TEST_BATCH_SIZE is below 2,000), so 3 kills after a batch each still land mid-sync.
 */
const DEMO = { seed: 11, people: 300, targetEvents: 40_000 };
const KILLS = 3;

describe('a worker killed mid-sync', () => {
  const redisUrl = redisDb(testStoreUrls().redisUrl, 5);
  let dataSource: DataSource;
  let queue: Queue<RunSyncJob>;
  let organisation: Organisation;

  beforeAll(async () => {
    dataSource = await createDataSource(testStoreUrls().databaseUrl).initialize();
    queue = new Queue<RunSyncJob>(QUEUES.sync, { connection: { url: redisUrl } });
    organisation = await dataSource
      .getRepository(Organisation)
      .save({ name: 'Crash Test', slug: `crash-${uniqueSuffix()}` });
  });

  // The organisation and its events are left in the test database, which is thrown away after the run:
  // deleting them (a cascade over every event) took longer than the sync.
  afterAll(async () => {
    await queue?.obliterate({ force: true });
    await queue?.close();
    await dataSource.destroy();
  });

  it(`ends with exactly the source's event count after ${KILLS} kills and restarts`, async () => {
    const expected = demoEventCount(DEMO);
    const source = await dataSource
      .getRepository(ActivitySource)
      .save({ organisationId: organisation.id, name: 'demo', connectorType: 'demo', settings: DEMO });
    const run = await dataSource
      .getRepository(SyncRun)
      .save({ organisationId: organisation.id, sourceId: source.id, status: 'queued' });
    await queue.add(
      JOBS.runSync,
      { organisationId: organisation.id, sourceId: source.id, syncRunId: run.id },
      { jobId: run.id, attempts: 3 },
    );

    const { final, insertedAtKills } = await killMidSyncAndFinish(
      dataSource,
      run.id,
      redisUrl,
      KILLS,
      90_000,
    );
    // Each kill landed mid-sync: once that worker had committed more batches than the last, before the end.
    expect(insertedAtKills).toHaveLength(KILLS);
    insertedAtKills.forEach((inserted, n) => {
      expect(inserted).toBeGreaterThan(n === 0 ? 0 : insertedAtKills[n - 1]);
      expect(inserted).toBeLessThan(expected);
    });
    expect(final.status).toBe('succeeded');
    expect(await storedEvents(dataSource, source.id)).toBe(expected);
    // Counts and checkpoint commit with each batch, so the resumed attempts re-read nothing already stored.
    expect(final).toMatchObject({ recordsInserted: expected, recordsRead: expected, recordsDuplicate: 0 });
    expect(final.attempts).toBe(KILLS + 1);
  }, 180_000);
});
