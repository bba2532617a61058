import { proportionDifferenceInterval } from '@uptake/kpi';
import { compareMetric } from './comparison-metrics';
import { adoptionNeeded } from './rollout-evaluator';

describe('adoptionNeeded', () => {
  it('is the threshold itself for adoption criteria', () => {
    expect(adoptionNeeded({ metric: 'adoption_rate', threshold: 0.8 }, 0.5, null)).toBe(0.8);
  });

  it('keeps the current ratio to adoption: 30% weekly active at 60% adopted needs 80% adopted for 40%', () => {
    expect(adoptionNeeded({ metric: 'weekly_active_rate', threshold: 0.4 }, 0.3, 0.6)).toBeCloseTo(0.8, 10);
  });

  it('is null when even full adoption would not do, undefined without a ratio', () => {
    expect(adoptionNeeded({ metric: 'contributor_share', threshold: 0.5 }, 0.2, 0.6)).toBeNull();
    expect(adoptionNeeded({ metric: 'contributor_share', threshold: 0.5 }, 0, 0.6)).toBeUndefined();
    expect(adoptionNeeded({ metric: 'contributor_share', threshold: 0.5 }, 0.2, null)).toBeUndefined();
  });
});

describe('compareMetric', () => {
  const week = (w: string, numerator: number | null, denominator: number | null) => ({
    week: w,
    value: numerator !== null && denominator ? numerator / denominator : null,
    numerator,
    denominator,
  });

  it('compares shares in the latest week both sides were measured, with Newcombe’s interval', () => {
    const mine = [week('2026-03-02', 3, 10), week('2026-03-09', 6, 10), week('2026-03-16', null, null)];
    const theirs = [week('2026-03-02', 10, 50), week('2026-03-09', 15, 50), week('2026-03-16', 20, 50)];
    const result = compareMetric('weekly_active_rate', mine, theirs, 5);
    const expected = proportionDifferenceInterval(6, 10, 15, 50);
    expect(result).toMatchObject({ phase: 0.6, comparison: 0.3, significant: expected.low > 0 });
    expect(result.low).toBeCloseTo(expected.low, 12);
    expect(result.weeks[2]).toEqual({ week: '2026-03-16', phase: null, comparison: 0.4 });
    expect(result.suppressed).toBeUndefined();
  });

  it('compares hours as means over the weeks both were measured, with a t interval', () => {
    const hours = (w: string, value: number | null) => ({
      week: w,
      value,
      numerator: null,
      denominator: null,
    });
    const result = compareMetric(
      'median_hours_to_first_response',
      [hours('a', 2), hours('b', 4), hours('c', null)],
      [hours('a', 5), hours('b', 9), hours('c', 7)],
      5,
    );
    // Paired weeks a and b: differences −3 and −5 → mean −4.
    expect(result).toMatchObject({ phase: 3, comparison: 7, difference: -4 });
    expect(result.low).toBeLessThan(-4);
    expect(result.high).toBeGreaterThan(-4);
  });

  it('withholds the comparison, with the reason, when no week has both sides', () => {
    const result = compareMetric('adoption_rate', [week('w', null, null)], [week('w', 3, 10)], 5);
    expect(result).toMatchObject({
      phase: null,
      difference: null,
      suppressed: { code: 'below-k', minGroupSize: 5 },
    });
  });
});
