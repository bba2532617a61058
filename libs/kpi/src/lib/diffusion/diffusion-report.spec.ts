import { bassCumulative, bassTimeToReach } from './bass-model';
import { diffusionReport } from './diffusion-report';
import { addDays } from '../core/periods';
import type { Member } from '../core/members';

/** 1,000 eligible people; adoption follows a Bass curve (p = 0.02, q = 0.4 per week, m = 800) for 20 weeks. */
function bassPopulation(): Member[] {
  const launch = '2026-01-05'; // a Monday
  const members: Member[] = [];
  let adopted = 0;
  for (let week = 1; week <= 20; week++) {
    const target = Math.round(bassCumulative(week, 0.02, 0.4, 800));
    for (; adopted < target; adopted++) {
      // adopters of week w adopt on its Wednesday: the week-end counts match the curve exactly
      const day = addDays(launch, (week - 1) * 7 + 2);
      members.push(member(`p${adopted}`, day));
    }
  }
  while (members.length < 1000) members.push(member(`p${members.length}`, null));
  return members;
}

function member(id: string, firstActiveDay: string | null): Member {
  return {
    id,
    listed: true,
    startDate: null,
    endDate: null,
    firstActiveDay,
    lastActiveDay: firstActiveDay,
    orgUnitId: null,
    recordKey: 0,
  };
}

describe('diffusionReport', () => {
  it('recovers the Bass curve of the population and forecasts when 60% of eligible people have adopted', () => {
    const to = '2026-05-24'; // the Sunday of week 20
    const report = diffusionReport(bassPopulation(), to, 5, {
      targetShare: 0.6,
      horizonWeeks: 52,
      samples: 50,
    });
    expect(report.eligible).toBe(1000);
    expect(report.curve).toHaveLength(20);
    expect(report.curve[19]).toEqual({
      week: '2026-05-18',
      adopters: Math.round(bassCumulative(20, 0.02, 0.4, 800)),
    });
    // rounding to whole people is the only noise: within 2% on m and 10% on p and q
    expect(report.bass!.m).toBeGreaterThan(784);
    expect(report.bass!.m).toBeLessThan(816);
    expect(Math.abs(report.bass!.p - 0.02) / 0.02).toBeLessThan(0.1);
    expect(Math.abs(report.bass!.q - 0.4) / 0.4).toBeLessThan(0.1);
    // 600 adopters: analytically at t = bassTimeToReach(600) weeks after the launch Monday
    const weeks = bassTimeToReach(600, 0.02, 0.4, 800)!;
    const expected = addDays('2026-01-05', Math.ceil(weeks * 7) - 1);
    const forecast = report.forecast!;
    expect(Math.abs(Date.parse(forecast.date!) - Date.parse(expected)) / 86_400_000).toBeLessThanOrEqual(7);
    expect(forecast.p10! <= forecast.date! && forecast.date! <= forecast.p90!).toBe(true);
    // Rogers categories add up to the adopters
    const counted = report.categories.reduce((sum, category) => sum + (category.count ?? 0), 0);
    expect(counted).toBe(report.adopters);
  });

  it('says why there is no forecast when the target is beyond the fitted potential', () => {
    const report = diffusionReport(bassPopulation(), '2026-05-24', 5, {
      targetShare: 0.95,
      horizonWeeks: 52,
    });
    expect(report.forecast).toMatchObject({ date: null, reason: 'target-not-below-market-potential' });
  });

  it('shows nothing when fewer than k people adopted', () => {
    const report = diffusionReport([member('a', '2026-01-07'), member('b', null)], '2026-02-01', 5, {
      targetShare: 0.6,
      horizonWeeks: 52,
    });
    expect(report).toMatchObject({
      eligible: null,
      adopters: null,
      bass: null,
      suppressed: { code: 'below-k' },
    });
  });

  it('answers an empty report, saying why, before anybody adopted', () => {
    const report = diffusionReport([member('a', null)], '2026-02-01', 1, {
      targetShare: 0.6,
      horizonWeeks: 52,
    });
    expect(report).toMatchObject({
      eligible: 1,
      adopters: 0,
      curve: [],
      bass: null,
      reason: 'nobody has adopted yet',
    });
  });
});
