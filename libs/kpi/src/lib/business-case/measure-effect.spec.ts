import { completeWeeksSince, effectSeed, monthsBetween, postWeeksOf } from './measure-effect';

describe('effect windows', () => {
  it('derives the seed from the first 32 bits of the id', () => {
    expect(effectSeed('0000000a-0000-4000-8000-000000000000')).toBe(10);
    expect(effectSeed('ffffffff-0000-4000-8000-000000000000')).toBe(4_294_967_295);
    expect(() => effectSeed('not-a-uuid')).toThrow(RangeError);
  });

  it('counts complete weeks up to the current one, and caps the post window by them', () => {
    // 2026-10-21 is a Wednesday (week of 10-19); 2026-12-01 a Tuesday (week of 11-30): 6 weeks between
    expect(completeWeeksSince('2026-10-21', '2026-12-01')).toBe(6);
    expect(completeWeeksSince('2026-11-30', '2026-12-06')).toBe(0);
    expect(completeWeeksSince('2026-12-07', '2026-12-01')).toBe(0);
    expect(postWeeksOf(undefined, 6)).toBe(6);
    expect(postWeeksOf(3, 6)).toBe(3);
    expect(postWeeksOf(40, 6)).toBe(6);
    expect(postWeeksOf(undefined, 80)).toBe(52);
    expect(postWeeksOf(undefined, 0)).toBeNull();
  });

  it('counts months as days / (365.25 / 12)', () => {
    // 2026-01-01 .. 2026-07-02: 182 days
    expect(monthsBetween('2026-01-01', '2026-07-02')).toBeCloseTo(182 / 30.4375, 12);
    expect(monthsBetween('2026-07-02', '2026-01-01')).toBe(0);
  });
});
