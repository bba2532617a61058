import { BullModule } from '@nestjs/bullmq';
import { Global, Module, type DynamicModule } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { ResolvedConfig } from '@uptake/config';
import { dataSourceOptions } from '@uptake/persistence';
import { DEFAULT_JOB_OPTIONS, QUEUES, redisConnectionOptions } from '@uptake/queues';
import { UPTAKE_CONFIG } from './config.tokens';
import { JobObserver } from './http/job-observer';
import { WorkerHttpServer } from './http/worker-http.server';
import { WorkerMetrics } from './http/worker-metrics';
import { KPI_PROVIDERS } from './kpi-providers';
import { NOTIFICATION_PROVIDERS } from './notifications/notification-providers';
import { PartitionMaintenance } from './partitions/partition-maintenance';
import { RecomputeProcessor } from './recompute/recompute.processor';
import { RecomputeQueue } from './recompute/recompute.queue';
import { RollupReconciler } from './recompute/rollup-reconciler';
import { EventRetention } from './retention/event-retention';
import { GateEvaluationProcessor } from './rollouts/gate-evaluation.processor';
import { GateEvaluationQueue } from './rollouts/gate-evaluation.queue';
import { StoreOutages } from './stores/store-outages';
import { SourceRateLimiters } from './sync/source-rate-limiters';
import { SyncQueue } from './sync/sync-queue';
import { SyncReconciler } from './sync/sync-reconciler';
import { SyncRunService } from './sync/sync-run.service';
import { SyncSchedules } from './sync/sync-schedules';
import { syncProcessor, SyncProcessor } from './sync/sync.processor';

/**
 * One processor per queue: sync (connector runs), recompute (rollups after ingest), rollouts (gates),
 * notifications (digests and alerts); and
 * the sync reconciler, which repairs runs whose job was lost or failed unrecorded and cleans the spool.
 */
@Global()
@Module({})
export class WorkerModule {
  static forRoot(config: ResolvedConfig): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        TypeOrmModule.forRoot(dataSourceOptions(config.database.url)),
        // Queues and workers share these; a worker's blocking connection waits through reconnects (BullMQ
        // sets maxRetriesPerRequest: null on it).
        BullModule.forRoot({
          connection: redisConnectionOptions(config.redis.url),
          defaultJobOptions: DEFAULT_JOB_OPTIONS,
        }),
        BullModule.registerQueue(
          { name: QUEUES.sync },
          { name: QUEUES.recompute },
          { name: QUEUES.rollouts },
          { name: QUEUES.notifications },
        ),
      ],
      providers: [
        { provide: UPTAKE_CONFIG, useValue: config },
        WorkerMetrics,
        JobObserver,
        WorkerHttpServer,
        ...KPI_PROVIDERS,
        SourceRateLimiters,
        RecomputeQueue,
        RecomputeProcessor,
        GateEvaluationQueue,
        GateEvaluationProcessor,
        SyncQueue,
        StoreOutages,
        SyncRunService,
        { provide: SyncProcessor, useClass: syncProcessor(config.worker) },
        SyncSchedules,
        RollupReconciler,
        SyncReconciler,
        PartitionMaintenance,
        EventRetention,
        ...NOTIFICATION_PROVIDERS,
      ],
      exports: [UPTAKE_CONFIG],
    };
  }
}
