import {
  digestPeriod,
  digestSince,
  isoWeek,
  latestDigestDue,
  localTime,
  nextDigestDue,
  quietHoursEnd,
  zonedInstant,
} from './schedule';

const AMSTERDAM = 'Europe/Amsterdam';
const weekly = { enabled: true, frequency: 'weekly', dayOfWeek: 1, time: '08:00' } as const;
const at = (iso: string) => new Date(iso);

describe('zonedInstant', () => {
  it('puts a winter and a summer wall time on their UTC instants (CET +1, CEST +2)', () => {
    expect(zonedInstant('2026-01-05', '08:00', AMSTERDAM).toISOString()).toBe('2026-01-05T07:00:00.000Z');
    expect(zonedInstant('2026-06-01', '08:00', AMSTERDAM).toISOString()).toBe('2026-06-01T06:00:00.000Z');
    expect(zonedInstant('2026-06-01', '08:00', 'UTC').toISOString()).toBe('2026-06-01T08:00:00.000Z');
    expect(zonedInstant('2026-06-01', '08:00', 'America/New_York').toISOString()).toBe(
      '2026-06-01T12:00:00.000Z',
    );
  });

  it('on the day clocks go forward (29 March 2026), 08:00 is already summer time', () => {
    expect(zonedInstant('2026-03-29', '08:00', AMSTERDAM).toISOString()).toBe('2026-03-29T06:00:00.000Z');
    expect(zonedInstant('2026-03-29', '01:30', AMSTERDAM).toISOString()).toBe('2026-03-29T00:30:00.000Z');
  });

  it('moves a time in the spring gap (02:30 does not exist) forward by the gap, to 03:30 CEST', () => {
    expect(zonedInstant('2026-03-29', '02:30', AMSTERDAM).toISOString()).toBe('2026-03-29T01:30:00.000Z');
  });

  it('on the day clocks go back (25 October 2026), 08:00 is winter time and 02:30 its first occurrence', () => {
    expect(zonedInstant('2026-10-25', '08:00', AMSTERDAM).toISOString()).toBe('2026-10-25T07:00:00.000Z');
    expect(zonedInstant('2026-10-25', '02:30', AMSTERDAM).toISOString()).toBe('2026-10-25T00:30:00.000Z');
    expect(zonedInstant('2026-10-25', '03:00', AMSTERDAM).toISOString()).toBe('2026-10-25T02:00:00.000Z');
  });

  it('reads instants back as local day, ISO weekday and minute', () => {
    expect(localTime(at('2026-03-29T06:00:00Z'), AMSTERDAM)).toEqual({
      day: '2026-03-29',
      weekday: 7,
      minutes: 480,
    });
    expect(localTime(at('2026-12-31T23:30:00Z'), AMSTERDAM)).toEqual({
      day: '2027-01-01',
      weekday: 5,
      minutes: 30,
    });
  });
});

describe('digest schedule', () => {
  it('finds the latest Monday 08:00 local at or before now, in the DST week too', () => {
    // Monday 30 March 2026, the first Monday of summer time: 08:00 CEST = 06:00 UTC.
    expect(latestDigestDue(weekly, AMSTERDAM, at('2026-03-30T06:00:00Z'))?.toISOString()).toBe(
      '2026-03-30T06:00:00.000Z',
    );
    // A minute before: the previous Monday, 23 March, 08:00 CET = 07:00 UTC.
    expect(latestDigestDue(weekly, AMSTERDAM, at('2026-03-30T05:59:00Z'))?.toISOString()).toBe(
      '2026-03-23T07:00:00.000Z',
    );
  });

  it('daily digests are due every day; Sunday (7) weekly ones on Sundays', () => {
    const daily = { ...weekly, frequency: 'daily' } as const;
    expect(latestDigestDue(daily, 'UTC', at('2026-12-02T07:59:00Z'))?.toISOString()).toBe(
      '2026-12-01T08:00:00.000Z',
    );
    const sunday = { ...weekly, dayOfWeek: 7, time: '18:30' };
    expect(latestDigestDue(sunday, 'UTC', at('2026-12-02T00:00:00Z'))?.toISOString()).toBe(
      '2026-11-29T18:30:00.000Z',
    );
  });

  it('the next digest is after now, and none when the digest is off', () => {
    expect(nextDigestDue(weekly, AMSTERDAM, at('2026-03-30T06:00:00Z'))?.toISOString()).toBe(
      '2026-04-06T06:00:00.000Z',
    );
    expect(nextDigestDue(weekly, AMSTERDAM, at('2026-03-27T12:00:00Z'))?.toISOString()).toBe(
      '2026-03-30T06:00:00.000Z',
    );
    expect(nextDigestDue({ ...weekly, enabled: false }, AMSTERDAM, at('2026-03-27T12:00:00Z'))).toBeNull();
  });

  it('names periods by ISO week (2027-01-01 is in 2026-W53) or by local day', () => {
    expect(isoWeek('2026-12-31')).toBe('2026-W53');
    expect(isoWeek('2027-01-01')).toBe('2026-W53');
    expect(isoWeek('2027-01-04')).toBe('2027-W01');
    expect(isoWeek('2026-03-30')).toBe('2026-W14');
    expect(digestPeriod('weekly', at('2026-03-30T06:00:00Z'), AMSTERDAM)).toBe('2026-W14');
    // 23:30 UTC on 31 December is already 1 January in Amsterdam.
    expect(digestPeriod('daily', at('2026-12-31T23:30:00Z'), AMSTERDAM)).toBe('2027-01-01');
    expect(digestSince('weekly', at('2026-03-30T06:00:00Z')).toISOString()).toBe('2026-03-23T06:00:00.000Z');
  });
});

describe('quietHoursEnd', () => {
  const night = { start: '22:00', end: '07:00' };

  it('is null outside quiet hours and when there are none', () => {
    expect(quietHoursEnd(night, AMSTERDAM, at('2026-06-01T12:00:00Z'))).toBeNull();
    expect(quietHoursEnd(null, AMSTERDAM, at('2026-06-01T21:00:00Z'))).toBeNull();
    // 07:00 local is the end itself: no longer quiet (end exclusive).
    expect(quietHoursEnd(night, AMSTERDAM, at('2026-06-02T05:00:00Z'))).toBeNull();
  });

  it('ends the next morning when they wrap midnight, and the same morning after midnight', () => {
    // 23:00 CEST on 1 June: until 07:00 CEST on 2 June.
    expect(quietHoursEnd(night, AMSTERDAM, at('2026-06-01T21:00:00Z'))?.toISOString()).toBe(
      '2026-06-02T05:00:00.000Z',
    );
    // 22:00 exactly is quiet (start inclusive).
    expect(quietHoursEnd(night, AMSTERDAM, at('2026-06-01T20:00:00Z'))?.toISOString()).toBe(
      '2026-06-02T05:00:00.000Z',
    );
    // 03:00 CEST on 2 June: the same 07:00.
    expect(quietHoursEnd(night, AMSTERDAM, at('2026-06-02T01:00:00Z'))?.toISOString()).toBe(
      '2026-06-02T05:00:00.000Z',
    );
  });

  it('ends on the same day for daytime quiet hours, across the autumn clock change', () => {
    const lunch = { start: '12:00', end: '13:30' };
    expect(quietHoursEnd(lunch, AMSTERDAM, at('2026-10-25T11:15:00Z'))?.toISOString()).toBe(
      '2026-10-25T12:30:00.000Z',
    );
    // Night of 24–25 October: 07:00 on the 25th is CET (+1).
    expect(quietHoursEnd(night, AMSTERDAM, at('2026-10-24T21:00:00Z'))?.toISOString()).toBe(
      '2026-10-25T06:00:00.000Z',
    );
  });
});
