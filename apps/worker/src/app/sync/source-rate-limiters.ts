import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import type { ResolvedConfig } from '@uptake/config';
import { sleep, UNLIMITED, type Connector, type RateLimiter } from '@uptake/connector-sdk';
import { createRedisConnection } from '@uptake/queues';
import type { Redis } from 'ioredis';
import type { RateLimiterRedis } from 'rate-limiter-flexible';
import { UPTAKE_CONFIG } from '../config.tokens';

type RateLimiterLibrary = typeof import('rate-limiter-flexible');
/** Loaded by the first source with a budget: an idle worker (or one reading only uploads) never needs it. */
let library: Promise<RateLimiterLibrary> | undefined;
const loadLibrary = (): Promise<RateLimiterLibrary> => (library ??= import('rate-limiter-flexible'));

/**
 * Per-source request budgets in Redis, so every worker process reading a source shares one budget
 * (a Slack workspace allows ~50 history calls a minute whoever makes them).
 */
@Injectable()
export class SourceRateLimiters implements OnApplicationShutdown {
  private redis?: Redis;
  private readonly limiters = new Map<number, RateLimiterRedis>();

  constructor(@Inject(UPTAKE_CONFIG) private readonly config: ResolvedConfig) {}

  forSource(sourceId: string, connector: Pick<Connector, 'requestsPerMinute'>): RateLimiter {
    const perMinute = connector.requestsPerMinute;
    if (!perMinute) return UNLIMITED;
    return {
      acquire: async (signal) => {
        const { RateLimiterRes } = await loadLibrary();
        const limiter = await this.limiter(perMinute);
        for (;;) {
          try {
            await limiter.consume(sourceId);
            return;
          } catch (rejection) {
            if (!(rejection instanceof RateLimiterRes)) throw rejection;
            await sleep(rejection.msBeforeNext, signal);
          }
        }
      },
    };
  }

  private async limiter(perMinute: number): Promise<RateLimiterRedis> {
    const { RateLimiterRedis } = await loadLibrary();
    let limiter = this.limiters.get(perMinute);
    if (!limiter) {
      this.redis ??= createRedisConnection(this.config.redis.url, 'queue', { enableOfflineQueue: true });
      limiter = new RateLimiterRedis({
        storeClient: this.redis,
        keyPrefix: `uptake:source-requests:${perMinute}`,
        points: perMinute,
        duration: 60,
      });
      this.limiters.set(perMinute, limiter);
    }
    return limiter;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.redis?.quit();
  }
}
