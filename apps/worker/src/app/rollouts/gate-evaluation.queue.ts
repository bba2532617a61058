import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import type { ResolvedConfig } from '@uptake/config';
import {
  DAILY_GATE_EVALUATION,
  DEFAULT_JOB_OPTIONS,
  gateEvaluationDeduplicationId,
  JOBS,
  QUEUES,
  redisConnectionOptions,
  type EvaluateGatesJob,
} from '@uptake/queues';
import { Queue } from 'bullmq';
import { UPTAKE_CONFIG } from '../config.tokens';

/** Syncs of several sources often finish together: wait a little so one evaluation covers them. */
const INGEST_SETTLE_MS = 2_000;

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
   * New data arrived for the organisation: re-evaluate its open plans. Refreshes finishing while an
   * evaluation waits join it (it has not read the data yet); one finishing while an evaluation runs gets
   * exactly one more evaluation after it (BullMQ keep-last deduplication).
   */
  async afterIngest(organisationId: string): Promise<void> {
    await this.queue.add(
      JOBS.evaluateGates,
      { organisationId, trigger: 'ingest' },
      {
        delay: INGEST_SETTLE_MS,
        deduplication: { id: gateEvaluationDeduplicationId(organisationId), keepLastIfActive: true },
      },
    );
  }

  /** The daily evaluation of every open plan (a job scheduler); `ifMissing` after Redis may have lost it. */
  async scheduleDaily(options: { ifMissing?: boolean } = {}): Promise<boolean> {
    if (options.ifMissing && (await this.queue.getJobScheduler(DAILY_GATE_EVALUATION.schedulerId))) {
      return false;
    }
    await this.queue.upsertJobScheduler(
      DAILY_GATE_EVALUATION.schedulerId,
      { pattern: DAILY_GATE_EVALUATION.cron, tz: 'UTC' },
      { name: JOBS.evaluateGates, data: { organisationId: null, trigger: 'schedule' } },
    );
    return true;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.queue.close();
  }
}
