import { dailyActivitySeries, daysBetween } from './daily-activity';
import { isSuppressed } from '../disclosure/suppression';

describe('daysBetween', () => {
  it('includes both ends and crosses month ends', () => {
    expect(daysBetween('2026-02-27', '2026-03-02')).toEqual([
      '2026-02-27',
      '2026-02-28',
      '2026-03-01',
      '2026-03-02',
    ]);
  });
  it('is empty when the range is reversed', () => {
    expect(daysBetween('2026-03-02', '2026-03-01')).toEqual([]);
  });
});

describe('isSuppressed', () => {
  it('withholds 1..k-1 people, shows 0 and k or more', () => {
    expect([0, 1, 4, 5, 6].map((n) => isSuppressed(n, 5))).toEqual([false, true, true, false, false]);
  });
});

describe('dailyActivitySeries', () => {
  it('fills quiet days with zero and suppresses days below k', () => {
    const series = dailyActivitySeries(
      'org',
      { from: '2026-03-01', to: '2026-03-04' },
      [
        { day: '2026-03-01', activePeople: 7, events: 30 },
        { day: '2026-03-03', activePeople: 2, events: 9 },
        { day: '2026-03-04', activePeople: 5, events: 5 },
      ],
      5,
    );
    expect(series.points).toEqual([
      { day: '2026-03-01', activePeople: 7, events: 30 },
      { day: '2026-03-02', activePeople: 0, events: 0 },
      {
        day: '2026-03-03',
        activePeople: null,
        events: null,
        suppressed: { code: 'below-k', minGroupSize: 5 },
      },
      { day: '2026-03-04', activePeople: 5, events: 5 },
    ]);
  });
});
