import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import type { SyncRun } from '@uptake/persistence';
import { addJob, JOBS, QUEUES, type UptakeQueue } from '@uptake/queues';

/** What the refresh after a run needs from the run's row (as stored: finishedAt is read back from Postgres). */
export type FinishedRun = Pick<
  SyncRun,
  'id' | 'organisationId' | 'finishedAt' | 'affectedFrom' | 'affectedTo'
>;

/**
 * The job id of the refresh after a run: the run and its finish. The worker that finished the run and the
 * rollup reconciler (which queues it again when Redis lost it) compute the same id, so whichever adds it
 * second adds nothing (BullMQ ignores an id it holds, in any state), however close together they are. The
 * finish time is part of it: a run that finished again (its first outcome lost with Postgres) gets a new
 * refresh, not the completed job of its first finish. No colon: BullMQ ids may not hold one.
 */
export function runRefreshJobId(run: { id: string; finishedAt: Date }): string {
  return `rollups-${run.id}-${run.finishedAt.getTime()}`;
}

/** Producer side of the recompute queue: a finished sync asks for its days' rollups to be refreshed. */
@Injectable()
export class RecomputeQueue {
  constructor(@InjectQueue(QUEUES.recompute) readonly queue: UptakeQueue<'recompute'>) {}

  /**
   * Queues the refresh of the days a succeeded run stored events on (affectedFrom..affectedTo, the span the
   * run recorded); nothing when it stored none. Returns whether a refresh was asked for.
   */
  async afterRun(run: FinishedRun): Promise<boolean> {
    if (!run.finishedAt || !run.affectedFrom || !run.affectedTo) return false;
    await addJob(
      this.queue,
      JOBS.refreshRollups,
      {
        organisationId: run.organisationId,
        from: run.affectedFrom.toISOString(),
        to: run.affectedTo.toISOString(),
      },
      { jobId: runRefreshJobId({ id: run.id, finishedAt: run.finishedAt }) },
    );
    return true;
  }
}
