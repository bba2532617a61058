import {
  formatCount,
  formatCountChange,
  formatDay,
  formatHours,
  formatMoney,
  formatPointsChange,
  formatShare,
} from './format';

describe('overview formatting', () => {
  it('formats counts, shares and hours', () => {
    expect(formatCount(1234.4)).toBe('1,234');
    expect(formatShare(0.4213)).toBe('42.1%');
    expect(formatShare(0.5)).toBe('50%');
    expect(formatHours(12.345)).toBe('12.3 h');
  });

  it('signs changes, with a real minus and ± for none', () => {
    expect(formatCountChange(12)).toBe('+12');
    expect(formatCountChange(-1500)).toBe('\u22121,500');
    expect(formatCountChange(0)).toBe('±0');
    expect(formatPointsChange(0.031)).toBe('+3.1 pts');
    expect(formatPointsChange(-0.1)).toBe('\u221210 pts');
    // 0.1 + 0.2 - 0.3 is 5.5e-17 in floating point: no change, not "+0 pts"
    expect(formatPointsChange(0.1 + 0.2 - 0.3)).toBe('±0 pts');
  });

  it('formats money per currency without cents and days without shifting them', () => {
    expect(formatMoney(1234567.8, 'EUR')).toBe('€1,234,568');
    expect(formatMoney(500, 'USD')).toBe('$500');
    expect(formatDay('2026-06-30')).toBe('30 Jun 2026');
  });
});
