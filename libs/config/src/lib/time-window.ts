/**
 * The time window Uptake accepts dates in: one definition for the ingest pipeline (records outside it are
 * quarantined), the API (days a user may send) and the KPI engine (defaults derived from stored data).
 * Dates outside it are placeholders or broken clocks (0001-01-01, 1970-01-01, 9999-12-31), and far dates
 * make every calendar loop long.
 */
export interface TimeWindow {
  /** EVENT_EARLIEST_DATE: no activity or usage figure dated before this day (UTC) is accepted. */
  earliestDay: string;
  /** EVENT_MAX_FUTURE_HOURS: how far ahead of the clock an event may lie (clock skew, UTC+14 zones). */
  maxFutureHours: number;
}

export const DEFAULT_TIME_WINDOW: TimeWindow = { earliestDay: '1990-01-01', maxFutureHours: 24 };

/**
 * Lowest EVENT_EARLIEST_DATE allowed: the KPI engine looks up to 26 weeks before a range, and its calendar
 * starts in 1900 (see `FIRST_SUPPORTED_DAY` in @uptake/kpi).
 */
export const EARLIEST_ALLOWED_EVENT_DAY = '1970-01-01';

/** Employment dates: careers that began long ago, leaving dates planned ahead. */
export const DIRECTORY_WINDOW = { earliestDay: '1900-01-01', latestDay: '2100-12-31' } as const;

/** Rollout plans and goal deadlines may lie up to this many years ahead. */
export const PLANNING_HORIZON_YEARS = 10;

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const HOUR_MS = 3_600_000;

/** A real calendar day written YYYY-MM-DD (years 0000-9999, read as written: 0001 is not 1901). */
export function isCalendarDay(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const match = ISO_DAY.exec(value);
  if (!match) return false;
  const date = new Date(0);
  date.setUTCFullYear(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  return dayOf(date) === value;
}

/** The UTC day of a time (YYYY-MM-DD; ±YYYYYY-MM-DD beyond year 9999, as `toISOString` writes it). */
export function dayOf(time: Date): string {
  const iso = time.toISOString();
  return iso.slice(0, iso.indexOf('T'));
}

export function latestEventTime(window: TimeWindow, now: Date): Date {
  return new Date(now.getTime() + window.maxFutureHours * HOUR_MS);
}

/** The last day a usage figure may be for: the UTC day of the latest accepted event time. */
export function latestEventDay(window: TimeWindow, now: Date): string {
  return dayOf(latestEventTime(window, now));
}

/** The last day a report may end on: tomorrow (UTC), so today in every time zone (up to UTC+14) is inside. */
export function latestReportDay(now: Date): string {
  return dayOf(new Date(now.getTime() + 24 * HOUR_MS));
}

export function latestPlanningDay(now: Date): string {
  const date = new Date(now.getTime());
  date.setUTCFullYear(date.getUTCFullYear() + PLANNING_HORIZON_YEARS);
  return dayOf(date);
}

/** Why an event time is not accepted (naming the field, the value and the setting), or null. */
export function eventTimeProblem(field: string, at: Date, window: TimeWindow, now: Date): string | null {
  const ms = at.getTime();
  // The usual case first, in numbers (called for every event an ingest reads).
  if (ms >= earliestMs(window) && ms <= now.getTime() + window.maxFutureHours * HOUR_MS) return null;
  if (Number.isNaN(ms)) return `${field} is not a valid time`;
  if (ms < earliestMs(window)) {
    return `${field} ${at.toISOString()} is before ${window.earliestDay}, the earliest accepted day (EVENT_EARLIEST_DATE)`;
  }
  const latest = latestEventTime(window, now);
  if (at > latest) {
    return (
      `${field} ${at.toISOString()} is more than ${window.maxFutureHours} hours in the future ` +
      `(latest accepted ${latest.toISOString()}, EVENT_MAX_FUTURE_HOURS)`
    );
  }
  return null;
}

/** The instant EVENT_EARLIEST_DATE starts, parsed once per day seen last (not once per event). */
let earliest = { day: '', ms: NaN };
function earliestMs(window: TimeWindow): number {
  if (earliest.day !== window.earliestDay) {
    earliest = { day: window.earliestDay, ms: Date.parse(`${window.earliestDay}T00:00:00Z`) };
  }
  return earliest.ms;
}

/** Why the day of a daily figure is not accepted, or null. */
export function eventDayProblem(field: string, day: string, window: TimeWindow, now: Date): string | null {
  return dayBoundsProblem(field, day, {
    earliest: window.earliestDay,
    earliestNote: 'EVENT_EARLIEST_DATE',
    latest: latestEventDay(window, now),
    latestNote: 'EVENT_MAX_FUTURE_HOURS',
  });
}

/** Why an employment date is not accepted, or null. */
export function directoryDayProblem(field: string, day: string): string | null {
  return dayBoundsProblem(field, day, {
    earliest: DIRECTORY_WINDOW.earliestDay,
    latest: DIRECTORY_WINDOW.latestDay,
  });
}

/**
 * Why a day is outside [earliest, latest] (ISO days compare as strings for years 0000-9999, which
 * `isCalendarDay` guarantees), or null. Notes say where a bound comes from (a setting, "tomorrow").
 */
export function dayBoundsProblem(
  field: string,
  day: string,
  bounds: { earliest: string; latest: string; earliestNote?: string; latestNote?: string },
): string | null {
  const note = (text: string | undefined) => (text ? ` (${text})` : '');
  if (!isCalendarDay(day)) return `${field} must be a calendar date YYYY-MM-DD (got "${day}")`;
  if (day < bounds.earliest) {
    return `${field} ${day} is before ${bounds.earliest}, the earliest accepted day${note(bounds.earliestNote)}`;
  }
  if (day > bounds.latest) {
    return `${field} ${day} is after ${bounds.latest}, the latest accepted day${note(bounds.latestNote)}`;
  }
  return null;
}
