import { growthOverWeeks, meanWeeklyGrowth, streakStart, viralGrowth } from './growth';

const WEEKS = ['2026-02-23', '2026-03-02', '2026-03-09', '2026-03-16', '2026-03-23'];

describe('community growth', () => {
  it('compares the last week with the week four before it', () => {
    expect(growthOverWeeks([10, 11, 12, 14, 15], 5)).toBe(0.5); // (15 − 10) / 10
    expect(growthOverWeeks([9, 10, 11, 12, 14, 6], 5)).toBe(-0.4); // (6 − 10) / 10
    expect(growthOverWeeks([10, 12, 15], 5)).toBeNull(); // fewer than 5 weeks
    expect(growthOverWeeks([0, 3, 6, 9, 12], 5)).toBeNull(); // from nothing
    expect(growthOverWeeks([4, 6, 8, 10, 12], 5)).toBeNull(); // the start rests on 4 people
    expect(growthOverWeeks([10, 8, 6, 4, 3], 5)).toBeNull(); // the end rests on 3
    expect(growthOverWeeks([10, 8, 6, 4, 0], 5)).toBe(-1); // zero discloses nothing
  });

  it('averages the weekly growth of the last four weeks', () => {
    // 10 → 12 → 12 → 15 → 10: +0.2, 0, +0.25, −1/3
    expect(meanWeeklyGrowth([10, 12, 12, 15, 10], 5)).toBeCloseTo((0.2 + 0 + 0.25 - 1 / 3) / 4, 12);
    // weeks from zero are left out: 0 → 0 → 6 → 9 → 9: +0.5, 0 only
    expect(meanWeeklyGrowth([0, 0, 6, 9, 9], 5)).toBe(0.25);
    expect(meanWeeklyGrowth([0, 0, 0, 0, 0], 5)).toBeNull();
    expect(meanWeeklyGrowth([10, 10, 4, 10, 10], 5)).toBeNull(); // 4 people in a week
    expect(meanWeeklyGrowth([10, 12], 5)).toBeNull();
  });

  it('finds the first week of the current growth streak, flat weeks included', () => {
    expect(streakStart([8, 8, 8, 12, 12])).toBe(3);
    expect(streakStart([5, 6, 6, 7, 9])).toBe(1);
    expect(streakStart([9, 6, 7, 7, 8])).toBe(2); // the fall 9 → 6 ends the run
    expect(streakStart([5, 6, 7, 6])).toBeNull(); // the last week fell
    expect(streakStart([5, 5, 5])).toBeNull();
    expect(streakStart([])).toBeNull();
  });

  it('flags viral growth of members or active people with k people at the end', () => {
    // members +50% (8 → 12), active people +100% (5 → 10): the fastest is active people, growing since 03-02
    expect(
      viralGrowth({ weeks: WEEKS, members: [8, 8, 8, 12, 12], activePeople: [5, 6, 7, 9, 10] }, 0.5, 5),
    ).toEqual({ growing: true, metric: 'activePeople', growth: 1, since: '2026-03-02' });
    // below the threshold: reported, not growing, no start
    expect(
      viralGrowth({ weeks: WEEKS, members: [10, 10, 11, 12, 12], activePeople: [5, 5, 5, 6, 6] }, 0.5, 5),
    ).toEqual({ growing: false, metric: 'members', growth: 0.2, since: null });
    // no membership listed: active people only
    expect(viralGrowth({ weeks: WEEKS, members: null, activePeople: [6, 6, 9, 9, 12] }, 0.5, 5)).toEqual({
      growing: true,
      metric: 'activePeople',
      growth: 1,
      since: '2026-03-09',
    });
    // k = 10: an end of 12 is enough, but a start of 6 is withheld, so no growth can be shown
    expect(viralGrowth({ weeks: WEEKS, members: null, activePeople: [6, 6, 9, 9, 12] }, 0.5, 10)).toEqual({
      growing: false,
      metric: null,
      growth: null,
      since: null,
    });
    expect(
      viralGrowth({ weeks: WEEKS, members: [0, 0, 0, 0, 0], activePeople: [0, 0, 0, 0, 0] }, 0.5, 5),
    ).toEqual({
      growing: false,
      metric: null,
      growth: null,
      since: null,
    });
  });
});
