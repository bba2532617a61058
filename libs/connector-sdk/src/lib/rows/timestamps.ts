import { quoteValue as quote } from './reasons';
import { wallTime, zonedTimeToUtc } from './zoned-time';

/**
 * How an imported time is written: ISO 8601 (the default), seconds or milliseconds since 1970-01-01T00:00Z,
 * or a pattern such as `dd.MM.yyyy HH:mm`. The format is always stated, never guessed from the value: a
 * value whose size fits the other epoch unit better is refused with a hint instead (see EPOCH_HINT_LIMIT).
 */
export const EPOCH_FORMATS = ['epoch-seconds', 'epoch-milliseconds'] as const;
export type EpochFormat = (typeof EPOCH_FORMATS)[number];

export const MAX_PATTERN_LENGTH = 64;

/**
 * 1e11: as milliseconds 1973-03-03, as seconds the year 5138. A millisecond value below it, or a seconds
 * value above it, is almost surely in the other unit, so the row is refused with that hint.
 */
const EPOCH_HINT_LIMIT = 1e11;
/** The largest instant a Date holds (ms). */
const MAX_DATE_MS = 8.64e15;

const ISO_DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?(?:([Zz])|([+-])(\d{2})(?::?(\d{2}))?)?$/;
const DECIMAL = /^[+-]?\d{1,20}(\.\d{1,9})?$/;
const INTEGER = /^[+-]?\d{1,20}$/;

/** A read time, or what is wrong with the value (a reason's tail: ": 'value' is …"). */
export type TimestampResult = { date: Date } | { problem: string };

export interface TimestampOptions {
  /** IANA zone that times without an offset are read in; without it they are refused. */
  timeZone?: string;
  /** Point to the settings that would read the value (the csv connector's; a webhook has none). */
  settingsHints?: boolean;
}

/** ISO 8601 with an offset; without one only when a time zone is configured (the offset then follows it). */
export function parseIsoDateTime(value: string, options: TimestampOptions = {}): TimestampResult {
  const match = ISO_DATE_TIME.exec(value);
  if (!match) {
    const hint =
      options.settingsHints && INTEGER.test(value)
        ? ' (epoch time? set the format to epoch-seconds or epoch-milliseconds)'
        : ' (e.g. 2026-01-05T09:30:00Z)';
    return { problem: `: ${quote(value)} is not an ISO 8601 date-time${hint}` };
  }
  const [, year, month, day, hour, minute, second = '0', fraction = '', zulu, sign, offH, offM] = match;
  if (!zulu && !sign && !options.timeZone) {
    const zone = options.settingsHints ? ', or set settings.timeZone' : '';
    return { problem: `: ${quote(value)} has no time-zone offset (add Z or e.g. +01:00${zone})` };
  }
  const offsetMinutes = sign ? (sign === '-' ? -1 : 1) * (Number(offH) * 60 + Number(offM ?? 0)) : 0;
  const fields = {
    year: Number(year),
    month: Number(month),
    day: Number(day),
    hour: Number(hour),
    minute: Number(minute),
    second: Number(second),
    millis: Math.floor(Number(`0${fraction || '.0'}`) * 1000),
  };
  if (!isRealTime(fields) || Number(offM ?? 0) > 59 || Math.abs(offsetMinutes) > 14 * 60) {
    return { problem: `: ${quote(value)} is not a real date-time` };
  }
  const wall = wallOf(fields);
  if (zulu || sign) return { date: new Date(wall - offsetMinutes * 60_000) };
  return { date: new Date(zonedTimeToUtc(wall, options.timeZone as string)) };
}

/** Seconds (decimals allowed) or whole milliseconds since the epoch, from a JSON number or a string. */
export function parseEpoch(raw: unknown, format: EpochFormat): TimestampResult {
  const text = typeof raw === 'number' ? String(raw) : typeof raw === 'string' ? raw.trim() : null;
  const seconds = format === 'epoch-seconds';
  const shape = seconds ? DECIMAL : INTEGER;
  if (text === null || !shape.test(text) || !Number.isFinite(Number(text))) {
    const unit = seconds ? 'seconds' : 'whole milliseconds';
    return { problem: `: ${quote(raw)} is not a number of ${unit} since 1970-01-01 (${format})` };
  }
  const value = Number(text);
  if (seconds && Math.abs(value) >= EPOCH_HINT_LIMIT) {
    return {
      problem: `: ${quote(raw)} is too large for ${format} (are these milliseconds? use epoch-milliseconds)`,
    };
  }
  if (!seconds && value !== 0 && Math.abs(value) < EPOCH_HINT_LIMIT) {
    return { problem: `: ${quote(raw)} is too small for ${format} (are these seconds? use epoch-seconds)` };
  }
  const millis = seconds ? Math.round(value * 1000) : value;
  if (Math.abs(millis) > MAX_DATE_MS) return { problem: `: ${quote(raw)} is not a real date-time` };
  return { date: new Date(millis) };
}

type Field = 'year' | 'month' | 'day' | 'hour' | 'hour12' | 'meridiem' | 'minute' | 'second' | 'millis';

const TOKENS: { token: string; field: Field; regex: string }[] = [
  { token: 'yyyy', field: 'year', regex: '(\\d{4})' },
  { token: 'MM', field: 'month', regex: '(\\d{2})' },
  { token: 'M', field: 'month', regex: '(\\d{1,2})' },
  { token: 'dd', field: 'day', regex: '(\\d{2})' },
  { token: 'd', field: 'day', regex: '(\\d{1,2})' },
  { token: 'HH', field: 'hour', regex: '(\\d{2})' },
  { token: 'H', field: 'hour', regex: '(\\d{1,2})' },
  { token: 'hh', field: 'hour12', regex: '(\\d{2})' },
  { token: 'h', field: 'hour12', regex: '(\\d{1,2})' },
  { token: 'mm', field: 'minute', regex: '(\\d{2})' },
  { token: 'ss', field: 'second', regex: '(\\d{2})' },
  { token: 'SSS', field: 'millis', regex: '(\\d{3})' },
  { token: 'a', field: 'meridiem', regex: '([AaPp][Mm])' },
];

/** A compiled date-time pattern (see compilePattern). */
export interface DatePattern {
  source: string;
  regex: RegExp;
  fields: Field[];
}

/**
 * Compiles a pattern of the letters yyyy MM M dd d HH H hh h mm ss SSS a (Unicode / java.time style), other
 * characters taken literally and 'quoted text' too ('' is a quote). Throws a message naming what is wrong:
 * an unknown letter, a field twice, a date without year, month or day, h without a, or a without h. The
 * regular expression is built from fixed pieces only: user text never becomes a regular expression.
 */
export function compilePattern(source: string): DatePattern {
  if (source.length === 0 || source.length > MAX_PATTERN_LENGTH) {
    throw new Error(`a pattern has 1 to ${MAX_PATTERN_LENGTH} characters`);
  }
  let regex = '';
  const fields: Field[] = [];
  for (let index = 0; index < source.length;) {
    const char = source[index];
    if (char === "'") {
      const end = source.indexOf("'", index + 1);
      if (end === -1) throw new Error(`the quote at position ${index + 1} is not closed`);
      regex += end === index + 1 ? "'" : escapeRegex(source.slice(index + 1, end));
      index = end + 1;
      continue;
    }
    if (/[A-Za-z]/.test(char)) {
      const token = TOKENS.find((candidate) => source.startsWith(candidate.token, index));
      if (!token)
        throw new Error(`'${char}' at position ${index + 1} is not a pattern letter (quote text: 'T')`);
      if (fields.includes(token.field)) throw new Error(`'${token.token}' repeats a field`);
      fields.push(token.field);
      regex += token.regex;
      index += token.token.length;
      continue;
    }
    regex += escapeRegex(char);
    index++;
  }
  for (const required of ['year', 'month', 'day'] as const) {
    if (!fields.includes(required)) throw new Error('a pattern needs yyyy, MM (or M) and dd (or d)');
  }
  if (fields.includes('hour12') !== fields.includes('meridiem')) {
    throw new Error('h/hh (1-12) and a (AM/PM) go together; use HH for 0-23');
  }
  if (fields.includes('hour') && fields.includes('hour12')) throw new Error('a pattern has H or h, not both');
  return { source, regex: new RegExp(`^${regex}$`), fields };
}

/** A value written with `pattern`, read in `timeZone` (patterns carry no offset). */
export function parseWithPattern(value: string, pattern: DatePattern, timeZone: string): TimestampResult {
  const match = pattern.regex.exec(value);
  if (!match) return { problem: `: ${quote(value)} does not match the pattern '${pattern.source}'` };
  const parts: Partial<Record<Field, string>> = {};
  pattern.fields.forEach((field, index) => (parts[field] = match[index + 1]));
  let hour = Number(parts.hour ?? 0);
  if (parts.hour12 !== undefined) {
    const hour12 = Number(parts.hour12);
    if (hour12 < 1 || hour12 > 12) return { problem: `: ${quote(value)} is not a real date-time` };
    hour = (hour12 % 12) + ((parts.meridiem as string).toLowerCase() === 'pm' ? 12 : 0);
  }
  const fields = {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour,
    minute: Number(parts.minute ?? 0),
    second: Number(parts.second ?? 0),
    millis: Number(parts.millis ?? 0),
  };
  if (!isRealTime(fields)) return { problem: `: ${quote(value)} is not a real date-time` };
  return { date: new Date(zonedTimeToUtc(wallOf(fields), timeZone)) };
}

interface TimeFields {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millis: number;
}

function isRealTime(fields: TimeFields): boolean {
  return (
    isCalendarDate(fields.year, fields.month, fields.day) &&
    fields.hour <= 23 &&
    fields.minute <= 59 &&
    fields.second <= 59
  );
}

/** Whether a day exists, the year taken as written (year 0 is a leap year, 1900 is not). */
export function isCalendarDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(wallTime(year, month + 1, 0, 0, 0, 0, 0)).getUTCDate();
}

function wallOf(fields: TimeFields): number {
  return wallTime(
    fields.year,
    fields.month,
    fields.day,
    fields.hour,
    fields.minute,
    fields.second,
    fields.millis,
  );
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}
