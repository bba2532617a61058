import { Logger } from '@nestjs/common';
import { ThrottlerStorageService, type ThrottlerStorage } from '@nestjs/throttler';
import type { Redis } from 'ioredis';

type ThrottlerStorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

/**
 * KEYS: the window's hit counter, the block flag. ARGV: window (ms), limit, block duration (ms).
 * A fixed window per client and throttler: the first hit starts it; beyond the limit the client is blocked
 * for the block duration (what @nestjs/throttler's own storage does, counted in Redis instead of memory).
 */
const INCREMENT = `
local hits = redis.call('INCR', KEYS[1])
if hits == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local window = redis.call('PTTL', KEYS[1])
local blocked = redis.call('PTTL', KEYS[2])
if blocked <= 0 and hits > tonumber(ARGV[2]) then
  redis.call('SET', KEYS[2], '1', 'PX', ARGV[3])
  blocked = tonumber(ARGV[3])
end
return {hits, window, blocked}
`;

/**
 * The API's rate limit counted in Redis, so several API instances behind one load balancer share one limit
 * per client (in memory, each instance would allow the full limit: n instances, n times the rate). When Redis
 * does not answer, the request is counted in this process's memory instead: the limit then holds per
 * instance, and a Redis outage does not turn every request into an error (the stores' own outage handling
 * answers 503 where Redis is really needed, e.g. queuing a sync).
 */
export class RedisThrottlerStorage implements ThrottlerStorage {
  private readonly logger = new Logger(RedisThrottlerStorage.name);
  private readonly fallback = new ThrottlerStorageService();
  private warned = false;

  constructor(
    private readonly redis: Redis,
    private readonly prefix = 'uptake:throttle',
  ) {}

  async increment(
    key: string,
    ttl: number,
    limit: number,
    blockDuration: number,
    throttlerName: string,
  ): Promise<ThrottlerStorageRecord> {
    const base = `${this.prefix}:${throttlerName}:${key}`;
    try {
      const [hits, window, blocked] = (await this.redis.eval(
        INCREMENT,
        2,
        `${base}:hits`,
        `${base}:blocked`,
        String(ttl),
        String(limit),
        String(Math.max(blockDuration, 1)),
      )) as [number, number, number];
      this.warned = false;
      return {
        totalHits: hits,
        timeToExpire: Math.max(Math.ceil(window / 1000), 0),
        isBlocked: blocked > 0,
        timeToBlockExpire: blocked > 0 ? Math.ceil(blocked / 1000) : 0,
      };
    } catch (error) {
      if (!this.warned) {
        this.warned = true;
        this.logger.warn(`rate limit counted per instance while Redis does not answer: ${String(error)}`);
      }
      return this.fallback.increment(key, ttl, limit, blockDuration, throttlerName);
    }
  }
}
