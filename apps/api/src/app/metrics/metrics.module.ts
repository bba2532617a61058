import { BullModule } from '@nestjs/bullmq';
import { Global, Module, RequestMethod, type MiddlewareConsumer, type NestModule } from '@nestjs/common';
import { QUEUES } from '@uptake/queues';
import { ApiMetrics } from './api-metrics';
import { MetricsController } from './metrics.controller';
import { RequestObservationMiddleware } from './request-observation.middleware';

/**
 * Observability of the API: request ids, request durations, queue sizes and KPI cache lookups, served at
 * /api/metrics. Global so that the KPI report cache (PersistenceModule) can report its lookups.
 */
@Global()
@Module({
  imports: [
    BullModule.registerQueue(
      { name: QUEUES.sync },
      { name: QUEUES.recompute },
      { name: QUEUES.rollouts },
      { name: QUEUES.notifications },
    ),
  ],
  controllers: [MetricsController],
  providers: [ApiMetrics],
  exports: [ApiMetrics],
})
export class MetricsModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    // Every route under the global prefix (the same pattern nestjs-pino uses for its request logger).
    consumer.apply(RequestObservationMiddleware).forRoutes({ path: '{/*splat}', method: RequestMethod.ALL });
  }
}
