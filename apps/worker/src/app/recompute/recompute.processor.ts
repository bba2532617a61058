import { OnWorkerEvent, Processor } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { refreshRollups, type RollupRefresh } from '@uptake/kpi';
import { QUEUES, type QueueJob } from '@uptake/queues';
import type { DataSource } from 'typeorm';
import { WorkerMetrics } from '../http/worker-metrics';
import { QueueProcessor } from '../queue-processor';
import { GateEvaluationQueue } from '../rollouts/gate-evaluation.queue';

/**
 * The processor of the `recompute` queue: refreshes the daily rollups for the days an ingest touched, then
 * asks for the organisation's rollout gates to be re-evaluated.
 */
// Refreshes of one organisation must not interleave their delete + insert: one at a time.
@Processor(QUEUES.recompute, { concurrency: 1 })
export class RecomputeProcessor extends QueueProcessor {
  private readonly logger = new Logger(RecomputeProcessor.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly gates: GateEvaluationQueue,
    private readonly metrics: WorkerMetrics,
  ) {
    super();
  }

  protected override async handle(job: QueueJob<typeof QUEUES.recompute>): Promise<RollupRefresh> {
    const result = await refreshRollups(this.dataSource, job.data.organisationId, job.data);
    this.metrics.rollupsRefreshed(result.durationMs);
    this.logger.log(
      `rollups of ${job.data.organisationId} ${job.data.from}..${job.data.to}: refreshed in ` +
        `${Math.round(result.durationMs)} ms`,
    );
    // Gates rest on the rollups just refreshed.
    await this.gates.afterIngest(job.data.organisationId);
    return result;
  }

  @OnWorkerEvent('error')
  onError(error: Error): void {
    this.logger.error(`recompute worker error: ${error.message}`);
  }
}
