import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import {
  addJob,
  DAILY_GATE_EVALUATION,
  gateEvaluationDeduplicationId,
  JOBS,
  QUEUES,
  upsertJobSchedule,
  type UptakeQueue,
} from '@uptake/queues';

/** Syncs of several sources often finish together: wait a little so one evaluation covers them. */
const INGEST_SETTLE_MS = 2_000;

/** Producer side of the rollouts queue, used after a rollup refresh. */
@Injectable()
export class GateEvaluationQueue {
  constructor(@InjectQueue(QUEUES.rollouts) readonly queue: UptakeQueue<'rollouts'>) {}

  /**
   * New data arrived for the organisation: re-evaluate its open plans. Refreshes finishing while an
   * evaluation waits join it (it has not read the data yet); one finishing while an evaluation runs gets
   * exactly one more evaluation after it (BullMQ keep-last deduplication).
   */
  async afterIngest(organisationId: string): Promise<void> {
    await addJob(
      this.queue,
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
    await upsertJobSchedule(
      this.queue,
      DAILY_GATE_EVALUATION.schedulerId,
      { pattern: DAILY_GATE_EVALUATION.cron, tz: 'UTC' },
      { name: JOBS.evaluateGates, data: { organisationId: null, trigger: 'schedule' } },
    );
    return true;
  }
}
