import { OnWorkerEvent, Processor } from '@nestjs/bullmq';
import { Inject, Injectable, Logger, type Type } from '@nestjs/common';
import type { ResolvedConfig } from '@uptake/config';
import { DEFAULT_JOB_OPTIONS, JOBS, QUEUES, type QueueJob } from '@uptake/queues';
import { DelayedError, type Job } from 'bullmq';
import { UPTAKE_CONFIG } from '../config.tokens';
import { QueueProcessor } from '../queue-processor';
import { StoreOutages } from '../stores/store-outages';
import { SyncQueue } from './sync-queue';
import { SourceBusyError, SyncRunService } from './sync-run.service';

/** How long a run waits when its source is busy with another run. */
const BUSY_SOURCE_DELAY_MS = 5_000;
/** Waits during a store outage: 1 s, doubling, at most 30 s (within SYNC_OUTAGE_MAX_WAIT_SECONDS in all). */
const OUTAGE_FIRST_DELAY_MS = 1_000;
const OUTAGE_MAX_DELAY_MS = 30_000;

/** Kept on the job while it waits out an outage: when the outage began for it, and how often it waited. */
interface OutageWait {
  outageSince?: number;
  outageWaits?: number;
}
type SyncJob = QueueJob<typeof QUEUES.sync, OutageWait>;

/**
 * The processor of the `sync` queue. A job whose worker died (lock expired) is taken over by another
 * worker up to WORKER_MAX_STALLED times and resumes from its run's checkpoint. A job that meets a Postgres
 * or Redis outage is delayed (1 s doubling to 30 s) without spending one of its attempts, for up to
 * SYNC_OUTAGE_MAX_WAIT_SECONDS; after that its attempts count again. At shutdown running jobs stop at their
 * next record and commit what they read, and the worker waits for them (graceful shutdown).
 *
 * Registered through syncProcessor(), which adds the worker settings from the config.
 */
@Injectable()
export class SyncProcessor extends QueueProcessor {
  private readonly logger = new Logger(SyncProcessor.name);

  constructor(
    @Inject(UPTAKE_CONFIG) private readonly config: ResolvedConfig,
    private readonly syncRuns: SyncRunService,
    private readonly syncQueue: SyncQueue,
    private readonly outages: StoreOutages,
  ) {
    super();
  }

  protected override async handle(job: SyncJob, token?: string): Promise<unknown> {
    try {
      if (job.name === JOBS.scheduledSync) return await this.handOver(job);
      return await this.syncRuns.run(job.data, {
        attempt: job.attemptsMade + 1,
        maxAttempts: job.opts.attempts ?? DEFAULT_JOB_OPTIONS.attempts ?? 1,
        waitsOutOutages: this.outageWaitLeft(job) > 0,
        started: () => this.outageOver(job),
      });
    } catch (error) {
      if (!token) throw error;
      if (error instanceof SourceBusyError) {
        await job.moveToDelayed(Date.now() + BUSY_SOURCE_DELAY_MS, token);
        throw new DelayedError();
      }
      const delay = await this.outageDelay(job, error);
      if (delay !== null) {
        await job.moveToDelayed(Date.now() + delay, token);
        throw new DelayedError();
      }
      throw error;
    }
  }

  override async beforeApplicationShutdown(): Promise<void> {
    this.syncRuns.interrupt();
    await super.beforeApplicationShutdown();
  }

  @OnWorkerEvent('failed')
  onFailed(job: Job | undefined, error: Error): void {
    if (!(error instanceof DelayedError)) this.logger.warn(`job ${job?.id} failed: ${error.message}`);
  }

  @OnWorkerEvent('stalled')
  onStalled(jobId: string): void {
    this.logger.warn(`job ${jobId} stalled: taken over after its worker died`);
  }

  @OnWorkerEvent('error')
  onError(error: Error): void {
    this.logger.error(`worker error: ${error.message}`);
  }

  /**
   * A scheduler tick creates its run once (remembered on the job, so a retry reuses it) and queues it as a
   * run job of its own: every run's job id is its run id, which is what the reconciler checks.
   */
  private async handOver(job: Extract<SyncJob, { name: typeof JOBS.scheduledSync }>): Promise<unknown> {
    let data: typeof job.data & { syncRunId?: string } = job.data;
    if (!data.syncRunId) {
      const syncRunId = await this.syncRuns.createScheduledRun(data.organisationId, data.sourceId);
      if (!syncRunId) return { skipped: 'source deleted or disabled' };
      data = { ...data, syncRunId };
      await job.updateData(data);
    }
    await this.syncQueue.enqueue({
      id: data.syncRunId as string,
      organisationId: data.organisationId,
      sourceId: data.sourceId,
    });
    return { syncRunId: data.syncRunId };
  }

  private outageWaitLeft(job: SyncJob, now = Date.now()): number {
    const since = job.data.outageSince ?? now;
    return this.config.worker.outageMaxWaitMs - (now - since);
  }

  /** The delay before the next try when the error is a store outage and the job may still wait; else null. */
  private async outageDelay(job: SyncJob, error: unknown): Promise<number | null> {
    const now = Date.now();
    const left = this.outageWaitLeft(job, now);
    if (left <= 0) return null;
    const store = await this.outages.classify(error);
    if (!store) return null;
    const waits = job.data.outageWaits ?? 0;
    const delay = Math.min(OUTAGE_MAX_DELAY_MS, OUTAGE_FIRST_DELAY_MS * 2 ** Math.min(waits, 10), left);
    await (job as Job).updateData({
      ...job.data,
      outageSince: job.data.outageSince ?? now,
      outageWaits: waits + 1,
    });
    const message = error instanceof Error ? error.message : String(error);
    this.logger.warn(
      `job ${job.id}: ${store} unavailable (${message}); trying again in ${Math.round(delay / 1000)} s ` +
        `without using an attempt (${Math.round(left / 1000)} s of outage wait left)`,
    );
    return delay;
  }

  /** The run reached Postgres again: a later outage gets the full wait again. */
  private async outageOver(job: SyncJob): Promise<void> {
    if (job.data.outageSince === undefined) return;
    const data = { ...job.data };
    delete data.outageSince;
    delete data.outageWaits;
    await (job as Job)
      .updateData(data)
      .catch((error: Error) =>
        this.logger.warn(`job ${job.id}: could not reset its outage wait: ${error.message}`),
      );
  }
}

/**
 * The sync processor with this process's worker settings. They come from the validated config, which a
 * class decorator cannot read (its arguments are fixed when the module loads), so the decorated class is
 * made here, once per worker module.
 */
export function syncProcessor(worker: ResolvedConfig['worker']): Type<SyncProcessor> {
  @Processor(QUEUES.sync, {
    concurrency: worker.concurrency,
    lockDuration: worker.lockDurationMs,
    stalledInterval: worker.lockDurationMs,
    maxStalledCount: worker.maxStalled,
  })
  class ConfiguredSyncProcessor extends SyncProcessor {}
  return ConfiguredSyncProcessor;
}
