import { dayOf, isCalendarDay, latestReportDay } from '@uptake/config';
import type { Granularity, KpiScope } from '@uptake/contracts';
import { addDays } from './periods';

/**
 * How a KPI request becomes a scope, shared by the API (every request) and the worker (the default scopes it
 * precomputes after a refresh): both must name a report with the same key, or a precomputed answer would never
 * be read. The API adds its checks (days in the window, filters of the organisation, addressable populations)
 * around these.
 */

/** A range without `from` covers this many days up to `to`. */
export const DEFAULT_RANGE_DAYS = 90;

/**
 * A day derived from stored data (the last active day) moved inside the report window: from `earliestDay`
 * (EVENT_EARLIEST_DATE) to tomorrow, UTC; today when there is no data yet.
 */
export function clampReportDay(day: string | null, earliestDay: string, now = new Date()): string {
  if (day === null) return dayOf(now);
  const latest = latestReportDay(now);
  // Data stored before the window existed may hold any date, even past year 9999 ("10000-01-01").
  if (!isCalendarDay(day) || day > latest) return latest;
  return day < earliestDay ? earliestDay : day;
}

/** The `from` of a range given only its `to`: DEFAULT_RANGE_DAYS before, not before the window. */
export function defaultRangeFrom(to: string, earliestDay: string): string {
  const from = addDays(to, -(DEFAULT_RANGE_DAYS - 1));
  return from > earliestDay ? from : earliestDay;
}

/** The dashboard's first range: the last DEFAULT_RANGE_DAYS days up to the (clamped) last active day. */
export function defaultReportRange(
  lastActiveDay: string | null,
  earliestDay: string,
  now = new Date(),
): { from: string; to: string } {
  const to = clampReportDay(lastActiveDay, earliestDay, now);
  return { from: defaultRangeFrom(to, earliestDay), to };
}

/** A checked request's scope, its fields always in this order (reports echo it). */
export function kpiScope(
  organisationId: string,
  organisation: { minGroupSize: number; perturbation: boolean },
  range: { from: string; to: string; granularity: Granularity },
  population: { orgUnitId: string | null; groupId: string | null } = { orgUnitId: null, groupId: null },
): KpiScope {
  return {
    organisationId,
    from: range.from,
    to: range.to,
    granularity: range.granularity,
    orgUnitId: population.orgUnitId,
    groupId: population.groupId,
    minGroupSize: organisation.minGroupSize,
    perturbation: organisation.perturbation,
  };
}
