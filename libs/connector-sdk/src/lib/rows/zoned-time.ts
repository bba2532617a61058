/**
 * Wall-clock times read in an IANA time zone, with the offsets of the runtime's ICU tz database (Intl): no
 * library of our own to keep current. Across a change of the clock the rule is that of RFC 9557 / Temporal's
 * `compatible` disambiguation: a time that occurs twice (clocks go back) is the earlier instant, a time that
 * does not exist (clocks go forward) is read with the offset in force before the change (02:30 becomes 03:30).
 */

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;
/** Offsets looked up are cached per zone and minute; the caches are cleared when they reach this size. */
const MAX_CACHED_OFFSETS = 4_096;
/** Zones with a formatter kept (one per source's settings in practice). */
const MAX_ZONES = 64;

const zones = new Map<string, { format: Intl.DateTimeFormat; offsets: Map<number, number> }>();

/** The UTC instant (epoch ms) of a wall-clock time in `zone`; `wall` holds that time's fields as if in UTC. */
export function zonedTimeToUtc(wall: number, zone: string): number {
  const before = offsetAt(zone, wall - DAY_MS);
  const after = offsetAt(zone, wall + DAY_MS);
  const valid = [before, after]
    .map((offset) => wall - offset)
    .filter((instant) => offsetAt(zone, instant) === wall - instant);
  if (valid.length > 0) return Math.min(...valid);
  return wall - before;
}

/** The zone's offset from UTC (ms, east positive) at an instant. */
export function offsetAt(zone: string, instant: number): number {
  const entry = zoneEntry(zone);
  const minute = Math.floor(instant / MINUTE_MS);
  const cached = entry.offsets.get(minute);
  if (cached !== undefined) return cached;
  const at = minute * MINUTE_MS;
  const fields: Record<string, number> = {};
  let beforeCommonEra = false;
  for (const part of entry.format.formatToParts(new Date(at))) {
    if (part.type === 'era') beforeCommonEra = part.value === 'BC';
    else if (part.type !== 'literal') fields[part.type] = Number(part.value);
  }
  const year = beforeCommonEra ? 1 - fields.year : fields.year;
  const local = wallTime(year, fields.month, fields.day, fields.hour % 24, fields.minute, fields.second, 0);
  const offset = local - at;
  if (entry.offsets.size >= MAX_CACHED_OFFSETS) entry.offsets.clear();
  entry.offsets.set(minute, offset);
  return offset;
}

/** Epoch ms of date-time fields read as UTC, the year taken as written (Date.UTC makes 0-99 into 1900-1999). */
export function wallTime(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
  millis: number,
): number {
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, millis);
  return date.getTime();
}

function zoneEntry(zone: string) {
  let entry = zones.get(zone);
  if (!entry) {
    if (zones.size >= MAX_ZONES) zones.clear();
    const format = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      era: 'short',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    entry = { format, offsets: new Map() };
    zones.set(zone, entry);
  }
  return entry;
}
