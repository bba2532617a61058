/**
 * Load benchmark (a script, not a test): C connections (default 20) on the dashboard's KPI requests for D
 * seconds (default 60) while an ingest runs. Into a throw-away embedded database it loads the demo company
 * with N events (default 1,000,000) through the real pipeline, refreshes the rollups and precomputes the
 * default reports as the worker does (the state of a deployment after a sync), starts a real API instance on a
 * 127.0.0.1 port, then measures:
 * 1. solo ingest: M further events (default 200,000, a later period of their own, so all are new) through the
 *    real pipeline, then the worker's refresh and precompute of them;
 * 2. solo load: autocannon, each connection going round the dashboard's first requests (DASHBOARD_FIRST_REQUESTS)
 *    with a bearer token;
 * 3. together: the same load while another M new events are ingested; the load lasts D seconds and, if the
 *    ingest is not done by then, until it is (so the whole ingest is timed under load).
 * As in production, the ingest runs in a process of its own (the worker's) and the API in this one; the load
 * generator is a third process, so it does not share the API's event loop (load-bench-child.ts). All share the
 * machine's cores with Postgres: a deployment with its clients elsewhere has more room.
 *
 *   npm run bench:load [-- <events>] [--ingest <events>] [--duration <seconds>] [--connections <n>]
 *
 * KPI_BENCH_DIR=/some/dir keeps the database there between runs (loaded once, then reused).
 */
import type { ResolvedConfig } from '@uptake/config';
import {
  DASHBOARD_FIRST_REQUESTS,
  KpiReports,
  precomputeDashboardReports,
  refreshRollups,
} from '@uptake/kpi';
import { AccessToken, ActivitySource } from '@uptake/persistence';
import { newToken } from '@uptake/security';
import { fork, type ChildProcess } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { DataSource } from 'typeorm';
import { createApi } from '../app/create-api';
import { ApiMetrics } from '../app/metrics/api-metrics';
import { withBenchDatabase } from './bench-database';
import type { FromChild, IngestFigures, IngestSpec, LoadFigures, ToChild } from './load-bench-child';
import {
  describeIngest,
  describeLoad,
  loadAverage,
  percent,
  printSummary,
  type Lookups,
} from './load-bench-report';

const USAGE =
  'usage: npm run bench:load [-- <events>] [--ingest <events>] [--duration <seconds>] [--connections <n>]';
const BOUNDS = {
  events: { min: 10_000, max: 20_000_000, fallback: 1_000_000 },
  ingest: { min: 1_000, max: 2_000_000, fallback: 200_000 },
  duration: { min: 5, max: 600, fallback: 60 },
  connections: { min: 1, max: 200, fallback: 20 },
} as const;
/** Days of each extra ingest's period (the demo generator's shortest). */
const BATCH_DAYS = 28;
const DAY = 86_400_000;
const RUN_TS = path.resolve(__dirname, '../../../../scripts/run-ts.cjs');
const CHILD = path.join(__dirname, 'load-bench-child.ts');

type Arguments = { -readonly [K in keyof typeof BOUNDS]: number };

class UsageError extends Error {}

/** `[<events>] [--ingest n] [--duration s] [--connections n]`, each a whole number within its BOUNDS. */
function parseArguments(args: readonly string[]): Arguments {
  const given: Partial<Record<keyof Arguments, string>> = {};
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    const flag = /^--(ingest|duration|connections)$/.exec(arg)?.[1] as keyof Arguments | undefined;
    if (flag) {
      if (args[i + 1] === undefined) throw new UsageError(`${arg} needs a value`);
      given[flag] = args[++i];
    } else if (!arg.startsWith('--') && given.events === undefined) {
      given.events = arg;
    } else {
      throw new UsageError(`unexpected argument '${arg}'`);
    }
  }
  const parsed = {} as Arguments;
  for (const [name, { min, max, fallback }] of Object.entries(BOUNDS) as [
    keyof Arguments,
    (typeof BOUNDS)['events'],
  ][]) {
    const text = given[name];
    // Digits only (1_000_000 reads well): Number() would also take '1e6', '0x10' or ' '.
    const value =
      text === undefined ? fallback : /^\d[\d_]*$/.test(text) ? Number(text.replaceAll('_', '')) : NaN;
    if (!Number.isInteger(value) || value < min || value > max) {
      throw new UsageError(
        `${name} must be a whole number from ${min.toLocaleString('en')} to ${max.toLocaleString('en')}, got '${text}'`,
      );
    }
    parsed[name] = value;
  }
  return parsed;
}

async function main(): Promise<void> {
  let args: Arguments;
  try {
    args = parseArguments(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`${error.message}\n${USAGE}`);
    process.exit(2);
  }
  console.log(`machine: ${os.cpus().length} cores, shared; ${loadAverage()}`);
  await withBenchDatabase(
    {
      events: args.events,
      folderPrefix: 'uptake-load-bench-',
      // The limiter counts per client address: each connection sends its own (X-Forwarded-For from loopback),
      // with the largest limit, so no response is a 429 (the limiter's Redis round trip is still measured).
      env: { RATE_LIMIT_PER_MINUTE: '100000', TRUST_PROXY: 'loopback' },
    },
    ({ dataSource, config, organisation }) =>
      measure(dataSource, config, organisation.organisationId, organisation.range, args),
  );
}

async function measure(
  dataSource: DataSource,
  config: ResolvedConfig,
  organisationId: string,
  range: { from: Date; to: Date },
  args: Arguments,
): Promise<void> {
  const worker = new KpiReports(dataSource, { sharedSnapshots: 'read-write' });
  /** What the worker does after a sync: the rollups of the range, fresh statistics, the default reports. */
  const afterSync = async (what: string, from: Date, to: Date) => {
    const started = performance.now();
    await refreshRollups(dataSource, organisationId, { from, to });
    await dataSource.query('ANALYZE');
    const precompute = await precomputeDashboardReports(dataSource, worker, organisationId, {
      earliestDay: config.timeWindow.earliestDay,
      budgetMs: 600_000,
    });
    if (precompute.failed.length || precompute.skipped.length) {
      throw new Error(
        `precompute: failed ${JSON.stringify(precompute.failed)}, skipped ${precompute.skipped}`,
      );
    }
    console.log(
      `${what}: rollup refresh + precompute of ${precompute.done.length} reports (as the worker does) in ` +
        `${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
  };
  await afterSync('loaded data', range.from, range.to);
  const periods = ingestPeriods(range, config.timeWindow.earliestDay);

  const { token, hash } = newToken('upt');
  await dataSource.getRepository(AccessToken).save({
    kind: 'api',
    tokenHash: hash,
    organisationId,
    role: 'admin',
    name: 'load bench',
  });
  const { app } = await createApi(config);
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  const metrics = app.get(ApiMetrics);
  const requests = DASHBOARD_FIRST_REQUESTS.map(({ endpoint, query }) => ({
    endpoint,
    path: `/api/organisations/${organisationId}/kpis/${endpoint}${Object.keys(query).length ? `?${new URLSearchParams(query)}` : ''}`,
  }));
  const load = { kind: 'load', origin, requests, token, connections: args.connections } as const;
  const newSource = (name: string) =>
    dataSource.getRepository(ActivitySource).save({ organisationId, name, connectorType: 'demo' });
  const ingestSpec = async (name: string, start: string): Promise<IngestSpec> => ({
    kind: 'ingest',
    databaseUrl: config.database.url,
    organisationId,
    sourceId: (await newSource(name)).id,
    settings: { targetEvents: args.ingest, start, days: BATCH_DAYS },
    batchSize: config.worker.syncBatchSize,
    timeWindow: config.timeWindow,
  });
  try {
    console.log(
      `API on ${origin}; ${requests.length} KPI requests: ${requests.map((r) => r.endpoint).join(', ')}`,
    );

    console.log(
      `\n1. solo ingest: ${args.ingest.toLocaleString('en')} new events (${periods[0]}, ${BATCH_DAYS} days)`,
    );
    const solo = await runIngest(await ingestSpec('load bench, solo', periods[0]));
    console.log(`   ${describeIngest(solo)}; ${loadAverage()}`);
    await afterSync(
      '   its sync',
      new Date(solo.affectedFrom ?? range.from),
      new Date(solo.affectedTo ?? range.to),
    );
    await warmUp(origin, requests, token);

    console.log(`\n2. solo load: ${args.connections} connections for ${args.duration} s`);
    let lookups = await cacheLookups(metrics);
    const soloLoad = await runLoad({ ...load, maxSeconds: args.duration + 30 }, () =>
      sleep(args.duration * 1000),
    );
    for (const line of describeLoad(soloLoad, diff(await cacheLookups(metrics), lookups)))
      console.log(`   ${line}`);
    console.log(`   ${loadAverage()}`);

    console.log(
      `\n3. together: ${args.connections} connections for at least ${args.duration} s while ` +
        `${args.ingest.toLocaleString('en')} new events (${periods[1]}, ${BATCH_DAYS} days) are ingested`,
    );
    lookups = await cacheLookups(metrics);
    const stateBefore = await kpiState(dataSource, organisationId);
    const together = await loadWithIngest(
      { ...load, maxSeconds: args.duration + 3_600 },
      await ingestSpec('load bench, together', periods[1]),
      args.duration,
    );
    for (const line of describeLoad(together.load, diff(await cacheLookups(metrics), lookups))) {
      console.log(`   ${line}`);
    }
    const ratio = together.ingest.inserted / together.ingest.seconds / (solo.inserted / solo.seconds);
    console.log(`   ingest: ${describeIngest(together.ingest)} = ${percent(ratio)} of solo`);
    const stateAfter = await kpiState(dataSource, organisationId);
    if (stateAfter !== stateBefore) {
      console.log(
        `   the organisation's KPI state (rollup:directory version) went ${stateBefore} -> ${stateAfter} during the ingest: ` +
          `the API's cached reports were stale and recomputed from the rollups`,
      );
    }
    console.log(`   ${loadAverage()}`);
    printSummary(soloLoad, together.load, ratio);
  } finally {
    await app.close();
  }
}

/** Two periods of BATCH_DAYS days with no loaded event: after the data if that is not in the future, else before. */
function ingestPeriods(range: { from: Date; to: Date }, earliestDay: string): [string, string] {
  const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  const midnight = (date: Date) => Date.parse(`${day(date.getTime())}T00:00:00Z`);
  const after = midnight(range.to) + DAY;
  if (after + 2 * BATCH_DAYS * DAY <= Date.now()) return [day(after), day(after + BATCH_DAYS * DAY)];
  const before = midnight(range.from) - 2 * BATCH_DAYS * DAY;
  if (day(before) < earliestDay)
    throw new Error('no room for two new periods before or after the loaded events');
  return [day(before), day(before + BATCH_DAYS * DAY)];
}

/** Forks load-bench-child.ts and hands its messages over in order; a failure or an early exit rejects. */
class Child {
  private readonly process: ChildProcess;
  private readonly inbox: (FromChild | Error)[] = [];
  private waiting: ((message: FromChild | Error) => void) | null = null;
  private readonly exited: Promise<void>;

  constructor() {
    this.process = fork(RUN_TS, [CHILD], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    this.process.on('message', (message: FromChild) => this.deliver(message));
    this.exited = new Promise((resolve) =>
      this.process.once('exit', (code, signal) => {
        this.deliver(new Error(`the bench child exited early (${code ?? signal})`));
        resolve();
      }),
    );
  }

  send(message: ToChild): void {
    this.process.send(message);
  }

  async next<K extends FromChild['kind']>(kind: K): Promise<Extract<FromChild, { kind: K }>> {
    const message =
      this.inbox.shift() ?? (await new Promise<FromChild | Error>((resolve) => (this.waiting = resolve)));
    if (message instanceof Error) throw message;
    if (message.kind === 'failed') throw new Error(`bench child: ${message.error}`);
    if (message.kind !== kind) throw new Error(`bench child: expected '${kind}', got '${message.kind}'`);
    return message as Extract<FromChild, { kind: K }>;
  }

  /** Waits for the child's exit: without its channel it ends by itself, else it is ended after 10 s. */
  async close(): Promise<void> {
    if (this.process.exitCode === null && this.process.signalCode === null) {
      if (this.process.connected) this.process.disconnect();
      await Promise.race([this.exited, sleep(10_000).then(() => this.process.kill())]);
    }
    await this.exited;
  }

  private deliver(message: FromChild | Error): void {
    const waiting = this.waiting;
    this.waiting = null;
    if (waiting) waiting(message);
    else this.inbox.push(message);
  }
}

async function runIngest(spec: IngestSpec): Promise<IngestFigures> {
  const child = new Child();
  try {
    child.send(spec);
    await child.next('ready');
    child.send({ kind: 'go' });
    return (await child.next('ingested')).figures;
  } finally {
    await child.close();
  }
}

/** A load run in its own process, ended when `until` resolves. */
async function runLoad(
  spec: Extract<ToChild, { kind: 'load' }>,
  until: () => Promise<unknown>,
): Promise<LoadFigures> {
  const child = new Child();
  try {
    child.send(spec);
    await child.next('started');
    await until();
    child.send({ kind: 'stop' });
    return (await child.next('loaded')).figures;
  } finally {
    await child.close();
  }
}

/**
 * The load, and the ingest started once the load runs; the load goes on for `seconds` and at least until the
 * ingest is done, and reports the responses within the ingest's run apart.
 */
async function loadWithIngest(
  loadSpec: Extract<ToChild, { kind: 'load' }>,
  ingestSpec: IngestSpec,
  seconds: number,
): Promise<{ load: LoadFigures; ingest: IngestFigures }> {
  const ingester = new Child();
  const loader = new Child();
  try {
    ingester.send(ingestSpec);
    await ingester.next('ready');
    loader.send(loadSpec);
    await loader.next('started');
    const minimum = sleep(seconds * 1000);
    ingester.send({ kind: 'go' });
    const ingest = (await ingester.next('ingested')).figures;
    await minimum;
    loader.send({ kind: 'stop', window: { from: ingest.startedAt, to: ingest.finishedAt } });
    return { load: (await loader.next('loaded')).figures, ingest };
  } finally {
    await Promise.all([ingester.close(), loader.close()]);
  }
}

/** One request of each report, as a dashboard opened once: the API holds the precomputed answers in memory. */
async function warmUp(
  origin: string,
  requests: { endpoint: string; path: string }[],
  token: string,
): Promise<void> {
  for (const { endpoint, path: url } of requests) {
    const response = await fetch(`${origin}${url}`, { headers: { authorization: `Bearer ${token}` } });
    if (!response.ok) throw new Error(`${endpoint}: ${response.status} ${await response.text()}`);
    await response.arrayBuffer();
  }
}

/** The API's KPI report cache lookups so far (its Prometheus counter). */
async function cacheLookups(metrics: ApiMetrics): Promise<Lookups> {
  const { text } = await metrics.scrape();
  const count = (result: string) =>
    Number(
      new RegExp(`^uptake_kpi_cache_requests_total\\{result="${result}"\\} (\\d+)`, 'm').exec(text)?.[1] ?? 0,
    );
  return { hit: count('hit'), snapshot: count('snapshot'), miss: count('miss') };
}

function diff(after: Lookups, before: Lookups): Lookups {
  return {
    hit: after.hit - before.hit,
    snapshot: after.snapshot - before.snapshot,
    miss: after.miss - before.miss,
  };
}

async function kpiState(dataSource: DataSource, organisationId: string): Promise<string> {
  const [row]: { state: string }[] = await dataSource.query(
    `SELECT concat_ws(':', version, directory_version) AS state FROM kpi_rollup_versions WHERE organisation_id = $1`,
    [organisationId],
  );
  return row?.state ?? 'none';
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
