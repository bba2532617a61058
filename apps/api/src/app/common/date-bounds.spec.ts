import { BadRequestException } from '@nestjs/common';
import { loadConfig, type ResolvedConfig } from '@uptake/config';
import { DateBounds } from './date-bounds';

const NOW = new Date('2026-11-26T10:00:00Z');

describe('DateBounds', () => {
  const bounds = new DateBounds(loadConfig({ EVENT_EARLIEST_DATE: '2015-01-01' }) as ResolvedConfig);
  const message = (call: () => unknown) => {
    try {
      call();
    } catch (error) {
      return (error as BadRequestException).message;
    }
    return null;
  };

  it('checks report days against EVENT_EARLIEST_DATE and tomorrow (UTC), naming field and value', () => {
    expect(message(() => bounds.assertReportDay('to', '2026-11-27', NOW))).toBeNull();
    expect(message(() => bounds.assertReportDay('to', '2026-11-28', NOW))).toBe(
      'to 2026-11-28 is after 2026-11-27, the latest accepted day (tomorrow, UTC)',
    );
    expect(message(() => bounds.assertReportDay('from', '2014-12-31', NOW))).toBe(
      'from 2014-12-31 is before 2015-01-01, the earliest accepted day (EVENT_EARLIEST_DATE)',
    );
  });

  it('checks planning days up to ten years ahead', () => {
    expect(message(() => bounds.assertPlanningDay('deadline', '2036-11-26', NOW))).toBeNull();
    expect(message(() => bounds.assertPlanningDay('deadline', '2036-11-27', NOW))).toBe(
      'deadline 2036-11-27 is after 2036-11-26, the latest accepted day (10 years ahead)',
    );
  });

  it('moves a stored last active day into the window, even one past year 9999', () => {
    expect(bounds.clampReportDay('2026-03-01', NOW)).toBe('2026-03-01');
    expect(bounds.clampReportDay('9999-12-31', NOW)).toBe('2026-11-27');
    expect(bounds.clampReportDay('12000-01-01', NOW)).toBe('2026-11-27');
    expect(bounds.clampReportDay('1901-01-01', NOW)).toBe('2015-01-01');
    expect(bounds.clampReportDay(null, NOW)).toBe('2026-11-26');
  });

  it('resolves a default range ending on the clamped last active day', async () => {
    const range = await bounds.resolveRange({}, async () => '9999-12-31');
    expect(range.to > '2026-01-01' && range.to < '2100-01-01').toBe(true);
    await expect(
      bounds.resolveRange({ from: '2016-01-01', to: '2026-01-01' }, async () => null),
    ).rejects.toThrow('the range 2016-01-01..2026-01-01 is longer than 1100 days');
  });
});
