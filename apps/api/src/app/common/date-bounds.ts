import { BadRequestException, Global, Inject, Injectable, Module } from '@nestjs/common';
import {
  dayBoundsProblem,
  latestPlanningDay,
  latestReportDay,
  PLANNING_HORIZON_YEARS,
  type ResolvedConfig,
} from '@uptake/config';
import { clampReportDay, defaultRangeFrom, toDayNumber } from '@uptake/kpi';
import { UPTAKE_CONFIG } from '../config/config.module';

/** Longest range one report may cover (about three years). */
export const MAX_RANGE_DAYS = 1_100;
// The default range lives in @uptake/kpi (kpi-scope.ts): the worker precomputes it, so both must agree.
export { DEFAULT_RANGE_DAYS } from '@uptake/kpi';

/**
 * The days a user may send, from the configured time window: report days (`from`, `to`, …) between
 * EVENT_EARLIEST_DATE and tomorrow (UTC: today anywhere on Earth), planning days (deadlines, phase
 * dates) up to PLANNING_HORIZON_YEARS ahead. A day outside is a 400 naming the field and the value,
 * before any calendar loop runs.
 */
@Injectable()
export class DateBounds {
  constructor(@Inject(UPTAKE_CONFIG) private readonly config: ResolvedConfig) {}

  get earliestDay(): string {
    return this.config.timeWindow.earliestDay;
  }

  /** A day the user sent to read data for. */
  assertReportDay(field: string, day: string | null | undefined, now = new Date()): void {
    if (day === null || day === undefined) return;
    this.assert(field, day, latestReportDay(now), 'tomorrow, UTC');
  }

  /** A day the user sent to plan by (a goal's deadline, a phase's planned dates). */
  assertPlanningDay(field: string, day: string | null | undefined, now = new Date()): void {
    if (day === null || day === undefined) return;
    this.assert(field, day, latestPlanningDay(now), `${PLANNING_HORIZON_YEARS} years ahead`);
  }

  /** A day derived from stored data (the last active day) moved inside the report window. */
  clampReportDay(day: string | null, now = new Date()): string {
    return clampReportDay(day, this.earliestDay, now);
  }

  /**
   * A report's range: `to` defaults to the last active day (clamped), `from` to DEFAULT_RANGE_DAYS before
   * it; both inside the window, `from` not after `to`, at most `maxDays` long.
   */
  async resolveRange(
    query: { from?: string; to?: string },
    lastActiveDay: () => Promise<string | null>,
    maxDays = MAX_RANGE_DAYS,
  ): Promise<{ from: string; to: string }> {
    this.assertReportDay('from', query.from);
    this.assertReportDay('to', query.to);
    const to = query.to ?? this.clampReportDay(await lastActiveDay());
    const from = query.from ?? defaultRangeFrom(to, this.earliestDay);
    if (from > to) throw new BadRequestException(`from (${from}) must not be after to (${to})`);
    if (toDayNumber(to) - toDayNumber(from) + 1 > maxDays) {
      throw new BadRequestException(`the range ${from}..${to} is longer than ${maxDays} days`);
    }
    return { from, to };
  }

  private assert(field: string, day: string, latest: string, latestNote: string): void {
    const problem = dayBoundsProblem(field, day, {
      earliest: this.earliestDay,
      earliestNote: 'EVENT_EARLIEST_DATE',
      latest,
      latestNote,
    });
    if (problem) throw new BadRequestException(problem);
  }
}

/** Makes DateBounds available everywhere (it only needs the configuration). */
@Global()
@Module({ providers: [DateBounds], exports: [DateBounds] })
export class DateBoundsModule {}
