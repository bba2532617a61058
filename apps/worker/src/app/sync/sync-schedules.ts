import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { ResolvedConfig } from '@uptake/config';
import {
  applySourceSchedule,
  QUEUES,
  redisConnectionOptions,
  removeOrphanSchedules,
  type ScheduledSource,
} from '@uptake/queues';
import { Queue } from 'bullmq';
import type { DataSource } from 'typeorm';
import { UPTAKE_CONFIG } from '../config.tokens';

/**
 * At start, makes Redis's job schedulers match the sources in Postgres (the API keeps them in step on
 * every change; this repairs a flushed or replaced Redis).
 */
@Injectable()
export class SyncSchedules implements OnApplicationBootstrap {
  private readonly logger = new Logger(SyncSchedules.name);

  constructor(
    @Inject(UPTAKE_CONFIG) private readonly config: ResolvedConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const queue = new Queue(QUEUES.sync, { connection: redisConnectionOptions(this.config.redis.url) });
    try {
      const sources: (ScheduledSource & { timeZone: string })[] = await this.dataSource.query(
        `SELECT s.id, s.organisation_id AS "organisationId", s.schedule, s.enabled, o.time_zone AS "timeZone"
         FROM data_sources s JOIN organisations o ON o.id = s.organisation_id`,
      );
      for (const source of sources) await applySourceSchedule(queue, source, source.timeZone);
      const removed = await removeOrphanSchedules(queue, new Set(sources.map((source) => source.id)));
      const scheduled = sources.filter((source) => source.schedule && source.enabled).length;
      this.logger.log(`sync schedules: ${scheduled} active, ${removed} orphan(s) removed`);
    } finally {
      await queue.close();
    }
  }
}
