/** Calendar helpers on ISO dates (YYYY-MM-DD). Days are already cut in the organisation's time zone. */

export const GRANULARITIES = ['day', 'week', 'month'] as const;
export type Granularity = (typeof GRANULARITIES)[number];

/** A reporting period: first and last day, both inclusive. */
export interface Period {
  start: string;
  end: string;
}

const DAY_MS = 86_400_000;

export function toDayNumber(day: string): number {
  return Date.parse(`${day}T00:00:00Z`) / DAY_MS;
}

export function fromDayNumber(dayNumber: number): string {
  return new Date(dayNumber * DAY_MS).toISOString().slice(0, 10);
}

export function addDays(day: string, days: number): string {
  return fromDayNumber(toDayNumber(day) + days);
}

/** Monday of the ISO week holding `day` (weeks start on Monday, as in most of Europe and ISO 8601). */
export function weekStart(day: string): string {
  const dayNumber = toDayNumber(day);
  // 1970-01-01 was a Thursday: (n + 3) mod 7 is 0 on Mondays.
  return fromDayNumber(dayNumber - ((((dayNumber + 3) % 7) + 7) % 7));
}

function monthStart(day: string): string {
  return `${day.slice(0, 7)}-01`;
}

function nextMonth(start: string): string {
  const date = new Date(`${start}T00:00:00Z`);
  date.setUTCMonth(date.getUTCMonth() + 1);
  return date.toISOString().slice(0, 10);
}

/**
 * The periods covering [from, to]. Weeks run Monday to Sunday and months by calendar, so periods line up
 * across queries; the first and last are clipped to the range (their `start`/`end` say so).
 */
export function periodsBetween(from: string, to: string, granularity: Granularity): Period[] {
  if (from > to) return [];
  const periods: Period[] = [];
  let start = granularity === 'week' ? weekStart(from) : granularity === 'month' ? monthStart(from) : from;
  while (start <= to) {
    const next =
      granularity === 'day'
        ? addDays(start, 1)
        : granularity === 'week'
          ? addDays(start, 7)
          : nextMonth(start);
    const end = addDays(next, -1);
    periods.push({ start: start < from ? from : start, end: end > to ? to : end });
    start = next;
  }
  return periods;
}

export function daysIn(period: Period): number {
  return toDayNumber(period.end) - toDayNumber(period.start) + 1;
}
