import { DAY_MS } from './simulation';

/** The options of generateDemoOrganisation that choose its period (see DemoOptions). */
export interface PeriodOptions {
  start?: string;
  endDate?: string;
  days?: number;
}

/** The simulated period: what demoPeriod derives from the options. */
export interface DemoPeriod {
  /** First day (ISO date): a Monday when derived from an end date. */
  start: string;
  /** Last day of the history (ISO date). */
  endDate: string;
  /** Days of history, start to endDate inclusive. */
  days: number;
  /**
   * Days the story is planned over (its S-curves, joiners, leavers, communities): `days`, or with an end
   * date the whole weeks up to the last Sunday on or before it; the history goes on from there to endDate
   * (0 to 6 days), with everyone who was active still active.
   */
  plannedDays: number;
}

const DEFAULT_START = '2026-01-05';
const DEFAULT_DAYS = 182;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function isoDateMs(name: string, value: string): number {
  const ms = Date.parse(`${value}T00:00:00Z`);
  // Date.parse rolls 2026-02-31 over to March: the round trip catches it.
  if (!ISO_DATE.test(value) || Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== value) {
    throw new RangeError(`${name} must be an ISO date (got ${value})`);
  }
  return ms;
}

export const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * The simulated period. With `start`, `days` days from it. With `endDate`, the story's whole weeks (`days`
 * rounded up) from a Monday to the last Sunday on or before endDate, then the days of endDate's week so far:
 * the weekday pattern (quiet weekends, Monday founders) stays on its weekdays whatever the end date, an end
 * date a week later moves the same history by a week, and within a week each day adds one day to the same
 * history. The last complete week (what weekly KPIs and gates show "today") is always the story's last.
 */
export function demoPeriod(options: PeriodOptions = {}): DemoPeriod {
  const days = options.days ?? DEFAULT_DAYS;
  if (!Number.isInteger(days) || days < 28 || days > 3660)
    throw new RangeError('days must be between 28 and 3660');
  if (options.endDate === undefined) {
    const start = options.start ?? DEFAULT_START;
    const startMs = isoDateMs('start', start);
    return { start, endDate: isoDay(startMs + (days - 1) * DAY_MS), days, plannedDays: days };
  }
  if (options.start !== undefined) throw new RangeError('give start or endDate, not both');
  const endMs = isoDateMs('endDate', options.endDate);
  const plannedDays = Math.ceil(days / 7) * 7;
  const lastSunday = endMs - new Date(endMs).getUTCDay() * DAY_MS;
  const startMs = lastSunday - (plannedDays - 1) * DAY_MS;
  return {
    start: isoDay(startMs),
    endDate: options.endDate,
    days: Math.round((endMs - startMs) / DAY_MS) + 1,
    plannedDays,
  };
}

/** Weeks of the pilot that the last complete week closes: the 6th of its 12 planned (the pilot mid-way). */
export const PILOT_WEEKS_BY_TODAY = 6;

/**
 * Day index (0-based) of the pilot's kick-off: PILOT_WEEKS_BY_TODAY whole weeks before the end of the
 * story's last whole week, so that "today" (the last complete week, see demoPeriod) closes the pilot's 6th
 * week whatever the end date, and a week-aligned day (a Monday when the period comes from an end date).
 * Before it the network is already switched on (day 0) for a pre-pilot period; at least one week of it,
 * so a 4-week story still has a before (its pilot then has 3 weeks).
 */
export function pilotKickoffDay(plannedDays: number): number {
  return 7 * Math.max(1, Math.floor(plannedDays / 7) - PILOT_WEEKS_BY_TODAY);
}
