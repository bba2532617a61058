import {
  addDays,
  daysBetween,
  formatCount,
  formatDay,
  formatHours,
  formatRatio,
  formatShare,
  hiddenLabel,
  percentOrNull,
} from './format';

describe('adoption formatting', () => {
  it('says why a figure is withheld instead of showing 0', () => {
    expect(hiddenLabel(5)).toBe('hidden (< 5 people)');
    expect(formatShare(null, 5)).toBe('hidden (< 5 people)');
    expect(formatCount(null, 7)).toBe('hidden (< 7 people)');
    expect(formatRatio(null, 5)).toBe('hidden (< 5 people)');
    expect(formatHours(null, 5)).toBe('hidden (< 5 people)');
  });

  it('formats shares, counts and ratios', () => {
    expect(formatShare(0.3979977753058954, 5)).toBe('39.8%');
    expect(formatShare(0, 5)).toBe('0.0%');
    expect(formatShare(0.5, 5, 0)).toBe('50%');
    expect(formatCount(1089, 5)).toBe('1,089');
    expect(formatCount(0, 5)).toBe('0');
    expect(formatRatio(1.8802030456852792, 5)).toBe('1.88');
  });

  it('formats hours as minutes, hours or days', () => {
    expect(formatHours(0.25, 5)).toBe('15 min');
    expect(formatHours(12.174646388888888, 5)).toBe('12.2 h');
    expect(formatHours(60, 5)).toBe('2.5 days');
  });

  it('shifts and formats ISO dates without time-zone drift', () => {
    expect(addDays('2026-01-05', 6)).toBe('2026-01-11');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(addDays('2026-03-29', 7)).toBe('2026-04-05');
    expect(formatDay('2026-04-07')).toBe('7 Apr 2026');
    expect(daysBetween('2026-02-27', '2026-03-02')).toBe(3);
    expect(daysBetween('2026-03-02', '2026-02-27')).toBe(-3);
  });

  it('turns shares into chart percentages and keeps gaps', () => {
    expect(percentOrNull(0.1184573)).toBe(11.8);
    expect(percentOrNull(null)).toBeNull();
  });
});
