import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import type { ResolvedConfig } from '@uptake/config';
import {
  DEFAULT_JOB_OPTIONS,
  gateEvaluationDeduplicationId,
  JOBS,
  QUEUES,
  redisConnectionOptions,
  type EvaluateGatesJob,
} from '@uptake/queues';
import { Queue } from 'bullmq';
import { UPTAKE_CONFIG } from '../config.tokens';

/** Producer side of the rollouts queue, used after a rollup refresh. */
@Injectable()
export class GateEvaluationQueue implements OnApplicationShutdown {
  readonly queue: Queue<EvaluateGatesJob>;

  constructor(@Inject(UPTAKE_CONFIG) config: ResolvedConfig) {
    this.queue = new Queue<EvaluateGatesJob>(QUEUES.rollouts, {
      connection: redisConnectionOptions(config.redis.url),
      defaultJobOptions: DEFAULT_JOB_OPTIONS,
    });
  }

  /**
   * New data arrived for the organisation: re-evaluate its open plans. Refreshes finishing within a minute
   * collapse into one evaluation (throttled, not kept until completion: data landing while an evaluation
   * runs gets its own).
   */
  async afterIngest(organisationId: string): Promise<void> {
    await this.queue.add(
      JOBS.evaluateGates,
      { organisationId, trigger: 'ingest' },
      { deduplication: { id: gateEvaluationDeduplicationId(organisationId), ttl: 60_000 } },
    );
  }

  async onApplicationShutdown(): Promise<void> {
    await this.queue.close();
  }
}
