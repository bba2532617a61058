import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { ResolvedConfig } from '@uptake/config';
import { refreshRollups, type RollupRefresh } from '@uptake/kpi';
import { QUEUES, redisConnectionOptions, type RefreshRollupsJob } from '@uptake/queues';
import { Worker } from 'bullmq';
import type { DataSource } from 'typeorm';
import { UPTAKE_CONFIG } from '../config.tokens';
import { GateEvaluationQueue } from '../rollouts/gate-evaluation.queue';

/**
 * The processor of the `recompute` queue: refreshes the daily rollups for the days an ingest touched, then
 * asks for the organisation's rollout gates to be re-evaluated.
 */
@Injectable()
export class RecomputeWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(RecomputeWorker.name);
  private worker?: Worker<RefreshRollupsJob, RollupRefresh>;

  constructor(
    @Inject(UPTAKE_CONFIG) private readonly config: ResolvedConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly gates: GateEvaluationQueue,
  ) {}

  onApplicationBootstrap(): void {
    this.worker = new Worker<RefreshRollupsJob, RollupRefresh>(
      QUEUES.recompute,
      async (job) => {
        const result = await refreshRollups(this.dataSource, job.data.organisationId, job.data);
        this.logger.log(
          `rollups of ${job.data.organisationId} ${job.data.from}..${job.data.to}: refreshed in ` +
            `${Math.round(result.durationMs)} ms`,
        );
        // Gates rest on the rollups just refreshed.
        await this.gates.afterIngest(job.data.organisationId);
        return result;
      },
      {
        connection: { ...redisConnectionOptions(this.config.redis.url), maxRetriesPerRequest: null },
        // Refreshes of one organisation must not interleave their delete + insert: one at a time.
        concurrency: 1,
      },
    );
    this.worker.on('error', (error) => this.logger.error(`recompute worker error: ${error.message}`));
  }

  async onApplicationShutdown(): Promise<void> {
    await this.worker?.close();
  }
}
