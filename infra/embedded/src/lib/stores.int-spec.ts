import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadConfig } from '@uptake/config';
import IORedis from 'ioredis';
import { Client } from 'pg';
import { startEmbeddedPostgres } from './embedded-postgres';
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
});
