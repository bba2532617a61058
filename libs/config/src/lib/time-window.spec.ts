import { ConfigError, loadConfig } from './config';
import {
  DEFAULT_TIME_WINDOW,
  directoryDayProblem,
  eventDayProblem,
  eventTimeProblem,
  isCalendarDay,
  latestPlanningDay,
  latestReportDay,
} from './time-window';

const NOW = new Date('2026-11-26T10:00:00Z');

describe('the accepted time window', () => {
  it('defaults to events from 1990-01-01 up to 24 hours ahead, and reads the settings', () => {
    expect(loadConfig({}).timeWindow).toEqual({ earliestDay: '1990-01-01', maxFutureHours: 24 });
    expect(loadConfig({ EVENT_EARLIEST_DATE: '2015-06-01', EVENT_MAX_FUTURE_HOURS: '0' }).timeWindow).toEqual(
      { earliestDay: '2015-06-01', maxFutureHours: 0 },
    );
  });

  it('names a bad EVENT_EARLIEST_DATE or EVENT_MAX_FUTURE_HOURS', () => {
    expect(() => loadConfig({ EVENT_EARLIEST_DATE: '1990-02-30' })).toThrow(
      /EVENT_EARLIEST_DATE: must be a calendar date YYYY-MM-DD/,
    );
    expect(() => loadConfig({ EVENT_EARLIEST_DATE: '1900-01-01' })).toThrow(
      /EVENT_EARLIEST_DATE: must not be before 1970-01-01/,
    );
    expect(() => loadConfig({ EVENT_EARLIEST_DATE: '2999-01-01' })).toThrow(
      /EVENT_EARLIEST_DATE: must not be in the future/,
    );
    expect(() => loadConfig({ EVENT_MAX_FUTURE_HOURS: '-1' })).toThrow(ConfigError);
    expect(() => loadConfig({ EVENT_MAX_FUTURE_HOURS: '100000' })).toThrow(/EVENT_MAX_FUTURE_HOURS/);
  });

  it('reads calendar days as written: year 0001 is not 1901, February 30th is no day', () => {
    expect(isCalendarDay('0001-01-01')).toBe(true);
    expect(isCalendarDay('2024-02-29')).toBe(true);
    expect(isCalendarDay('2026-02-29')).toBe(false);
    expect(isCalendarDay('2026-02-30')).toBe(false);
    expect(isCalendarDay('+010000-01-01')).toBe(false);
    expect(isCalendarDay(20260101)).toBe(false);
  });

  it('accepts event times from the earliest day up to now + EVENT_MAX_FUTURE_HOURS, naming field and value', () => {
    const window = DEFAULT_TIME_WINDOW;
    expect(eventTimeProblem('occurredAt', new Date('1990-01-01T00:00:00Z'), window, NOW)).toBeNull();
    expect(eventTimeProblem('occurredAt', new Date('2026-11-27T10:00:00Z'), window, NOW)).toBeNull();
    expect(eventTimeProblem('occurredAt', new Date('1989-12-31T23:59:59Z'), window, NOW)).toBe(
      'occurredAt 1989-12-31T23:59:59.000Z is before 1990-01-01, the earliest accepted day (EVENT_EARLIEST_DATE)',
    );
    const year1 = new Date(Date.UTC(2000, 0, 1));
    year1.setUTCFullYear(1);
    expect(eventTimeProblem('occurredAt', year1, window, NOW)).toContain('0001-01-01T00:00:00.000Z');
    expect(eventTimeProblem('occurredAt', new Date('9999-12-31T00:00:00Z'), window, NOW)).toBe(
      'occurredAt 9999-12-31T00:00:00.000Z is more than 24 hours in the future ' +
        '(latest accepted 2026-11-27T10:00:00.000Z, EVENT_MAX_FUTURE_HOURS)',
    );
    expect(eventTimeProblem('occurredAt', new Date(Number.NaN), window, NOW)).toBe(
      'occurredAt is not a valid time',
    );
  });

  it('accepts days of daily figures up to the day of the latest accepted time', () => {
    expect(eventDayProblem('day', '2026-11-27', DEFAULT_TIME_WINDOW, NOW)).toBeNull();
    expect(eventDayProblem('day', '2026-11-28', DEFAULT_TIME_WINDOW, NOW)).toBe(
      'day 2026-11-28 is after 2026-11-27, the latest accepted day (EVENT_MAX_FUTURE_HOURS)',
    );
    expect(eventDayProblem('day', '0001-01-01', DEFAULT_TIME_WINDOW, NOW)).toBe(
      'day 0001-01-01 is before 1990-01-01, the earliest accepted day (EVENT_EARLIEST_DATE)',
    );
  });

  it('accepts employment dates from 1900 to 2100', () => {
    expect(directoryDayProblem('startDate', '1900-01-01')).toBeNull();
    expect(directoryDayProblem('endDate', '2100-12-31')).toBeNull();
    expect(directoryDayProblem('startDate', '1899-12-31')).toBe(
      'startDate 1899-12-31 is before 1900-01-01, the earliest accepted day',
    );
    expect(directoryDayProblem('endDate', '2101-01-01')).toBe(
      'endDate 2101-01-01 is after 2100-12-31, the latest accepted day',
    );
  });

  it('ends reports tomorrow (UTC) and plans ten years ahead', () => {
    expect(latestReportDay(NOW)).toBe('2026-11-27');
    expect(latestPlanningDay(NOW)).toBe('2036-11-26');
  });
});
