import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  findFreePort,
  startEmbeddedPostgres,
  startRedisServer,
  type RunningStore,
} from '@uptake/infra-embedded';
import { migrate } from '../lib/data-source';

/**
 * Jest global setup for integration tests: real PostgreSQL and real Redis.
 * TEST_DATABASE_URL / TEST_REDIS_URL point at existing servers; otherwise a private embedded PostgreSQL
 * and redis-server are started on free ports with throw-away data folders, and stopped by the teardown.
 * The migrations run on the (empty) test database; test files then see DATABASE_URL and REDIS_URL.
 */
export default async function globalSetup(): Promise<void> {
  const stores: RunningStore[] = [];
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'uptake-test-'));
  // mkdtemp makes the folder private to root; the postgres system user must be able to enter it.
  fs.chmodSync(scratch, 0o755);

  let databaseUrl = process.env['TEST_DATABASE_URL'];
  if (!databaseUrl) {
    const postgres = await startEmbeddedPostgres({
      dataDir: path.join(scratch, 'postgres'),
      port: await findFreePort(),
      database: 'uptake_test',
      persistent: false,
    });
    stores.push(postgres);
    databaseUrl = postgres.url;
  }
  let redisUrl = process.env['TEST_REDIS_URL'];
  if (!redisUrl) {
    const redis = await startRedisServer({
      dataDir: path.join(scratch, 'redis'),
      port: await findFreePort(),
      persistent: false,
    });
    stores.push(redis);
    redisUrl = redis.url;
  }
  await migrate(databaseUrl);

  process.env['DATABASE_URL'] = databaseUrl;
  process.env['REDIS_URL'] = redisUrl;
  (globalThis as { __uptakeStores?: { stores: RunningStore[]; scratch: string } }).__uptakeStores = {
    stores,
    scratch,
  };
}
