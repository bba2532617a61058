/**
 * Calendar helpers on ISO dates (YYYY-MM-DD). Days are already cut in the organisation's time zone.
 *
 * Only days of a supported calendar (1900-01-01..2199-12-31) are accepted: beyond year 9999 an ISO date
 * turns into `+010000-01-01`, which sorts before `9999-…`, so a loop `day <= to` would never end. Every
 * helper throws a RangeError outside the calendar, and `periodsBetween` returns at most MAX_PERIODS
 * periods: no stored date and no request can make a calendar loop run away.
 */

// The API contract owns the list of granularities; the calendar code cuts periods by it.
import { GRANULARITIES, type Granularity } from '@uptake/contracts';
export { GRANULARITIES, type Granularity };

/** A reporting period: first and last day, both inclusive. */
export interface Period {
  start: string;
  end: string;
}

export const FIRST_SUPPORTED_DAY = '1900-01-01';
export const LAST_SUPPORTED_DAY = '2199-12-31';
/** Periods one call may produce: 54 years of days (the API asks for at most 1,100). */
export const MAX_PERIODS = 20_000;

const DAY_MS = 86_400_000;
const FIRST_DAY_NUMBER = Date.parse(`${FIRST_SUPPORTED_DAY}T00:00:00Z`) / DAY_MS;
const LAST_DAY_NUMBER = Date.parse(`${LAST_SUPPORTED_DAY}T00:00:00Z`) / DAY_MS;
const CALENDAR = `the supported calendar (${FIRST_SUPPORTED_DAY}..${LAST_SUPPORTED_DAY})`;

function inCalendar(dayNumber: number): boolean {
  return dayNumber >= FIRST_DAY_NUMBER && dayNumber <= LAST_DAY_NUMBER;
}

export function toDayNumber(day: string): number {
  const dayNumber = Date.parse(`${day}T00:00:00Z`) / DAY_MS;
  if (!inCalendar(dayNumber)) throw new RangeError(`"${day}" is not a day of ${CALENDAR}`);
  return dayNumber;
}

export function fromDayNumber(dayNumber: number): string {
  if (!inCalendar(dayNumber)) {
    throw new RangeError(`day number ${dayNumber} is outside ${CALENDAR}`);
  }
  return new Date(dayNumber * DAY_MS).toISOString().slice(0, 10);
}

export function addDays(day: string, days: number): string {
  return fromDayNumber(toDayNumber(day) + days);
}

/** Monday of the ISO week holding `day` (weeks start on Monday, as in most of Europe and ISO 8601). */
export function weekStart(day: string): string {
  return fromDayNumber(weekStartNumber(toDayNumber(day)));
}

function weekStartNumber(dayNumber: number): number {
  // 1970-01-01 was a Thursday: (n + 3) mod 7 is 0 on Mondays.
  return dayNumber - ((((dayNumber + 3) % 7) + 7) % 7);
}

/** Day number of the first day of the month after the one holding `dayNumber` (may be past the calendar). */
function nextMonthNumber(dayNumber: number): number {
  const date = new Date(dayNumber * DAY_MS);
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1) / DAY_MS;
}

function periodStartNumber(dayNumber: number, granularity: Granularity): number {
  if (granularity === 'day') return dayNumber;
  if (granularity === 'week') return weekStartNumber(dayNumber);
  const date = new Date(dayNumber * DAY_MS);
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1) / DAY_MS;
}

/**
 * The periods covering [from, to]. Weeks run Monday to Sunday and months by calendar, so periods line up
 * across queries; the first and last are clipped to the range (their `start`/`end` say so). Throws a
 * RangeError for a day outside the supported calendar or a range of more than MAX_PERIODS periods.
 */
export function periodsBetween(from: string, to: string, granularity: Granularity): Period[] {
  const first = toDayNumber(from);
  const last = toDayNumber(to);
  if (first > last) return [];
  const periods: Period[] = [];
  for (let start = periodStartNumber(first, granularity); start <= last;) {
    if (periods.length === MAX_PERIODS) {
      throw new RangeError(`${from}..${to} holds more than ${MAX_PERIODS} ${granularity}s`);
    }
    const next =
      granularity === 'day' ? start + 1 : granularity === 'week' ? start + 7 : nextMonthNumber(start);
    periods.push({
      start: fromDayNumber(Math.max(start, first)),
      end: fromDayNumber(Math.min(next - 1, last)),
    });
    start = next;
  }
  return periods;
}

export function daysIn(period: Period): number {
  return toDayNumber(period.end) - toDayNumber(period.start) + 1;
}
