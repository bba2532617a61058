import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { lockOrganisationRollups } from '@uptake/kpi';
import { setLocalLockTimeout } from '@uptake/persistence';
import type { DataSource, EntityManager } from 'typeorm';
import { tryAdvisoryLock } from '../stores/advisory-lock';
import {
  CLEAR_ROLLUPS_BEFORE,
  deleteBatch,
  MONTH_PARTITIONS_BEFORE,
  OLDEST_EXPIRED,
  OLDEST_ROLLUP_DAY,
  organisationsIn,
  POLICIES,
  POLICY_OF,
  ROLLUPS_KEPT_FROM,
} from './retention-sql';

/** One pass at a time over all workers. */
export const RETENTION_LOCK = 'uptake:event-retention';
/** Daily, as PartitionMaintenance: a policy is in months. */
const PASS_EVERY_MS = 24 * 60 * 60_000;
/** A pass that stopped at its bound goes on after this pause (a first policy on years of events). */
const CONTINUE_AFTER_MS = 60_000;
/**
 * A drop locks activity_events (ACCESS EXCLUSIVE on the parent, as any partition drop) for milliseconds; this
 * bounds how long readers queue behind it when a long query holds the table. It is tried again next pass.
 */
const DROP_LOCK_TIMEOUT = '2s';

export interface RetentionBounds {
  /** Events deleted per batch: one short transaction each. */
  batchSize: number;
  /** Batches per pass over all organisations (so a pass deletes at most batchSize × batchesPerPass events). */
  batchesPerPass: number;
  /** Months of rollups cleared per pass over all organisations, one transaction each. */
  rollupMonthsPerPass: number;
}

export const RETENTION_BOUNDS: RetentionBounds = {
  batchSize: 5_000,
  batchesPerPass: 200,
  rollupMonthsPerPass: 120,
};

export interface OrganisationRetention {
  organisationId: string;
  cutoff: Date;
  eventsDeleted: number;
  batches: number;
  /** The local day from which rollups are kept after this pass (null: none were cleared). */
  rollupsClearedBefore: string | null;
}

export interface RetentionReport {
  partitionsDropped: string[];
  organisations: OrganisationRetention[];
  /** The pass stopped at a bound with work left (the next pass, soon, goes on). */
  bounded: boolean;
}

/**
 * Per-organisation retention of activity_events (the organisation setting eventRetentionMonths).
 *
 * Partitions are UTC months holding every organisation's rows, so one organisation's policy cannot drop a
 * partition others still keep. A pass therefore:
 * 1. drops a month partition only when every row in it is expired for its own organisation (all organisations
 *    with rows there have a policy whose cutoff is at or after the month's end) — vacuously when it is empty —
 *    which is what deleting its rows would have done, without a row of WAL each. Checked again under the lock.
 * 2. deletes each organisation's remaining expired events in batches of `batchSize`, oldest first, each batch
 *    its own short transaction on one partition (index (organisation_id, occurred_at), then by row address);
 * 3. clears the organisation's rollups of the months before which no event is left (rollups are per local day
 *    and month, the cutoff a local month start), a month per transaction under the rollup lock, and bumps the
 *    rollup version so cached reports go stale. Rollups go after their events: a refresh running meanwhile
 *    rebuilds nothing, and one that ran between (an ingest of old events) is cleared the next pass.
 * Idempotent (a second pass finds nothing) and one pass at a time (advisory lock); work per pass is bounded
 * (RETENTION_BOUNDS) and a bounded pass is continued a minute later. Events ingested later for expired months
 * (a backfill) are deleted by the next pass.
 */
@Injectable()
export class EventRetention implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly log = new Logger(EventRetention.name);
  private timer: NodeJS.Timeout | undefined;
  private pass: Promise<unknown> | undefined;
  private closed = false;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  onApplicationBootstrap(): void {
    this.schedule(0);
  }

  /** Before the data source closes (TypeORM closes it at application shutdown): the running pass finishes. */
  async onModuleDestroy(): Promise<void> {
    this.closed = true;
    clearTimeout(this.timer);
    await this.pass;
  }

  private schedule(delayMs: number): void {
    this.timer = setTimeout(() => {
      this.pass = this.run()
        .then((report) => report?.bounded)
        .catch((error: Error) => {
          this.log.warn(`event retention skipped: ${error.message}`);
          return false;
        })
        .then((bounded) => {
          if (!this.closed) this.schedule(bounded ? CONTINUE_AFTER_MS : PASS_EVERY_MS);
        });
    }, delayMs);
    this.timer.unref();
  }

  /** One pass; null when another worker is running one. */
  async run(now = new Date(), bounds: RetentionBounds = RETENTION_BOUNDS): Promise<RetentionReport | null> {
    const lock = await tryAdvisoryLock(this.dataSource, RETENTION_LOCK);
    if (!lock) return null;
    try {
      const report = await this.runLocked(now, bounds);
      this.logReport(report);
      return report;
    } finally {
      await lock.release().catch(() => undefined);
    }
  }

  private async runLocked(now: Date, bounds: RetentionBounds): Promise<RetentionReport> {
    const policies: { organisationId: string; cutoff: Date }[] = await this.dataSource.query(POLICIES, [now]);
    const report: RetentionReport = { partitionsDropped: [], organisations: [], bounded: false };
    // Retention is opt-in: without a policy nothing is ever dropped, empty months included.
    if (policies.length === 0) return report;
    const latestCutoff = new Date(Math.max(...policies.map((p) => p.cutoff.getTime())));
    report.partitionsDropped = await this.dropExpiredPartitions(now, latestCutoff);
    let batches = bounds.batchesPerPass;
    let months = bounds.rollupMonthsPerPass;
    for (const { organisationId, cutoff } of policies) {
      const done = await this.deleteExpired(organisationId, now, bounds.batchSize, batches);
      batches -= done.batches;
      const cleared = await this.clearRollups(organisationId, now, months);
      months -= cleared.months;
      report.organisations.push({
        organisationId,
        cutoff: done.cutoff ?? cutoff,
        eventsDeleted: done.deleted,
        batches: done.batches,
        rollupsClearedBefore: cleared.before,
      });
      if (!done.finished || !cleared.finished) report.bounded = true;
      if (batches <= 0 || months <= 0) {
        report.bounded = report.bounded || policies.at(-1)?.organisationId !== organisationId;
        break;
      }
    }
    return report;
  }

  /** Step 1: the month partitions whose rows are all expired (or that are empty), before the latest cutoff. */
  private async dropExpiredPartitions(now: Date, latestCutoff: Date): Promise<string[]> {
    const candidates: { name: string; quoted: string; endsAt: Date }[] = await this.dataSource.query(
      MONTH_PARTITIONS_BEFORE,
      [latestCutoff],
    );
    const dropped: string[] = [];
    for (const partition of candidates) {
      // Without the lock first: a month another organisation keeps is skipped without locking anything.
      if (!(await this.allExpired(this.dataSource.manager, partition, now))) continue;
      try {
        const wasDropped = await this.dataSource.transaction(async (manager) => {
          await setLocalLockTimeout(manager, DROP_LOCK_TIMEOUT);
          // The parent first, as inserts take it: locking the partition first could deadlock with one.
          await manager.query('LOCK TABLE activity_events IN ACCESS EXCLUSIVE MODE');
          // Again under the lock: no row can arrive now, and the policies are held (FOR KEY SHARE).
          if (!(await this.allExpired(manager, partition, now))) return false;
          await manager.query(`DROP TABLE ${partition.quoted}`);
          return true;
        });
        if (wasDropped) dropped.push(partition.name);
      } catch (error) {
        // Its rows are deleted in batches below instead; the drop is tried again next pass.
        this.log.warn(`partition ${partition.name} not dropped: ${(error as Error).message}`);
      }
    }
    return dropped;
  }

  private async allExpired(
    manager: EntityManager,
    partition: { quoted: string; endsAt: Date },
    now: Date,
  ): Promise<boolean> {
    const present: { expired: boolean }[] = await manager.query(organisationsIn(partition.quoted), [
      partition.endsAt,
      now,
    ]);
    return present.every((organisation) => organisation.expired);
  }

  /** Step 2: up to `maxBatches` batches of the organisation's expired events, oldest first. */
  private async deleteExpired(
    organisationId: string,
    now: Date,
    batchSize: number,
    maxBatches: number,
  ): Promise<{ deleted: number; batches: number; finished: boolean; cutoff: Date | null }> {
    let deleted = 0;
    let batches = 0;
    let cutoff: Date | null = null;
    while (batches < maxBatches) {
      const count = await this.dataSource.transaction(async (manager) => {
        const [policy]: { cutoff: Date }[] = await manager.query(POLICY_OF, [organisationId, now]);
        if (!policy) return 0; // the policy was removed meanwhile
        cutoff = policy.cutoff;
        const [oldest]: { partition: string }[] = await manager.query(OLDEST_EXPIRED, [
          organisationId,
          policy.cutoff,
        ]);
        if (!oldest) return 0;
        const [{ deleted: n }] = await manager.query(deleteBatch(oldest.partition), [
          organisationId,
          policy.cutoff,
          batchSize,
        ]);
        return n as number;
      });
      if (count === 0) return { deleted, batches, finished: true, cutoff };
      deleted += count;
      batches += 1;
    }
    const [left] = cutoff
      ? await this.dataSource.query(OLDEST_EXPIRED, [organisationId, cutoff])
      : [undefined];
    return { deleted, batches, finished: !left, cutoff };
  }

  /**
   * Step 3: the organisation's rollups before the first month that still has events to delete (or the cutoff),
   * one month per transaction from the oldest, at most `maxMonths`. Looked at without the rollup lock first, so
   * a pass with nothing to clear does not wait for a running refresh.
   */
  private async clearRollups(
    organisationId: string,
    now: Date,
    maxMonths: number,
  ): Promise<{ before: string | null; months: number; finished: boolean }> {
    let before: string | null = null;
    let months = 0;
    if ((await this.nextRollupStep(this.dataSource.manager, organisationId, now)) === null) {
      return { before, months, finished: true };
    }
    while (months < maxMonths) {
      const step = await this.dataSource.transaction(async (manager) => {
        await lockOrganisationRollups(manager, organisationId);
        const until = await this.nextRollupStep(manager, organisationId, now);
        if (until === null) return null;
        for (const statement of CLEAR_ROLLUPS_BEFORE) {
          const parameters = statement.includes('$2')
            ? [organisationId, until]
            : statement.includes('$1')
              ? [organisationId]
              : [];
          await manager.query(statement, parameters);
        }
        return until;
      });
      if (step === null) return { before, months, finished: true };
      before = step;
      months += 1;
    }
    return { before, months, finished: false };
  }

  /**
   * The day before which the next step clears rollups: the month after the oldest rollup, or the first day
   * to keep if that comes first. Null when nothing is left to clear (or the policy is gone).
   */
  private async nextRollupStep(
    manager: EntityManager,
    organisationId: string,
    now: Date,
  ): Promise<string | null> {
    const [policy]: { cutoff: Date; cutoffDay: string }[] = await manager.query(POLICY_OF, [
      organisationId,
      now,
    ]);
    if (!policy) return null;
    const [{ keptFrom }] = await manager.query(ROLLUPS_KEPT_FROM, [
      organisationId,
      policy.cutoff,
      policy.cutoffDay,
    ]);
    const [{ oldest }] = await manager.query(OLDEST_ROLLUP_DAY, [organisationId]);
    if (oldest === null || oldest >= keptFrom) return null;
    const monthAfterOldest = nextMonthStart(oldest);
    return monthAfterOldest < keptFrom ? monthAfterOldest : keptFrom;
  }

  private logReport(report: RetentionReport): void {
    for (const name of report.partitionsDropped)
      this.log.log(`dropped partition ${name}: all its events expired`);
    for (const o of report.organisations) {
      if (o.eventsDeleted === 0 && o.rollupsClearedBefore === null) continue;
      this.log.log(
        `organisation ${o.organisationId}: deleted ${o.eventsDeleted} event(s) before ${o.cutoff.toISOString()} ` +
          `in ${o.batches} batch(es)` +
          (o.rollupsClearedBefore ? `; rollups before ${o.rollupsClearedBefore} cleared` : ''),
      );
    }
    if (report.bounded) this.log.log('event retention stopped at its bound; it goes on shortly');
  }
}

/** The first day of the month after `day` (YYYY-MM-DD), as YYYY-MM-DD. */
export function nextMonthStart(day: string): string {
  const [year, month] = day.split('-').map(Number);
  return month === 12 ? `${year + 1}-01-01` : `${year}-${String(month + 1).padStart(2, '0')}-01`;
}
