import {
  compilePattern,
  parseEpoch,
  parseIsoDateTime,
  parseWithPattern,
  type TimestampResult,
} from './timestamps';
import { isIanaTimeZone } from '@uptake/contracts';
import { zonedTimeToUtc } from './zoned-time';

const iso = (result: TimestampResult) => ('date' in result ? result.date.toISOString() : result.problem);
const wall = (text: string) => Date.parse(`${text}Z`);
const inZone = (text: string, zone: string) => new Date(zonedTimeToUtc(wall(text), zone)).toISOString();

describe('zonedTimeToUtc: wall-clock times in an IANA zone (expected instants computed by hand)', () => {
  it('reads ordinary times with the offset in force (winter, summer, half-hour zones, UTC)', () => {
    expect(inZone('2026-01-15T09:00:00', 'Europe/Berlin')).toBe('2026-01-15T08:00:00.000Z');
    expect(inZone('2026-07-15T09:00:00', 'Europe/Berlin')).toBe('2026-07-15T07:00:00.000Z');
    expect(inZone('2026-03-29T02:30:00', 'Asia/Kolkata')).toBe('2026-03-28T21:00:00.000Z');
    expect(inZone('2026-07-15T09:00:00', 'America/New_York')).toBe('2026-07-15T13:00:00.000Z');
    expect(inZone('2026-03-29T02:30:00', 'UTC')).toBe('2026-03-29T02:30:00.000Z');
  });

  it('spring forward (Berlin, 2026-03-29 02:00 -> 03:00): around the gap, and a time in it reads as after it', () => {
    expect(inZone('2026-03-29T01:59:59', 'Europe/Berlin')).toBe('2026-03-29T00:59:59.000Z');
    // 02:30 does not exist: read with the offset before the change (+01:00), i.e. 03:30 CEST.
    expect(inZone('2026-03-29T02:30:00', 'Europe/Berlin')).toBe('2026-03-29T01:30:00.000Z');
    expect(inZone('2026-03-29T03:00:00', 'Europe/Berlin')).toBe('2026-03-29T01:00:00.000Z');
  });

  it('fall back (Berlin, 2026-10-25 03:00 -> 02:00): a time that occurs twice is the earlier instant', () => {
    expect(inZone('2026-10-25T01:59:00', 'Europe/Berlin')).toBe('2026-10-24T23:59:00.000Z');
    expect(inZone('2026-10-25T02:30:00', 'Europe/Berlin')).toBe('2026-10-25T00:30:00.000Z');
    expect(inZone('2026-10-25T03:00:00', 'Europe/Berlin')).toBe('2026-10-25T02:00:00.000Z');
  });

  it('New York (changes at 02:00 local) and Sydney (southern hemisphere, clocks back in April)', () => {
    expect(inZone('2026-03-08T02:30:00', 'America/New_York')).toBe('2026-03-08T07:30:00.000Z');
    expect(inZone('2026-11-01T01:30:00', 'America/New_York')).toBe('2026-11-01T05:30:00.000Z');
    expect(inZone('2026-04-05T02:30:00', 'Australia/Sydney')).toBe('2026-04-04T15:30:00.000Z');
  });

  it('Lord Howe Island, whose clocks move by 30 minutes', () => {
    // 2026-04-05 02:00 (+11:00) -> 01:30 (+10:30): 01:45 occurs twice, the first at +11:00.
    expect(inZone('2026-04-05T01:45:00', 'Australia/Lord_Howe')).toBe('2026-04-04T14:45:00.000Z');
    // 2026-10-04 02:00 (+10:30) -> 02:30 (+11:00): 02:15 does not exist, read at +10:30 (02:45 +11:00).
    expect(inZone('2026-10-04T02:15:00', 'Australia/Lord_Howe')).toBe('2026-10-03T15:45:00.000Z');
  });

  it('knows IANA names, and refuses offsets, odd casing and unknown zones', () => {
    expect(isIanaTimeZone('Europe/Berlin')).toBe(true);
    expect(isIanaTimeZone('UTC')).toBe(true);
    expect(isIanaTimeZone('America/Argentina/Buenos_Aires')).toBe(true);
    expect(isIanaTimeZone('+01:00')).toBe(false);
    expect(isIanaTimeZone('europe/berlin')).toBe(false);
    expect(isIanaTimeZone('Mars/Olympus_Mons')).toBe(false);
  });
});

describe('parseIsoDateTime', () => {
  it('reads an offset as written; without one only in a configured zone', () => {
    expect(iso(parseIsoDateTime('2026-03-02T10:05:00+01:00'))).toBe('2026-03-02T09:05:00.000Z');
    expect(iso(parseIsoDateTime('2026-03-29 02:30', { timeZone: 'Europe/Berlin' }))).toBe(
      '2026-03-29T01:30:00.000Z',
    );
    expect(iso(parseIsoDateTime('2026-03-29 02:30'))).toBe(
      ": '2026-03-29 02:30' has no time-zone offset (add Z or e.g. +01:00)",
    );
    expect(iso(parseIsoDateTime('2026-03-29 02:30', { settingsHints: true }))).toContain(
      'or set settings.timeZone',
    );
  });

  it('points to the epoch formats when the value is a bare number', () => {
    expect(iso(parseIsoDateTime('1553166657086', { settingsHints: true }))).toBe(
      ": '1553166657086' is not an ISO 8601 date-time (epoch time? set the format to epoch-seconds or " +
        'epoch-milliseconds)',
    );
  });
});

describe('parseEpoch: the unit is stated, never guessed', () => {
  it('reads milliseconds (JSON numbers or text) and seconds (decimals allowed)', () => {
    expect(iso(parseEpoch(1553166657086, 'epoch-milliseconds'))).toBe('2019-03-21T11:10:57.086Z');
    expect(iso(parseEpoch('1553166657086', 'epoch-milliseconds'))).toBe('2019-03-21T11:10:57.086Z');
    expect(iso(parseEpoch(1553166657, 'epoch-seconds'))).toBe('2019-03-21T11:10:57.000Z');
    expect(iso(parseEpoch('1553166657.086', 'epoch-seconds'))).toBe('2019-03-21T11:10:57.086Z');
  });

  it('refuses a value in the other unit with a hint (below 1e11 ms = before 1973-03-03; above 1e11 s)', () => {
    expect(iso(parseEpoch(1553166657, 'epoch-milliseconds'))).toBe(
      ": '1553166657' is too small for epoch-milliseconds (are these seconds? use epoch-seconds)",
    );
    expect(iso(parseEpoch(1553166657086, 'epoch-seconds'))).toBe(
      ": '1553166657086' is too large for epoch-seconds (are these milliseconds? use epoch-milliseconds)",
    );
  });

  it('refuses what is not a number', () => {
    expect(iso(parseEpoch('2026-03-02', 'epoch-seconds'))).toBe(
      ": '2026-03-02' is not a number of seconds since 1970-01-01 (epoch-seconds)",
    );
    expect(iso(parseEpoch('1553166657086.5', 'epoch-milliseconds'))).toContain(
      'is not a number of whole milliseconds',
    );
    expect(iso(parseEpoch(true, 'epoch-seconds'))).toContain("'true' is not a number");
  });
});

describe('date-time patterns', () => {
  it('reads dd.MM.yyyy HH:mm in the zone, across the spring gap', () => {
    const pattern = compilePattern('dd.MM.yyyy HH:mm');
    expect(iso(parseWithPattern('02.03.2026 09:30', pattern, 'Europe/Berlin'))).toBe(
      '2026-03-02T08:30:00.000Z',
    );
    expect(iso(parseWithPattern('29.03.2026 02:30', pattern, 'Europe/Berlin'))).toBe(
      '2026-03-29T01:30:00.000Z',
    );
    expect(iso(parseWithPattern('2026-03-02 09:30', pattern, 'Europe/Berlin'))).toBe(
      ": '2026-03-02 09:30' does not match the pattern 'dd.MM.yyyy HH:mm'",
    );
    expect(iso(parseWithPattern('30.02.2026 09:30', pattern, 'Europe/Berlin'))).toBe(
      ": '30.02.2026 09:30' is not a real date-time",
    );
  });

  it('reads 12-hour US times and quoted literals', () => {
    const us = compilePattern('M/d/yyyy h:mm a');
    expect(iso(parseWithPattern('3/8/2026 1:59 AM', us, 'America/New_York'))).toBe(
      '2026-03-08T06:59:00.000Z',
    );
    expect(iso(parseWithPattern('11/1/2026 12:30 PM', us, 'America/New_York'))).toBe(
      '2026-11-01T17:30:00.000Z',
    );
    expect(iso(parseWithPattern('1/5/2026 12:00 am', us, 'UTC'))).toBe('2026-01-05T00:00:00.000Z');
    expect(iso(parseWithPattern('1/5/2026 13:00 PM', us, 'UTC'))).toBe(
      ": '1/5/2026 13:00 PM' is not a real date-time",
    );
    const railsUtc = compilePattern("yyyy-MM-dd HH:mm:ss 'UTC'");
    expect(iso(parseWithPattern('2024-03-04 09:15:02 UTC', railsUtc, 'UTC'))).toBe(
      '2024-03-04T09:15:02.000Z',
    );
    const withT = compilePattern("yyyy-MM-dd'T'HH:mm:ss.SSS");
    expect(iso(parseWithPattern('2024-03-04T09:15:02.250', withT, 'Europe/Berlin'))).toBe(
      '2024-03-04T08:15:02.250Z',
    );
  });

  it('names what is wrong with a pattern', () => {
    expect(() => compilePattern('dd.MM.YYYY')).toThrow("'Y' at position 7 is not a pattern letter");
    expect(() => compilePattern("yyyy-MM-dd 'at HH:mm")).toThrow('the quote at position 12 is not closed');
    expect(() => compilePattern('MM/dd HH:mm')).toThrow('a pattern needs yyyy');
    expect(() => compilePattern('yyyy-MM-dd h:mm')).toThrow('h/hh (1-12) and a (AM/PM) go together');
    expect(() => compilePattern('yyyy-MM-dd-dd')).toThrow("'dd' repeats a field");
    expect(() => compilePattern('y'.repeat(65))).toThrow('a pattern has 1 to 64 characters');
  });
});
