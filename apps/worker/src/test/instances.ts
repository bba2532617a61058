import { AccessToken, ActivitySource, Membership, Organisation, User } from '@uptake/persistence';
import { newToken } from '@uptake/security';
import { testConfig, uniqueSuffix } from '@uptake/testing';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import net, { type AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { DataSource } from 'typeorm';

const ROOT = path.resolve(__dirname, '../../../..');
/** Shared with support.ts: each start of a server process skips compiling its dependencies again. */
const COMPILE_CACHE = path.join(os.tmpdir(), 'uptake-worker-test-compile-cache');
/** Lines of a process's output kept for the failure message of a test. */
const TAIL_LINES = 40;

export type ServerApp = 'api' | 'worker';

/**
 * The command that starts an app: the bundle of `nx build <app>` (dist/apps/<app>/main.js), which starts in
 * a fraction of the CPU the TypeScript run needs, when it is at least as new as the code it is built from;
 * else the source through run-ts.cjs. A stale bundle would test old code (`npm test` builds after the
 * integration tests), so an edit since the last build means the source. `UPTAKE_TEST_FROM_SOURCE=1` forces it.
 */
export function serverCommand(app: ServerApp): string[] {
  const bundle = path.join(ROOT, 'dist/apps', app, 'main.js');
  const fresh =
    existsSync(bundle) &&
    process.env['UPTAKE_TEST_FROM_SOURCE'] !== '1' &&
    statSync(bundle).mtimeMs >= newestSource(app);
  return fresh ? [bundle] : [path.join(ROOT, 'scripts/run-ts.cjs'), `apps/${app}/src/main.ts`];
}

const newestSources = new Map<ServerApp, number>();

/**
 * When the TypeScript a bundle is built from last changed: the app's sources and every library's, without
 * specs, test folders and fixtures (about 700 files: a few milliseconds of stat calls, once per app).
 */
function newestSource(app: ServerApp): number {
  const known = newestSources.get(app);
  if (known !== undefined) return known;
  let newest = 0;
  const visit = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!NOT_BUNDLED_FOLDERS.has(entry.name)) visit(full);
      } else if (entry.name.endsWith('.ts') && !/\.(int-|perf-)?spec\.ts$/.test(entry.name)) {
        newest = Math.max(newest, statSync(full).mtimeMs);
      }
    }
  };
  visit(path.join(ROOT, 'apps', app, 'src'));
  visit(path.join(ROOT, 'libs'));
  newestSources.set(app, newest);
  return newest;
}

const NOT_BUNDLED_FOLDERS = new Set(['node_modules', 'test', 'testing', 'fixtures']);

/** A port nothing listens on right now (the kernel's pick, released at once). */
export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** One child process of an app, with the tail of its output for diagnostics. */
export class ServerInstance {
  readonly process: ChildProcess;
  /** Resolves once the process has printed `readyLine`; rejects if it exits first. */
  readonly started: Promise<void>;
  readonly exited: Promise<void>;
  private readonly tail: string[] = [];

  constructor(
    readonly name: string,
    app: ServerApp,
    env: Record<string, string>,
    readyLine: string,
  ) {
    const config = testConfig();
    this.process = spawn(process.execPath, serverCommand(app), {
      cwd: ROOT,
      env: {
        ...process.env,
        NODE_OPTIONS: '',
        NODE_COMPILE_CACHE: COMPILE_CACHE,
        NODE_ENV: 'test',
        DATABASE_URL: config.database.url,
        UPTAKE_SECRET_KEY: config.secretKey.toString('base64'),
        RECONCILE_INTERVAL_SECONDS: '0',
        LOG_LEVEL: 'warn',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.exited = new Promise((resolve) => this.process.once('exit', () => resolve()));
    this.started = new Promise((resolve, reject) => {
      const onLine = (line: string) => {
        if (line.includes(readyLine)) resolve();
      };
      this.follow(this.process.stdout, onLine);
      this.follow(this.process.stderr, () => undefined);
      void this.exited.then(() =>
        reject(new Error(`${name} exited (${this.exitDescription()}) before it started:\n${this.output()}`)),
      );
    });
    // A rejection nobody awaits (a process killed after it started) is not an error of the test.
    this.started.catch(() => undefined);
  }

  get running(): boolean {
    return this.process.exitCode === null && this.process.signalCode === null;
  }

  /** The last lines the process wrote (stdout and stderr, interleaved). */
  output(): string {
    return this.tail.map((line) => `  [${this.name}] ${line}`).join('\n');
  }

  async kill(): Promise<void> {
    if (!this.running) return;
    this.process.kill('SIGKILL');
    await this.exited;
  }

  /** SIGTERM (graceful shutdown), and SIGKILL if it has not exited within `graceMs`. */
  async stop(graceMs = 15_000): Promise<void> {
    if (!this.running) return;
    this.process.kill('SIGTERM');
    const timer = setTimeout(() => this.process.kill('SIGKILL'), graceMs);
    await this.exited;
    clearTimeout(timer);
  }

  private exitDescription(): string {
    return this.process.signalCode ?? `code ${this.process.exitCode}`;
  }

  /** Reads a stream line by line (it must be read: a full pipe would block the child). */
  private follow(stream: NodeJS.ReadableStream | null, onLine: (line: string) => void): void {
    if (!stream) return;
    let pending = '';
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => {
      const lines = (pending + chunk).split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        this.tail.push(line);
        if (this.tail.length > TAIL_LINES) this.tail.shift();
        onLine(line);
      }
    });
  }
}

/** Polls `url` until it answers 200 (connection errors and 503 count as "not yet"). */
export async function untilHealthy(url: string, instance: ServerInstance, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (!instance.running) throw new Error(`${instance.name} exited while starting:\n${instance.output()}`);
    const status = await fetch(url, { signal: AbortSignal.timeout(2_000) }).then(
      (response) => response.status,
      () => 0,
    );
    if (status === 200) return;
    if (Date.now() > deadline) {
      throw new Error(`${url} not healthy within ${timeoutMs} ms (last: ${status}):\n${instance.output()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** What a test drives the API with: an organisation, an admin session and a connector API token. */
export interface InstancesTenant {
  organisation: Organisation;
  /** Session token of an admin: uploads and KPI reads. */
  adminToken: string;
  /** API token (connector_maintainer) for webhook pushes, as a connector would send them. */
  connectorToken: string;
}

/**
 * A tenant written straight into the database (the API test helpers live in the api project, which an app
 * may not import): an organisation without perturbation (exact KPI figures), one admin with a session
 * token and one connector API token.
 */
export async function createInstancesTenant(dataSource: DataSource, label: string): Promise<InstancesTenant> {
  const organisation = await dataSource
    .getRepository(Organisation)
    .save({ name: label, slug: `${label}-${uniqueSuffix()}`, perturbation: false });
  // Signs in by token only: no password hash that anything could match.
  const user = await dataSource
    .getRepository(User)
    .save({ email: `admin.${uniqueSuffix()}@${label}.test`, passwordHash: '!' });
  await dataSource
    .getRepository(Membership)
    .save({ organisationId: organisation.id, userId: user.id, role: 'admin' });
  const session = newToken('ups');
  await dataSource.getRepository(AccessToken).save({
    kind: 'session',
    tokenHash: session.hash,
    userId: user.id,
    expiresAt: new Date(Date.now() + 3_600_000),
  });
  const api = newToken('upt');
  await dataSource.getRepository(AccessToken).save({
    kind: 'api',
    tokenHash: api.hash,
    organisationId: organisation.id,
    role: 'connector_maintainer',
    name: 'webhook pusher',
  });
  return { organisation, adminToken: session.token, connectorToken: api.token };
}

export function createSource(
  dataSource: DataSource,
  organisationId: string,
  connectorType: 'csv' | 'webhook',
): Promise<ActivitySource> {
  return dataSource
    .getRepository(ActivitySource)
    .save({ organisationId, name: `${connectorType} ${uniqueSuffix()}`, connectorType, settings: {} });
}

/** The final outcome of one request that was retried on connection errors and 503s. */
export interface RequestOutcome {
  label: string;
  /** How many times it was sent. */
  attempts: number;
  /** The status of the last answer, 0 when none came (every attempt failed to connect). */
  status: number;
  body: unknown;
  /** Why the earlier attempts were repeated. */
  retriedFor: string[];
}

/** Statuses that mean "this instance cannot answer right now": the same request is sent again. */
const RETRIED_STATUSES = new Set([502, 503, 504]);

/**
 * Sends a request until it gets an answer other than 502/503/504, retrying connection errors (refused,
 * reset, closed mid-request: an instance restarting) every `retryDelayMs` for up to `timeoutMs`. The same
 * body is sent again, so the endpoint must be idempotent for its effects (webhook batches are, by external
 * id). Any other answer, 2xx or not, is final.
 */
export async function sendWithRetry(
  label: string,
  url: string,
  init: { method: string; headers: Record<string, string>; body?: string | Buffer },
  options: { timeoutMs?: number; retryDelayMs?: number } = {},
): Promise<RequestOutcome> {
  const deadline = Date.now() + (options.timeoutMs ?? 60_000);
  const retriedFor: string[] = [];
  for (let attempts = 1; ; attempts++) {
    let retryReason: string;
    let status = 0;
    let body: unknown;
    try {
      const response = await fetch(url, {
        ...init,
        body: init.body === undefined ? undefined : new Uint8Array(Buffer.from(init.body)),
        signal: AbortSignal.timeout(30_000),
      });
      status = response.status;
      const text = await response.text();
      body = text ? JSON.parse(text) : null;
      if (!RETRIED_STATUSES.has(status)) return { label, attempts, status, body, retriedFor };
      retryReason = `HTTP ${status}`;
    } catch (error) {
      retryReason = connectionError(error);
    }
    if (Date.now() > deadline)
      return { label, attempts, status, body, retriedFor: [...retriedFor, retryReason] };
    retriedFor.push(retryReason);
    await new Promise((resolve) => setTimeout(resolve, options.retryDelayMs ?? 250));
  }
}

/** fetch's "fetch failed" names the cause (ECONNREFUSED, ECONNRESET, UND_ERR_SOCKET) underneath. */
function connectionError(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error));
}
