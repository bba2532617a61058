import type { DigestSchedule, QuietHours } from '@uptake/contracts';

/**
 * Wall-clock times in an organisation's time zone and the instants they fall on, with the runtime's tz
 * database (Intl), the same one Postgres' `AT TIME ZONE` and the KPI engine's day boundaries follow. A time in
 * the spring-forward gap (02:30 on the last Sunday of March in Europe) is moved forward by the gap; a time
 * that happens twice (the autumn fall-back) is its first occurrence.
 */

/** A local calendar day and time of day in a zone. */
export interface LocalTime {
  /** YYYY-MM-DD */
  day: string;
  /** ISO weekday, Monday = 1 … Sunday = 7 */
  weekday: number;
  /** Minutes since local midnight. */
  minutes: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, format);
  }
  return format;
}

function parts(instant: Date, timeZone: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const part of formatter(timeZone).formatToParts(instant)) {
    if (part.type !== 'literal') out[part.type] = Number(part.value);
  }
  return out;
}

/** The local day, weekday and minute of `instant` in `timeZone`. */
export function localTime(instant: Date, timeZone: string): LocalTime {
  const p = parts(instant, timeZone);
  const day = `${p['year']}-${pad(p['month'])}-${pad(p['day'])}`;
  return { day, weekday: isoWeekday(day), minutes: p['hour'] * 60 + p['minute'] };
}

/** The zone's offset from UTC at `instant`, in milliseconds (+01:00 = 3,600,000). */
function offsetAt(instant: Date, timeZone: string): number {
  const p = parts(instant, timeZone);
  const asUtc = Date.UTC(p['year'], p['month'] - 1, p['day'], p['hour'], p['minute'], p['second']);
  return asUtc - Math.floor(instant.getTime() / 1000) * 1000;
}

/** "HH:MM" → minutes since midnight. */
export function clockMinutes(clock: string): number {
  const [hours, minutes] = clock.split(':').map(Number);
  return hours * 60 + minutes;
}

/** The instant a local day and "HH:MM" fall on in `timeZone` (see the file comment for gaps and repeats). */
export function zonedInstant(day: string, clock: string, timeZone: string): Date {
  const [year, month, date] = day.split('-').map(Number);
  const wall = Date.UTC(year, month - 1, date) + clockMinutes(clock) * 60_000;
  // The offset before the wall time: the first occurrence in a repeat, and the pre-gap offset in a gap
  // (which moves a time inside the gap forward by its length).
  const before = offsetAt(new Date(wall - 86_400_000 / 2), timeZone);
  const guess = wall - before;
  const actual = offsetAt(new Date(guess), timeZone);
  if (actual === before) return new Date(guess);
  // The offset changed between the day before and the wall time: the wall time has the new offset, unless it
  // lies in the gap (no instant has it; the guess is then the time moved forward by the gap).
  const second = wall - actual;
  return offsetAt(new Date(second), timeZone) === actual ? new Date(second) : new Date(guess);
}

/** The ISO weekday of a YYYY-MM-DD day (Monday = 1). */
export function isoWeekday(day: string): number {
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
  return weekday === 0 ? 7 : weekday;
}

export function addDays(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** The ISO week of a day, "2026-W01" (the week with the year's first Thursday). */
export function isoWeek(day: string): string {
  const thursday = addDays(day, 4 - isoWeekday(day));
  const year = Number(thursday.slice(0, 4));
  const firstThursday = addDays(`${year}-01-04`, 4 - isoWeekday(`${year}-01-04`));
  const week = 1 + Math.round((Date.parse(thursday) - Date.parse(firstThursday)) / (7 * 86_400_000));
  return `${year}-W${pad(week)}`;
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}

/** Whether a local day is a digest day of the schedule. */
function isDigestDay(schedule: DigestSchedule, day: string): boolean {
  return schedule.frequency === 'daily' || isoWeekday(day) === schedule.dayOfWeek;
}

/** The latest instant at or before `now` when the schedule's digest was due, or null if none in 8 days. */
export function latestDigestDue(schedule: DigestSchedule, timeZone: string, now: Date): Date | null {
  const today = localTime(now, timeZone).day;
  for (let back = 0; back <= 8; back++) {
    const day = addDays(today, -back);
    if (!isDigestDay(schedule, day)) continue;
    const due = zonedInstant(day, schedule.time, timeZone);
    if (due.getTime() <= now.getTime()) return due;
  }
  return null;
}

/** The first instant after `now` when the digest is due (null when the digest is off). */
export function nextDigestDue(schedule: DigestSchedule, timeZone: string, now: Date): Date | null {
  if (!schedule.enabled) return null;
  const today = localTime(now, timeZone).day;
  for (let ahead = 0; ahead <= 8; ahead++) {
    const day = addDays(today, ahead);
    if (!isDigestDay(schedule, day)) continue;
    const due = zonedInstant(day, schedule.time, timeZone);
    if (due.getTime() > now.getTime()) return due;
  }
  return null;
}

/**
 * The period a digest due at `due` covers, named by its local day ("2026-12-01") or ISO week ("2026-W49"):
 * with the member in the dedup key, one digest per member and period, however often the scheduler ticks.
 */
export function digestPeriod(frequency: DigestSchedule['frequency'], due: Date, timeZone: string): string {
  const day = localTime(due, timeZone).day;
  return frequency === 'daily' ? day : isoWeek(day);
}

/** How far back a digest looks: the day or the week before it was due. */
export function digestSince(frequency: DigestSchedule['frequency'], due: Date): Date {
  return new Date(due.getTime() - (frequency === 'daily' ? 1 : 7) * 86_400_000);
}

/**
 * When the quiet hours around `now` end, or null when `now` is outside them. Start inclusive, end exclusive;
 * an end before the start wraps past midnight (22:00–07:00).
 */
export function quietHoursEnd(quiet: QuietHours | null, timeZone: string, now: Date): Date | null {
  if (!quiet) return null;
  const { day, minutes } = localTime(now, timeZone);
  const start = clockMinutes(quiet.start);
  const end = clockMinutes(quiet.end);
  const wraps = end < start;
  const inside = wraps ? minutes >= start || minutes < end : minutes >= start && minutes < end;
  if (!inside) return null;
  const endDay = wraps && minutes >= start ? addDays(day, 1) : day;
  return zonedInstant(endDay, quiet.end, timeZone);
}
