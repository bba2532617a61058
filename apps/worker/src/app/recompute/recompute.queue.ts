import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import type { ResolvedConfig } from '@uptake/config';
import {
  DEFAULT_JOB_OPTIONS,
  JOBS,
  QUEUES,
  redisConnectionOptions,
  type RefreshRollupsJob,
} from '@uptake/queues';
import { Queue } from 'bullmq';
import { UPTAKE_CONFIG } from '../config.tokens';

/** Producer side of the recompute queue: a finished sync asks for its days' rollups to be refreshed. */
@Injectable()
export class RecomputeQueue implements OnApplicationShutdown {
  private readonly queue: Queue<RefreshRollupsJob>;

  constructor(@Inject(UPTAKE_CONFIG) config: ResolvedConfig) {
    this.queue = new Queue<RefreshRollupsJob>(QUEUES.recompute, {
      connection: redisConnectionOptions(config.redis.url),
      defaultJobOptions: DEFAULT_JOB_OPTIONS,
    });
  }

  async refresh(organisationId: string, from: Date, to: Date): Promise<void> {
    await this.queue.add(JOBS.refreshRollups, {
      organisationId,
      from: from.toISOString(),
      to: to.toISOString(),
    });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.queue.close();
  }
}
