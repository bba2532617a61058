import type { BusinessValueReport, CostBreakdown, ValueRange } from '@uptake/contracts';
import { definitionHash } from '@uptake/kpi';
import { businessCaseTotals, commonCurrency } from './business-case-totals';
import { goalBaselineView, goalDefinition, weeksBefore, wholeWeeks } from './goal-baseline';

/** licences 4 €/seat/month · 120 seats · 12 months = 5,760; up front 15,000 + (120 + 200) h · 60 € = 34,200. */
const COST: CostBreakdown = {
  licences: 5_760,
  oneOff: 15_000,
  peopleTime: 19_200,
  total: 39_960,
  upfront: 34_200,
  monthly: 480,
};

function valueReport(
  currency: string,
  valuePerYear: ValueRange | null,
  assumedValuePerYear: number | null = null,
): BusinessValueReport {
  const none = { estimate: null, p10: null, p90: null };
  return {
    label: 'observational estimate',
    currency,
    horizonMonths: 12,
    monthsElapsed: 0,
    assumptions: {
      minutesPerUnit: 3,
      lowerIsBetter: true,
      people: 60,
      workingWeeksPerYear: 44,
      hourlyCost: 60,
      currency,
    },
    cost: COST,
    measured: valuePerYear
      ? { hoursPerPersonPerYear: none, valuePerYear, valueToDate: none, roi: none, paybackMonth: none }
      : null,
    assumed:
      assumedValuePerYear === null
        ? null
        : {
            activePeople: 20,
            hoursPerPersonPerYear: 0,
            valuePerYear: assumedValuePerYear,
            valueToDate: 0,
            roi: null,
            paybackMonth: null,
          },
  };
}

describe('business-case totals', () => {
  const a = valueReport('EUR', { estimate: 100_000, p10: 60_000, p90: 140_000 }, 22_000);
  const b = valueReport('EUR', { estimate: 50_000, p10: 20_000, p90: 70_000 });

  it('sums the goals’ values and percentiles, and applies ROI, payback and value to date to the sum', () => {
    const totals = businessCaseTotals([a, b], COST, 12, 3);
    // 100,000 + 50,000; p10 60,000 + 20,000; p90 140,000 + 70,000
    expect(totals?.valuePerYear).toEqual({ estimate: 150_000, p10: 80_000, p90: 210_000 });
    // (v · 12/12 − 39,960) / 39,960
    expect(totals?.roi.estimate).toBeCloseTo(110_040 / 39_960, 12);
    expect(totals?.roi.p10).toBeCloseTo(40_040 / 39_960, 12);
    expect(totals?.roi.p90).toBeCloseTo(170_040 / 39_960, 12);
    // payback: v/12 · m ≥ 34,200 + 480 · m. 150,000: 12,020 m ≥ 34,200 → m = 3 (2.85);
    // p10 from the p90 value 210,000: 17,020 m ≥ 34,200 → 3 (2.01); p90 from 80,000: 6,186.7 m ≥ 34,200 → 6 (5.53)
    expect(totals?.paybackMonth).toEqual({ estimate: 3, p10: 3, p90: 6 });
    // three months of twelve: a quarter of the yearly value
    expect(totals?.valueToDate).toEqual({ estimate: 37_500, p10: 20_000, p90: 52_500 });
    expect(totals?.assumedValuePerYear).toBe(22_000);
    expect(totals?.rangeMethod).toBe(
      'sum of the goals’ 10th and 90th percentiles (wider than a joint range)',
    );
  });

  it('accrues value to date over at most the horizon', () => {
    expect(businessCaseTotals([a], COST, 12, 15)?.valueToDate.estimate).toBe(100_000);
    expect(businessCaseTotals([a], COST, 12, 0)?.valueToDate.estimate).toBe(0);
  });

  it('leaves out goals without a measured value; null without any, or in different currencies', () => {
    const unmeasured = valueReport('EUR', null, 5_000);
    expect(businessCaseTotals([a, unmeasured], COST, 12, 0)?.valuePerYear.estimate).toBe(100_000);
    expect(businessCaseTotals([a, unmeasured], COST, 12, 0)?.assumedValuePerYear).toBe(27_000);
    expect(businessCaseTotals([unmeasured], COST, 12, 0)).toBeNull();
    expect(businessCaseTotals([], COST, 12, 0)).toBeNull();
    expect(
      businessCaseTotals([a, valueReport('USD', { estimate: 1, p10: 0, p90: 2 })], COST, 12, 0),
    ).toBeNull();
    expect(commonCurrency([a, b])).toBe('EUR');
    expect(commonCurrency([a, valueReport('USD', null)])).toBeNull();
    expect(commonCurrency([])).toBeNull();
  });

  it('has no sum when a goal lacks a percentile (a partial sum would look complete)', () => {
    const partial = valueReport('EUR', { estimate: 10, p10: null, p90: 20 });
    expect(businessCaseTotals([a, partial], COST, 12, 0)?.valuePerYear).toEqual({
      estimate: 100_010,
      p10: null,
      p90: 140_020,
    });
  });
});

describe('goal baselines', () => {
  const goal = { kpi: 'emails_sent_per_person_per_week', orgUnitId: null, groupId: 'g1' };

  it('defines what a goal measures with the KPI’s definition version', () => {
    expect(goalDefinition(goal)).toEqual({
      kpi: 'emails_sent_per_person_per_week',
      population: { orgUnitId: null, groupId: 'g1' },
      filters: {},
      definitionVersion: 1,
    });
  });

  it('snaps pre-periods to whole weeks', () => {
    // Wednesday 2026-10-21 .. Friday 2026-10-30: Monday 10-19 .. Sunday 11-01, 2 weeks
    expect(wholeWeeks('2026-10-21', '2026-10-30')).toEqual({
      from: '2026-10-19',
      to: '2026-11-01',
      weeks: 2,
    });
    expect(wholeWeeks('2026-10-30', '2026-10-21')).toBeNull();
    // 8 weeks before the week of Wednesday 2026-10-21
    expect(weeksBefore('2026-10-21', 8)).toEqual({ from: '2026-08-24', to: '2026-10-18', weeks: 8 });
  });

  it('says when the goal moved away from the definition its baseline was frozen with', () => {
    const frozenAt = new Date('2026-11-02T10:00:00Z');
    const frozenBaseline = {
      definition: goalDefinition(goal),
      value: 131,
      from: '2026-08-24',
      to: '2026-10-18',
      weeks: 8,
      withheldWeeks: 0,
      definitionHash: definitionHash(goalDefinition(goal)),
    };
    const view = goalBaselineView({ ...goal, frozenBaseline, baselineFrozenAt: frozenAt });
    expect(view).toMatchObject({ value: 131, frozenAt: '2026-11-02T10:00:00.000Z', changed: false });
    expect(
      goalBaselineView({ ...goal, groupId: 'g2', frozenBaseline, baselineFrozenAt: frozenAt })?.changed,
    ).toBe(true);
    expect(goalBaselineView({ ...goal, frozenBaseline: null, baselineFrozenAt: null })).toBeNull();
  });
});
