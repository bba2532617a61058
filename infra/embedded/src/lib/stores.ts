import * as path from 'node:path';
import type { UptakeConfig } from '@uptake/config';
import { EMBEDDED_DATABASE, startEmbeddedPostgres, type RunningStore } from './embedded-postgres';
import { startRedisServer } from './redis-server';

export type ConfigWithStores = UptakeConfig & {
  database: { url: string; embeddedPort: number };
  redis: { url: string; embeddedPort: number };
};

export interface StartedStores {
  config: ConfigWithStores;
  /** What was started here (empty when both URLs were given). */
  started: ('postgres' | 'redis')[];
  stop(): Promise<void>;
}

/**
 * Embedded defaults: for each store whose URL is not configured, start a local one with its data
 * under `config.dataDir`, so that a second start reuses the data. Stopping stops only what was started.
 */
export async function ensureStores(
  config: UptakeConfig,
  log: (line: string) => void = () => undefined,
): Promise<StartedStores> {
  const running: { name: 'postgres' | 'redis'; store: RunningStore }[] = [];
  const stop = async () => {
    for (const { store } of running.reverse()) await store.stop();
  };
  try {
    let databaseUrl = config.database.url;
    if (!databaseUrl) {
      const store = await startEmbeddedPostgres({
        dataDir: path.join(config.dataDir, 'postgres'),
        port: config.database.embeddedPort,
        database: EMBEDDED_DATABASE,
        persistent: true,
        log,
      });
      running.push({ name: 'postgres', store });
      databaseUrl = store.url;
    }
    let redisUrl = config.redis.url;
    if (!redisUrl) {
      const store = await startRedisServer({
        dataDir: path.join(config.dataDir, 'redis'),
        port: config.redis.embeddedPort,
        persistent: true,
        log,
      });
      running.push({ name: 'redis', store });
      redisUrl = store.url;
    }
    return {
      config: {
        ...config,
        database: { ...config.database, url: databaseUrl },
        redis: { ...config.redis, url: redisUrl },
      },
      started: running.map(({ name }) => name),
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
