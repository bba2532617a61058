import { generateDemoOrganisation } from '@uptake/demo';
import { ActivitySource, SyncRun } from '@uptake/persistence';
import { testConfig } from '@uptake/testing';
import { spawn, type ChildProcess } from 'node:child_process';
import net, { type AddressInfo } from 'node:net';
import os from 'node:os';
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
 * SYNC_BATCH_SIZE of the crash and shutdown tests: a fifth of the default 5,000, so a smaller input still
 * spans as many committed batches and a kill or stop still lands mid-sync. A batch commits at the first
 * checkpoint once it holds this many records: every 2nd checkpoint of the Viva Engage export (one each 1,000
 * rows), every checkpoint of the demo (one each 2,000 events), every 2nd delta page of ms-teams here. It
 * stays above a quarter of the demo's 2,000: a batch of 4 x SYNC_BATCH_SIZE commits without waiting for a
 * checkpoint, and its checkpoint then lags (a resume re-reads, and counts duplicates).
 */
export const TEST_BATCH_SIZE = 1_000;

/**
 * V8's compile cache for the worker processes: each start of a worker then skips compiling the JavaScript
 * of its dependencies again (about a third of the CPU a start takes).
 */
const COMPILE_CACHE = path.join(os.tmpdir(), 'uptake-worker-test-compile-cache');

/**
 * The real worker (`main.ts`) in a child process on the given Redis database: one job at a time, a dead
 * worker's job taken over after ~2 s instead of 30, batches of TEST_BATCH_SIZE, no reconciler (other test
 * files' runs share the database).
 */
export function startWorkerProcess(
  redisUrl: string,
  options: { env?: Record<string, string>; stdout?: 'pipe' | 'ignore' } = {},
): ChildProcess {
  const config = testConfig();
  return spawn(process.execPath, [path.join(ROOT, 'scripts/run-ts.cjs'), 'apps/worker/src/main.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_OPTIONS: '',
      NODE_COMPILE_CACHE: COMPILE_CACHE,
      DATABASE_URL: config.database.url,
      REDIS_URL: redisUrl,
      UPTAKE_SECRET_KEY: config.secretKey.toString('base64'),
      WORKER_LOCK_DURATION_MS: '2000',
      WORKER_CONCURRENCY: '1',
      SYNC_BATCH_SIZE: String(TEST_BATCH_SIZE),
      RECONCILE_INTERVAL_SECONDS: '0',
      LOG_LEVEL: 'warn',
      ...options.env,
    },
    stdio: ['ignore', options.stdout ?? 'ignore', 'inherit'],
  });
}

/**
 * A TCP gate in front of Redis for a worker started ahead of the crash of the one it replaces, so that its
 * start (seconds of CPU) overlaps the sync instead of following the kill. Its connections are accepted at
 * once but carry nothing until `open()`: the worker loads its code and connects to Postgres, yet cannot
 * fetch the job or check for stalled ones while the running worker still holds it. Once open it is a
 * worker like any other, and takes the job over once the killed worker's lock has expired.
 */
class RedisGate {
  private readonly server = net.createServer((client) => this.accept(client));
  private readonly held: net.Socket[] = [];
  private readonly sockets = new Set<net.Socket>();
  private opened = false;

  private constructor(private readonly target: URL) {}

  /** Listens on a free port; resolves to the URL (same database) a worker behind the gate uses. */
  static async before(redisUrl: string): Promise<{ gate: RedisGate; url: string }> {
    const gate = new RedisGate(new URL(redisUrl));
    await new Promise<void>((resolve) => gate.server.listen(0, '127.0.0.1', resolve));
    const url = new URL(redisUrl);
    url.hostname = '127.0.0.1';
    url.port = String((gate.server.address() as AddressInfo).port);
    return { gate, url: url.toString() };
  }

  open(): void {
    this.opened = true;
    for (const client of this.held.splice(0)) this.forward(client);
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise((resolve) => this.server.close(resolve));
  }

  private accept(client: net.Socket): void {
    this.track(client);
    if (this.opened) return this.forward(client);
    // Unread until open: what the worker sent waits in the socket.
    client.pause();
    this.held.push(client);
  }

  private forward(client: net.Socket): void {
    const upstream = this.track(net.connect(Number(this.target.port || 6379), this.target.hostname));
    client.once('close', () => upstream.destroy());
    upstream.once('close', () => client.destroy());
    client.pipe(upstream);
    upstream.pipe(client);
  }

  private track(socket: net.Socket): net.Socket {
    this.sockets.add(socket);
    socket.once('close', () => this.sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    return socket;
  }
}

export interface CrashedRun {
  /** The run once the last worker finished it (or the timeout passed). */
  final: SyncRun;
  /** recordsInserted right after each kill: each one below what the input holds, each above the last. */
  insertedAtKills: number[];
}

/**
 * Starts a worker process, SIGKILLs it once it has committed more batches of the run than before the last
 * kill (so every kill lands mid-sync), `kills` times; then lets one more worker finish the run. Each next
 * worker starts behind a closed RedisGate while the current one syncs, and the gate opens right after the
 * kill.
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
  const started: ChildProcess[] = [];
  const gates: RedisGate[] = [];
  let worker = startWorkerProcess(redisUrl);
  started.push(worker);
  try {
    let inserted = 0;
    for (let kill = 1; kill <= kills; kill++) {
      const { gate, url } = await RedisGate.before(redisUrl);
      gates.push(gate);
      const next = startWorkerProcess(url);
      started.push(next);
      await eventually(
        current,
        (run) => run.status === 'succeeded' || run.recordsInserted > inserted,
        timeoutMs,
        `worker ${kill} to commit a batch of run ${runId}`,
      );
      await killAndWait(worker);
      inserted = (await current()).recordsInserted;
      insertedAtKills.push(inserted);
      gate.open();
      worker = next;
    }
    const final = await eventually(
      current,
      (run) => run.status === 'succeeded' || run.status === 'failed',
      timeoutMs,
      `run ${runId} to finish`,
    );
    return { final, insertedAtKills };
  } finally {
    // Waits for them to exit, so no connection of theirs outlives the test (a fake server's close would wait);
    // a gate a failed test left closed opens, so its worker can shut down instead of waiting for Redis.
    for (const gate of gates) gate.open();
    await Promise.all(started.map((process) => stopWorkerProcess(process)));
    await Promise.all(gates.map((gate) => gate.close()));
  }
}

function exited(worker: ChildProcess): boolean {
  return worker.exitCode !== null || worker.signalCode !== null;
}

async function killAndWait(worker: ChildProcess): Promise<void> {
  if (exited(worker)) return;
  const exit = new Promise((resolve) => worker.once('exit', resolve));
  worker.kill('SIGKILL');
  await exit;
}

/** SIGTERM, and SIGKILL if it has not exited within `graceMs`. */
export async function stopWorkerProcess(worker: ChildProcess, graceMs = 15_000): Promise<void> {
  if (exited(worker)) return;
  const exit = new Promise((resolve) => worker.once('exit', resolve));
  worker.kill('SIGTERM');
  const timer = setTimeout(() => worker.kill('SIGKILL'), graceMs);
  await exit;
  clearTimeout(timer);
}
