import type { BusinessCaseReport, BusinessValueReport, CostBreakdown, ValueRange } from '@uptake/contracts';
import { paybackMonth, roiOf, valueToDate } from '@uptake/kpi';

type Totals = NonNullable<BusinessCaseReport['totals']>;

/** The one currency the values are in, or null when there are none or they disagree. */
export function commonCurrency(values: readonly Pick<BusinessValueReport, 'currency'>[]): string | null {
  const currencies = new Set(values.map((value) => value.currency));
  return currencies.size === 1 ? [...currencies][0] : null;
}

/** Sum of a figure over ranges: null as soon as one of them has none (a partial sum would look complete). */
function sumOf(ranges: readonly ValueRange[], figure: keyof ValueRange): number | null {
  let sum = 0;
  for (const range of ranges) {
    const value = range[figure];
    if (value === null) return null;
    sum += value;
  }
  return sum;
}

/** A figure of the yearly value at its estimate and percentiles (swapped when it falls as the value grows). */
function rangeOfValue(
  value: ValueRange,
  figure: (valuePerYear: number) => number | null,
  decreasing = false,
): ValueRange {
  const at = (v: number | null) => (v === null ? null : figure(v));
  return {
    estimate: at(value.estimate),
    p10: at(decreasing ? value.p90 : value.p10),
    p90: at(decreasing ? value.p10 : value.p90),
  };
}

/**
 * The programme's totals over its goals' measured values: the yearly value is the sum of the goals'
 * estimates, its p10/p90 the sums of their p10/p90 (each goal's replicates are drawn on its own, so a joint
 * percentile does not exist; the sum of percentiles is wider than one would be, and says so). Value to
 * date, ROI and payback month are the business-value formulas (valueToDate, roiOf, paybackMonth) applied to
 * that summed range and the plan's cost — the payback's p10 comes from the p90 value (more value pays back
 * sooner). Null when no goal has a measured value, or the measured goals are in different currencies.
 */
export function businessCaseTotals(
  values: readonly BusinessValueReport[],
  cost: CostBreakdown,
  months: number,
  monthsElapsed: number,
): Totals | null {
  const measured = values.flatMap((value) => (value.measured ? [value.measured] : []));
  if (measured.length === 0) return null;
  if (commonCurrency(values.filter((value) => value.measured)) === null) return null;
  const ranges = measured.map((m) => m.valuePerYear);
  const valuePerYear: ValueRange = {
    estimate: sumOf(ranges, 'estimate'),
    p10: sumOf(ranges, 'p10'),
    p90: sumOf(ranges, 'p90'),
  };
  const assumed = values.flatMap((value) =>
    value.assumed?.valuePerYear != null ? [value.assumed.valuePerYear] : [],
  );
  return {
    valuePerYear,
    valueToDate: rangeOfValue(valuePerYear, (v) => valueToDate(v, monthsElapsed, months)),
    roi: rangeOfValue(valuePerYear, (v) => roiOf(v, cost, months)),
    paybackMonth: rangeOfValue(valuePerYear, (v) => paybackMonth(v, cost, months), true),
    assumedValuePerYear: assumed.length === 0 ? null : assumed.reduce((sum, v) => sum + v, 0),
    rangeMethod: 'sum of the goals’ 10th and 90th percentiles (wider than a joint range)',
  };
}
