import { Global, Module, type DynamicModule } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { ResolvedConfig } from '@uptake/config';
import { dataSourceOptions } from '@uptake/persistence';
import { UPTAKE_CONFIG } from './config.tokens';
import { RecomputeQueue } from './recompute/recompute.queue';
import { RecomputeWorker } from './recompute/recompute.worker';
import { GateEvaluationQueue } from './rollouts/gate-evaluation.queue';
import { GateEvaluationWorker } from './rollouts/gate-evaluation.worker';
import { StoreOutages } from './stores/store-outages';
import { SourceRateLimiters } from './sync/source-rate-limiters';
import { SyncQueue } from './sync/sync-queue';
import { SyncReconciler } from './sync/sync-reconciler';
import { SyncSchedules } from './sync/sync-schedules';
import { SyncRunService } from './sync/sync-run.service';
import { SyncWorker } from './sync/sync.worker';

/**
 * One processor per queue: sync (connector runs), recompute (rollups after ingest), rollouts (gates); and
 * the sync reconciler, which repairs runs whose job was lost or failed unrecorded and cleans the spool.
 */
@Global()
@Module({})
export class WorkerModule {
  static forRoot(config: ResolvedConfig): DynamicModule {
    return {
      module: WorkerModule,
      imports: [TypeOrmModule.forRoot(dataSourceOptions(config.database.url))],
      providers: [
        { provide: UPTAKE_CONFIG, useValue: config },
        SourceRateLimiters,
        RecomputeQueue,
        RecomputeWorker,
        GateEvaluationQueue,
        GateEvaluationWorker,
        SyncQueue,
        StoreOutages,
        SyncRunService,
        SyncWorker,
        SyncSchedules,
        SyncReconciler,
      ],
      exports: [UPTAKE_CONFIG],
    };
  }
}
