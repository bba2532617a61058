import { OnWorkerEvent, Processor } from '@nestjs/bullmq';
import { Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { RolloutPlan } from '@uptake/persistence';
import { QUEUES, type EvaluateGatesJob, type QueueJob } from '@uptake/queues';
import { RolloutEvaluator } from '@uptake/rollout';
import type { Job } from 'bullmq';
import { In, type DataSource } from 'typeorm';
import { QueueProcessor } from '../queue-processor';
import { GateEvaluationQueue } from './gate-evaluation.queue';

/** Plans whose gates are still evaluated: drafts (to see where a pilot stands) and active plans. */
const OPEN_PLANS = In(['draft', 'active']);

/**
 * The processor of the `rollouts` queue: evaluates the gates of open rollout plans on measured data, daily
 * (a job scheduler), after each rollup refresh and on request, keeping every evaluation as history.
 */
@Processor(QUEUES.rollouts, { concurrency: 1 })
export class GateEvaluationProcessor extends QueueProcessor implements OnApplicationBootstrap {
  private readonly logger = new Logger(GateEvaluationProcessor.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly queue: GateEvaluationQueue,
    private readonly evaluator: RolloutEvaluator,
  ) {
    super();
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.queue.scheduleDaily();
  }

  protected override handle(job: QueueJob<typeof QUEUES.rollouts>): Promise<number> {
    return this.evaluate(job.data);
  }

  /** Evaluates the plans the job names; returns how many phases were evaluated. */
  private async evaluate(job: EvaluateGatesJob): Promise<number> {
    const plans = job.planId
      ? await this.dataSource.getRepository(RolloutPlan).findBy({ id: job.planId })
      : await this.dataSource.getRepository(RolloutPlan).findBy({
          status: OPEN_PLANS,
          ...(job.organisationId ? { organisationId: job.organisationId } : {}),
        });
    let phases = 0;
    for (const plan of plans) {
      const evaluations = await this.evaluator.evaluatePlan(plan.id, job.trigger);
      phases += evaluations.length;
      this.logger.log(
        `gates of plan ${plan.id} (${job.trigger}): ` +
          evaluations.map((e) => `${e.phaseId.slice(0, 8)} ${e.status}`).join(', '),
      );
    }
    return phases;
  }

  @OnWorkerEvent('failed')
  onFailed(job: Job | undefined, error: Error): void {
    this.logger.error(`gate evaluation ${job?.id ?? ''} failed: ${error.message}`);
  }

  @OnWorkerEvent('error')
  onError(error: Error): void {
    this.logger.error(`gate evaluation worker error: ${error.message}`);
  }
}
