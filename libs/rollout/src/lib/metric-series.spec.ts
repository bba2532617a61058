import type { FirstPostReport, KpiScope } from '@uptake/contracts';
import { proportionDifferenceInterval, type KpiReports } from '@uptake/kpi';
import { compareMetric } from './comparison-metrics';
import { WeeklyMetrics } from './metric-series';

const scope: KpiScope = {
  organisationId: '00000000-0000-4000-8000-000000000001',
  from: '2026-03-02',
  to: '2026-03-22',
  granularity: 'week',
  orgUnitId: null,
  groupId: null,
  minGroupSize: 5,
  perturbation: false,
};

const empty = { people: 0, retained4Weeks: { rate: null, low: null, high: null, people: 0 } };

/** A first-post report whose weeks hold 10 first posts (8 answered), none, and 6 withheld. */
function firstPostReport(): FirstPostReport {
  const group = { ...empty, retained8Weeks: empty.retained4Weeks };
  const none = { difference: null, low: null, high: null };
  return {
    scope,
    answered: group,
    unanswered: group,
    difference4Weeks: none,
    difference8Weeks: none,
    answeredWithin24h: null,
    byWeek: [
      { week: '2026-03-02', firstPosts: 10, answeredWithin24h: 0.8 },
      { week: '2026-03-09', firstPosts: 0, answeredWithin24h: null },
      {
        week: '2026-03-16',
        firstPosts: 6,
        answeredWithin24h: null,
        suppressed: { code: 'below-k', minGroupSize: 5 },
      },
    ],
    byUnit: [],
    byCommunity: [],
  };
}

describe('first_post_answered_24h', () => {
  it('is the weekly share of first posts answered within 24 h, with its counts for the intervals', async () => {
    const calls: unknown[][] = [];
    const reports = {
      firstPost: async (...args: unknown[]) => {
        calls.push(args);
        return firstPostReport();
      },
    } as unknown as KpiReports;
    const samples = await new WeeklyMetrics(reports, scope).series('first_post_answered_24h');
    // 0.8 × 10 = 8 answered of 10; an empty week and a withheld week have no value.
    expect(samples).toEqual([
      { week: '2026-03-02', value: 0.8, numerator: 8, denominator: 10 },
      { week: '2026-03-09', value: null, numerator: null, denominator: null },
      { week: '2026-03-16', value: null, numerator: null, denominator: null },
    ]);
    expect(calls).toEqual([[scope, 24]]);
  });

  it('compares a phase with the rest as a share (Newcombe on the last week both measured)', () => {
    // phase 8/10 = 0.8, rest 12/20 = 0.6: difference +0.2
    const phase = [{ week: '2026-03-02', value: 0.8, numerator: 8, denominator: 10 }];
    const rest = [{ week: '2026-03-02', value: 0.6, numerator: 12, denominator: 20 }];
    const comparison = compareMetric('first_post_answered_24h', phase, rest, 5);
    const interval = proportionDifferenceInterval(8, 10, 12, 20);
    expect(comparison).toMatchObject({
      label: 'First posts answered within 24 h',
      unit: 'share',
      phase: 0.8,
      comparison: 0.6,
      low: interval.low,
      high: interval.high,
    });
    expect(comparison.difference).toBeCloseTo(0.2, 10);
    // 8/10 against 12/20 is far from significant: the interval spans zero.
    expect(comparison.low).toBeLessThan(0);
    expect(comparison.significant).toBe(false);
  });
});
