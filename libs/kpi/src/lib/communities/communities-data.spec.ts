import { communityWindow, membersByWeek } from './communities-data';

describe('the window a community request reads', () => {
  it('covers the range, 365 days before its end and four weeks before its last week', () => {
    // 2026-03-02 (Mon) .. 03-29 (Sun): last week 03-23, series from 02-23; 365 days from 2025-03-30
    expect(communityWindow('2026-03-02', '2026-03-29')).toEqual({
      from: '2026-03-02',
      to: '2026-03-29',
      seriesStart: '2026-02-23',
      firstDay: '2025-03-30',
      weeks: ['2026-02-23', '2026-03-02', '2026-03-09', '2026-03-16', '2026-03-23'],
    });
    // a long range starts the series with its own first week; a range of one Wednesday still has 5 weeks
    expect(communityWindow('2025-01-01', '2026-03-04').seriesStart).toBe('2024-12-30');
    expect(communityWindow('2026-03-04', '2026-03-04').weeks).toEqual([
      '2026-02-02',
      '2026-02-09',
      '2026-02-16',
      '2026-02-23',
      '2026-03-02',
    ]);
  });
});

describe('members by week', () => {
  it('adds up joins week by week, earlier joins from the start, with the cell keys', () => {
    const joins = new Map([
      ['2026-02-16', { count: 8, key: 100 }], // before the series
      ['2026-03-02', { count: 2, key: 4_294_967_000 }],
      ['2026-03-16', { count: 3, key: 500 }],
    ]);
    const { members, weekly } = membersByWeek(joins, [
      '2026-02-23',
      '2026-03-02',
      '2026-03-09',
      '2026-03-16',
    ]);
    expect(weekly).toEqual([
      { count: 8, key: 100 },
      { count: 10, key: (100 + 4_294_967_000) % 2 ** 32 },
      { count: 10, key: (100 + 4_294_967_000) % 2 ** 32 },
      { count: 13, key: (100 + 4_294_967_000 + 500) % 2 ** 32 },
    ]);
    expect(members).toEqual({ count: 13, key: (100 + 4_294_967_000 + 500) % 2 ** 32 });
    expect(membersByWeek(new Map(), ['2026-02-23'])).toEqual({
      members: { count: 0, key: 0 },
      weekly: [{ count: 0, key: 0 }],
    });
  });
});
