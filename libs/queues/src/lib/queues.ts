import type { DefaultJobOptions, RedisOptions as BullRedisOptions } from 'bullmq';
import IORedis, { type Redis, type RedisOptions } from 'ioredis';

/** Every BullMQ queue of Uptake. One processor per queue lives in apps/worker. */
export const QUEUES = {
  /** Pull activity from a data source into Postgres (one job per sync run, plus per-source schedulers). */
  sync: 'sync',
  /** Post-ingest recomputation: refresh the rollups of the days a sync run touched. */
  recompute: 'recompute',
  /** Rollout gate evaluation: daily, after each rollup refresh, and on request. */
  rollouts: 'rollouts',
  /** Digests and alerts: the scheduler's tick (every minute) and one job per delivery (e-mail, Slack, Teams). */
  notifications: 'notifications',
} as const;
export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

export const DEFAULT_JOB_OPTIONS: DefaultJobOptions = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 2_000 },
  removeOnComplete: { age: 7 * 24 * 3600, count: 1000 },
  // Failed jobs stay (up to a month) so operators can inspect them.
  removeOnFail: { age: 30 * 24 * 3600 },
};

/**
 * Redis options for request handlers (the API's own client and its queues): while Redis is unreachable a
 * command fails at once (the API answers 503) instead of waiting in the offline queue, a command without an
 * answer gives up after a few seconds, and reconnects are tried every 2 s at most.
 */
export const FAIL_FAST_REDIS_OPTIONS: RedisOptions & BullRedisOptions = {
  enableOfflineQueue: false,
  maxRetriesPerRequest: 1,
  commandTimeout: 5_000,
  retryStrategy: (times) => Math.min(times * 200, 2_000),
};

/**
 * A Redis connection suitable for BullMQ: workers need `maxRetriesPerRequest: null` so blocking
 * commands wait through reconnects instead of failing.
 */
export function createRedisConnection(
  redisUrl: string,
  purpose: 'queue' | 'worker' = 'queue',
  overrides: RedisOptions = {},
): Redis {
  return new IORedis({
    ...redisConnectionOptions(redisUrl),
    maxRetriesPerRequest: purpose === 'worker' ? null : 3,
    enableReadyCheck: true,
    ...overrides,
  });
}

/** BullMQ takes ioredis options, not a URL: translate REDIS_URL (redis:// or rediss://, db in the path). */
export function redisConnectionOptions(redisUrl: string): RedisOptions & BullRedisOptions {
  const url = new URL(redisUrl);
  const db = url.pathname.length > 1 ? Number(url.pathname.slice(1)) : 0;
  return {
    host: url.hostname,
    port: url.port ? Number(url.port) : 6379,
    db: Number.isInteger(db) ? db : 0,
    ...(url.username ? { username: decodeURIComponent(url.username) } : {}),
    ...(url.password ? { password: decodeURIComponent(url.password) } : {}),
    ...(url.protocol === 'rediss:' ? { tls: {} } : {}),
  };
}
