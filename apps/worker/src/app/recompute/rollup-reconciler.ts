import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { RecomputeQueue, runRefreshJobId, type FinishedRun } from './recompute.queue';

/** Runs looked at per pass (oldest finish first); a longer list is walked through pass by pass. */
const RUNS_PER_PASS = 200;
/**
 * A refresh job that failed for good (attempts used up, e.g. while Postgres was down) is queued again once it
 * has been failed this long: soon enough that the KPIs catch up after an outage, rarely enough that a refresh
 * that fails every time (a bug) costs a few attempts an hour, not a refresh storm on every pass.
 */
export const FAILED_REFRESH_RETRY_MS = 15 * 60_000;

/**
 * Succeeded runs that stored events and finished after their organisation's last refresh, oldest finish
 * first ($1 rows at most; with `resume`, after ($2 finished_at, $3 id)). One range scan of
 * sync_runs_refresh_idx per organisation (kpi_rollup_versions has a row for each); exported for the test that
 * checks the plan.
 */
export function runsBehindQuery(resume: boolean): string {
  return `SELECT r.id, r.organisation_id AS "organisationId", r.finished_at AS "finishedAt",
                 r.affected_from AS "affectedFrom", r.affected_to AS "affectedTo"
          FROM kpi_rollup_versions v
          CROSS JOIN LATERAL (
            SELECT r.id, r.organisation_id, r.finished_at, r.affected_from, r.affected_to FROM sync_runs r
            WHERE r.organisation_id = v.organisation_id AND r.status = 'succeeded' AND r.affected_from IS NOT NULL
              AND r.finished_at > v.refreshed_at
              ${resume ? 'AND (r.finished_at, r.id) > ($2::timestamptz, $3::uuid)' : ''}
            ORDER BY r.finished_at, r.id LIMIT $1) r
          ORDER BY r.finished_at, r.id LIMIT $1`;
}

type BehindRun = FinishedRun & { finishedAt: Date; affectedFrom: Date; affectedTo: Date };

/**
 * "Rollups behind events": finds succeeded runs whose rollup refresh was lost and queues it again. Run by
 * the sync reconciler's pass, under its lock (one worker at a time).
 *
 * What Postgres records: a succeeded run's finish (sync_runs.finished_at) and the span of event times it
 * stored (affected_from..affected_to, the days its refresh covers); every refresh stamps the organisation's
 * kpi_rollup_versions.refreshed_at with its transaction's start. A run's refresh job is added after the run's
 * finish commits and its transaction starts later still, so a run that finished after refreshed_at has not
 * been refreshed by its own job yet: it is behind. Its job is then looked up in Redis by its id (the run and
 * its finish, runRefreshJobId):
 * - waiting, delayed, active: pending, nothing to do;
 * - completed: done (the finish time came from the worker's clock, refreshed_at from Postgres's: a worker
 *   clock ahead of Postgres's makes a refreshed run look behind; its completed job says otherwise);
 * - gone (Redis lost its data, or the worker could not add it after the run's outcome was recorded): queued
 *   again, the job the worker had queued. Its range is the run's span (affected_from..affected_to): a run
 *   records the span of its events, not a list of days, so that is the smallest range known to hold every day
 *   it wrote. Each run behind gets its own job rather than one merged refresh per organisation: merging would
 *   also refresh the days between the runs' spans, and lose the id shared with the worker. A refresh pending
 *   for other days (another run's) does not cover this run's, so only the run's own job counts (a refresh
 *   queued before this release, with an id of its own, may thus be followed by one more);
 * - failed for good: queued again after FAILED_REFRESH_RETRY_MS;
 * - a hash in no list (a partly lost Redis): removed, then queued again.
 * The id makes this safe against the worker adding the same refresh at the same time, and against passes
 * that follow: the second add of an id is a no-op, so one lost job is refreshed once. Once it ran,
 * refreshed_at has passed the run's finish and the run is no longer looked at.
 *
 * Known gap: when a later refresh of the same organisation (a run queued after Redis came back) completes
 * before the next pass, refreshed_at passes the finish of the run whose job was lost, and that run no longer
 * looks behind: its days stay stale until they are refreshed again. The window is one reconciler interval
 * (the pass runs at worker start and every RECONCILE_INTERVAL_SECONDS, before the runs it re-queues); closing
 * it needs Postgres to record which runs a refresh covered (a column the refresh sets), not done here.
 * Refreshes the API queues (a source deleted, the time zone changed) leave no row to find and are not
 * recreated; neither are failed runs' committed batches refreshed (as without a lost job: only a succeeded
 * run asks for a refresh).
 */
@Injectable()
export class RollupReconciler {
  /** Where the next pass goes on in a list longer than one pass. */
  private after: { finishedAt: Date; id: string } | null = null;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly recompute: RecomputeQueue,
  ) {}

  /** One pass: the ids of the runs whose refresh was queued again. */
  async reconcile(): Promise<string[]> {
    const runs = await this.runsBehind();
    const last = runs.at(-1);
    this.after = last && runs.length === RUNS_PER_PASS ? { finishedAt: last.finishedAt, id: last.id } : null;
    const requeued: string[] = [];
    for (const run of runs) {
      if (await this.refreshLost(run)) {
        await this.recompute.afterRun(run);
        requeued.push(run.id);
      }
    }
    return requeued;
  }

  /** The runs behind their organisation's rollups, oldest finish first, resuming after the last pass's page. */
  private runsBehind(): Promise<BehindRun[]> {
    const after = this.after ? [this.after.finishedAt, this.after.id] : [];
    return this.dataSource.query(runsBehindQuery(this.after !== null), [RUNS_PER_PASS, ...after]);
  }

  /** Whether the run's refresh job is gone (or failed for good long enough ago), clearing what blocks its id. */
  private async refreshLost(run: BehindRun): Promise<boolean> {
    const job = await this.recompute.queue.getJob(runRefreshJobId(run));
    if (!job) return true;
    const state = await job.getState();
    if (state === 'failed' && Date.now() - (job.finishedOn ?? 0) < FAILED_REFRESH_RETRY_MS) return false;
    if (state === 'failed' || state === 'unknown') {
      await job.remove();
      return true;
    }
    return false;
  }
}
