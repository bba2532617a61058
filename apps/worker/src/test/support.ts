import { generateDemoOrganisation } from '@uptake/demo';
import { ActivitySource, SyncRun } from '@uptake/persistence';
import { testConfig } from '@uptake/testing';
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import type { DataSource } from 'typeorm';

export interface DemoSettings {
  seed: number;
  people: number;
  targetEvents: number;
}

/** How many events a demo source with these settings yields (what a finished sync must have stored). */
export function demoEventCount(settings: DemoSettings): number {
  return [...generateDemoOrganisation(settings).events({ targetEvents: settings.targetEvents })].length;
}

export function demoSource(
  dataSource: DataSource,
  organisationId: string,
  name: string,
  settings: DemoSettings,
): Promise<ActivitySource> {
  return dataSource
    .getRepository(ActivitySource)
    .save({ organisationId, name, connectorType: 'demo', settings: { ...settings } });
}

/**
 * Polls until `check` holds. Errors count as "not yet": the stores these tests stop and start make queries
 * fail for a while.
 */
export async function eventually<T>(
  read: () => Promise<T>,
  check: (value: T) => boolean,
  timeoutMs = 60_000,
  what = 'condition',
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await read();
      if (check(value)) return value;
      last = value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) {
      const shown = last instanceof Error ? last.message : JSON.stringify(last);
      throw new Error(`${what} not reached within ${timeoutMs} ms (last: ${shown})`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export function runOf(dataSource: DataSource, id: string): () => Promise<SyncRun> {
  return () => dataSource.getRepository(SyncRun).findOneByOrFail({ id });
}

export async function storedEvents(dataSource: DataSource, sourceId: string): Promise<number> {
  const [{ stored }] = await dataSource.query(
    'SELECT count(*)::int AS stored FROM activity_events WHERE source_id = $1',
    [sourceId],
  );
  return stored;
}

/** The same Redis server, another database number: no other test file's worker takes these jobs. */
export function redisDb(url: string, db: number): string {
  const parsed = new URL(url);
  parsed.pathname = `/${db}`;
  return parsed.toString();
}

const ROOT = path.resolve(__dirname, '../../../..');

/**
 * The real worker (`main.ts`) in a child process on the given Redis database: one job at a time, a dead
 * worker's job taken over after ~2 s instead of 30, no reconciler (other test files' runs share the database).
 */
export function startWorkerProcess(redisUrl: string): ChildProcess {
  const config = testConfig();
  return spawn(process.execPath, [path.join(ROOT, 'scripts/run-ts.cjs'), 'apps/worker/src/main.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_OPTIONS: '',
      DATABASE_URL: config.database.url,
      REDIS_URL: redisUrl,
      UPTAKE_SECRET_KEY: config.secretKey.toString('base64'),
      WORKER_LOCK_DURATION_MS: '2000',
      WORKER_CONCURRENCY: '1',
      RECONCILE_INTERVAL_SECONDS: '0',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

export interface CrashedRun {
  /** The run once the last worker finished it (or the timeout passed). */
  final: SyncRun;
  /** recordsInserted right after each kill: each one below what the input holds, each above the last. */
  insertedAtKills: number[];
}

/**
 * Starts a worker process, SIGKILLs it once it has committed more batches of the run than before the last
 * kill (so every kill lands mid-sync), `kills` times; then lets one more worker finish the run.
 */
export async function killMidSyncAndFinish(
  dataSource: DataSource,
  runId: string,
  redisUrl: string,
  kills: number,
  timeoutMs = 120_000,
): Promise<CrashedRun> {
  const current = runOf(dataSource, runId);
  const insertedAtKills: number[] = [];
  let worker: ChildProcess | undefined;
  try {
    let inserted = 0;
    for (let kill = 1; kill <= kills; kill++) {
      worker = startWorkerProcess(redisUrl);
      await eventually(
        current,
        (run) => run.status === 'succeeded' || run.recordsInserted > inserted,
        timeoutMs,
        `worker ${kill} to commit a batch of run ${runId}`,
      );
      worker.kill('SIGKILL');
      await new Promise((resolve) => worker?.once('exit', resolve));
      worker = undefined;
      inserted = (await current()).recordsInserted;
      insertedAtKills.push(inserted);
    }
    worker = startWorkerProcess(redisUrl);
    const final = await eventually(
      current,
      (run) => run.status === 'succeeded' || run.status === 'failed',
      timeoutMs,
      `run ${runId} to finish`,
    );
    return { final, insertedAtKills };
  } finally {
    // Waits for it to exit, so no connection of it outlives the test (a fake server's close would wait).
    if (worker) await stopWorkerProcess(worker);
  }
}

/** SIGTERM, and SIGKILL if it has not exited within `graceMs`. */
async function stopWorkerProcess(worker: ChildProcess, graceMs = 15_000): Promise<void> {
  if (worker.exitCode !== null || worker.signalCode !== null) return;
  const exited = new Promise((resolve) => worker.once('exit', resolve));
  worker.kill('SIGTERM');
  const timer = setTimeout(() => worker.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}
