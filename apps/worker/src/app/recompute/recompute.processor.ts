import { OnWorkerEvent, Processor } from '@nestjs/bullmq';
import { Inject, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { ResolvedConfig } from '@uptake/config';
import {
  KpiReports,
  precomputeDashboardReports,
  refreshRollups,
  type PrecomputeResult,
  type RollupRefresh,
} from '@uptake/kpi';
import { RollupRefreshRequestRepository } from '@uptake/persistence';
import { QUEUES, type QueueJob } from '@uptake/queues';
import type { DataSource } from 'typeorm';
import { UPTAKE_CONFIG } from '../config.tokens';
import { WorkerMetrics } from '../http/worker-metrics';
import { QueueProcessor } from '../queue-processor';
import { GateEvaluationQueue } from '../rollouts/gate-evaluation.queue';

/**
 * Longest a refresh's precompute may start new reports for. Measured at 1M events (bench:kpi, two cores under
 * a load average of 4) the 13 default reports take 5.5 s together; at 10M several times that. 60 s lets them
 * finish there, while a slower store still hands the queue back within a bounded time (the next refresh of the
 * queue waits for it); the most expensive reports come first, so a cut-off one is the cheapest to compute.
 */
export const PRECOMPUTE_BUDGET_MS = 60_000;

/**
 * The processor of the `recompute` queue: refreshes the daily rollups for the days an ingest touched (and
 * marks its rollup_refresh_requests row done), asks for the organisation's rollout gates to be re-evaluated,
 * then precomputes the dashboard's default reports into the shared snapshot table, so the first request of
 * each on any API instance is a table read.
 */
// Refreshes of one organisation must not interleave their delete + insert: one at a time.
@Processor(QUEUES.recompute, { concurrency: 1 })
export class RecomputeProcessor extends QueueProcessor {
  private readonly logger = new Logger(RecomputeProcessor.name);
  private readonly requests: RollupRefreshRequestRepository;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly gates: GateEvaluationQueue,
    private readonly metrics: WorkerMetrics,
    private readonly reports: KpiReports,
    @Inject(UPTAKE_CONFIG) private readonly config: ResolvedConfig,
  ) {
    super();
    this.requests = new RollupRefreshRequestRepository(dataSource);
  }

  protected override async handle(job: QueueJob<typeof QUEUES.recompute>): Promise<RollupRefresh> {
    const result = await refreshRollups(this.dataSource, job.data.organisationId, job.data);
    this.metrics.rollupsRefreshed(result.durationMs);
    this.logger.log(
      `rollups of ${job.data.organisationId} ${job.data.from}..${job.data.to}: refreshed in ` +
        `${Math.round(result.durationMs)} ms`,
    );
    await this.markDone(job.data.organisationId, job.data.refreshRequestId);
    // Gates rest on the rollups just refreshed.
    await this.gates.afterIngest(job.data.organisationId);
    await this.precompute(job.data.organisationId);
    return result;
  }

  /**
   * The refresh has committed: its request is done. A mark that fails is logged, not retried with the whole
   * refresh: the reconciler marks a request done whose job completed.
   */
  private async markDone(organisationId: string, requestId: string | undefined): Promise<void> {
    if (requestId === undefined) return;
    await this.requests
      .markDone(organisationId, requestId)
      .catch((error: Error) =>
        this.logger.warn(`rollup refresh request ${requestId} not marked done: ${error.message}`),
      );
  }

  /**
   * The refresh has committed (refreshRollups returned): its new rollup version is what the precomputed
   * answers are stored for. Best effort: a failure is logged and the refresh job still succeeds, since the API
   * computes whatever is not there.
   */
  private async precompute(organisationId: string): Promise<PrecomputeResult | null> {
    try {
      const result = await precomputeDashboardReports(this.dataSource, this.reports, organisationId, {
        earliestDay: this.config.timeWindow.earliestDay,
        budgetMs: PRECOMPUTE_BUDGET_MS,
      });
      const notes = [
        result.skipped.length > 0 ? `skipped (out of time): ${result.skipped.join(', ')}` : '',
        ...result.failed.map((failure) => `${failure.endpoint} failed: ${failure.error}`),
      ].filter(Boolean);
      const line =
        `default KPI reports of ${organisationId}: ${result.done.length} shared in ` +
        `${Math.round(result.durationMs)} ms${notes.length > 0 ? `; ${notes.join('; ')}` : ''}`;
      if (notes.length > 0) this.logger.warn(line);
      else this.logger.log(line);
      return result;
    } catch (error) {
      this.logger.warn(
        `default KPI reports of ${organisationId} not precomputed: ${(error as Error).message}`,
      );
      return null;
    }
  }

  @OnWorkerEvent('error')
  onError(error: Error): void {
    this.logger.error(`recompute worker error: ${error.message}`);
  }
}
