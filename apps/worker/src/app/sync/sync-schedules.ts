import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { applySourceSchedule, removeOrphanSchedules, type ScheduledSource } from '@uptake/queues';
import type { DataSource } from 'typeorm';
import { SyncQueue } from './sync-queue';

/**
 * Makes Redis's job schedulers match the sources in Postgres: at start, and whenever the reconciler finds
 * them out of step (the API keeps them in step on every change; this repairs a flushed or replaced Redis).
 */
@Injectable()
export class SyncSchedules implements OnApplicationBootstrap {
  private readonly logger = new Logger(SyncSchedules.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly syncQueue: SyncQueue,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.apply();
  }

  async apply(): Promise<void> {
    const queue = this.syncQueue.queue;
    const sources: (ScheduledSource & { timeZone: string })[] = await this.dataSource.query(
      `SELECT s.id, s.organisation_id AS "organisationId", s.schedule, s.enabled, o.time_zone AS "timeZone"
       FROM data_sources s JOIN organisations o ON o.id = s.organisation_id`,
    );
    for (const source of sources) await applySourceSchedule(queue, source, source.timeZone);
    const removed = await removeOrphanSchedules(queue, new Set(sources.map((source) => source.id)));
    const scheduled = sources.filter((source) => source.schedule && source.enabled).length;
    this.logger.log(`sync schedules: ${scheduled} active, ${removed} orphan(s) removed`);
  }

  /** Whether Redis holds another number of job schedulers than there are scheduled sources. */
  async outOfStep(): Promise<boolean> {
    const [{ scheduled }]: { scheduled: number }[] = await this.dataSource.query(
      'SELECT count(*)::int AS scheduled FROM data_sources WHERE schedule IS NOT NULL AND enabled',
    );
    return (await this.syncQueue.queue.getJobSchedulersCount()) !== scheduled;
  }
}
