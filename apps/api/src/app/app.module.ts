import { ShutdownHooks } from './operations/shutdown-hooks';
import { BullModule } from '@nestjs/bullmq';
import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { ThrottlerGuard, ThrottlerModule } from '@nestjs/throttler';
import { TypeOrmModule } from '@nestjs/typeorm';
import { loggerOptions, type ResolvedConfig } from '@uptake/config';
import { dataSourceOptions } from '@uptake/persistence';
import { DEFAULT_JOB_OPTIONS, FAIL_FAST_REDIS_OPTIONS, redisConnectionOptions } from '@uptake/queues';
import { LoggerModule } from 'nestjs-pino';
import { ActivityModule } from './activity/activity.module';
import { DateBoundsModule } from './common/date-bounds';
import { StoreOutageFilter } from './common/store-outage.filter';
import { OperationsModule } from './operations/operations.module';
import { GoalsModule } from './goals/goals.module';
import { BusinessCaseModule } from './business-case/business-case.module';
import { DirectoryModule } from './directory/directory.module';
import { ExportsModule } from './exports/exports.module';
import { GovernanceModule } from './governance/governance.module';
import { RolloutsModule } from './rollouts/rollouts.module';
import { KpisModule } from './kpis/kpis.module';
import { AuthModule } from './auth/auth.module';
import { UptakeConfigModule } from './config/config.module';
import { HealthModule } from './health/health.module';
import { MembersModule } from './members/members.module';
import { MetricsModule } from './metrics/metrics.module';
import { OrganisationsModule } from './organisations/organisations.module';
import { PersistenceModule } from './persistence/persistence.module';
import { API_REDIS, RedisModule } from './redis/redis.module';
import { RedisThrottlerStorage } from './common/redis-throttler-storage';
import { renderThrottler } from './common/render-slot';
import type { Redis } from 'ioredis';
import { SourcesModule } from './sources/sources.module';
import { SsoModule } from './sso/sso.module';
import { NotificationsModule } from './notifications/notifications.module';

@Module({})
export class AppModule {
  static forRoot(config: ResolvedConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        UptakeConfigModule.forRoot(config),
        DateBoundsModule,
        LoggerModule.forRoot({ pinoHttp: loggerOptions(config) }),
        // A request waits at most 5 s for a database connection (then 503), not until TCP gives up.
        TypeOrmModule.forRoot(
          dataSourceOptions(config.database.url, { extra: { max: 10, connectionTimeoutMillis: 5_000 } }),
        ),
        BullModule.forRoot({
          // While Redis is down, queuing fails at once (503) instead of holding the request.
          connection: { ...redisConnectionOptions(config.redis.url), ...FAIL_FAST_REDIS_OPTIONS },
          defaultJobOptions: DEFAULT_JOB_OPTIONS,
        }),
        // Per client address, counted in Redis: several API instances share one limit per client.
        ThrottlerModule.forRootAsync({
          inject: [API_REDIS],
          useFactory: (redis: Redis) => ({
            throttlers: [
              { name: 'api', ttl: 60_000, limit: config.auth.rateLimitPerMinute },
              renderThrottler(config.auth.renderRateLimitPerMinute),
            ],
            storage: new RedisThrottlerStorage(redis),
          }),
        }),
        PersistenceModule,
        RedisModule,
        AuthModule,
        HealthModule,
        MetricsModule,
        OrganisationsModule,
        ActivityModule,
        KpisModule,
        GoalsModule,
        BusinessCaseModule,
        RolloutsModule,
        GovernanceModule,
        DirectoryModule,
        SourcesModule,
        MembersModule,
        SsoModule,
        NotificationsModule,
        OperationsModule,
        ExportsModule,
      ],
      // Guards run in this order: rate limit first (also for unauthenticated floods), then AuthGuard.
      providers: [
        { provide: APP_GUARD, useClass: ThrottlerGuard },
        // Postgres or Redis unreachable: 503 with Retry-After instead of a 500.
        { provide: APP_FILTER, useClass: StoreOutageFilter },
        ShutdownHooks,
      ],
    };
  }
}
