import {
  addDays,
  daysBetween,
  formatCount,
  formatCountChange,
  formatDay,
  formatHours,
  formatMoney,
  formatPointsChange,
  formatRatio,
  formatShare,
  formatWaitingTime,
  hiddenLabel,
  percentOrNull,
  withheldFigures,
} from './format';
import { inDutch } from '../../locale/testing';

const k5 = withheldFigures(5);

describe('formatting', () => {
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

  it('says why a figure is withheld instead of showing 0', () => {
    expect(hiddenLabel(5)).toBe('hidden (< 5 people)');
    expect(formatShare(null, k5)).toBe('hidden (< 5 people)');
    expect(formatCount(null, withheldFigures(7))).toBe('hidden (< 7 people)');
    expect(formatRatio(null, k5)).toBe('hidden (< 5 people)');
    expect(formatWaitingTime(null, k5)).toBe('hidden (< 5 people)');
  });

  it('shows a missing figure of a report that withholds nothing as a dash', () => {
    expect(formatShare(null)).toBe('–');
    expect(formatCount(null)).toBe('–');
  });

  it('formats shares with trailing zeros, counts and ratios of a withholding report', () => {
    expect(formatShare(0.3979977753058954, k5)).toBe('39.8%');
    expect(formatShare(0, k5)).toBe('0.0%');
    expect(formatShare(0.5, { ...k5, digits: 0 })).toBe('50%');
    expect(formatCount(1089, k5)).toBe('1,089');
    expect(formatCount(0, k5)).toBe('0');
    expect(formatRatio(1.8802030456852792, k5)).toBe('1.88');
  });

  it('formats waiting times as minutes, hours or days', () => {
    expect(formatWaitingTime(0.25, k5)).toBe('15 min');
    expect(formatWaitingTime(12.174646388888888, k5)).toBe('12.2 h');
    expect(formatWaitingTime(60, k5)).toBe('2.5 days');
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

describe('formatting in Dutch', () => {
  inDutch();

  it('groups thousands with points and writes decimals with a comma', () => {
    expect(formatCount(1234.4)).toBe('1.234');
    expect(formatShare(0.4213)).toBe('42,1%');
    expect(formatShare(0, k5)).toBe('0,0%');
    expect(formatRatio(1.8802030456852792, k5)).toBe('1,88');
    expect(formatHours(1234.5)).toBe('1.234,5 uur');
    expect(formatCountChange(-1500)).toBe('\u22121.500');
    expect(formatPointsChange(0.031)).toBe('+3,1 %-punt');
  });

  it('writes waiting times, money and days the Dutch way', () => {
    expect(formatWaitingTime(0.25)).toBe('15 min');
    expect(formatWaitingTime(12.174646388888888)).toBe('12,2 uur');
    expect(formatWaitingTime(60)).toBe('2,5 dagen');
    expect(formatMoney(1234567.8, 'EUR')).toBe('€\u00a01.234.568');
    expect(formatDay('2026-12-01')).toBe('1 dec 2026');
    expect(formatDay('2026-03-05')).toBe('5 mrt 2026');
  });

  it('says in Dutch why a figure is withheld', () => {
    expect(hiddenLabel(5)).toBe('verborgen (minder dan 5 personen)');
    expect(formatShare(null, withheldFigures(7))).toBe('verborgen (minder dan 7 personen)');
    expect(formatShare(null)).toBe('–');
  });
});
