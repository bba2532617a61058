import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import type { ResolvedConfig } from '@uptake/config';
import {
  DEFAULT_JOB_OPTIONS,
  JOBS,
  QUEUES,
  redisConnectionOptions,
  type RunSyncJob,
  type ScheduledSyncJob,
} from '@uptake/queues';
import { DelayedError, Worker, type Job } from 'bullmq';
import { UPTAKE_CONFIG } from '../config.tokens';
import { SourceBusyError, SyncRunService } from './sync-run.service';

/** How long a run waits when its source is busy with another run. */
const BUSY_SOURCE_DELAY_MS = 5_000;

/**
 * The BullMQ worker of the `sync` queue. A job whose worker died (lock expired) is taken over by another
 * worker up to WORKER_MAX_STALLED times and resumes from its run's checkpoint. Closing waits for running
 * jobs, which stop at their next record and commit what they read (graceful shutdown).
 */
@Injectable()
export class SyncWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(SyncWorker.name);
  private worker?: Worker<RunSyncJob | ScheduledSyncJob>;

  constructor(
    @Inject(UPTAKE_CONFIG) private readonly config: ResolvedConfig,
    private readonly syncRuns: SyncRunService,
  ) {}

  onApplicationBootstrap(): void {
    const { concurrency, lockDurationMs, maxStalled } = this.config.worker;
    this.worker = new Worker<RunSyncJob | ScheduledSyncJob>(
      QUEUES.sync,
      (job, token) => this.process(job, token),
      {
        connection: { ...redisConnectionOptions(this.config.redis.url), maxRetriesPerRequest: null },
        concurrency,
        lockDuration: lockDurationMs,
        stalledInterval: lockDurationMs,
        maxStalledCount: maxStalled,
      },
    );
    this.worker.on('failed', (job, error) => {
      if (!(error instanceof DelayedError)) this.logger.warn(`job ${job?.id} failed: ${error.message}`);
    });
    this.worker.on('stalled', (jobId) =>
      this.logger.warn(`job ${jobId} stalled: taken over after its worker died`),
    );
    this.worker.on('error', (error) => this.logger.error(`worker error: ${error.message}`));
  }

  private async process(
    job: Job<RunSyncJob | ScheduledSyncJob>,
    token: string | undefined,
  ): Promise<unknown> {
    let data = job.data as RunSyncJob;
    if (job.name === JOBS.scheduledSync) {
      // A scheduler tick: its run is created once and remembered on the job, so a retry reuses it.
      if (!data.syncRunId) {
        const syncRunId = await this.syncRuns.createScheduledRun(data.organisationId, data.sourceId);
        if (!syncRunId) return { skipped: 'source deleted or disabled' };
        data = { ...data, syncRunId };
        await job.updateData(data);
      }
    }
    try {
      return await this.syncRuns.run(data, {
        attempt: job.attemptsMade + 1,
        maxAttempts: job.opts.attempts ?? DEFAULT_JOB_OPTIONS.attempts ?? 1,
      });
    } catch (error) {
      if (error instanceof SourceBusyError && token) {
        await job.moveToDelayed(Date.now() + BUSY_SOURCE_DELAY_MS, token);
        throw new DelayedError();
      }
      throw error;
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.worker?.close();
  }
}
