import { Module } from '@nestjs/common';
import type { ResolvedConfig } from '@uptake/config';
import { createRedisConnection } from '@uptake/queues';
import { UPTAKE_CONFIG } from '../config/config.module';
import { HealthController } from './health.controller';
import { HEALTH_REDIS, HealthService } from './health.service';

@Module({
  controllers: [HealthController],
  providers: [
    HealthService,
    {
      provide: HEALTH_REDIS,
      inject: [UPTAKE_CONFIG],
      // Fail fast instead of queueing commands while Redis is down, so the health check reports it.
      useFactory: (config: ResolvedConfig) => {
        const redis = createRedisConnection(config.redis.url, 'queue', {
          enableOfflineQueue: false,
          maxRetriesPerRequest: 1,
        });
        redis.on('error', () => undefined);
        return redis;
      },
    },
  ],
})
export class HealthModule {}
