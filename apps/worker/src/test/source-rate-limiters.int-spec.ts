import { UNLIMITED } from '@uptake/connector-sdk';
import { createRedisConnection } from '@uptake/queues';
import { testConfig } from '@uptake/testing';
import { randomUUID } from 'node:crypto';
import { SourceRateLimiters } from '../app/sync/source-rate-limiters';

/** Whether `work` finishes within `ms` (a request budget that made it wait would not). */
async function finishesWithin(ms: number, work: () => Promise<void>): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
  try {
    return await Promise.race([work().then(() => true as const), late]);
  } finally {
    clearTimeout(timer);
  }
}

describe('per-source request budgets in Redis', () => {
  const limiters = new SourceRateLimiters(testConfig());
  // Another worker process: its own limiters and Redis connection, the same Redis.
  const otherProcess = new SourceRateLimiters(testConfig());
  const redis = createRedisConnection(testConfig().redis.url);
  /** The budget counters Redis holds for a source (one per requests-per-minute value). */
  const budgetKeys = (sourceId: string) => redis.keys(`uptake:source-requests:*:${sourceId}`);

  afterAll(async () => {
    await limiters.onApplicationShutdown();
    await otherProcess.onApplicationShutdown();
    await redis.quit();
  });

  it('lets a source make requestsPerMinute requests, then makes the next one wait, whoever asks', async () => {
    const sourceId = randomUUID();
    const first = limiters.forSource(sourceId, { requestsPerMinute: 3 });
    const second = otherProcess.forSource(sourceId, { requestsPerMinute: 3 });
    await first.acquire();
    await second.acquire();
    await first.acquire();
    const waiting = new AbortController();
    const fourth = second.acquire(waiting.signal).then(
      () => 'granted',
      () => 'still waiting when aborted',
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    waiting.abort(new Error('test over'));
    expect(await fourth).toBe('still waiting when aborted');
    expect(await budgetKeys(sourceId)).toHaveLength(1);
    // Another source has its own budget: its first request is granted at once.
    const other = limiters.forSource(randomUUID(), { requestsPerMinute: 3 });
    expect(await finishesWithin(1_000, () => other.acquire())).toBe(true);
  });

  it('does not limit connectors that declare no budget, and keeps no counter for them', async () => {
    const sourceId = randomUUID();
    const unlimited = limiters.forSource(sourceId, {});
    expect(unlimited).toBe(UNLIMITED);
    const hundredRequests = async () => {
      for (let i = 0; i < 100; i++) await unlimited.acquire();
    };
    expect(await finishesWithin(1_000, hundredRequests)).toBe(true);
    expect(await budgetKeys(sourceId)).toEqual([]);
  });
});
