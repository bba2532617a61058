import {
  GATE_METRICS,
  type GateCriterion,
  type CriterionMetric,
  MEASURED_EFFECT,
  type GateOperator,
  type GateStatus,
  type RolloutPhaseStatus,
  type RolloutPlanStatus,
  type SuppressionReason,
} from '@uptake/contracts';
import { formatHours, formatNumber, formatShare, hiddenLabel } from '../shared/format';
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

/**
 * How a gate status looks. A phase without any evaluation yet reads "Not evaluated", not "No data" (which
 * means withheld or too early). Labels are looked up per call, so they follow the loaded translations.
 */
export function gateStatusLook(status: GateStatus | null | undefined): { label: string; tone: Tone } {
  switch (status) {
    case 'pass':
      return { label: $localize`:@@rollout.gate.pass:Passing`, tone: 'good' };
    case 'at-risk':
      return { label: $localize`:@@rollout.gate.atRisk:At risk`, tone: 'warn' };
    case 'fail':
      return { label: $localize`:@@rollout.gate.fail:Failing`, tone: 'bad' };
    case 'no-data':
      return { label: $localize`:@@rollout.gate.noData:No data`, tone: 'none' };
    default:
      return { label: $localize`:@@rollout.gate.notEvaluated:Not evaluated`, tone: 'none' };
  }
}

/** How a phase's status looks on the timeline. */
export function phaseStatusLook(status: RolloutPhaseStatus): { label: string; tone: Tone } {
  switch (status) {
    case 'planned':
      return { label: $localize`:@@rollout.phaseStatus.planned:Planned`, tone: 'none' };
    case 'active':
      return { label: $localize`:@@rollout.phaseStatus.active:Active`, tone: 'info' };
    case 'completed':
      return { label: $localize`:@@rollout.phaseStatus.completed:Completed`, tone: 'good' };
    case 'skipped':
      return { label: $localize`:@@rollout.phaseStatus.skipped:Skipped`, tone: 'none' };
  }
}

/** A plan's status as the page names it ("Plan active · 3 phases"). */
export function planStatusLabel(status: RolloutPlanStatus): string {
  switch (status) {
    case 'draft':
      return $localize`:@@rollout.planStatus.draft:draft`;
    case 'active':
      return $localize`:@@rollout.planStatus.active:active`;
    case 'completed':
      return $localize`:@@rollout.planStatus.completed:completed`;
    case 'archived':
      return $localize`:@@rollout.planStatus.archived:archived`;
  }
}

/**
 * A gate metric's name in the page's language (the contracts' GATE_METRICS labels are the English source;
 * a metric this page does not know keeps that label).
 */
export function metricLabel(metric: CriterionMetric): string {
  switch (metric) {
    case MEASURED_EFFECT:
      return $localize`:@@rollout.metric.measuredEffect:Measured effect vs comparison (relative change)`;
    case 'weekly_active_rate':
      return $localize`:@@rollout.metric.weeklyActiveRate:Weekly active / eligible`;
    case 'adoption_rate':
      return $localize`:@@rollout.metric.adoptionRate:Ever active / eligible`;
    case 'contributor_share':
      return $localize`:@@rollout.metric.contributorShare:Posted, replied or reacted / eligible`;
    case 'threads_with_response_share':
      return $localize`:@@rollout.metric.threadsWithResponse:Threads answered by someone else`;
    case 'median_hours_to_first_response':
      return $localize`:@@rollout.metric.medianHoursToFirstResponse:Median time to first reply`;
    case 'cross_department_share':
      return $localize`:@@rollout.metric.crossDepartmentShare:Interactions across departments`;
    case 'tried_and_stopped_rate':
      return $localize`:@@rollout.metric.triedAndStopped:"Tried and stopped" / activated`;
    case 'first_post_answered_24h':
      return $localize`:@@rollout.metric.firstPostAnswered24h:First posts answered within 24 h`;
    default:
      return GATE_METRICS[metric as keyof typeof GATE_METRICS]?.label ?? metric;
  }
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
  return formatComparisonValue(isShareMetric(metric) ? 'share' : 'hours', value);
}

/** "Weekly active / eligible ≥ 40% for 4 weeks in a row" (one week: "in the latest week"). */
export function describeCriterion(
  criterion: Pick<GateCriterion, 'metric' | 'operator' | 'threshold' | 'consecutiveWeeks' | 'effect'>,
): string {
  const operator = OPERATOR_SYMBOLS[criterion.operator];
  const threshold = formatMetricValue(criterion.metric, criterion.threshold);
  if (criterion.metric === MEASURED_EFFECT) {
    const effect = criterion.effect;
    const metric = effect?.metric ?? '–';
    const rule =
      effect?.comparison === 'matched'
        ? $localize`:@@rollout.criterion.effectMatched:Effect on ${metric}:metric: vs matched colleagues ${operator}:operator: ${threshold}:threshold:`
        : $localize`:@@rollout.criterion.effectComparison:Effect on ${metric}:metric: vs the comparison ${operator}:operator: ${threshold}:threshold:`;
    return effect?.requireSignificant
      ? $localize`:@@rollout.criterion.significant:${rule}:rule:, 95% interval excluding 0`
      : rule;
  }
  const label = metricLabel(criterion.metric);
  const weeks = criterion.consecutiveWeeks;
  return weeks === 1
    ? $localize`:@@rollout.criterion.latestWeek:${label}:metric: ${operator}:operator: ${threshold}:threshold: in the latest week`
    : $localize`:@@rollout.criterion.weeksInARow:${label}:metric: ${operator}:operator: ${threshold}:threshold: for ${weeks}:weeks: weeks in a row`;
}

/** Shares are stored as fractions but entered in %: 40 → 0.4 (rounded so 7 → 0.07, not 0.07000000000000001). */
export function thresholdFromInput(metric: CriterionMetric, input: number): number {
  return isShareMetric(metric) ? round(input / 100, 6) : input;
}

export function thresholdForInput(metric: CriterionMetric, threshold: number): number {
  return isShareMetric(metric) ? round(threshold * 100, 4) : threshold;
}

export function inputUnit(metric: CriterionMetric): string {
  return isShareMetric(metric) ? '%' : $localize`:@@rollout.unit.hours:h`;
}

/** A difference between two populations: percentage points for shares, hours otherwise, always signed. */
export function formatDifference(unit: 'share' | 'hours', value: number | null): string {
  if (value === null) return '–';
  const shown = unit === 'share' ? round(value * 100, 1) : round(value, 1);
  const sign = shown > 0 ? '+' : shown < 0 ? '−' : '±';
  const size = `${sign}${formatNumber(Math.abs(shown), 1)}`;
  return unit === 'share'
    ? $localize`:@@rollout.difference.points:${size}:size: pp`
    : $localize`:@@rollout.difference.hours:${size}:size: h`;
}

export function formatInterval(
  unit: 'share' | 'hours',
  low: number | null,
  high: number | null,
): string | null {
  if (low === null || high === null) return null;
  const from = formatDifference(unit, low);
  const to = formatDifference(unit, high);
  return $localize`:@@rollout.comparison.interval:95% interval ${from}:low: to ${to}:high:`;
}

export function formatComparisonValue(unit: 'share' | 'hours', value: number | null): string {
  if (value === null) return '–';
  return unit === 'share' ? formatShare(value, { digits: 1 }) : formatHours(value);
}

/** When the criterion is expected to hold, and how that was estimated. */
export function forecastText(evaluation: {
  status: GateStatus;
  forecastDate: string | null;
  forecastMethod: 'bass' | 'trend' | null;
}): string {
  const date = evaluation.forecastDate;
  if (date) {
    if (evaluation.forecastMethod === 'bass')
      return $localize`:@@rollout.forecast.bass:${date}:date: (adoption curve fit)`;
    if (evaluation.forecastMethod === 'trend')
      return $localize`:@@rollout.forecast.trend:${date}:date: (linear trend)`;
    return date;
  }
  if (evaluation.status === 'pass') return $localize`:@@rollout.forecast.alreadyMet:Already met`;
  return $localize`:@@rollout.forecast.notExpected:Not expected`;
}

/** What stands in for a withheld aggregate: never 0, always the reason. */
export function suppressedText(reason: SuppressionReason): string {
  return hiddenLabel(reason.minGroupSize);
}
