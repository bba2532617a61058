import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import type { ResolvedConfig } from '@uptake/config';
import { DEFAULT_JOB_OPTIONS, QUEUES, redisConnectionOptions, type RunSyncJob } from '@uptake/queues';
import { Worker } from 'bullmq';
import { UPTAKE_CONFIG } from '../config.tokens';
import { SyncRunService } from './sync-run.service';

/** The BullMQ worker of the `sync` queue. Closing waits for running jobs (graceful shutdown). */
@Injectable()
export class SyncWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(SyncWorker.name);
  private worker?: Worker<RunSyncJob>;

  constructor(
    @Inject(UPTAKE_CONFIG) private readonly config: ResolvedConfig,
    private readonly syncRuns: SyncRunService,
  ) {}

  onApplicationBootstrap(): void {
    this.worker = new Worker<RunSyncJob>(
      QUEUES.sync,
      (job) =>
        this.syncRuns.run(job.data, {
          attempt: job.attemptsMade + 1,
          maxAttempts: job.opts.attempts ?? DEFAULT_JOB_OPTIONS.attempts ?? 1,
        }),
      {
        connection: { ...redisConnectionOptions(this.config.redis.url), maxRetriesPerRequest: null },
        concurrency: this.config.worker.concurrency,
      },
    );
    this.worker.on('failed', (job, error) => this.logger.warn(`job ${job?.id} failed: ${error.message}`));
    this.worker.on('error', (error) => this.logger.error(`worker error: ${error.message}`));
  }

  async onApplicationShutdown(): Promise<void> {
    await this.worker?.close();
  }
}
