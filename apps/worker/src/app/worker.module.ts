import { Global, Module, type DynamicModule } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { ResolvedConfig } from '@uptake/config';
import { dataSourceOptions } from '@uptake/persistence';
import { UPTAKE_CONFIG } from './config.tokens';
import { RecomputeQueue } from './recompute/recompute.queue';
import { RecomputeWorker } from './recompute/recompute.worker';
import { GateEvaluationQueue } from './rollouts/gate-evaluation.queue';
import { GateEvaluationWorker } from './rollouts/gate-evaluation.worker';
import { SourceRateLimiters } from './sync/source-rate-limiters';
import { SyncSchedules } from './sync/sync-schedules';
import { SyncRunService } from './sync/sync-run.service';
import { SyncWorker } from './sync/sync.worker';

/** One processor per queue: sync (connector runs), recompute (rollups after ingest), rollouts (gates). */
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
        SyncRunService,
        SyncWorker,
        SyncSchedules,
      ],
      exports: [UPTAKE_CONFIG],
    };
  }
}
