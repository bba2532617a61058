import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import type { ResolvedConfig } from '@uptake/config';
import {
  DEFAULT_JOB_OPTIONS,
  enqueueSyncRun,
  QUEUES,
  redisConnectionOptions,
  type RunSyncJob,
} from '@uptake/queues';
import { Queue } from 'bullmq';
import { UPTAKE_CONFIG } from '../config.tokens';

/** Producer side of the sync queue: scheduler ticks hand their run over, the reconciler re-queues runs. */
@Injectable()
export class SyncQueue implements OnApplicationShutdown {
  readonly queue: Queue<RunSyncJob>;

  constructor(@Inject(UPTAKE_CONFIG) config: ResolvedConfig) {
    this.queue = new Queue<RunSyncJob>(QUEUES.sync, {
      connection: redisConnectionOptions(config.redis.url),
      defaultJobOptions: DEFAULT_JOB_OPTIONS,
    });
  }

  enqueue(
    run: { id: string; organisationId: string; sourceId: string },
    options: { replaceFinished?: boolean } = {},
  ): Promise<void> {
    return enqueueSyncRun(this.queue, run, options);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.queue.close();
  }
}
