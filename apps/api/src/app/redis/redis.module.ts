import { Global, Inject, Injectable, Module, type OnApplicationShutdown } from '@nestjs/common';
import type { ResolvedConfig } from '@uptake/config';
import { createRedisConnection, FAIL_FAST_REDIS_OPTIONS } from '@uptake/queues';
import type { Redis } from 'ioredis';
import { UPTAKE_CONFIG } from '../config/config.module';

/** The API's own Redis connection (health checks, login attempt counters); BullMQ keeps its own. */
export const API_REDIS = Symbol('API_REDIS');

@Injectable()
class RedisShutdown implements OnApplicationShutdown {
  constructor(@Inject(API_REDIS) private readonly redis: Redis) {}
  onApplicationShutdown(): void {
    this.redis.disconnect();
  }
}

@Global()
@Module({
  providers: [
    {
      provide: API_REDIS,
      inject: [UPTAKE_CONFIG],
      // Fail fast instead of queueing commands while Redis is down: the request gets a 503.
      useFactory: (config: ResolvedConfig) => {
        const redis = createRedisConnection(config.redis.url, 'queue', FAIL_FAST_REDIS_OPTIONS);
        redis.on('error', () => undefined);
        return redis;
      },
    },
    RedisShutdown,
  ],
  exports: [API_REDIS],
})
export class RedisModule {}
