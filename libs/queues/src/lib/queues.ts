import type { DefaultJobOptions, Queue, RedisOptions as BullRedisOptions } from 'bullmq';
import IORedis, { type Redis, type RedisOptions } from 'ioredis';

/** Every BullMQ queue of Uptake. One processor per queue lives in apps/worker. */
export const QUEUES = {
  /** Pull activity from a data source into Postgres (one job per sync run, plus per-source schedulers). */
  sync: 'sync',
  /** Post-ingest recomputation: refresh the rollups of the days a sync run touched. */
  recompute: 'recompute',
  /** Rollout gate evaluation: daily, after each rollup refresh, and on request. */
  rollouts: 'rollouts',
} as const;
export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

export const JOBS = {
  /** Run an existing sync run (manual, upload, webhook). */
  runSync: 'run-sync',
  /** Emitted by a source's job scheduler: creates a run, then runs it. */
  scheduledSync: 'scheduled-sync',
  refreshRollups: 'refresh-rollups',
  evaluateGates: 'evaluate-gates',
} as const;

/** The job scheduler that evaluates every organisation's rollout gates once a day. */
export const DAILY_GATE_EVALUATION = { schedulerId: 'rollouts-daily', cron: '0 6 * * *' } as const;

/** Payloads are small: ids, never data. */
export interface RunSyncJob {
  organisationId: string;
  sourceId: string;
  syncRunId: string;
}

export interface ScheduledSyncJob {
  organisationId: string;
  sourceId: string;
}

/** Refresh rollups for the days (in the organisation's time zone) between two instants. */
export interface RefreshRollupsJob {
  organisationId: string;
  from: string;
  to: string;
}

/**
 * Evaluate rollout gates: one plan, every open plan of an organisation, or (organisationId null, the daily
 * run) every open plan of every organisation.
 */
export interface EvaluateGatesJob {
  organisationId: string | null;
  planId?: string;
  trigger: 'schedule' | 'ingest' | 'manual' | 'change';
}

/** Evaluations of one organisation (or one plan) requested close together collapse into one. */
export function gateEvaluationDeduplicationId(organisationId: string, planId?: string): string {
  return planId ? `gates:${organisationId}:${planId}` : `gates:${organisationId}`;
}

/** The id of a source's job scheduler (one per source with a schedule). */
export function sourceSchedulerId(sourceId: string): string {
  return `source-schedule:${sourceId}`;
}

export const DEFAULT_JOB_OPTIONS: DefaultJobOptions = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 2_000 },
  removeOnComplete: { age: 7 * 24 * 3600, count: 1000 },
  // Failed jobs stay (up to a month) so operators can inspect them.
  removeOnFail: { age: 30 * 24 * 3600 },
};

/**
 * Queues a sync run for the worker. The run id is the job id, so queuing a run that has a job already is a
 * no-op; `replaceFinished` first removes the run's failed or completed job (a retry, or a run whose outcome
 * was lost), which then frees the id.
 */
export async function enqueueSyncRun(
  queue: Queue,
  run: { id: string; organisationId: string; sourceId: string },
  options: { replaceFinished?: boolean } = {},
): Promise<void> {
  if (options.replaceFinished) {
    const job = await queue.getJob(run.id);
    if (job && ((await job.isFailed()) || (await job.isCompleted()))) await job.remove();
  }
  const data: RunSyncJob = { organisationId: run.organisationId, sourceId: run.sourceId, syncRunId: run.id };
  await queue.add(JOBS.runSync, data, { jobId: run.id });
}

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
