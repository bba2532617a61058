import {
  addDays,
  FIRST_SUPPORTED_DAY,
  fromDayNumber,
  LAST_SUPPORTED_DAY,
  MAX_PERIODS,
  periodsBetween,
  toDayNumber,
  weekStart,
} from './periods';

describe('periodsBetween', () => {
  it('cuts a range into days, Monday weeks and calendar months, clipped to the range', () => {
    expect(periodsBetween('2026-02-27', '2026-03-02', 'day').map((p) => p.start)).toEqual([
      '2026-02-27',
      '2026-02-28',
      '2026-03-01',
      '2026-03-02',
    ]);
    expect(periodsBetween('2026-03-04', '2026-03-17', 'week')).toEqual([
      { start: '2026-03-04', end: '2026-03-08' },
      { start: '2026-03-09', end: '2026-03-15' },
      { start: '2026-03-16', end: '2026-03-17' },
    ]);
    expect(periodsBetween('2025-12-15', '2026-02-10', 'month')).toEqual([
      { start: '2025-12-15', end: '2025-12-31' },
      { start: '2026-01-01', end: '2026-01-31' },
      { start: '2026-02-01', end: '2026-02-10' },
    ]);
    expect(periodsBetween('2026-03-02', '2026-03-01', 'day')).toEqual([]);
  });

  it('reaches the last day of the calendar and stops there', () => {
    expect(periodsBetween('2199-12-20', LAST_SUPPORTED_DAY, 'month')).toEqual([
      { start: '2199-12-20', end: LAST_SUPPORTED_DAY },
    ]);
    expect(periodsBetween('2199-12-28', LAST_SUPPORTED_DAY, 'week').at(-1)?.end).toBe(LAST_SUPPORTED_DAY);
  });

  it('throws instead of looping on days past year 9999 (which sort before "9999-…" as +010000-…)', () => {
    const started = Date.now();
    expect(() => periodsBetween('9999-10-03', '9999-12-31', 'week')).toThrow(RangeError);
    expect(() => periodsBetween('2026-01-01', '9999-12-31', 'day')).toThrow(
      '"9999-12-31" is not a day of the supported calendar (1900-01-01..2199-12-31)',
    );
    expect(() => periodsBetween('0001-01-01', '2026-01-01', 'month')).toThrow(RangeError);
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it(`returns at most ${MAX_PERIODS} periods`, () => {
    expect(() => periodsBetween(FIRST_SUPPORTED_DAY, LAST_SUPPORTED_DAY, 'day')).toThrow(
      `1900-01-01..2199-12-31 holds more than ${MAX_PERIODS} days`,
    );
    // The same range in months is small enough.
    expect(periodsBetween(FIRST_SUPPORTED_DAY, LAST_SUPPORTED_DAY, 'month')).toHaveLength(300 * 12);
  });
});

describe('day arithmetic', () => {
  it('stays inside the supported calendar', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(weekStart('2026-11-26')).toBe('2026-11-23');
    expect(() => addDays(LAST_SUPPORTED_DAY, 1)).toThrow(RangeError);
    expect(() => addDays(FIRST_SUPPORTED_DAY, -1)).toThrow(RangeError);
    expect(() => fromDayNumber(toDayNumber('2026-01-01') + 1e9)).toThrow(RangeError);
    expect(() => toDayNumber('not a day')).toThrow(RangeError);
  });
});

describe('periods', () => {
  it('cuts ISO weeks (Monday to Sunday) and calendar months, clipping the ends to the range', () => {
    expect(weekStart('2026-03-08')).toBe('2026-03-02');
    expect(weekStart('2026-03-09')).toBe('2026-03-09');
    expect(periodsBetween('2026-03-04', '2026-03-17', 'week')).toEqual([
      { start: '2026-03-04', end: '2026-03-08' },
      { start: '2026-03-09', end: '2026-03-15' },
      { start: '2026-03-16', end: '2026-03-17' },
    ]);
    expect(periodsBetween('2026-01-30', '2026-03-02', 'month')).toEqual([
      { start: '2026-01-30', end: '2026-01-31' },
      { start: '2026-02-01', end: '2026-02-28' },
      { start: '2026-03-01', end: '2026-03-02' },
    ]);
    expect(periodsBetween('2026-03-02', '2026-03-03', 'day')).toHaveLength(2);
  });
});
