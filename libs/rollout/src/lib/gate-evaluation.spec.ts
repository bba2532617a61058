import type { GateCriterion } from '@uptake/contracts';
import {
  describeCriterion,
  evaluateCriterion,
  evaluateEffectCriterion,
  gateStatus,
  type MetricWeek,
} from './gate-evaluation';

const wau40for4: GateCriterion = {
  id: 'wau',
  metric: 'weekly_active_rate',
  operator: '>=',
  threshold: 0.4,
  consecutiveWeeks: 4,
};

/** Consecutive Mondays from 2026-01-05 with the given values. */
function weeks(...values: (number | null)[]): MetricWeek[] {
  return values.map((value, index) => ({
    week: new Date(Date.UTC(2026, 0, 5 + index * 7)).toISOString().slice(0, 10),
    value,
  }));
}

describe('evaluateCriterion', () => {
  it('passes when the last 4 weeks all hold (an earlier miss does not matter)', () => {
    const result = evaluateCriterion(wau40for4, weeks(0.3, 0.41, 0.45, 0.4, 0.5), { plannedEnd: null });
    expect(result.status).toBe('pass');
    expect(result.weeksMet).toBe(4);
    expect(result.value).toBe(0.5);
    expect(result.evidence.map((w) => w.met)).toEqual([false, true, true, true, true]);
    expect(result.explanation).toContain('50% in the week of 2026-02-02');
  });

  it('is at risk while the run is incomplete, forecasting the end of the week that completes it', () => {
    // Met in the weeks of 01-19 and 01-26; it still needs 02-02 and 02-09 → Sunday 2026-02-15.
    const result = evaluateCriterion(wau40for4, weeks(0.2, 0.3, 0.42, 0.44), { plannedEnd: '2026-03-31' });
    expect(result.status).toBe('at-risk');
    expect(result.weeksMet).toBe(2);
    expect(result.forecastDate).toBe('2026-02-15');
  });

  it('forecasts a crossing from the trend and is at risk when it falls before the planned end', () => {
    // 0.20, 0.25, 0.30: slope 0.05/week; gap 0.10 → 2 weeks after 2026-01-19 → week of 2026-02-02,
    // then the 4-week run: Sunday 2026-02-08 + 3 weeks = 2026-03-01.
    const onTime = evaluateCriterion(wau40for4, weeks(0.2, 0.25, 0.3), { plannedEnd: '2026-03-31' });
    expect(onTime.status).toBe('at-risk');
    expect(onTime.forecastDate).toBe('2026-03-01');
    expect(onTime.forecastMethod).toBe('trend');
    const late = evaluateCriterion(wau40for4, weeks(0.2, 0.25, 0.3), { plannedEnd: '2026-02-15' });
    expect(late.status).toBe('fail');
    expect(late.explanation).toContain('after the planned end 2026-02-15');
  });

  it('fails when the trend moves away from the threshold', () => {
    const result = evaluateCriterion(wau40for4, weeks(0.35, 0.3, 0.25), { plannedEnd: null });
    expect(result.status).toBe('fail');
    expect(result.forecastDate).toBeNull();
  });

  it('reads "at most" criteria the other way (median hours to first reply ≤ 4)', () => {
    const fast: GateCriterion = {
      id: 'reply',
      metric: 'median_hours_to_first_response',
      operator: '<=',
      threshold: 4,
      consecutiveWeeks: 1,
    };
    expect(evaluateCriterion(fast, weeks(6, 3.5), { plannedEnd: null }).status).toBe('pass');
    // 8, 7, 6: slope −1/week; gap −2 → 2 weeks after 2026-01-19 → Sunday 2026-02-08.
    const slow = evaluateCriterion(fast, weeks(8, 7, 6), { plannedEnd: null });
    expect(slow.status).toBe('at-risk');
    expect(slow.forecastDate).toBe('2026-02-08');
  });

  it('uses the Bass forecast for adoption criteria, plus the run of weeks', () => {
    const adoption: GateCriterion = {
      ...wau40for4,
      id: 'adoption',
      metric: 'adoption_rate',
      consecutiveWeeks: 2,
    };
    const result = evaluateCriterion(adoption, weeks(0.1, 0.2), {
      plannedEnd: '2026-06-30',
      bassForecastDate: '2026-04-01',
    });
    expect(result.forecastMethod).toBe('bass');
    expect(result.forecastDate).toBe('2026-04-08');
    expect(result.status).toBe('at-risk');
  });

  it('has no data when the latest week is withheld, and says why', () => {
    const result = evaluateCriterion(wau40for4, weeks(0.5, null), {
      plannedEnd: null,
      suppressed: { code: 'below-k', minGroupSize: 5 },
    });
    expect(result.status).toBe('no-data');
    expect(result.explanation).toContain('fewer than 5 people');
    expect(evaluateCriterion(wau40for4, [], { plannedEnd: null }).explanation).toContain('no complete week');
  });

  it('keeps at least 8 weeks of evidence', () => {
    const series = weeks(...Array.from({ length: 12 }, (_, i) => i / 20));
    expect(evaluateCriterion(wau40for4, series, { plannedEnd: null }).evidence).toHaveLength(8);
  });
});

describe('gateStatus', () => {
  it('combines criteria: all pass → pass, any fail → fail, else at risk', () => {
    expect(gateStatus([{ status: 'pass' }, { status: 'pass' }])).toBe('pass');
    expect(gateStatus([{ status: 'pass' }, { status: 'at-risk' }, { status: 'fail' }])).toBe('fail');
    expect(gateStatus([{ status: 'pass' }, { status: 'no-data' }])).toBe('at-risk');
    expect(gateStatus([{ status: 'no-data' }])).toBe('no-data');
    expect(gateStatus([])).toBe('pass');
  });
});

describe('describeCriterion', () => {
  it('reads like the rollout plan', () => {
    expect(describeCriterion(wau40for4)).toBe('Weekly active / eligible ≥ 40% for 4 consecutive weeks');
  });
});

describe('evaluateEffectCriterion', () => {
  // "E-mails per person in the pilot down ≥ 10% vs comparison, interval excludes 0".
  const emailsDown10: GateCriterion = {
    id: 'emails',
    metric: 'measured_effect',
    operator: '<=',
    threshold: -0.1,
    consecutiveWeeks: 1,
    effect: { metric: 'usage:email.sent', comparison: 'phase', preWeeks: 8, requireSignificant: true },
  };
  const group = { people: 80, preMean: 100, postMean: 85, change: -15 };
  function report(estimate: number | null, low: number | null, high: number | null) {
    const estimable = estimate !== null;
    return {
      estimable,
      reason: estimable
        ? null
        : { code: 'too-few-people' as const, message: 'fewer than 30 people in the pilot' },
      relativeEffect: { estimate, low, high },
      significant: estimable ? (low as number) > 0 || (high as number) < 0 : null,
      treated: group,
      comparison: { ...group, people: 120 },
      suppressed: undefined,
    };
  }

  it('passes when the estimate meets the threshold and the interval excludes 0', () => {
    const result = evaluateEffectCriterion(emailsDown10, report(-0.14, -0.19, -0.09));
    expect(result.status).toBe('pass');
    expect(result.value).toBe(-0.14);
    expect(result.effect).toMatchObject({ treatedPeople: 80, comparisonPeople: 120, significant: true });
    expect(result.explanation).toContain('-14% (95% interval -19% to -9%)');
  });

  it('is at risk when the estimate meets it but the interval still holds 0', () => {
    const result = evaluateEffectCriterion(emailsDown10, report(-0.12, -0.25, 0.01));
    expect(result.status).toBe('at-risk');
    expect(result.explanation).toContain('still includes no effect');
  });

  it('passes without the significance requirement when only the estimate meets it', () => {
    const lenient = { ...emailsDown10, effect: { ...emailsDown10.effect!, requireSignificant: false } };
    expect(evaluateEffectCriterion(lenient, report(-0.12, -0.25, 0.01)).status).toBe('pass');
  });

  it('is at risk when the estimate misses but the favourable end of the interval meets it', () => {
    // Estimate −5% misses ≤ −10%, but the low end −12% does not rule it out.
    expect(evaluateEffectCriterion(emailsDown10, report(-0.05, -0.12, 0.02)).status).toBe('at-risk');
  });

  it('fails when even the favourable end of the interval misses it', () => {
    const result = evaluateEffectCriterion(emailsDown10, report(-0.02, -0.06, 0.02));
    expect(result.status).toBe('fail');
    expect(result.explanation).toContain('rules it out');
  });

  it('has no data, with the reason, when the effect cannot be estimated', () => {
    const result = evaluateEffectCriterion(emailsDown10, report(null, null, null));
    expect(result.status).toBe('no-data');
    expect(result.explanation).toContain('fewer than 30 people in the pilot');
  });

  it('reads as a sentence', () => {
    expect(describeCriterion(emailsDown10)).toBe(
      'Measured effect on usage:email.sent vs the comparison ≤ -10%, interval excluding 0',
    );
  });
});

/*
 * Each explanation as its code and figures (what the dashboard renders in Dutch) next to the English sentence
 * the API keeps sending, both written out by hand from the weeks given.
 */
describe('explanationDetail', () => {
  const label = 'Weekly active / eligible ≥ 40% for 4 consecutive weeks';
  const explained = (weekValues: (number | null)[], context: Parameters<typeof evaluateCriterion>[2]) => {
    const { explanation, explanationDetail } = evaluateCriterion(wau40for4, weeks(...weekValues), context);
    return { explanation, explanationDetail };
  };

  it('a run that held: the latest week (the 5th Monday from 2026-01-05) and the weeks it held', () => {
    expect(explained([0.3, 0.41, 0.45, 0.4, 0.5], { plannedEnd: null })).toEqual({
      explanation: `${label}: 50% in the week of 2026-02-02, held for 4 weeks.`,
      explanationDetail: { code: 'held', params: { week: '2026-02-02', value: 0.5, weeksMet: 4 } },
    });
  });

  it('a run still short of its weeks: when it passes if it keeps holding', () => {
    expect(explained([0.2, 0.3, 0.42, 0.44], { plannedEnd: '2026-03-31' })).toEqual({
      explanation: `${label}: held for 2 of 4 weeks (44% now); passes on 2026-02-15 if it keeps holding.`,
      explanationDetail: {
        code: 'holding',
        params: { value: 0.44, weeksMet: 2, consecutiveWeeks: 4, passesOn: '2026-02-15' },
      },
    });
  });

  it('a forecast crossing: the planned end only when the forecast falls after it', () => {
    const onTime = explained([0.2, 0.25, 0.3], { plannedEnd: '2026-03-31' });
    expect(onTime).toEqual({
      explanation: `${label}: 30% in the week of 2026-01-19; forecast to hold from 2026-03-01 (trend).`,
      explanationDetail: {
        code: 'forecast',
        params: {
          week: '2026-01-19',
          value: 0.3,
          forecastDate: '2026-03-01',
          method: 'trend',
          plannedEnd: null,
        },
      },
    });
    const late = explained([0.2, 0.25, 0.3], { plannedEnd: '2026-02-15' });
    expect(late.explanation).toBe(
      `${label}: 30% in the week of 2026-01-19; forecast to hold from 2026-03-01 (trend), after the planned end 2026-02-15.`,
    );
    expect(late.explanationDetail).toEqual({
      code: 'forecast',
      params: {
        week: '2026-01-19',
        value: 0.3,
        forecastDate: '2026-03-01',
        method: 'trend',
        plannedEnd: '2026-02-15',
      },
    });
  });

  it('a trend moving away: no forecast', () => {
    expect(explained([0.35, 0.3, 0.25], { plannedEnd: null })).toEqual({
      explanation: `${label}: 25% in the week of 2026-01-19; not forecast to hold at the current trend.`,
      explanationDetail: { code: 'not-forecast', params: { week: '2026-01-19', value: 0.25 } },
    });
  });

  it('no data: no week yet, a withheld week (with k), a week without a value', () => {
    expect(explained([], { plannedEnd: null }).explanationDetail).toEqual({
      code: 'no-complete-week',
      params: {},
    });
    expect(
      explained([0.5, null], { plannedEnd: null, suppressed: { code: 'below-k', minGroupSize: 5 } }),
    ).toEqual({
      explanation: `${label}: the latest week is withheld (fewer than 5 people).`,
      explanationDetail: { code: 'latest-week-withheld', params: { minGroupSize: 5 } },
    });
    expect(explained([0.5, null], { plannedEnd: null })).toEqual({
      explanation: `${label}: nothing measured in the latest week.`,
      explanationDetail: { code: 'latest-week-not-measured', params: {} },
    });
  });
});

describe('explanationDetail of a measured effect', () => {
  const criterion: GateCriterion = {
    id: 'effect',
    metric: 'measured_effect',
    operator: '<=',
    threshold: -0.1,
    consecutiveWeeks: 1,
    effect: { metric: 'usage:email.sent', comparison: 'phase', preWeeks: 8, requireSignificant: true },
  };
  const label = 'Measured effect on usage:email.sent vs the comparison ≤ -10%, interval excluding 0';
  const group = { people: 80, preMean: 100, postMean: 85, change: -15 };
  const estimated = (estimate: number, low: number, high: number) => {
    const { explanation, explanationDetail } = evaluateEffectCriterion(criterion, {
      estimable: true,
      reason: null,
      relativeEffect: { estimate, low, high },
      significant: low > 0 || high < 0,
      treated: group,
      comparison: group,
      suppressed: undefined,
    });
    return { explanation, explanationDetail };
  };
  const figures = (estimate: number, low: number, high: number) => ({
    estimate,
    low,
    high,
    requireSignificant: true,
  });

  it('names the case after the estimate and its interval', () => {
    expect(estimated(-0.14, -0.19, -0.09)).toEqual({
      explanation: `${label}: -14% (95% interval -19% to -9%).`,
      explanationDetail: { code: 'effect-met', params: figures(-0.14, -0.19, -0.09) },
    });
    expect(estimated(-0.12, -0.25, 0.01)).toEqual({
      explanation: `${label}: -12% (95% interval -25% to +1%); the interval still includes no effect.`,
      explanationDetail: { code: 'effect-includes-no-effect', params: figures(-0.12, -0.25, 0.01) },
    });
    expect(estimated(-0.05, -0.12, 0.02)).toEqual({
      explanation: `${label}: -5% (95% interval -12% to +2%); the estimate misses it, but the interval does not rule it out.`,
      explanationDetail: { code: 'effect-not-ruled-out', params: figures(-0.05, -0.12, 0.02) },
    });
    expect(estimated(-0.02, -0.06, 0.02)).toEqual({
      explanation: `${label}: -2% (95% interval -6% to +2%); the interval rules it out.`,
      explanationDetail: { code: 'effect-ruled-out', params: figures(-0.02, -0.06, 0.02) },
    });
  });

  it('keeps the reason code when there is no estimate (its English message only in the sentence)', () => {
    const result = evaluateEffectCriterion(criterion, {
      estimable: false,
      reason: { code: 'too-few-people', message: 'fewer than 30 people in the pilot' },
      relativeEffect: { estimate: null, low: null, high: null },
      significant: null,
      treated: group,
      comparison: group,
      suppressed: undefined,
    });
    expect(result.explanation).toBe(`${label}: no estimate yet (fewer than 30 people in the pilot).`);
    expect(result.explanationDetail).toEqual({
      code: 'effect-not-estimable',
      params: { requireSignificant: true, reason: 'too-few-people' },
    });
  });
});
