import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { ResolvedConfig } from '@uptake/config';
import { cleanSpool, spoolStoreFor, SyncRun, type SpoolCleanup } from '@uptake/persistence';
import type { Job } from 'bullmq';
import { In, type DataSource } from 'typeorm';
import { UPTAKE_CONFIG } from '../config.tokens';
import { RollupReconciler } from '../recompute/rollup-reconciler';
import { GateEvaluationQueue } from '../rollouts/gate-evaluation.queue';
import { tryAdvisoryLock } from '../stores/advisory-lock';
import { SyncQueue } from './sync-queue';
import { SyncSchedules } from './sync-schedules';

/** Only one worker instance reconciles at a time. */
export const RECONCILER_LOCK = 'uptake:sync-reconciler';
/** Unfinished runs looked at per pass (oldest first); a larger backlog is walked through pass by pass. */
const RUNS_PER_PASS = 500;

export interface ReconcileReport {
  /** Runs whose job was gone (Redis lost its data) or completed without recording an outcome. */
  requeued: string[];
  /** Runs whose job had failed for good while the row still said queued/running. */
  failed: string[];
  /** Rollup refresh requests (their ids) whose job was lost or had failed for good, queued again. */
  refreshesRequeued: string[];
  spool: SpoolCleanup;
  /** Job schedulers written again because Redis had lost them. */
  schedulesRestored: boolean;
}

/**
 * Makes sure every run finishes and nothing is left behind, whatever happened to Redis, Postgres or a
 * worker. At start and every RECONCILE_INTERVAL_SECONDS, one worker (a Postgres advisory lock) compares
 * the unfinished runs in Postgres with their jobs in Redis (run id = job id):
 * - no job (Redis restarted empty, or a job removed): queued again; it resumes from its checkpoint;
 * - job completed but the run unfinished: queued again (its outcome was not recorded);
 * - job failed (attempts used up, e.g. while Postgres was down so the worker could not record it): the
 *   run is marked failed with the job's reason, and can be retried;
 * - job active without a live lock (its worker died): left to BullMQ, whose stalled check in every worker
 *   hands it to another worker or fails it (then the case above).
 * Before that, it queues again every recorded rollup refresh whose job was lost (RollupReconciler). It
 * then removes spool files no run needs (see cleanSpool; the directory or the S3 bucket of SPOOL_STORE) and
 * restores job schedulers Redis lost.
 */
@Injectable()
export class SyncReconciler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(SyncReconciler.name);
  private timer?: NodeJS.Timeout;
  private pass?: Promise<unknown>;
  private closed = false;
  /** Where the next pass goes on in a backlog larger than one pass. */
  private after: { createdAt: Date; id: string } | null = null;

  constructor(
    @Inject(UPTAKE_CONFIG) private readonly config: ResolvedConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly syncQueue: SyncQueue,
    private readonly schedules: SyncSchedules,
    private readonly gates: GateEvaluationQueue,
    private readonly rollups: RollupReconciler,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.reconciler.intervalMs === 0) return;
    // Not awaited: a store that is down at start must not keep the worker from starting.
    this.tick();
  }

  async onApplicationShutdown(): Promise<void> {
    this.closed = true;
    clearTimeout(this.timer);
    await this.pass;
  }

  private tick(): void {
    this.pass = this.reconcile()
      .catch((error: Error) => this.logger.warn(`reconciliation skipped: ${error.message}`))
      .finally(() => {
        if (!this.closed) this.timer = setTimeout(() => this.tick(), this.config.reconciler.intervalMs);
      });
  }

  /** One pass; null when another worker holds the reconciler lock. */
  async reconcile(): Promise<ReconcileReport | null> {
    const lock = await tryAdvisoryLock(this.dataSource, RECONCILER_LOCK);
    if (!lock) return null;
    try {
      // Refreshes first: a lost refresh goes to the queue ahead of those of the runs re-queued below.
      const refreshesRequeued = await this.rollups.reconcile();
      const report: ReconcileReport = {
        ...(await this.reconcileRuns()),
        refreshesRequeued,
        spool: await cleanSpool(this.dataSource, spoolStoreFor(this.config), {
          orphanGraceMs: this.config.reconciler.spoolOrphanGraceMs,
          failedRetentionMs: this.config.reconciler.failedSpoolRetentionMs,
        }),
        schedulesRestored: await this.restoreSchedules(),
      };
      this.log(report);
      return report;
    } finally {
      await lock.release().catch(() => undefined);
    }
  }

  private async reconcileRuns(): Promise<Pick<ReconcileReport, 'requeued' | 'failed'>> {
    const query = this.dataSource
      .getRepository(SyncRun)
      .createQueryBuilder('run')
      .select(['run.id', 'run.organisationId', 'run.sourceId', 'run.status', 'run.createdAt'])
      .where("run.status IN ('queued', 'running')");
    if (this.after) query.andWhere('(run.created_at, run.id) > (:createdAt, :id)', this.after);
    const runs = await query.orderBy('run.created_at').addOrderBy('run.id').limit(RUNS_PER_PASS).getMany();
    const last = runs.at(-1);
    this.after = last && runs.length === RUNS_PER_PASS ? { createdAt: last.createdAt, id: last.id } : null;
    const requeued: string[] = [];
    const failed: string[] = [];
    for (const run of runs) {
      const job = await this.syncQueue.queue.getJob(run.id);
      const state = job ? await job.getState() : 'unknown';
      // A job hash in no list (a partly lost Redis) would block its id: remove it first.
      if (job && state === 'unknown') await job.remove();
      if (state === 'unknown' || state === 'completed') {
        await this.syncQueue.enqueue(run, { replaceFinished: true });
        requeued.push(run.id);
      } else if (state === 'failed' && job && (await this.markFailed(run, job))) {
        failed.push(run.id);
      }
    }
    return { requeued, failed };
  }

  /** Records the job's final failure on its run, unless the run changed meanwhile (a retry, say). */
  private async markFailed(run: SyncRun, job: Job): Promise<boolean> {
    const reason =
      `${job.failedReason || 'the job failed'} (after ${job.attemptsMade} attempt(s); recorded by the ` +
      `reconciler, as the worker could not record it then)`;
    const result = await this.dataSource
      .getRepository(SyncRun)
      .update(
        { id: run.id, status: In(['queued', 'running']) },
        { status: 'failed', finishedAt: new Date(job.finishedOn ?? Date.now()), error: reason },
      );
    return (result.affected ?? 0) > 0;
  }

  private async restoreSchedules(): Promise<boolean> {
    const gates = await this.gates.scheduleDaily({ ifMissing: true });
    if (!(await this.schedules.outOfStep())) return gates;
    await this.schedules.apply();
    return true;
  }

  private log(report: ReconcileReport): void {
    const { requeued, failed, refreshesRequeued, spool, schedulesRestored } = report;
    if (requeued.length > 0) this.logger.warn(`re-queued runs whose job was lost: ${requeued.join(', ')}`);
    if (refreshesRequeued.length > 0) {
      this.logger.warn(
        `re-queued the rollup refresh requests whose job was lost: ${refreshesRequeued.join(', ')}`,
      );
    }
    if (failed.length > 0) this.logger.warn(`recorded the failure of runs: ${failed.join(', ')}`);
    if (spool.removed > 0) {
      this.logger.log(`removed ${spool.removed} spool file(s) no run needs (${spool.removedBytes} bytes)`);
    }
    if (spool.scratchRemoved > 0) {
      this.logger.log(`removed ${spool.scratchRemoved} download(s) of spool items whose run is over`);
    }
    if (schedulesRestored) this.logger.warn('restored job schedulers that Redis had lost');
  }
}
