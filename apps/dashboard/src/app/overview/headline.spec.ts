import { adoptionHeadline, weeklyActiveRate } from './headline';
import { adoptionPoint, adoptionReport, HIDDEN } from './test-data';

describe('adoptionHeadline', () => {
  it('shows the latest week and the change since 4 weeks earlier', () => {
    const headline = adoptionHeadline(adoptionReport)!;
    expect(headline.asOf.start).toBe('2026-03-09');
    expect(headline.comparedWith?.start).toBe('2026-02-09');
    const byKey = Object.fromEntries(headline.figures.map((f) => [f.key, f]));
    expect(byKey['eligible']).toMatchObject({ raw: 210, value: '210', change: '+10', direction: 'up' });
    expect(byKey['activated']).toMatchObject({ value: '105', change: '+45' }); // 105 - 60
    expect(byKey['adoptionRate']).toMatchObject({ value: '50%', change: '+20 pts' }); // 0.5 - 0.3
    // 84 weekly active of 210 eligible = 40%
    expect(byKey['weeklyActive']).toMatchObject({ value: '84', change: '+34', detail: '40% of eligible' });
    expect(byKey['stickiness']).toMatchObject({ value: '25%', change: '+5 pts', direction: 'up' });
  });

  it('has no change when the range is shorter than 5 weeks', () => {
    const short = { ...adoptionReport, points: adoptionReport.points.slice(-2) };
    const headline = adoptionHeadline(short)!;
    expect(headline.comparedWith).toBeNull();
    expect(headline.figures.every((f) => f.change === null && f.direction === null)).toBe(true);
  });

  it('marks hidden figures with k instead of showing 0', () => {
    const hidden = adoptionPoint('2026-03-09', '2026-03-15', { eligible: 4, suppressed: HIDDEN });
    const headline = adoptionHeadline({
      ...adoptionReport,
      points: [...adoptionReport.points.slice(0, 5), hidden],
    })!;
    const activated = headline.figures.find((f) => f.key === 'activated')!;
    expect(activated).toMatchObject({ raw: null, value: null, hiddenBelow: 5, change: null });
    // a figure that is not withheld stays shown
    expect(headline.figures.find((f) => f.key === 'eligible')).toMatchObject({
      value: '4',
      hiddenBelow: null,
    });
  });

  it('is undefined for a report without weeks', () => {
    expect(adoptionHeadline({ ...adoptionReport, points: [] })).toBeUndefined();
  });
});

describe('weeklyActiveRate', () => {
  it('divides weekly active by eligible, and is null without either or with no eligible people', () => {
    expect(weeklyActiveRate(adoptionReport.points[5])).toBe(0.4);
    expect(weeklyActiveRate(adoptionReport.points[0])).toBeNull();
    expect(weeklyActiveRate(adoptionPoint('a', 'b', { eligible: 0, weeklyActive: 0 }))).toBeNull();
  });
});
