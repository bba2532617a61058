import { differenceInDifferencesReportSchema } from '@uptake/contracts';
import {
  DEFAULT_MIN_PEOPLE_PER_GROUP,
  didWindows,
  differenceInDifferences,
  type DidOptions,
  type PanelRow,
} from './difference-in-differences';
import { parallelTrends } from './parallel-trends';

// Weeks (Mondays): W0 is before the pre window, W1..W2 the pre window, W3..W4 the post window.
const W0 = '2026-02-09';
const W1 = '2026-02-16';
const W2 = '2026-02-23';
const W3 = '2026-03-02';
const W4 = '2026-03-09';

const rows = (person: string, group: PanelRow['group'], values: Record<string, number>): PanelRow[] =>
  Object.entries(values).map(([week, value]) => ({ person, group, week, value }));

/*
 * Treated A: pre 10, 12 (mean 11), post 8, 6 (mean 7): change −4 (and a W0 row outside the windows).
 * Treated B: pre 20 (W2 missing), post 15, 13 (mean 14): change −6.
 * Treated E: post only: no change can be measured, left out.
 * Comparison C: pre 10, 10, post 11, 11: change +1. Comparison D: pre 30, 32 (31), post 31, 31: change 0.
 * Effect = mean(−4, −6) − mean(1, 0) = −5 − 0.5 = −5.5; treated pre mean (11 + 20) / 2 = 15.5;
 * relative −5.5 / 15.5 = −0.3548.
 */
const panel: PanelRow[] = [
  ...rows('A', 'treated', { [W0]: 999, [W1]: 10, [W2]: 12, [W3]: 8, [W4]: 6 }),
  ...rows('B', 'treated', { [W1]: 20, [W3]: 15, [W4]: 13 }),
  ...rows('E', 'treated', { [W3]: 50, [W4]: 50 }),
  ...rows('C', 'comparison', { [W1]: 10, [W2]: 10, [W3]: 11, [W4]: 11 }),
  ...rows('D', 'comparison', { [W1]: 30, [W2]: 32, [W3]: 31, [W4]: 31 }),
];

const options: DidOptions = {
  phaseStart: '2026-03-04', // a Wednesday: the start week is the week of W3
  preWeeks: 2,
  postWeeks: 2,
  seed: 42,
  replicates: 500,
  minPeoplePerGroup: 2,
  rule: 2,
};

describe('didWindows', () => {
  it('cuts the pre weeks before the start week and the post weeks from it, Monday to Sunday', () => {
    expect(didWindows('2026-03-04', 2, 3)).toEqual({
      phaseStart: W3,
      pre: { from: W1, to: '2026-03-01' },
      post: { from: W3, to: '2026-03-22' },
      preWeeks: 2,
      postWeeks: 3,
    });
    expect(() => didWindows(W3, 0, 2)).toThrow(RangeError);
    expect(() => didWindows(W3, 100, 57)).toThrow('at most 156 weeks');
  });
});

describe('differenceInDifferences', () => {
  it('takes person means first, then the difference of the groups’ changes', () => {
    const result = differenceInDifferences(panel, options);
    expect(result).toMatchObject({
      label: 'observational estimate',
      estimable: true,
      reason: null,
      phaseStart: W3,
      minPeoplePerGroup: 2,
      treated: { people: 2, preMean: 15.5, postMean: 10.5, change: -5 },
      comparison: { people: 2, preMean: 20.5, postMean: 21, change: 0.5 },
      bootstrap: { replicates: 500, seed: 42 },
    });
    expect(result.effect.estimate).toBeCloseTo(-5.5);
    expect(result.relativeEffect.estimate).toBeCloseTo(-5.5 / 15.5);
    // every replicate lies between min(treated) − max(comparison) = −7 and max − min = −4
    const { low, high, p10, p90 } = result.effect;
    expect(low).toBeGreaterThanOrEqual(-7);
    expect(high).toBeLessThanOrEqual(-4);
    expect(low!).toBeLessThan(p10!);
    expect(p10!).toBeLessThan(p90!);
    expect(p90!).toBeLessThan(high!);
    expect(result.significant).toBe(true);
    expect(result.replicateEffects).toHaveLength(500);
    expect(Math.min(...result.replicateEffects)).toBeGreaterThanOrEqual(-7);
    expect(Math.max(...result.replicateEffects)).toBeLessThanOrEqual(-4);
    // the API contract: the replicates are not part of the report
    const report = differenceInDifferencesReportSchema.parse(result);
    expect(report).not.toHaveProperty('replicateEffects');
    expect(report.effect).toEqual(result.effect);
  });

  it('withholds a week’s group mean resting on 1..k-1 people', () => {
    const result = differenceInDifferences(panel, options);
    // W2: only A of the treated people has data (12): one person, below k = 2
    expect(result.weeks).toEqual([
      { week: W1, treated: 15, comparison: 20 },
      { week: W2, treated: null, comparison: 21 },
      { week: W3, treated: 11.5, comparison: 21 },
      { week: W4, treated: 9.5, comparison: 21 },
    ]);
    expect(result.suppressed).toEqual({ code: 'below-k', minGroupSize: 2 });
    // with perturbation the weekly means move (total ± up to the top contribution, count ± up to 2), the
    // withheld week stays withheld, and the estimate rests on the true values
    const keys = new Map(['A', 'B', 'C', 'D', 'E'].map((id, i) => [id, 1_000_003 * (i + 1) ** 3]));
    const perturbed = differenceInDifferences(panel, {
      ...options,
      rule: { k: 2, perturbation: true },
      recordKeys: keys,
    });
    expect(perturbed.weeks[1].treated).toBeNull();
    // W1 treated: total 30 moved by at most 20 (B's 20), over 2..4 people
    expect(perturbed.weeks[0].treated).toBeGreaterThanOrEqual(10 / 4);
    expect(perturbed.weeks[0].treated).toBeLessThanOrEqual(50 / 2);
    expect(perturbed.effect.estimate).toBeCloseTo(-5.5);
  });

  it('is reproducible from its seed, and another seed draws other replicates', () => {
    const a = differenceInDifferences(panel, options);
    const b = differenceInDifferences(panel, options);
    const c = differenceInDifferences(panel, { ...options, seed: 43 });
    expect(b.effect).toEqual(a.effect);
    expect(Array.from(b.replicateEffects)).toEqual(Array.from(a.replicateEffects));
    expect(Array.from(c.replicateEffects)).not.toEqual(Array.from(a.replicateEffects));
  });

  it('weighs people, not person-weeks', () => {
    // A third comparison person F with 2 pre and 2 post weeks, and the same change, counts once: adding
    // a week to F (still change +2) must not move the estimate. Comparison mean change (1 + 0 + 2) / 3 = 1.
    const withF = [...panel, ...rows('F', 'comparison', { [W1]: 5, [W2]: 5, [W3]: 7, [W4]: 7 })];
    expect(differenceInDifferences(withF, options).effect.estimate).toBeCloseTo(-6);
    const fewerWeeks = withF.filter((row) => !(row.person === 'F' && row.week === W2));
    expect(differenceInDifferences(fewerWeeks, options).effect.estimate).toBeCloseTo(-6);
  });

  it('fits the pre-trend of the gap and flags it when the gap was already moving', () => {
    // Treated T1 10, 11, 12 | 13 and T2 20, 21, 22 | 23: weekly means 15, 16, 17; comparison flat at 15.
    // Gap 0, 1, 2: slope 1 a week, drift 1 × 3 weeks = 3; changes 13 − 11 = 2 each: effect 2. Every
    // resample has the same slope, so its interval is [1, 1] and excludes 0.
    const trending: PanelRow[] = [
      ...rows('T1', 'treated', { [W0]: 10, [W1]: 11, [W2]: 12, [W3]: 13 }),
      ...rows('T2', 'treated', { [W0]: 20, [W1]: 21, [W2]: 22, [W3]: 23 }),
      ...rows('C1', 'comparison', { [W0]: 10, [W1]: 10, [W2]: 10, [W3]: 10 }),
      ...rows('C2', 'comparison', { [W0]: 20, [W1]: 20, [W2]: 20, [W3]: 20 }),
    ];
    const result = differenceInDifferences(trending, { ...options, preWeeks: 3, postWeeks: 1 });
    expect(result.effect.estimate).toBeCloseTo(2);
    expect(result.parallelTrends.slopePerWeek).toBeCloseTo(1);
    expect(result.parallelTrends.low).toBeCloseTo(1);
    expect(result.parallelTrends.high).toBeCloseTo(1);
    expect(result.parallelTrends.driftOverPre).toBeCloseTo(3);
    expect(result.parallelTrends.flat).toBe(false);
    expect(result.parallelTrends.warning).toMatch(/already moving/);
  });

  it('warns that two pre weeks are too few for a trend', () => {
    expect(differenceInDifferences(panel, options).parallelTrends).toMatchObject({
      slopePerWeek: null,
      flat: null,
      warning: expect.stringMatching(/at least 3/),
    });
  });

  it('gives no estimate below the minimum sample, and never a minimum below k', () => {
    const small = differenceInDifferences(panel, { ...options, minPeoplePerGroup: 3 });
    expect(small).toMatchObject({
      estimable: false,
      reason: { code: 'too-few-people' },
      treated: { people: 2 },
      effect: { estimate: null, low: null, high: null, p10: null, p90: null },
      relativeEffect: { estimate: null },
      significant: null,
      parallelTrends: { flat: null, warning: null },
    });
    expect(small.replicateEffects).toHaveLength(0);
    // k = 5 and the default minimum: 2 people a group are withheld (1..k-1), and the minimum is 30
    const belowK = differenceInDifferences(panel, { ...options, minPeoplePerGroup: undefined, rule: 5 });
    expect(belowK).toMatchObject({
      estimable: false,
      minPeoplePerGroup: DEFAULT_MIN_PEOPLE_PER_GROUP,
      treated: { people: null, preMean: null },
      comparison: { people: null },
      suppressed: { code: 'below-k', minGroupSize: 5 },
    });
    expect(belowK.weeks.every((week) => week.treated === null && week.comparison === null)).toBe(true);
    expect(
      differenceInDifferences(panel, { ...options, minPeoplePerGroup: 1, rule: 3 }).minPeoplePerGroup,
    ).toBe(3);
  });

  it('says which window is empty', () => {
    expect(differenceInDifferences([], options)).toMatchObject({
      estimable: false,
      reason: { code: 'empty-window', message: 'The treated group has no data in the pre window' },
      treated: { people: 0, preMean: null },
    });
    const preOnly = panel.filter((row) => row.week < W3);
    expect(differenceInDifferences(preOnly, options).reason).toEqual({
      code: 'empty-window',
      message: 'The treated group has no data in the post window',
    });
    const noComparison = panel.filter((row) => row.group === 'treated');
    expect(differenceInDifferences(noComparison, options).reason?.message).toBe(
      'The comparison group has no data in the pre window',
    );
  });

  it('refuses malformed panels and unbounded work', () => {
    expect(() => differenceInDifferences(panel, { ...options, replicates: 5001 })).toThrow(RangeError);
    expect(() => differenceInDifferences(panel, { ...options, replicates: 99 })).toThrow(RangeError);
    expect(() =>
      differenceInDifferences([...panel, { person: 'A', group: 'comparison', week: W1, value: 1 }], options),
    ).toThrow('in both groups');
    expect(() =>
      differenceInDifferences([...panel, { person: 'A', group: 'treated', week: W1, value: 1 }], options),
    ).toThrow('two rows');
    expect(() =>
      differenceInDifferences([{ person: 'A', group: 'treated', week: '2026-02-17', value: 1 }], options),
    ).toThrow('not a Monday');
    expect(() =>
      differenceInDifferences([{ person: 'A', group: 'treated', week: W1, value: NaN }], options),
    ).toThrow('not a number');
  });
});

describe('parallelTrends', () => {
  const effect = { estimate: -4, low: -5, high: -3 };

  it('is flat when the slope interval holds 0 and the drift is small against the effect', () => {
    // drift 0.1 × 8 = 0.8 ≤ max(½ × 4, width 2) = 2
    expect(parallelTrends({ slope: 0.1, low: -0.2, high: 0.4 }, 8, effect)).toMatchObject({
      driftOverPre: 0.8,
      flat: true,
      warning: null,
    });
  });

  it('warns about a drift larger than half the effect even when it is not significant', () => {
    // drift 0.3 × 8 = 2.4 > 2
    const result = parallelTrends({ slope: 0.3, low: -0.1, high: 0.7 }, 8, effect);
    expect(result.flat).toBe(false);
    expect(result.warning).toMatch(/more than half the effect/);
  });

  it('compares a null effect’s drift with its interval width, not with ~0', () => {
    // effect 0.1: half is 0.05, but the width 2.2 ≥ drift 0.8
    const nullEffect = { estimate: 0.1, low: -1, high: 1.2 };
    expect(parallelTrends({ slope: 0.1, low: -0.2, high: 0.4 }, 8, nullEffect).flat).toBe(true);
    expect(parallelTrends({ slope: 0.3, low: -0.1, high: 0.7 }, 8, nullEffect).flat).toBe(false);
  });
});
