/**
 * The load bench's other processes (load-bench.ts forks this file), each with its own event loop as in
 * production:
 * - `ingest`: one demo ingest through the real pipeline, as the worker's sync runs it (its batch size and
 *   time window), timed from its first record to its last commit;
 * - `load`: autocannon against the API, so the load generator does not share the API's event loop.
 * Driven over the IPC channel: the spec is the first message (the bearer token stays out of the process list).
 */
import type { TimeWindow } from '@uptake/config';
import type { ConnectorMessage } from '@uptake/connector-sdk';
import { ingest } from '@uptake/ingest';
import { createDataSource } from '@uptake/persistence';
import autocannon from 'autocannon';
import { demoMessages, percentile } from './bench-database';

export interface IngestSpec {
  kind: 'ingest';
  databaseUrl: string;
  organisationId: string;
  sourceId: string;
  /** The demo connector's settings (a period of its own, so every event is new). */
  settings: Record<string, unknown>;
  batchSize: number;
  timeWindow: TimeWindow;
}

export interface LoadSpec {
  kind: 'load';
  /** http://127.0.0.1:<port> */
  origin: string;
  requests: { endpoint: string; path: string }[];
  token: string;
  connections: number;
  /** A hard stop; the parent normally ends the run with a 'stop' message before. */
  maxSeconds: number;
}

/** From the parent: a spec, then 'go' (ingest) or 'stop' (load; `window` selects the requests to report apart). */
export type ToChild =
  IngestSpec | LoadSpec | { kind: 'go' } | { kind: 'stop'; window?: { from: number; to: number } };

export interface IngestFigures {
  inserted: number;
  read: number;
  quarantined: number;
  /** Epoch ms, so the load process can select the responses within. */
  startedAt: number;
  finishedAt: number;
  seconds: number;
  affectedFrom: string | null;
  affectedTo: string | null;
}

export interface Latencies {
  requests: number;
  p50: number;
  p97_5: number;
  p99: number;
  max: number;
  non2xx: number;
  errors: number;
}

export interface LoadFigures {
  seconds: number;
  /** Every response and connection error of the run. */
  all: Latencies;
  /** Those within the window the parent gave (the ingest's run), if it gave one. */
  window: Latencies | null;
  timeouts: number;
  statusCodes: Record<string, number>;
  endpoints: { endpoint: string; requests: number; p50: number; p99: number }[];
  /** More responses than MAX_SAMPLES: the later ones are counted by autocannon but not in the percentiles. */
  truncated: boolean;
}

export type FromChild =
  | { kind: 'ready' }
  | { kind: 'ingested'; figures: IngestFigures }
  | { kind: 'started'; at: number }
  | { kind: 'loaded'; figures: LoadFigures }
  | { kind: 'failed'; error: string };

/** Responses whose latency is kept (9 bytes each): 10M is over an hour at the rates a 2-core machine serves. */
const MAX_SAMPLES = 10_000_000;

function send(message: FromChild): void {
  process.send?.(message);
}

function nextMessage(): Promise<ToChild> {
  return new Promise((resolve) => process.once('message', (message) => resolve(message as ToChild)));
}

/**
 * The demo's activity of a later period without its directory (people, org units, groups and their members):
 * new activity of a known organisation, as an activity source's next sync brings. The demo derives people's
 * start dates and group memberships from its period's first day, so its directory of a later period is a
 * change for everyone (the directory version moves and every cached report goes stale), which a real directory
 * does not do when an activity source reads a later period. The groups the events name are stored by the load.
 */
async function* withoutDirectory(messages: AsyncIterable<ConnectorMessage>): AsyncIterable<ConnectorMessage> {
  for await (const message of messages) {
    if (message.kind !== 'person' && message.kind !== 'orgUnit' && message.kind !== 'group') yield message;
  }
}

async function runIngest(spec: IngestSpec): Promise<void> {
  const dataSource = await createDataSource(spec.databaseUrl).initialize();
  try {
    send({ kind: 'ready' });
    const go = await nextMessage();
    if (go.kind !== 'go') throw new Error(`expected 'go', got '${go.kind}'`);
    const startedAt = Date.now();
    const result = await ingest(
      dataSource,
      { organisationId: spec.organisationId, sourceId: spec.sourceId },
      withoutDirectory(demoMessages(spec.settings)),
      { batchSize: spec.batchSize, timeWindow: spec.timeWindow },
    );
    const finishedAt = Date.now();
    send({
      kind: 'ingested',
      figures: {
        inserted: result.inserted,
        read: result.read,
        quarantined: result.quarantined,
        startedAt,
        finishedAt,
        seconds: (finishedAt - startedAt) / 1000,
        affectedFrom: result.affectedFrom?.toISOString() ?? null,
        affectedTo: result.affectedTo?.toISOString() ?? null,
      },
    });
  } finally {
    await dataSource.destroy();
  }
}

/** Latencies (ms) of the responses, with their end time (ms after the start) and request and status. */
class Samples {
  ends = new Float64Array(1 << 16);
  latencies = new Float32Array(1 << 16);
  requests = new Uint8Array(1 << 16);
  statuses = new Uint16Array(1 << 16);
  /** End times of connection errors and timeouts. */
  readonly errors: number[] = [];
  size = 0;
  truncated = false;

  add(end: number, latency: number, request: number, status: number): void {
    if (this.size === this.ends.length) {
      if (this.size >= MAX_SAMPLES) {
        this.truncated = true;
        return;
      }
      this.grow(Math.min(MAX_SAMPLES, this.size * 2));
    }
    this.ends[this.size] = end;
    this.latencies[this.size] = latency;
    this.requests[this.size] = request;
    this.statuses[this.size] = status;
    this.size++;
  }

  private grow(capacity: number): void {
    const copy = <T extends Float64Array | Float32Array | Uint8Array | Uint16Array>(from: T, to: T): T => {
      to.set(from);
      return to;
    };
    this.ends = copy(this.ends, new Float64Array(capacity));
    this.latencies = copy(this.latencies, new Float32Array(capacity));
    this.requests = copy(this.requests, new Uint8Array(capacity));
    this.statuses = copy(this.statuses, new Uint16Array(capacity));
  }

  /** The responses ending within [from, to] (ms after the start) and matching `request` when given. */
  summary(from: number, to: number, request?: number): Latencies {
    const selected: number[] = [];
    let non2xx = 0;
    for (let i = 0; i < this.size; i++) {
      if (this.ends[i] < from || this.ends[i] > to) continue;
      if (request !== undefined && this.requests[i] !== request) continue;
      selected.push(this.latencies[i]);
      if (this.statuses[i] < 200 || this.statuses[i] > 299) non2xx++;
    }
    selected.sort((a, b) => a - b);
    const at = (p: number) => (selected.length ? Math.round(percentile(selected, p)) : 0);
    return {
      requests: selected.length,
      p50: at(0.5),
      p97_5: at(0.975),
      p99: at(0.99),
      max: at(1),
      non2xx,
      errors: request === undefined ? this.errors.filter((end) => end >= from && end <= to).length : 0,
    };
  }
}

async function runLoad(spec: LoadSpec): Promise<void> {
  const samples = new Samples();
  const started = performance.now();
  // Set by the request's onResponse, which autocannon calls just before it emits 'response' for it.
  let answered = 0;
  let clients = 0;
  const requestsOf = (client: number): autocannon.Request[] => {
    const requests = spec.requests.map((request, index) => ({
      method: 'GET' as const,
      path: request.path,
      headers: {
        authorization: `Bearer ${spec.token}`,
        // One address per connection (the API trusts loopback's X-Forwarded-For here): the limiter counts
        // per client, as it would for 20 people's browsers.
        'x-forwarded-for': `10.0.${Math.floor(client / 250)}.${(client % 250) + 1}`,
      },
      onResponse: () => {
        answered = index;
      },
    }));
    // Each connection starts at another report, so the reports are asked evenly from the first second.
    const offset = client % requests.length;
    return [...requests.slice(offset), ...requests.slice(0, offset)];
  };
  let finished: (outcome: autocannon.Result | Error) => void = () => undefined;
  const done = new Promise<autocannon.Result | Error>((resolve) => (finished = resolve));
  const instance = autocannon(
    {
      url: spec.origin,
      connections: spec.connections,
      duration: spec.maxSeconds,
      requests: requestsOf(0),
      setupClient: (client) => client.setRequests(requestsOf(clients++)),
    },
    (error, result) => finished(error ? (error instanceof Error ? error : new Error(String(error))) : result),
  );
  instance.on('start', () => send({ kind: 'started', at: Date.now() }));
  instance.on('response', (_client, status, _bytes, latency) =>
    samples.add(performance.now() - started, latency, answered, status),
  );
  instance.on('reqError', () => samples.errors.push(performance.now() - started));
  const stop = nextMessage();
  const message = await Promise.race([stop, done.then(() => null)]);
  instance.stop();
  const result = await done;
  if (result instanceof Error) throw result;
  const window = message?.kind === 'stop' ? message.window : undefined;
  // The window is in epoch ms; the samples' times are relative to this process's start of the run.
  const epochStart = performance.timeOrigin + started;
  const statusCodes = Object.fromEntries(
    Object.entries(result.statusCodeStats ?? {}).map(([code, { count }]) => [code, Number(count)]),
  );
  send({
    kind: 'loaded',
    figures: {
      seconds: result.duration,
      all: { ...samples.summary(0, Infinity), errors: result.errors },
      window: window ? samples.summary(window.from - epochStart, window.to - epochStart) : null,
      timeouts: result.timeouts,
      statusCodes,
      endpoints: spec.requests.map((request, index) => {
        const { requests, p50, p99 } = samples.summary(0, Infinity, index);
        return { endpoint: request.endpoint, requests, p50, p99 };
      }),
      truncated: samples.truncated,
    },
  });
}

async function main(): Promise<void> {
  if (!process.send)
    throw new Error('load-bench-child.ts is started by load-bench.ts (it needs an IPC channel)');
  const spec = await nextMessage();
  if (spec.kind === 'ingest') await runIngest(spec);
  else if (spec.kind === 'load') await runLoad(spec);
  else throw new Error(`expected a spec, got '${spec.kind}'`);
}

main()
  .then(() => process.disconnect?.())
  .catch((error: unknown) => {
    send({ kind: 'failed', error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
    process.exitCode = 1;
    process.disconnect?.();
  });
