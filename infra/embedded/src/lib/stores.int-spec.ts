import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as readline from 'node:readline';
import { loadConfig, WORKSPACE_ROOT } from '@uptake/config';
import IORedis from 'ioredis';
import { Client } from 'pg';
import { isAlive, readPostmasterPid, startEmbeddedPostgres } from './embedded-postgres';
import { findFreePort, isPortOpen } from './free-port';
import { startRedisServer } from './redis-server';
import { ensureStores } from './stores';

function scratch(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'uptake-embedded-'));
  fs.chmodSync(dir, 0o755);
  return dir;
}

async function query(url: string, sql: string): Promise<unknown[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}

/** Starts the stores in a separate process (the launcher's part), returning it with the stores' URLs. */
async function storesInAnotherProcess(environment: Record<string, string>) {
  const owner = spawn(
    process.execPath,
    [path.join(WORKSPACE_ROOT, 'scripts/run-ts.cjs'), 'infra/embedded/src/test/hold-stores.ts'],
    {
      cwd: WORKSPACE_ROOT,
      env: { ...process.env, NODE_OPTIONS: '', DATABASE_URL: '', REDIS_URL: '', ...environment },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const lines = readline.createInterface({ input: owner.stdout! });
  const [line] = await Promise.race([
    new Promise<string[]>((resolve) => lines.once('line', (first) => resolve([first]))),
    new Promise<never>((_, reject) => owner.once('exit', (code) => reject(new Error(`exited ${code}`)))),
  ]);
  return { owner, urls: JSON.parse(line) as { postgres: string; redis: string } };
}

/** Whatever a failed test left running on these stores is stopped, so no server outlives the run. */
async function stopLeftovers(dataDir: string, redisPort: number): Promise<void> {
  const postmaster = readPostmasterPid(path.join(dataDir, 'postgres'));
  if (postmaster && isAlive(postmaster.pid)) process.kill(postmaster.pid, 'SIGQUIT');
  if (await isPortOpen(redisPort)) {
    const client = new IORedis(`redis://127.0.0.1:${redisPort}`, { maxRetriesPerRequest: 0 });
    await client.call('SHUTDOWN', 'NOSAVE').catch(() => undefined);
    client.disconnect();
  }
}

describe('embedded stores', () => {
  jest.setTimeout(60_000);

  it('PostgreSQL keeps its data across a stop and a second start, and stop frees the port', async () => {
    const dataDir = path.join(scratch(), 'postgres');
    const port = await findFreePort();
    const first = await startEmbeddedPostgres({ dataDir, port, database: 'reuse', persistent: true });
    await query(first.url, "CREATE TABLE kept (v text); INSERT INTO kept VALUES ('still here')");
    await first.stop();
    expect(await isPortOpen(port)).toBe(false);

    const second = await startEmbeddedPostgres({ dataDir, port, database: 'reuse', persistent: true });
    try {
      expect(await query(second.url, 'SELECT v FROM kept')).toEqual([{ v: 'still here' }]);
    } finally {
      await second.stop();
    }
  });

  it('redis-server keeps queued data in its append-only file across restarts', async () => {
    const dataDir = path.join(scratch(), 'redis');
    const port = await findFreePort();
    const first = await startRedisServer({ dataDir, port, persistent: true });
    const client = new IORedis(first.url);
    await client.set('uptake:test', 'kept');
    client.disconnect();
    await first.stop();
    expect(await isPortOpen(port)).toBe(false);

    const second = await startRedisServer({ dataDir, port, persistent: true });
    const again = new IORedis(second.url);
    try {
      expect(await again.get('uptake:test')).toBe('kept');
    } finally {
      again.disconnect();
      await second.stop();
    }
  });

  it('refuses a port that is taken, naming the variable to change', async () => {
    const port = await findFreePort();
    const running = await startRedisServer({ dataDir: path.join(scratch(), 'r1'), port, persistent: false });
    try {
      await expect(
        startRedisServer({ dataDir: path.join(scratch(), 'r2'), port, persistent: false }),
      ).rejects.toThrow(`Port ${port} is already in use; set EMBEDDED_REDIS_PORT or REDIS_URL`);
    } finally {
      await running.stop();
    }
  });

  it('starts nothing when both URLs are configured', async () => {
    const stores = await ensureStores(
      loadConfig({
        DATABASE_URL: 'postgres://u:p@127.0.0.1:1/db',
        REDIS_URL: 'redis://127.0.0.1:1',
        UPTAKE_DATA_DIR: scratch(),
      }),
    );
    expect(stores.started).toEqual([]);
    expect(stores.config.database.url).toBe('postgres://u:p@127.0.0.1:1/db');
    await stores.stop();
  });

  it('after its owner was killed hard, a second start replaces the servers left running and keeps the data', async () => {
    const dataDir = scratch();
    const [postgresPort, redisPort] = [await findFreePort(), await findFreePort()];
    const environment = {
      UPTAKE_DATA_DIR: dataDir,
      EMBEDDED_POSTGRES_PORT: String(postgresPort),
      EMBEDDED_REDIS_PORT: String(redisPort),
    };
    try {
      const { owner, urls } = await storesInAnotherProcess(environment);
      await query(urls.postgres, "CREATE TABLE kept (v text); INSERT INTO kept VALUES ('still here')");
      const client = new IORedis(urls.redis);
      await client.set('uptake:test', 'kept');
      client.disconnect();
      owner.kill('SIGKILL');
      await new Promise((resolve) => owner.once('exit', resolve));
      // The hard crash left both servers running on their ports (and a postmaster.pid).
      expect(await isPortOpen(postgresPort)).toBe(true);
      expect(await isPortOpen(redisPort)).toBe(true);
      const leftBehind = readPostmasterPid(path.join(dataDir, 'postgres'))!.pid;

      const stores = await ensureStores(loadConfig(environment));
      try {
        expect(stores.started).toEqual(['postgres', 'redis']);
        expect(isAlive(leftBehind)).toBe(false);
        expect(await query(stores.config.database.url, 'SELECT v FROM kept')).toEqual([{ v: 'still here' }]);
        const again = new IORedis(stores.config.redis.url);
        expect(await again.get('uptake:test')).toBe('kept');
        again.disconnect();
      } finally {
        await stores.stop();
      }
      expect(await isPortOpen(postgresPort)).toBe(false);
      expect(await isPortOpen(redisPort)).toBe(false);
    } finally {
      await stopLeftovers(dataDir, redisPort);
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('removes a stale postmaster.pid that names another live process, and leaves that process alone', async () => {
    const dataDir = path.join(scratch(), 'postgres');
    const port = await findFreePort();
    const first = await startEmbeddedPostgres({ dataDir, port, database: 'stale', persistent: true });
    const pidFile = fs.readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8');
    await first.stop();
    // After a reboot the pid in a leftover pid file may belong to any other program.
    const bystander = spawn('sleep', ['60'], { stdio: 'ignore' });
    const [, ...rest] = pidFile.split('\n');
    fs.writeFileSync(path.join(dataDir, 'postmaster.pid'), [String(bystander.pid), ...rest].join('\n'));
    try {
      const second = await startEmbeddedPostgres({ dataDir, port, database: 'stale', persistent: true });
      try {
        expect(await query(second.url, 'SELECT 1 AS one')).toEqual([{ one: 1 }]);
        expect(isAlive(bystander.pid!)).toBe(true);
      } finally {
        await second.stop();
      }
    } finally {
      bystander.kill('SIGKILL');
      fs.rmSync(path.dirname(dataDir), { recursive: true, force: true });
    }
  });
});
