import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

/** Months ahead of now whose activity_events partitions exist, so live ingests never wait for a creation. */
export const MONTHS_AHEAD = 3;
/** How often the months ahead are checked: daily is plenty for a horizon of months; cheap when nothing is missing. */
const CHECK_EVERY_MS = 24 * 60 * 60_000;

/**
 * Creates activity_events' monthly partitions for the months ahead, at start and daily. Idempotent with several
 * workers: the database function locks the table only when a month is missing and creates it once. Months of
 * the past (a backfill) are created by the ingest writer for the batch that brings them.
 */
@Injectable()
export class PartitionMaintenance implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly log = new Logger(PartitionMaintenance.name);
  private timer: NodeJS.Timeout | undefined;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  onApplicationBootstrap(): void {
    void this.createMonthsAhead();
    this.timer = setInterval(() => void this.createMonthsAhead(), CHECK_EVERY_MS);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }

  /** The number of partitions created; a failure (Postgres down) is logged and retried at the next check. */
  async createMonthsAhead(now = new Date()): Promise<number> {
    try {
      const [{ created }] = await this.dataSource.query(
        `SELECT activity_events_ensure_partitions($1, $1::timestamptz + make_interval(months => $2)) AS created`,
        [now, MONTHS_AHEAD],
      );
      if (created > 0) this.log.log(`created ${created} activity_events partition(s) ahead`);
      return created;
    } catch (error) {
      this.log.warn(`activity_events partitions ahead not checked: ${(error as Error).message}`);
      return 0;
    }
  }
}
