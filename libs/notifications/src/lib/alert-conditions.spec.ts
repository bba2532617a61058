import { crossing, isStale, scheduleInterval, staleAfterMs } from './alert-conditions';
import { alertKey, conditionInstance, digestKey } from './dedup-keys';

const HOUR = 3_600_000;
const stale = { kind: 'source_stale', sourceId: null, scheduleMultiple: 3, unscheduledHours: 48 } as const;
const now = new Date('2026-12-01T12:00:00Z');

describe('staleness', () => {
  it('reads the interval of a cron schedule: hourly, daily at 03:00', () => {
    expect(scheduleInterval('0 * * * *', 'UTC', now)).toBe(HOUR);
    expect(scheduleInterval('0 3 * * *', 'Europe/Amsterdam', now)).toBe(24 * HOUR);
    expect(scheduleInterval('not a cron', 'UTC', now)).toBeNull();
  });

  it('allows N schedule intervals, or the unscheduled hours', () => {
    const base = { createdAt: new Date('2026-01-01T00:00:00Z'), lastSuccessAt: null };
    expect(staleAfterMs({ ...base, schedule: '0 * * * *' }, stale, 'UTC', now)).toBe(3 * HOUR);
    expect(staleAfterMs({ ...base, schedule: null }, stale, 'UTC', now)).toBe(48 * HOUR);
    expect(
      staleAfterMs({ ...base, schedule: 'garbage' }, { ...stale, unscheduledHours: 5 }, 'UTC', now),
    ).toBe(5 * HOUR);
  });

  it('is stale only after more than the allowance since the last success (or the creation)', () => {
    const hourly = { schedule: '0 * * * *', createdAt: new Date('2026-01-01T00:00:00Z') };
    expect(isStale({ ...hourly, lastSuccessAt: new Date('2026-12-01T09:00:00Z') }, stale, 'UTC', now)).toBe(
      false,
    );
    expect(isStale({ ...hourly, lastSuccessAt: new Date('2026-12-01T08:59:59Z') }, stale, 'UTC', now)).toBe(
      true,
    );
    // Never synced, created an hour ago: not stale yet; created three days ago: stale.
    const fresh = { schedule: null, lastSuccessAt: null, createdAt: new Date('2026-12-01T11:00:00Z') };
    expect(isStale(fresh, stale, 'UTC', now)).toBe(false);
    expect(isStale({ ...fresh, createdAt: new Date('2026-11-28T11:00:00Z') }, stale, 'UTC', now)).toBe(true);
  });
});

describe('crossing', () => {
  it('fires when the figure goes below the threshold, once, and again after it came back', () => {
    let previous: boolean | null | undefined = undefined;
    const fired: boolean[] = [];
    for (const value of [0.5, 0.39, 0.38, null, 0.35, 0.41, 0.3]) {
      const result = crossing(previous, value, 'below', 0.4);
      fired.push(result.fires);
      previous = result.beyond;
    }
    expect(fired).toEqual([false, true, false, false, false, false, true]);
  });

  it('fires on the first reading of a new rule when the figure is already beyond', () => {
    expect(crossing(undefined, 0.7, 'above', 0.6)).toEqual({ beyond: true, fires: true });
    expect(crossing(null, 0.6, 'above', 0.6)).toEqual({ beyond: false, fires: false });
  });

  it('keeps the previous side while the figure is withheld (below k)', () => {
    expect(crossing(true, null, 'above', 0.6)).toEqual({ beyond: true, fires: false });
    expect(crossing(undefined, null, 'above', 0.6)).toEqual({ beyond: null, fires: false });
    expect(crossing(false, Number.NaN, 'above', 0.6)).toEqual({ beyond: false, fires: false });
  });
});

describe('dedup keys', () => {
  it('one digest per member and period, one alert per rule, instance and channel', () => {
    expect(digestKey('u1', '2026-W49')).toBe('digest:u1:2026-W49');
    expect(digestKey('u1', '2026-W49')).not.toBe(digestKey('u1', '2026-W50'));
    expect(alertKey('r1', conditionInstance.gateChange('e1'), 'email')).toBe('alert:r1:gate:e1:email');
    expect(alertKey('r1', conditionInstance.gateChange('e1'), 'slack')).not.toBe(
      alertKey('r1', conditionInstance.gateChange('e1'), 'email'),
    );
    // A stale episode is the time since the last success: a new success starts another one.
    expect(conditionInstance.stale('s1', null)).toBe('stale:s1:never');
    expect(conditionInstance.stale('s1', 'run-7')).not.toBe(conditionInstance.stale('s1', 'run-8'));
    expect(conditionInstance.failing('s1', 'run-7')).not.toBe(conditionInstance.stale('s1', 'run-7'));
    expect(conditionInstance.crossing(2)).toBe('crossing:2');
  });
});
