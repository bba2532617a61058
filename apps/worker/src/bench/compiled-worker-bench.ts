/**
 * `npm run bench:ingest -- --compiled [<events>]`: the import as the product runs it. The compiled worker
 * (`nx build worker` -> dist/apps/worker/main.js) is started the way the launcher starts it (plain `node`, an
 * IPC channel, the launcher's V8 flags), on an embedded PostgreSQL and Redis of this run; a demo source of
 * <events> activity events (default 2,000,000; the demo connector's targetEvents) is synced through the sync
 * queue, and the worker's VmRSS is sampled every 100 ms from /proc/<pid>/status. Prints the idle RSS, the
 * peak RSS during the sync and during the rollup refresh that follows, VmHWM, and events/s of the run.
 */
import { randomBytes } from 'node:crypto';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { StartedStores } from '@uptake/infra-embedded';
import { ActivitySource, createDataSource, Organisation, SyncRun } from '@uptake/persistence';
import { enqueueSyncRun, QUEUES, type UptakeQueue } from '@uptake/queues';
import { Queue } from 'bullmq';
import type { DataSource } from 'typeorm';
import { mebibytes, RssSampler, type RssWindow } from './process-memory';

const ROOT = path.resolve(__dirname, '../../../..');
export const WORKER_BUNDLE = path.join(ROOT, 'dist/apps/worker/main.js');
/**
 * How long the started worker is left alone after its start line before its idle RSS is sampled. V8 keeps the
 * heap start-up grew (about 8 MB more) until its memory reducer runs, which it does once the process has been
 * idle for a few seconds: 8–9 s after the start line here (RSS sampled every second: 124 MB for 8 s, then
 * 116 MB for as long as it stays idle). The start-up window (spawn until here) reports that plateau as the
 * start-up peak; the idle window is the steady state a waiting worker stays in.
 */
const IDLE_SETTLE_MS = 15_000;
/** The idle window: RSS sampled while the worker waits for jobs, after start-up has settled. */
const IDLE_WINDOW_MS = 5_000;
/** Bounds of the waits: a 2M-event run takes about a minute; ten times that means something is stuck. */
const SYNC_TIMEOUT_MS = 20 * 60_000;
const START_TIMEOUT_MS = 60_000;

/** The demo company of the CSV benchmark (seed 3, 5,000 people), its activity stream only. */
export function demoBenchSettings(targetEvents: number): Record<string, unknown> {
  return { seed: 3, people: 5_000, targetEvents, emailUsage: false };
}

/** Starts the bundle as the launcher does: `node <flags> main.js`, stdout/stderr piped, an IPC channel. */
function startWorker(stores: StartedStores['config'], nodeFlags: readonly string[]): ChildProcess {
  const child = spawn(process.execPath, [...nodeFlags, WORKER_BUNDLE], {
    cwd: ROOT,
    env: {
      ...process.env,
      // Not this script's TypeScript loader or flags: the worker runs as `npm start` runs it.
      NODE_OPTIONS: '',
      DATABASE_URL: stores.database.url,
      REDIS_URL: stores.redis.url,
      UPTAKE_SECRET_KEY: randomBytes(32).toString('base64'),
      LOG_LEVEL: 'warn',
      // As the launcher starts it: the children write JSON lines and the launcher formats them for people.
      LOG_FORMAT: 'json',
    },
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
  });
  child.stdout?.on('data', () => undefined);
  return child;
}

/** Resolves once the worker printed its start line; rejects when it exits first or takes too long. */
async function started(child: ChildProcess): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error('the worker did not start within 60 s')),
      START_TIMEOUT_MS,
    );
    child.once('exit', (code) => reject(new Error(`the worker exited at start (code ${code})`)));
    child.stdout?.on('data', (chunk: Buffer) => {
      if (!chunk.toString().includes('Uptake worker started')) return;
      clearTimeout(timer);
      resolve();
    });
  });
}

async function until(check: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`${what} not done within ${timeoutMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

async function createDemoSource(dataSource: DataSource, targetEvents: number): Promise<ActivitySource> {
  const organisation = await dataSource.getRepository(Organisation).save({ name: 'Bench', slug: 'bench' });
  return dataSource.getRepository(ActivitySource).save({
    organisationId: organisation.id,
    name: 'demo',
    connectorType: 'demo',
    settings: demoBenchSettings(targetEvents),
  });
}

/** The recompute queue holds nothing to do any more (the rollup refresh after the sync is done). */
async function recomputeIdle(queue: Queue): Promise<boolean> {
  const counts = await queue.getJobCounts('active', 'waiting', 'delayed', 'prioritized');
  return Object.values(counts).every((count) => count === 0);
}

export interface CompiledBenchResult {
  /** From the spawn until the idle window: loading the code, connecting, the first timers. */
  startUp: RssWindow;
  /** A settled worker waiting for jobs (5 s, after 15 s of settling: IDLE_SETTLE_MS). */
  idle: RssWindow;
  sync: RssWindow;
  refresh: RssWindow;
  run: SyncRun;
  syncSeconds: number;
  /** 1-minute load average at the start and at the end: the rate depends on what else the machine runs. */
  load: [number, number];
}

/** Runs the compiled worker through one demo sync of `targetEvents` events; the stores are the caller's. */
export async function benchCompiledWorker(
  stores: StartedStores['config'],
  targetEvents: number,
  nodeFlags: readonly string[],
): Promise<CompiledBenchResult> {
  if (!existsSync(WORKER_BUNDLE)) {
    throw new Error(
      `${path.relative(ROOT, WORKER_BUNDLE)} is missing: build it with \`npx nx build worker\``,
    );
  }
  const dataSource = await createDataSource(stores.database.url).initialize();
  const connection = { url: stores.redis.url };
  const syncQueue: UptakeQueue<'sync'> = new Queue(QUEUES.sync, { connection });
  const recomputeQueue = new Queue(QUEUES.recompute, { connection });
  const loadAtStart = os.loadavg()[0];
  const worker = startWorker(stores, nodeFlags);
  if (worker.pid === undefined) throw new Error('the worker could not be started');
  const sampler = new RssSampler(worker.pid);
  try {
    await started(worker);
    await new Promise((resolve) => setTimeout(resolve, IDLE_SETTLE_MS));
    const startUp = await sampler.next();
    await new Promise((resolve) => setTimeout(resolve, IDLE_WINDOW_MS));
    const source = await createDemoSource(dataSource, targetEvents);
    const queued = await dataSource
      .getRepository(SyncRun)
      .save({ organisationId: source.organisationId, sourceId: source.id, status: 'queued' });
    const idle = await sampler.next();
    await enqueueSyncRun(syncQueue, queued);
    const runs = dataSource.getRepository(SyncRun);
    let run: SyncRun = queued;
    await until(
      async () =>
        ['succeeded', 'failed'].includes((run = await runs.findOneByOrFail({ id: queued.id })).status),
      SYNC_TIMEOUT_MS,
      'the sync',
    );
    const sync = await sampler.next();
    await until(() => recomputeIdle(recomputeQueue), SYNC_TIMEOUT_MS, 'the rollup refresh');
    const refresh = await sampler.next();
    if (run.status !== 'succeeded' || !run.startedAt || !run.finishedAt) {
      throw new Error(`the sync failed: ${run.error}`);
    }
    const syncSeconds = (run.finishedAt.getTime() - run.startedAt.getTime()) / 1000;
    return { startUp, idle, sync, refresh, run, syncSeconds, load: [loadAtStart, os.loadavg()[0]] };
  } finally {
    sampler.stop();
    if (worker.exitCode === null) {
      worker.kill('SIGTERM');
      await once(worker, 'exit');
    }
    await syncQueue.close();
    await recomputeQueue.close();
    await dataSource.destroy();
  }
}

/** The benchmark's report of a compiled run. */
export function describeCompiledRun(result: CompiledBenchResult, nodeFlags: readonly string[]): string[] {
  const { startUp, idle, sync, refresh, run, syncSeconds, load } = result;
  const rate = Math.round(run.recordsInserted / syncSeconds).toLocaleString('en');
  return [
    `compiled worker (node ${nodeFlags.join(' ') || '(no flags)'} ${path.relative(ROOT, WORKER_BUNDLE)})`,
    `sync (demo connector -> pseudonymise -> COPY + merge): ${run.recordsInserted.toLocaleString('en')} events ` +
      `in ${syncSeconds.toFixed(1)} s = ${rate} events/s (read ${run.recordsRead.toLocaleString('en')}; ` +
      `load average ${load[0].toFixed(1)} -> ${load[1].toFixed(1)} on ${os.availableParallelism()} CPUs)`,
    `worker RSS: idle ${mebibytes(idle.peakRss)} (start-up peak ${mebibytes(startUp.peakRss)}), peak during the sync ${mebibytes(sync.peakRss)}, ` +
      `during the rollup refresh ${mebibytes(refresh.peakRss)}; VmHWM ${mebibytes(refresh.hwm)} ` +
      `(${sync.samples + refresh.samples} samples at 100 ms)`,
  ];
}
