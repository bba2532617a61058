import { ActivitySource, createDataSource, Organisation, SyncRun } from '@uptake/persistence';
import { JOBS, QUEUES, type RunSyncJob } from '@uptake/queues';
import { encryptJson } from '@uptake/security';
import { testConfig, testStoreUrls, uniqueSuffix } from '@uptake/testing';
import { Queue } from 'bullmq';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
// The fake Graph server is a test helper of the connectors library, which has no testing entry point.
// eslint-disable-next-line @nx/enforce-module-boundaries
import {
  startFakeTeamsGraph,
  type FakeTeamsGraph,
} from '../../../../libs/connectors/src/ms-teams/fake-teams-graph';
import {
  writeTeamsTenant,
  writeVivaEngageExport,
  type GeneratedInput,
  type SampleReply,
} from './microsoft-inputs';
import { killMidSyncAndFinish, redisDb, storedEvents, TEST_BATCH_SIZE } from './support';

const KILLS = 2;
const TENANT = 'contoso.onmicrosoft.com';
const CREDENTIALS = { clientId: '6f1c2a9e-4b7d-4e3a-9c51-2d8e7f0a1b34', clientSecret: 'fake-secret-value' };

/**
 * Issue 14: a worker killed mid-sync resumes exactly, for the Viva Engage export (an upload, resumed from
 * the run's `{ line }` checkpoint) and for the ms-teams API connector (resumed mid-channel from the delta
 * page links of its checkpoint). The real worker process is SIGKILLed while it commits batches; a new one
 * takes the job over once its lock expires.
 */
describe('Microsoft sources, a worker killed mid-sync', () => {
  const redisUrl = redisDb(testStoreUrls().redisUrl, 8);
  let dataSource: DataSource;
  let queue: Queue<RunSyncJob>;
  let organisation: Organisation;
  let folder: string;
  let graph: FakeTeamsGraph | undefined;

  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), 'uptake-microsoft-crash-'));
    dataSource = await createDataSource(testStoreUrls().databaseUrl).initialize();
    queue = new Queue<RunSyncJob>(QUEUES.sync, { connection: { url: redisUrl } });
    organisation = await dataSource
      .getRepository(Organisation)
      .save({ name: 'Microsoft Crash Test', slug: `ms-crash-${uniqueSuffix()}` });
  });

  // The organisation and its events are left in the test database, which is thrown away after the run:
  // deleting them (cascading over every event of both runs) took longer than the syncs themselves.
  afterAll(async () => {
    await queue?.obliterate({ force: true });
    await queue?.close();
    await dataSource?.destroy();
    await graph?.close();
    rmSync(folder, { recursive: true, force: true });
  });

  const queueRun = async (source: ActivitySource, input?: SyncRun['input']): Promise<SyncRun> => {
    const run = await dataSource.getRepository(SyncRun).save({
      organisationId: organisation.id,
      sourceId: source.id,
      status: 'queued',
      ...(input ? { trigger: 'upload' as const, input } : {}),
    });
    await queue.add(
      JOBS.runSync,
      { organisationId: organisation.id, sourceId: source.id, syncRunId: run.id },
      { jobId: run.id, attempts: 3 },
    );
    return run;
  };

  /** Each sampled reply is stored as a reply in its thread, aimed at the person of the message it answers. */
  const expectRepliesIntact = async (sourceId: string, samples: SampleReply[]) => {
    expect(samples.length).toBeGreaterThan(5);
    const ids = samples.flatMap((s) => [s.externalId, s.repliedToExternalId]);
    const rows: { external_id: string; type: string; thread: string; actor: string; target: string }[] =
      await dataSource.query(
        `SELECT external_id, type, thread_external_id AS thread, actor_id AS actor, target_actor_id AS target
           FROM activity_events WHERE source_id = $1 AND external_id = ANY($2)`,
        [sourceId, ids],
      );
    const byId = new Map(rows.map((row) => [row.external_id, row]));
    for (const sample of samples) {
      const reply = byId.get(sample.externalId);
      const answered = byId.get(sample.repliedToExternalId);
      expect(answered?.actor).toBeTruthy();
      expect(reply).toMatchObject({
        type: 'reply',
        thread: sample.threadExternalId,
        target: answered?.actor,
      });
    }
  };

  /** Killed KILLS times mid-sync, then finished: exactly what the input holds, nothing twice. */
  const expectExactResume = async (source: ActivitySource, run: SyncRun, input: GeneratedInput) => {
    const { final, insertedAtKills } = await killMidSyncAndFinish(dataSource, run.id, redisUrl, KILLS);
    // Every kill landed mid-sync, after this worker had committed more than the last one.
    expect(insertedAtKills).toHaveLength(KILLS);
    insertedAtKills.forEach((inserted, n) => {
      expect(inserted).toBeGreaterThan(n === 0 ? 0 : insertedAtKills[n - 1]);
      expect(inserted).toBeLessThan(input.activities);
    });
    expect(final.status).toBe('succeeded');
    expect(await storedEvents(dataSource, source.id)).toBe(input.activities);
    // Counts and checkpoint commit with each batch: the resumed attempts re-read nothing already stored.
    expect(final).toMatchObject({
      recordsRead: input.activities,
      recordsInserted: input.activities,
      recordsDuplicate: 0,
      recordsQuarantined: 0,
      attempts: KILLS + 1,
    });
    await expectRepliesIntact(source.id, input.sampleReplies);
  };

  it(`resumes a Viva Engage export upload exactly after ${KILLS} kills`, async () => {
    const path = join(folder, 'viva-engage-export.zip');
    // 33,000 messages: 16 batches of 2,000 rows (2 checkpoints, ~1,980 activities: over TEST_BATCH_SIZE).
    const input = await writeVivaEngageExport(path, {
      users: 400,
      groups: 25,
      threads: 3_300,
      repliesPerThread: 9,
      privateEvery: 20,
      botEvery: 97,
    });
    const source = await dataSource.getRepository(ActivitySource).save({
      organisationId: organisation.id,
      name: 'viva engage export',
      connectorType: 'viva-engage-export',
    });
    const run = await queueRun(source, {
      fileName: 'viva-engage-export.zip',
      size: statSync(path).size,
      spoolPath: path,
    });
    await expectExactResume(source, run, input);
  }, 300_000);

  it(`resumes an ms-teams sync mid-channel exactly after ${KILLS} kills`, async () => {
    const tenantFile = join(folder, 'teams-tenant.json');
    // Requests stay under the connector's 600 a minute (about 230 with the restarts): no wait for the budget.
    // A delta page is 10 roots (1 + 2 mentions + 4 reactions) and their 100 replies (1 + 4 reactions): 570
    // activities, so every 2nd page commits a batch of TEST_BATCH_SIZE (10 in all, 11,400 activities).
    const input = writeTeamsTenant(tenantFile, {
      users: 60,
      channels: 4,
      rootsPerChannel: 50,
      repliesPerRoot: 10,
      reactionsPerMessage: 4,
      mentionsPerRoot: 2,
    });
    graph = await startFakeTeamsGraph({
      tenants: { tenant: tenantFile },
      tenantId: TENANT,
      ...CREDENTIALS,
      // Pages of 10: each channel is 5 delta pages (a checkpoint after each), each root's replies one page.
      pageSize: 10,
    });
    const source = await dataSource.getRepository(ActivitySource).save({
      organisationId: organisation.id,
      name: 'ms teams',
      connectorType: 'ms-teams',
      settings: { baseUrl: graph.url(), tokenUrl: graph.tokenUrl, tenantId: TENANT },
      encryptedConfig: encryptJson(testConfig().secretKey, CREDENTIALS),
    });
    const run = await queueRun(source);
    await expectExactResume(source, run, input);
    // Each resumed attempt went on from its last committed checkpoint's next link, not from a channel's
    // start: a batch commits at the first checkpoint after TEST_BATCH_SIZE records, and the next batch is read
    // while it commits, so a kill re-reads at most the pages of two batches (4 channels of 5 pages, 570
    // activities a page here: 2 pages a batch).
    const pages = 4 * 5;
    expect(input.activities).toBe(pages * 570);
    const pagesPerBatch = Math.ceil(TEST_BATCH_SIZE / (input.activities / pages));
    const deltaPages = graph.requests.filter((r) => r.includes('/messages/delta')).length;
    expect(deltaPages).toBeGreaterThanOrEqual(pages);
    expect(deltaPages).toBeLessThanOrEqual(pages + KILLS * 2 * pagesPerBatch);
  }, 300_000);
});
