import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { ResolvedConfig } from '@uptake/config';
import { RolloutPlan } from '@uptake/persistence';
import { QUEUES, redisConnectionOptions, type EvaluateGatesJob } from '@uptake/queues';
import { RolloutEvaluator } from '@uptake/rollout';
import { Worker } from 'bullmq';
import { In, type DataSource } from 'typeorm';
import { UPTAKE_CONFIG } from '../config.tokens';
import { GateEvaluationQueue } from './gate-evaluation.queue';

/** Plans whose gates are still evaluated: drafts (to see where a pilot stands) and active plans. */
const OPEN_PLANS = In(['draft', 'active']);

/**
 * The processor of the `rollouts` queue: evaluates the gates of open rollout plans on measured data, daily
 * (a job scheduler), after each rollup refresh and on request, keeping every evaluation as history.
 */
@Injectable()
export class GateEvaluationWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(GateEvaluationWorker.name);
  private readonly evaluator: RolloutEvaluator;
  private worker?: Worker<EvaluateGatesJob, number>;

  constructor(
    @Inject(UPTAKE_CONFIG) private readonly config: ResolvedConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly queue: GateEvaluationQueue,
  ) {
    this.evaluator = new RolloutEvaluator(dataSource);
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.queue.scheduleDaily();
    this.worker = new Worker<EvaluateGatesJob, number>(QUEUES.rollouts, (job) => this.evaluate(job.data), {
      connection: { ...redisConnectionOptions(this.config.redis.url), maxRetriesPerRequest: null },
      concurrency: 1,
    });
    this.worker.on('error', (error) => this.logger.error(`gate evaluation worker error: ${error.message}`));
    this.worker.on('failed', (job, error) =>
      this.logger.error(`gate evaluation ${job?.id ?? ''} failed: ${error.message}`),
    );
  }

  /** Evaluates the plans the job names; returns how many phases were evaluated. */
  async evaluate(job: EvaluateGatesJob): Promise<number> {
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

  async onApplicationShutdown(): Promise<void> {
    await this.worker?.close();
  }
}
