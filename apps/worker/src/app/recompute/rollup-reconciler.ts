import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { RollupRefreshRequestRepository, type RollupRefreshRequest } from '@uptake/persistence';
import { rollupRefreshJobId } from '@uptake/queues';
import type { DataSource } from 'typeorm';
import { RecomputeQueue } from './recompute.queue';

/** Requests looked at per pass (oldest first); a longer list is walked through pass by pass. */
const REQUESTS_PER_PASS = 200;
/**
 * A refresh job that failed for good (attempts used up, e.g. while Postgres was down) is queued again once it
 * has been failed this long: soon enough that the KPIs catch up after an outage, rarely enough that a refresh
 * that fails every time (a bug) costs a few attempts an hour, not a refresh storm on every pass.
 */
export const FAILED_REFRESH_RETRY_MS = 15 * 60_000;

/** What a pass found a pending request's job to be. */
type RequestOutcome = 'pending' | 'done' | 'requeue';

/**
 * "Rollups behind events": queues again every rollup refresh whose job was lost. Run by the sync reconciler's
 * pass, under its lock (one worker at a time).
 *
 * Every refresh is recorded in Postgres before its job is queued (rollup_refresh_requests): a succeeded run
 * that stored events in the transaction that records its success, a deleted source with its deletion, a
 * time-zone change with the change. The recompute processor marks a request done once its refresh has
 * committed. A pass walks the requests not done, oldest first, and looks up each one's job by its id
 * (rollupRefreshJobId: the organisation and the request):
 * - waiting, delayed, active (or prioritized): pending, nothing to do;
 * - completed: the refresh ran but its mark was lost (Postgres failed just after the refresh): marked done;
 * - gone (Redis lost its data, or the producer could not add it after its request committed): queued again,
 *   for the request's range (a run's: the span of event times it stored, the smallest range known to hold
 *   every day it wrote);
 * - failed for good: queued again after FAILED_REFRESH_RETRY_MS;
 * - a hash in no list (a partly lost Redis): removed, then queued again.
 * A request is done only through its own job, so a later refresh of the same organisation (whose days may
 * differ) never hides a lost one. No grace period is needed for a request whose producer has not queued it
 * yet: the id is shared, and the second add of an id is a no-op (BullMQ ignores an id it holds, in any state),
 * so one lost job is refreshed once however close the producer's add and the pass are. Only when a completed
 * job was removed (retention) before its producer's late add would the days be refreshed once more: an extra
 * refresh, never a lost one. The same holds for the backfilled requests of runs that were behind at the
 * upgrade, whose jobs, if still queued, carry the previous id (the run and its finish).
 *
 * What remains: a failed run's committed batches are not refreshed (only a succeeded run asks for a refresh,
 * as without a lost job); a job with no request (queued by the previous release, API refreshes and runs not
 * behind at the upgrade, or by its pods during a rolling upgrade) is not recreated if Redis loses it. Done
 * requests are kept (one row per refresh, as sync_runs keeps one per run).
 */
@Injectable()
export class RollupReconciler {
  private readonly requests: RollupRefreshRequestRepository;
  /** Where the next pass goes on in a list longer than one pass. */
  private afterId: string | undefined;

  constructor(
    @InjectDataSource() dataSource: DataSource,
    private readonly recompute: RecomputeQueue,
  ) {
    this.requests = new RollupRefreshRequestRepository(dataSource);
  }

  /** One pass: the ids of the requests whose refresh was queued again. */
  async reconcile(): Promise<string[]> {
    const pending = await this.requests.pending(REQUESTS_PER_PASS, this.afterId);
    this.afterId = pending.length === REQUESTS_PER_PASS ? pending.at(-1)?.id : undefined;
    const requeued: string[] = [];
    for (const request of pending) {
      const outcome = await this.jobOutcome(request);
      if (outcome === 'done') await this.requests.markDone(request.organisationId, request.id);
      if (outcome === 'requeue') {
        await this.recompute.refresh(request);
        requeued.push(request.id);
      }
    }
    return requeued;
  }

  /** What the request's job says, clearing what blocks its id when it must be queued again. */
  private async jobOutcome(request: RollupRefreshRequest): Promise<RequestOutcome> {
    const job = await this.recompute.queue.getJob(rollupRefreshJobId(request));
    if (!job) return 'requeue';
    const state = await job.getState();
    if (state === 'completed') return 'done';
    if (state === 'failed' && Date.now() - (job.finishedOn ?? 0) < FAILED_REFRESH_RETRY_MS) return 'pending';
    if (state === 'failed' || state === 'unknown') {
      await job.remove();
      return 'requeue';
    }
    return 'pending';
  }
}
