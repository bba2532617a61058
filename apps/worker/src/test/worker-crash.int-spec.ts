import { generateDemoOrganisation } from '@uptake/demo';
import { ActivitySource, createDataSource, Organisation, SyncRun } from '@uptake/persistence';
import { JOBS, QUEUES, type RunSyncJob } from '@uptake/queues';
import { testStoreUrls, uniqueSuffix } from '@uptake/testing';
import { Queue } from 'bullmq';
import type { ChildProcess } from 'node:child_process';
import type { DataSource } from 'typeorm';
import { redisDb, startWorkerProcess } from './support';

const DEMO = { seed: 11, people: 300, targetEvents: 150_000 };
const KILLS = 3;

describe('a worker killed mid-sync', () => {
  const redisUrl = redisDb(testStoreUrls().redisUrl, 5);
  let dataSource: DataSource;
  let queue: Queue<RunSyncJob>;
  let organisation: Organisation;
  let worker: ChildProcess | undefined;

  beforeAll(async () => {
    dataSource = await createDataSource(testStoreUrls().databaseUrl).initialize();
    queue = new Queue<RunSyncJob>(QUEUES.sync, { connection: { url: redisUrl } });
    organisation = await dataSource
      .getRepository(Organisation)
      .save({ name: 'Crash Test', slug: `crash-${uniqueSuffix()}` });
  });

  afterAll(async () => {
    worker?.kill('SIGKILL');
    await queue?.obliterate({ force: true });
    await queue?.close();
    await dataSource.getRepository(Organisation).delete(organisation.id);
    await dataSource.destroy();
  });

  it(`ends with exactly the source's event count after ${KILLS} kills and restarts`, async () => {
    const expected = [...generateDemoOrganisation(DEMO).events({ targetEvents: DEMO.targetEvents })].length;
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
    const current = () => dataSource.getRepository(SyncRun).findOneByOrFail({ id: run.id });

    let insertedAtKill = 0;
    for (let kill = 1; kill <= KILLS; kill++) {
      worker = startWorkerProcess(redisUrl);
      // Kill only once this worker has committed more batches: the kill lands mid-sync.
      for (;;) {
        const state = await current();
        expect(state.status).not.toBe('succeeded');
        if (state.recordsInserted > insertedAtKill) break;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      worker.kill('SIGKILL');
      await new Promise((resolve) => worker?.once('exit', resolve));
      insertedAtKill = (await current()).recordsInserted;
      expect(insertedAtKill).toBeLessThan(expected);
    }

    worker = startWorkerProcess(redisUrl);
    let final = await current();
    const deadline = Date.now() + 90_000;
    while (final.status !== 'succeeded' && final.status !== 'failed' && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      final = await current();
    }
    worker.kill('SIGTERM');

    const [{ stored }] = await dataSource.query(
      'SELECT count(*)::int AS stored FROM activity_events WHERE source_id = $1',
      [source.id],
    );
    expect(final.status).toBe('succeeded');
    expect(stored).toBe(expected);
    // Counts and checkpoint commit with each batch, so the resumed attempts re-read nothing already stored.
    expect(final).toMatchObject({ recordsInserted: expected, recordsRead: expected, recordsDuplicate: 0 });
    expect(final.attempts).toBe(KILLS + 1);
  }, 180_000);
});
