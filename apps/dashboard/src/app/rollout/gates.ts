import {
  GATE_METRICS,
  type GateCriterion,
  type CriterionMetric,
  MEASURED_EFFECT,
  type GateOperator,
  type GateStatus,
  type RolloutPhaseStatus,
  type SuppressionReason,
} from '@uptake/contracts';
import { hiddenLabel } from '../shared/format';
import { COLOURS } from '../shared/theme';

/** How a gate status looks: a word a change manager reads and a tone (CSS class and chart colour). */
export type Tone = 'good' | 'warn' | 'bad' | 'none' | 'info';

export const TONE_COLOURS: Record<Tone, string> = {
  good: COLOURS.good,
  warn: COLOURS.warn,
  bad: COLOURS.danger,
  none: COLOURS.muted,
  info: COLOURS.accent,
};

export const GATE_STATUS_LOOK: Record<GateStatus, { label: string; tone: Tone }> = {
  pass: { label: 'Passing', tone: 'good' },
  'at-risk': { label: 'At risk', tone: 'warn' },
  fail: { label: 'Failing', tone: 'bad' },
  'no-data': { label: 'No data', tone: 'none' },
};

export const PHASE_STATUS_LOOK: Record<RolloutPhaseStatus, { label: string; tone: Tone }> = {
  planned: { label: 'Planned', tone: 'none' },
  active: { label: 'Active', tone: 'info' },
  completed: { label: 'Completed', tone: 'good' },
  skipped: { label: 'Skipped', tone: 'none' },
};

/** A phase without any evaluation yet reads "Not evaluated", not "No data" (which means withheld or too early). */
export function gateStatusLook(status: GateStatus | null | undefined): { label: string; tone: Tone } {
  return status ? GATE_STATUS_LOOK[status] : { label: 'Not evaluated', tone: 'none' };
}

export function metricLabel(metric: CriterionMetric): string {
  if (metric === MEASURED_EFFECT) return 'Measured effect vs comparison (relative change)';
  return GATE_METRICS[metric]?.label ?? metric;
}

/** Shares, and a measured effect's relative change, are typed and shown in %. */
export function isShareMetric(metric: CriterionMetric): boolean {
  return metric === MEASURED_EFFECT || GATE_METRICS[metric]?.unit === 'share';
}

export const OPERATOR_SYMBOLS: Record<GateOperator, string> = { '>=': '≥', '<=': '≤' };

/** The operator a new criterion on this metric usually wants: "at least" when up is better, "at most" otherwise. */
export function defaultOperator(metric: CriterionMetric): GateOperator {
  if (metric === MEASURED_EFFECT) return '<=';
  return GATE_METRICS[metric]?.direction === 'down' ? '<=' : '>=';
}

function round(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

/** A metric value as people read it: shares in % (0.4 → "40%"), hours with "h"; null → "–". */
export function formatMetricValue(metric: CriterionMetric, value: number | null | undefined): string {
  if (value === null || value === undefined) return '–';
  return isShareMetric(metric) ? `${round(value * 100, 1)}%` : `${round(value, 1)} h`;
}

/** "Weekly active / eligible ≥ 40% for 4 weeks in a row" (one week: "in the latest week"). */
export function describeCriterion(
  criterion: Pick<GateCriterion, 'metric' | 'operator' | 'threshold' | 'consecutiveWeeks' | 'effect'>,
): string {
  if (criterion.metric === MEASURED_EFFECT) {
    const effect = criterion.effect;
    const against = effect?.comparison === 'matched' ? 'matched colleagues' : 'the comparison';
    return (
      `Effect on ${effect?.metric ?? '–'} vs ${against} ${OPERATOR_SYMBOLS[criterion.operator]} ` +
      `${formatMetricValue(criterion.metric, criterion.threshold)}` +
      (effect?.requireSignificant ? ', 95% interval excluding 0' : '')
    );
  }
  const weeks =
    criterion.consecutiveWeeks === 1
      ? 'in the latest week'
      : `for ${criterion.consecutiveWeeks} weeks in a row`;
  return `${metricLabel(criterion.metric)} ${OPERATOR_SYMBOLS[criterion.operator]} ${formatMetricValue(
    criterion.metric,
    criterion.threshold,
  )} ${weeks}`;
}

/** Shares are stored as fractions but entered in %: 40 → 0.4 (rounded so 7 → 0.07, not 0.07000000000000001). */
export function thresholdFromInput(metric: CriterionMetric, input: number): number {
  return isShareMetric(metric) ? round(input / 100, 6) : input;
}

export function thresholdForInput(metric: CriterionMetric, threshold: number): number {
  return isShareMetric(metric) ? round(threshold * 100, 4) : threshold;
}

export function inputUnit(metric: CriterionMetric): string {
  return isShareMetric(metric) ? '%' : 'h';
}

/** A difference between two populations: percentage points for shares, hours otherwise, always signed. */
export function formatDifference(unit: 'share' | 'hours', value: number | null): string {
  if (value === null) return '–';
  const shown = unit === 'share' ? round(value * 100, 1) : round(value, 1);
  const sign = shown > 0 ? '+' : shown < 0 ? '−' : '±';
  return `${sign}${Math.abs(shown)} ${unit === 'share' ? 'pp' : 'h'}`;
}

export function formatInterval(
  unit: 'share' | 'hours',
  low: number | null,
  high: number | null,
): string | null {
  if (low === null || high === null) return null;
  return `95% interval ${formatDifference(unit, low)} to ${formatDifference(unit, high)}`;
}

export function formatComparisonValue(unit: 'share' | 'hours', value: number | null): string {
  if (value === null) return '–';
  return unit === 'share' ? `${round(value * 100, 1)}%` : `${round(value, 1)} h`;
}

const FORECAST_METHODS = { bass: 'adoption curve fit', trend: 'linear trend' } as const;

/** When the criterion is expected to hold, and how that was estimated. */
export function forecastText(evaluation: {
  status: GateStatus;
  forecastDate: string | null;
  forecastMethod: 'bass' | 'trend' | null;
}): string {
  if (evaluation.forecastDate) {
    const method = evaluation.forecastMethod ? ` (${FORECAST_METHODS[evaluation.forecastMethod]})` : '';
    return `${evaluation.forecastDate}${method}`;
  }
  if (evaluation.status === 'pass') return 'Already met';
  return 'Not expected';
}

/** What stands in for a withheld aggregate: never 0, always the reason. */
export function suppressedText(reason: SuppressionReason): string {
  return hiddenLabel(reason.minGroupSize);
}
