import {
  GATE_METRIC_KEYS,
  GATE_METRICS,
  type ComparisonMetric,
  type ComparisonReport,
  type GateMetric,
} from '@uptake/contracts';
import {
  meanDifferenceInterval,
  periodsBetween,
  proportionDifferenceInterval,
  suppressionReason,
} from '@uptake/kpi';
import type { RolloutPhase } from '@uptake/persistence';
import type { MetricSample } from './metric-series';

/**
 * Shares: the latest week both sides were measured, with Newcombe's interval on that week's counts.
 * Hours: the mean over the weeks both were measured, with a t interval of the weekly differences.
 */
export function compareMetric(
  metric: GateMetric,
  mine: readonly MetricSample[],
  theirs: readonly MetricSample[],
  minGroupSize: number,
): ComparisonMetric {
  const definition = GATE_METRICS[metric];
  const weeks = mine.map((sample, index) => ({
    week: sample.week,
    phase: sample.value,
    comparison: theirs[index]?.value ?? null,
  }));
  const base = { metric, label: definition.label, unit: definition.unit, weeks };
  const empty = {
    ...base,
    phase: null,
    comparison: null,
    difference: null,
    low: null,
    high: null,
    significant: null,
    suppressed: suppressionReason(minGroupSize),
  };
  if (definition.unit === 'share') {
    const latest = mine
      .map((sample, index) => ({ a: counted(sample), b: counted(theirs[index]) }))
      .findLast((pair) => pair.a !== null && pair.b !== null);
    if (!latest?.a || !latest.b) return empty;
    const { a, b } = latest;
    const interval = proportionDifferenceInterval(a.numerator, a.denominator, b.numerator, b.denominator);
    return {
      ...base,
      phase: a.numerator / a.denominator,
      comparison: b.numerator / b.denominator,
      difference: interval.estimate,
      low: interval.low,
      high: interval.high,
      significant: interval.low > 0 || interval.high < 0,
    };
  }
  const paired = weeks.filter(
    (week): week is { week: string; phase: number; comparison: number } =>
      week.phase !== null && week.comparison !== null,
  );
  if (paired.length === 0) return empty;
  const mean = (values: number[]) => values.reduce((sum, v) => sum + v, 0) / values.length;
  const interval = meanDifferenceInterval(paired.map((week) => week.phase - week.comparison));
  return {
    ...base,
    phase: mean(paired.map((week) => week.phase)),
    comparison: mean(paired.map((week) => week.comparison)),
    difference: mean(paired.map((week) => week.phase - week.comparison)),
    low: interval?.low ?? null,
    high: interval?.high ?? null,
    significant: interval ? interval.low > 0 || interval.high < 0 : null,
  };
}

/** The answer for a phase whose populations were never resolved: its weeks, without a figure. */
export function unresolvedComparison(
  phase: RolloutPhase,
  window: { from: string; to: string },
  k: number,
): ComparisonReport {
  const unknown: MetricSample[] = periodsBetween(window.from, window.to, 'week').map((period) => ({
    week: period.start,
    value: null,
    numerator: null,
    denominator: null,
  }));
  return {
    phaseId: phase.id,
    from: window.from,
    to: window.to,
    phasePopulation: null,
    comparisonPopulation: null,
    comparisonLabel: comparisonLabel(phase),
    metrics: GATE_METRIC_KEYS.map((metric) => {
      const empty = compareMetric(metric, unknown, unknown, k);
      delete empty.suppressed;
      return empty;
    }),
  };
}

export function comparisonLabel(phase: RolloutPhase): string {
  return phase.comparison.kind === 'rest-of-organisation' ? 'Rest of the organisation' : 'Comparison group';
}

function counted(sample: MetricSample | undefined): { numerator: number; denominator: number } | null {
  return sample && sample.numerator !== null && sample.denominator !== null
    ? { numerator: sample.numerator, denominator: sample.denominator }
    : null;
}
