import {
  GATE_METRICS,
  MEASURED_EFFECT,
  type CriterionEvaluation,
  type CriterionExplanation,
  type CriterionMetric,
  type DifferenceInDifferencesReport,
  type CriterionWeek,
  type GateCriterion,
  type GateStatus,
  type SuppressionReason,
} from '@uptake/contracts';
import { addDays, weeklySlope } from '@uptake/kpi';

/** A gate metric's value in one complete ISO week. */
export interface MetricWeek {
  /** Monday of the week. */
  week: string;
  value: number | null;
}

export interface CriterionContext {
  /** The phase's planned end: a criterion not met now but forecast to be met by then is at risk, not failed. */
  plannedEnd: string | null;
  /**
   * When the diffusion fit (Bass) expects the criterion to hold (null: not within its horizon); left out for
   * metrics the fit does not describe, which are forecast from their weekly trend.
   */
  bassForecastDate?: string | null;
  /** Why values are missing when they are withheld. */
  suppressed?: SuppressionReason;
}

/** Weeks of evidence kept with an evaluation: the criterion's run plus some history, at least 8. */
export function evidenceWeeks(criterion: Pick<GateCriterion, 'consecutiveWeeks'>): number {
  return Math.min(Math.max(criterion.consecutiveWeeks + 4, 8), 26);
}

export function meets(criterion: Pick<GateCriterion, 'operator' | 'threshold'>, value: number): boolean {
  return criterion.operator === '>=' ? value >= criterion.threshold : value <= criterion.threshold;
}

/**
 * Decides one criterion from its weekly values (complete weeks, oldest first):
 * - pass: the condition held in each of the last `consecutiveWeeks` weeks;
 * - at-risk: it holds now but not yet for enough weeks, or it does not hold but is forecast to by the phase's
 *   planned end (the diffusion fit when given, the least-squares trend otherwise);
 * - fail: it does not hold and is not forecast to hold in time;
 * - no-data: the latest week has no value (withheld below k, or nothing measured).
 */
export function evaluateCriterion(
  criterion: GateCriterion,
  weeks: readonly MetricWeek[],
  context: CriterionContext,
): CriterionEvaluation {
  const evidence: CriterionWeek[] = weeks.slice(-evidenceWeeks(criterion)).map((week) => ({
    week: week.week,
    value: week.value,
    met: week.value === null ? null : meets(criterion, week.value),
  }));
  let weeksMet = 0;
  for (let i = evidence.length - 1; i >= 0 && evidence[i].met === true; i--) weeksMet++;
  const latest = evidence.at(-1);
  const value = latest?.value ?? null;
  const base = {
    criterionId: criterion.id,
    metric: criterion.metric,
    operator: criterion.operator,
    threshold: criterion.threshold,
    consecutiveWeeks: criterion.consecutiveWeeks,
    value,
    weeksMet,
    evidence,
    ...(context.suppressed ? { suppressed: context.suppressed } : {}),
  };
  const explained = (explanationDetail: CriterionExplanation) => ({
    explanation: explain(criterion, explanationDetail),
    explanationDetail,
  });

  if (!latest || value === null) {
    return {
      ...base,
      status: 'no-data',
      forecastDate: null,
      forecastMethod: null,
      ...explained(
        !latest
          ? { code: 'no-complete-week', params: {} }
          : context.suppressed
            ? { code: 'latest-week-withheld', params: { minGroupSize: context.suppressed.minGroupSize } }
            : { code: 'latest-week-not-measured', params: {} },
      ),
    };
  }
  if (weeksMet >= criterion.consecutiveWeeks) {
    return {
      ...base,
      status: 'pass',
      forecastDate: null,
      forecastMethod: null,
      ...explained({ code: 'held', params: { week: latest.week, value, weeksMet } }),
    };
  }
  if (weeksMet > 0) {
    // Holds now: passes at the end of the week that completes the run, if it keeps holding.
    const forecastDate = addDays(latest.week, (criterion.consecutiveWeeks - weeksMet) * 7 + 6);
    return {
      ...base,
      status: 'at-risk',
      forecastDate,
      forecastMethod: 'trend',
      ...explained({
        code: 'holding',
        params: { value, weeksMet, consecutiveWeeks: criterion.consecutiveWeeks, passesOn: forecastDate },
      }),
    };
  }
  const forecast = forecastCrossing(criterion, evidence, context);
  const inTime =
    forecast.date !== null && (context.plannedEnd === null || forecast.date <= context.plannedEnd);
  return {
    ...base,
    status: inTime ? 'at-risk' : 'fail',
    forecastDate: forecast.date,
    forecastMethod: forecast.date ? forecast.method : null,
    ...explained(
      forecast.date
        ? {
            code: 'forecast',
            params: {
              week: latest.week,
              value,
              forecastDate: forecast.date,
              method: forecast.method,
              plannedEnd: inTime ? null : context.plannedEnd,
            },
          }
        : { code: 'not-forecast', params: { week: latest.week, value } },
    ),
  };
}

/**
 * The English sentence of an explanation (the API's `explanation`), from the same code and figures a client
 * renders in its own language (the dashboard's shared/server-text.ts), so both always say the same thing.
 * `reasonMessage`: the estimator's own English reason, for effect-not-estimable.
 */
export function explain(
  criterion: Omit<GateCriterion, 'id'>,
  detail: CriterionExplanation,
  reasonMessage?: string,
): string {
  const label = describeCriterion(criterion);
  const shown = (value: number) => formatValue(criterion.metric, value);
  switch (detail.code) {
    case 'no-complete-week':
      return `${label}: no complete week of data yet.`;
    case 'latest-week-withheld':
      return `${label}: the latest week is withheld (fewer than ${detail.params.minGroupSize} people).`;
    case 'latest-week-not-measured':
      return `${label}: nothing measured in the latest week.`;
    case 'held': {
      const { week, value, weeksMet } = detail.params;
      return `${label}: ${shown(value)} in the week of ${week}, held for ${plural(weeksMet, 'week')}.`;
    }
    case 'holding': {
      const { value, weeksMet, consecutiveWeeks, passesOn } = detail.params;
      return (
        `${label}: held for ${weeksMet} of ${plural(consecutiveWeeks, 'week')} (${shown(value)} ` +
        `now); passes on ${passesOn} if it keeps holding.`
      );
    }
    case 'forecast': {
      const { week, value, forecastDate, method, plannedEnd } = detail.params;
      const fit = method === 'bass' ? 'adoption fit' : 'trend';
      return (
        `${label}: ${shown(value)} in the week of ${week}; forecast to hold from ${forecastDate} (${fit})` +
        (plannedEnd ? `, after the planned end ${plannedEnd}.` : '.')
      );
    }
    case 'not-forecast': {
      const { week, value } = detail.params;
      return `${label}: ${shown(value)} in the week of ${week}; not forecast to hold at the current trend.`;
    }
    case 'effect-not-estimable':
      return `${label}: no estimate yet (${reasonMessage ?? 'not estimable'}).`;
    default: {
      const { estimate, low, high } = detail.params;
      const interval = `${shown(estimate)} (95% interval ${shown(low)} to ${shown(high)})`;
      return `${label}: ${interval}${EFFECT_ENDINGS[detail.code]}`;
    }
  }
}

/** How an effect explanation ends, after the estimate and its interval. */
const EFFECT_ENDINGS = {
  'effect-met': '.',
  'effect-includes-no-effect': '; the interval still includes no effect.',
  'effect-not-ruled-out': '; the estimate misses it, but the interval does not rule it out.',
  'effect-ruled-out': '; the interval rules it out.',
} as const;

/** When a criterion not met now is expected to start holding (then hold for its run of weeks). */
function forecastCrossing(
  criterion: GateCriterion,
  evidence: readonly CriterionWeek[],
  context: CriterionContext,
): { date: string | null; method: 'bass' | 'trend' } {
  const run = (criterion.consecutiveWeeks - 1) * 7;
  if (context.bassForecastDate !== undefined) {
    return {
      date: context.bassForecastDate ? addDays(context.bassForecastDate, run) : null,
      method: 'bass',
    };
  }
  const points = evidence.filter((week): week is CriterionWeek & { value: number } => week.value !== null);
  if (points.length < 3) return { date: null, method: 'trend' };
  const slope = weeklySlope(points);
  const last = points[points.length - 1];
  const gap = criterion.threshold - last.value;
  // Moving away from the threshold (or flat): no crossing expected.
  if (slope === 0 || Math.sign(gap) !== Math.sign(slope)) return { date: null, method: 'trend' };
  // The tolerance keeps 0.1 / 0.05 at 2 weeks despite floating-point error.
  const weeksToCross = Math.ceil(gap / slope - 1e-9);
  // Beyond two years a straight line says nothing useful.
  if (weeksToCross > 104) return { date: null, method: 'trend' };
  return { date: addDays(last.week, weeksToCross * 7 + 6 + run), method: 'trend' };
}

/** A gate passes when every criterion passes; fails when any fails; no-data when nothing could be measured. */
export function gateStatus(criteria: readonly Pick<CriterionEvaluation, 'status'>[]): GateStatus {
  if (criteria.every((c) => c.status === 'pass')) return 'pass';
  if (criteria.some((c) => c.status === 'fail')) return 'fail';
  if (criteria.every((c) => c.status === 'no-data')) return 'no-data';
  return 'at-risk';
}

/** "Weekly active / eligible ≥ 40% for 4 consecutive weeks"; "Measured effect on usage:email.sent ≤ −10%". */
export function describeCriterion(criterion: Omit<GateCriterion, 'id'>): string {
  const operator = criterion.operator === '>=' ? '≥' : '≤';
  if (criterion.metric === MEASURED_EFFECT) {
    const effect = criterion.effect;
    const against = effect?.comparison === 'matched' ? 'matched colleagues' : 'the comparison';
    const significant = effect?.requireSignificant ? ', interval excluding 0' : '';
    return (
      `Measured effect on ${effect?.metric ?? 'a metric'} vs ${against} ${operator} ` +
      `${formatValue(criterion.metric, criterion.threshold)}${significant}`
    );
  }
  const metric = GATE_METRICS[criterion.metric];
  const weeks = criterion.consecutiveWeeks > 1 ? ` for ${criterion.consecutiveWeeks} consecutive weeks` : '';
  return `${metric.label} ${operator} ${formatValue(criterion.metric, criterion.threshold)}${weeks}`;
}

export function formatValue(metric: CriterionMetric, value: number): string {
  if (metric === MEASURED_EFFECT) return `${value > 0 ? '+' : ''}${Math.round(value * 1000) / 10}%`;
  return GATE_METRICS[metric].unit === 'share'
    ? `${Math.round(value * 1000) / 10}%`
    : `${Math.round(value * 10) / 10} h`;
}

/**
 * Decides a measured_effect criterion from its difference-in-differences estimate (relative effect):
 * - no-data: the effect cannot be estimated (too few people, no data in a window: the reason is given);
 * - pass: the estimate meets the threshold and, when required, the 95% interval excludes 0;
 * - at-risk: the estimate meets it but the interval still holds 0, or it does not meet it but the interval's
 *   favourable end does (the data do not rule it out yet);
 * - fail: even the favourable end of the interval misses the threshold.
 */
export function evaluateEffectCriterion(
  criterion: GateCriterion,
  report: Pick<
    DifferenceInDifferencesReport,
    'estimable' | 'reason' | 'relativeEffect' | 'significant' | 'treated' | 'comparison' | 'suppressed'
  >,
): CriterionEvaluation {
  const { estimate, low, high } = report.relativeEffect;
  const effect = {
    metric: criterion.effect?.metric ?? '',
    comparison: criterion.effect?.comparison ?? 'phase',
    estimable: report.estimable,
    relativeEffect: estimate,
    low,
    high,
    significant: report.significant,
    treatedPeople: report.treated.people,
    comparisonPeople: report.comparison.people,
  };
  const base = {
    criterionId: criterion.id,
    metric: criterion.metric,
    operator: criterion.operator,
    threshold: criterion.threshold,
    consecutiveWeeks: 1,
    value: estimate,
    weeksMet: 0,
    evidence: [],
    forecastDate: null,
    forecastMethod: null,
    effect,
    ...(report.suppressed ? { suppressed: report.suppressed } : {}),
  };
  const requireSignificant = criterion.effect?.requireSignificant ?? false;
  if (!report.estimable || estimate === null || low === null || high === null) {
    const explanationDetail: CriterionExplanation = {
      code: 'effect-not-estimable',
      params: { requireSignificant, reason: report.reason?.code ?? null },
    };
    return {
      ...base,
      status: 'no-data',
      explanation: explain(criterion, explanationDetail, report.reason?.message),
      explanationDetail,
    };
  }
  const explained = (code: keyof typeof EFFECT_ENDINGS) => {
    const explanationDetail: CriterionExplanation = {
      code,
      params: { estimate, low, high, requireSignificant },
    };
    return { explanation: explain(criterion, explanationDetail), explanationDetail };
  };
  const certain = !requireSignificant || report.significant === true;
  if (meets(criterion, estimate) && certain) {
    return { ...base, weeksMet: 1, status: 'pass', ...explained('effect-met') };
  }
  const favourable = criterion.operator === '<=' ? low : high;
  if (meets(criterion, estimate) || meets(criterion, favourable)) {
    return {
      ...base,
      status: 'at-risk',
      ...explained(meets(criterion, estimate) ? 'effect-includes-no-effect' : 'effect-not-ruled-out'),
    };
  }
  return { ...base, status: 'fail', ...explained('effect-ruled-out') };
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}
