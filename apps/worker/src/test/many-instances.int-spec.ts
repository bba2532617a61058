import { createDataSource, SyncRun } from '@uptake/persistence';
import { QUEUES } from '@uptake/queues';
import { testStoreUrls } from '@uptake/testing';
import { Queue } from 'bullmq';
import { In, type DataSource } from 'typeorm';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {
  createInstancesTenant,
  createSource,
  freePort,
  sendWithRetry,
  serverCommand,
  ServerInstance,
  untilHealthy,
  type InstancesTenant,
  type RequestOutcome,
} from './instances';
import { eventually, redisDb, runOf } from './support';

/**
 * Issue 17: 2 API and 3 worker processes on the test stores; a large CSV upload and webhook pushes through
 * both APIs while the worker running the upload is SIGKILLed and API #2 is restarted. Sizes are tuned for a
 * 2-core machine shared with other test files:
 * - 50,000 CSV rows in batches of 2,000 (the csv connector checkpoints every 1,000 rows, so a batch commits
 *   at every 2nd checkpoint and a resumed attempt re-reads nothing): 25 commits, so the kill after the 1st
 *   lands mid-run.
 * - 40 webhook batches of 250 events, sent by 2 lanes at most one batch per lane every 300 ms (at least 6 s
 *   of pushing). API #2 gets SIGTERM after the 10th answer, and the pushes after the 12th wait for that
 *   signal, so the restart always falls in the middle of them.
 * The worker killed is the one whose Postgres session holds the csv source's lock (each worker names its
 * sessions): exactly the process running the upload. BullMQ's `processedBy` would need named workers, which
 * the product does not configure.
 */
const CSV_ROWS = 50_000;
const BATCHES = 40;
const BATCH_EVENTS = 250;
const SYNC_BATCH_SIZE = 2_000;
const PUSH_LANES = 2;
const PUSH_PACE_MS = 300;
const RESTART_AFTER_PUSHES = 10;
/** A killed worker's job is taken over within ~2 lock durations (the stalled check runs once per duration). */
const LOCK_DURATION_MS = 5_000;
/** How long a request is retried: longer than an API start from source on a busy machine (~30 s seen). */
const RETRY_FOR_MS = 90_000;
const CSV_PEOPLE = 200;
const WEBHOOK_PEOPLE = 100;
/** Everything happens in October 2026 (28 days), so one month point holds every active person. */
const DAYS = 28;
/** Its own Redis database, so no other test file's worker takes these jobs (the other worker specs use 3 to 10). */
const REDIS_DB = 11;
const KPI_QUERY = '?from=2026-10-01&to=2026-10-31&granularity=month';

const csvId = (i: number) => `csv-${i}`;
const webhookId = (b: number, e: number) => `wh-${b}-${e}`;
const day = (n: number) => `2026-10-${String(1 + (n % DAYS)).padStart(2, '0')}`;
const TYPES = ['post', 'reply', 'reaction'] as const;

/**
 * Row i: id csv-i, person i mod 200 (persons 0..199), one of 28 days, types cycling post/reply/reaction.
 * Every row is valid, so the run stores exactly CSV_ROWS events.
 */
function csvFile(): Buffer {
  const lines = ['external_id,occurred_at,actor_id,type,group_id'];
  for (let i = 0; i < CSV_ROWS; i++) {
    const minute = String(i % 60).padStart(2, '0');
    lines.push(
      `${csvId(i)},${day(i)}T09:${minute}:00Z,person-${i % CSV_PEOPLE}@many.test,${TYPES[i % 3]},g-${i % 10}`,
    );
  }
  return Buffer.from(lines.join('\n') + '\n');
}

/**
 * Batch b, event e: id wh-b-e, persons 200..299 (none shared with the CSV), all on day b of the month, so
 * each run's rollup refresh covers one day.
 */
function webhookBatch(b: number): string {
  const events = Array.from({ length: BATCH_EVENTS }, (_, e) => ({
    externalId: webhookId(b, e),
    occurredAt: `${day(b)}T10:${String(e % 60).padStart(2, '0')}:00Z`,
    actorId: `person-${CSV_PEOPLE + ((b * BATCH_EVENTS + e) % WEBHOOK_PEOPLE)}@many.test`,
    type: e % 2 === 0 ? 'post' : 'reaction',
    groupId: 'g-webhook',
  }));
  return JSON.stringify({ events });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));

describe('many instances: 2 APIs and 3 workers, a worker killed, an API restarted', () => {
  const redisUrl = redisDb(testStoreUrls().redisUrl, REDIS_DB);
  const started: ServerInstance[] = [];
  let dataSource: DataSource;
  let queues: Queue[];
  let spoolDir: string;
  let tenant: InstancesTenant;
  let ports: number[];
  const apis: ServerInstance[] = [];
  const workers: ServerInstance[] = [];
  /** What happened when, in ms since the file's start: printed with the result (and on failure). */
  const timeline: string[] = [];
  const fileBegun = Date.now();
  const note = (what: string) => timeline.push(`+${Date.now() - fileBegun} ms ${what}`);

  /** Each worker names its Postgres sessions, so the holder of a source's lock names its process. */
  const appName = (name: string) => `uptake-many-${name}`;

  const startWorker = (name: string): ServerInstance => {
    const databaseUrl = new URL(testStoreUrls().databaseUrl);
    databaseUrl.searchParams.set('application_name', appName(name));
    const worker = new ServerInstance(
      name,
      'worker',
      {
        DATABASE_URL: databaseUrl.toString(),
        REDIS_URL: redisUrl,
        SPOOL_DIR: spoolDir,
        WORKER_LOCK_DURATION_MS: String(LOCK_DURATION_MS),
        WORKER_CONCURRENCY: '2',
        SYNC_BATCH_SIZE: String(SYNC_BATCH_SIZE),
      },
      'Uptake worker started',
    );
    started.push(worker);
    workers.push(worker);
    void worker.started.then(() => note(`${name} started`));
    return worker;
  };

  const startApi = async (index: number): Promise<void> => {
    const api = new ServerInstance(
      `api-${index + 1}`,
      'api',
      {
        API_HOST: '127.0.0.1',
        API_PORT: String(ports[index]),
        REDIS_URL: redisUrl,
        SPOOL_DIR: spoolDir,
        RATE_LIMIT_PER_MINUTE: '100000',
      },
      'Uptake API listening',
    );
    started.push(api);
    apis[index] = api;
    await api.started;
    await untilHealthy(`${baseUrl(index)}/health`, api, 30_000);
    note(`${api.name} healthy`);
  };

  const baseUrl = (index: number) => `http://127.0.0.1:${ports[index]}/api`;
  const organisationUrl = (index: number) => `${baseUrl(index)}/organisations/${tenant.organisation.id}`;

  /** Name of the worker whose Postgres session holds the source's lock (the one running its run). */
  const lockHolder = async (sourceId: string): Promise<string | null> => {
    const rows: { name: string }[] = await dataSource.query(
      `SELECT a.application_name AS name
         FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
        WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 1
          AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
          AND ((l.classid::bigint << 32) | l.objid::bigint) = hashtextextended($1, 0)`,
      [sourceId],
    );
    return rows[0]?.name ?? null;
  };

  const kpis = async (index: number, kpi: string): Promise<unknown> => {
    const response = await fetch(`${organisationUrl(index)}/kpis/${kpi}${KPI_QUERY}`, {
      headers: { Authorization: `Bearer ${tenant.adminToken}` },
    });
    expect(response.status).toBe(200);
    return response.json();
  };

  beforeAll(async () => {
    const begun = Date.now();
    dataSource = await createDataSource(testStoreUrls().databaseUrl).initialize();
    queues = Object.values(QUEUES).map((name) => new Queue(name, { connection: { url: redisUrl } }));
    // Left over from an earlier run of this file that was stopped hard.
    await Promise.all(queues.map((queue) => queue.obliterate({ force: true })));
    spoolDir = await mkdtemp(path.join(os.tmpdir(), 'uptake-many-spool-'));
    tenant = await createInstancesTenant(dataSource, 'many');
    ports = [await freePort(), await freePort()];
    await Promise.all([
      ...['worker-1', 'worker-2', 'worker-3'].map((name) => startWorker(name).started),
      startApi(0),
      startApi(1),
    ]);
    await eventually(
      () => queues[0].getWorkersCount(),
      (count) => count === 3,
      20_000,
      '3 sync workers connected to Redis',
    );
    const commands = (['api', 'worker'] as const).map((app) =>
      path.relative(process.cwd(), serverCommand(app)[0]),
    );
    note(`5 processes (${commands.join(', ')}) up in ${Date.now() - begun} ms`);
  }, 120_000);

  afterAll(async () => {
    // Only the processes this file started, each waited for.
    await Promise.all(started.map((instance) => instance.stop()));
    await Promise.all(
      (queues ?? []).map((queue) => queue.obliterate({ force: true }).catch(() => undefined)),
    );
    await Promise.all((queues ?? []).map((queue) => queue.close()));
    // The organisation and its events stay in the test database, which is thrown away after the run.
    await dataSource?.destroy();
    if (spoolDir) await rm(spoolDir, { recursive: true, force: true });
  }, 60_000);

  it('loses and duplicates nothing, answers every request, and both APIs give the same KPIs', async () => {
    try {
      await loadWithChaos();
    } catch (error) {
      // What the processes said last is usually why.
      console.error([...timeline, ...started.map((instance) => instance.output())].join('\n'));
      throw error;
    }
    console.log(timeline.join('\n'));
  }, 170_000);

  async function loadWithChaos(): Promise<void> {
    const begun = Date.now();
    note('load starts');
    const csvSource = await createSource(dataSource, tenant.organisation.id, 'csv');
    const webhookSource = await createSource(dataSource, tenant.organisation.id, 'webhook');

    // Load: the upload through API #1, and pushes alternating between the APIs (batch b to API b mod 2).
    const upload = sendWithRetry(
      'upload',
      `${organisationUrl(0)}/sources/${csvSource.id}/uploads?filename=activity.csv`,
      {
        method: 'POST',
        headers: { Authorization: `Bearer ${tenant.adminToken}`, 'Content-Type': 'application/octet-stream' },
        body: csvFile(),
      },
      { timeoutMs: RETRY_FOR_MS },
    );
    const pushes: RequestOutcome[] = [];
    let nextBatch = 0;
    // Pushes after the first RESTART_AFTER_PUSHES (and the ones in flight then) wait for API #2's SIGTERM,
    // so the restart always falls in the middle of them.
    let stopSent!: () => void;
    const apiStopping = new Promise<void>((resolve) => (stopSent = resolve));
    const lane = async () => {
      while (nextBatch < BATCHES) {
        const b = nextBatch++;
        if (b >= RESTART_AFTER_PUSHES + PUSH_LANES) await apiStopping;
        const sentAt = Date.now();
        pushes[b] = await sendWithRetry(
          `batch ${b} via API #${(b % 2) + 1}`,
          `${organisationUrl(b % 2)}/sources/${webhookSource.id}/events`,
          {
            method: 'POST',
            headers: { Authorization: `Bearer ${tenant.connectorToken}`, 'Content-Type': 'application/json' },
            body: webhookBatch(b),
          },
          { timeoutMs: RETRY_FOR_MS },
        );
        const { label, status, attempts } = pushes[b];
        note(`${label}: ${status} after ${attempts} attempt(s)`);
        await sleep(PUSH_PACE_MS - (Date.now() - sentAt));
      }
    };
    const pushing = Promise.all(Array.from({ length: PUSH_LANES }, lane)).then(() => note('pushes answered'));

    // Chaos 1: SIGKILL the worker that runs the upload once it has committed a batch, start a replacement.
    const killing = (async () => {
      const outcome = await upload;
      expect(outcome).toMatchObject({ status: 202 });
      const runId = (outcome.body as { id: string }).id;
      const running = await eventually(
        runOf(dataSource, runId),
        (run) =>
          run.status === 'succeeded' || (run.status === 'running' && run.recordsInserted >= SYNC_BATCH_SIZE),
        60_000,
        'the upload run to commit its first batch',
      );
      expect(running.status).toBe('running');
      const holder = await eventually(() => lockHolder(csvSource.id), Boolean, 10_000, 'the csv source lock');
      const victim = workers.find((worker) => appName(worker.name) === holder);
      expect(victim).toBeDefined();
      await victim!.kill();
      note(`${victim!.name} killed`);
      const insertedAtKill = (await runOf(dataSource, runId)()).recordsInserted;
      await startWorker('worker-4').started;
      // The killed worker's Redis connection is gone with it: 2 survivors and the replacement take jobs.
      await eventually(
        () => queues[0].getWorkersCount(),
        (count) => count === 3,
        20_000,
        '3 sync workers again',
      );
      return { runId, insertedAtKill };
    })();

    // Chaos 2: restart API #2 (SIGTERM, then again on the same port) while pushes are being sent.
    const restarting = (async () => {
      await eventually(
        async () => pushes.filter(Boolean).length,
        (done) => done >= RESTART_AFTER_PUSHES,
        60_000,
        'the first pushes',
      );
      const stopped = apis[1].stop();
      stopSent();
      note('api-2 sent SIGTERM');
      await stopped;
      note('api-2 exited');
      await startApi(1);
    })();

    const [{ runId, insertedAtKill }] = await Promise.all([killing, restarting, pushing]);
    // Caches warm on both APIs while runs are still being processed: the final answers must not be stale.
    await Promise.all([0, 1].flatMap((index) => [kpis(index, 'adoption'), kpis(index, 'participation')]));

    const sources = [csvSource.id, webhookSource.id];
    const runs = await eventually(
      () => dataSource.getRepository(SyncRun).findBy({ sourceId: In(sources) }),
      (all) => all.every((run) => run.status !== 'queued' && run.status !== 'running'),
      120_000,
      'every sync run to finish',
    );
    note('runs finished');
    const recompute = queues.find((queue) => queue.name === QUEUES.recompute)!;
    await eventually(
      () => recompute.getJobCounts('waiting', 'active', 'delayed', 'prioritized'),
      (counts) => Object.values(counts).every((count) => count === 0),
      60_000,
      'the rollup refreshes',
    );
    note('rollups refreshed');
    const refreshes = (await recompute.getCompleted(0, 500)).map(
      (job) => (job.finishedOn ?? 0) - (job.processedOn ?? 0),
    );
    note(
      `${refreshes.length} rollup refreshes: ${refreshes.reduce((sum, ms) => sum + ms, 0)} ms in all, ` +
        `longest ${Math.max(...refreshes)} ms`,
    );
    const spans = runs.map((run) => ({
      run,
      ms: (run.finishedAt?.getTime() ?? 0) - (run.startedAt?.getTime() ?? 0),
    }));
    note(
      `runs (started..finished): upload ${spans.find(({ run }) => run.id === runId)?.ms} ms; webhook runs ` +
        `${spans.filter(({ run }) => run.id !== runId).reduce((sum, { ms }) => sum + ms, 0)} ms in all`,
    );

    // Every push and the upload were answered 202 in the end; the restart made some pushes retry.
    const answered = await upload;
    expect([answered, ...pushes].filter((outcome) => outcome.status !== 202)).toEqual([]);
    expect(pushes).toHaveLength(BATCHES);
    const retried = pushes.filter((outcome) => outcome.attempts > 1);
    expect(retried.length).toBeGreaterThan(0);
    expect(retried.every((outcome) => outcome.label.endsWith('API #2'))).toBe(true);

    // Every run succeeded. The upload's run resumed from its checkpoint after the kill, re-reading nothing.
    expect(
      runs.filter((run) => run.status !== 'succeeded').map((run) => [run.id, run.status, run.error]),
    ).toEqual([]);
    expect(insertedAtKill).toBeGreaterThanOrEqual(SYNC_BATCH_SIZE);
    expect(insertedAtKill).toBeLessThan(CSV_ROWS);
    const uploadRun = runs.find((run) => run.id === runId)!;
    expect(uploadRun).toMatchObject({
      recordsRead: CSV_ROWS,
      recordsInserted: CSV_ROWS,
      recordsDuplicate: 0,
    });
    expect(uploadRun.attempts).toBeGreaterThanOrEqual(2);
    // One run per accepted push (a push retried after an answer it never got may add one that stores nothing).
    const webhookRuns = runs.filter((run) => run.sourceId === webhookSource.id);
    expect(webhookRuns.length).toBeGreaterThanOrEqual(BATCHES);
    expect(webhookRuns.reduce((sum, run) => sum + run.recordsInserted, 0)).toBe(BATCHES * BATCH_EVENTS);

    // Stored: exactly the ids sent, each once. Per source: as many events as ids sent, all distinct, all
    // among those sent, so the stored ids are the sent ones (50,000 CSV rows, 40 x 250 = 10,000 webhook events).
    const storedIds = async (sourceId: string, sent: string[]) => {
      const [counts] = await dataSource.query(
        `SELECT count(*)::int AS events, count(DISTINCT external_id)::int AS distinct,
                count(*) FILTER (WHERE external_id = ANY($2::text[]))::int AS sent
           FROM activity_events WHERE source_id = $1`,
        [sourceId, sent],
      );
      return counts;
    };
    const csvIds = Array.from({ length: CSV_ROWS }, (_, i) => csvId(i));
    const webhookIds = Array.from({ length: BATCHES }, (_, b) =>
      Array.from({ length: BATCH_EVENTS }, (_, e) => webhookId(b, e)),
    ).flat();
    expect(await storedIds(csvSource.id, csvIds)).toEqual({
      events: CSV_ROWS,
      distinct: CSV_ROWS,
      sent: CSV_ROWS,
    });
    const webhookEvents = BATCHES * BATCH_EVENTS;
    expect(await storedIds(webhookSource.id, webhookIds)).toEqual({
      events: webhookEvents,
      distinct: webhookEvents,
      sent: webhookEvents,
    });

    // Both APIs answer the same, from the refreshed rollups: 200 CSV + 100 webhook people active in October.
    const [adoption1, adoption2, participation1, participation2] = await Promise.all([
      kpis(0, 'adoption'),
      kpis(1, 'adoption'),
      kpis(0, 'participation'),
      kpis(1, 'participation'),
    ]);
    expect(adoption2).toEqual(adoption1);
    expect(participation2).toEqual(participation1);
    expect(adoption1).toMatchObject({
      points: [{ start: '2026-10-01', active: CSV_PEOPLE + WEBHOOK_PEOPLE }],
    });

    console.log(
      `many-instances: ${CSV_ROWS} rows + ${BATCHES}x${BATCH_EVENTS} events in ${Date.now() - begun} ms; ` +
        `${retried.length} pushes retried (${[...new Set(retried.flatMap((o) => o.retriedFor))].join(', ')}); ` +
        `upload run: ${uploadRun.attempts} attempts, ${insertedAtKill} stored at the kill; ` +
        `${webhookRuns.length} webhook runs`,
    );
  }
});
