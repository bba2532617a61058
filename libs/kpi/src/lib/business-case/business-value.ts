import {
  EFFECT_LABEL,
  type BusinessValueReport,
  type CostBreakdown,
  type ProgrammeCost,
  type ValueAssumptions,
  type ValueRange,
} from '@uptake/contracts';
import { annualValue, type TimeSavedModel } from '../goals/business-goals';
import type { DidEstimate } from './difference-in-differences';
import { quantileOfSorted, sortedFinite } from './statistics';

/** Months a business case may span (ten years): the payback search is bounded by it. */
export const MAX_HORIZON_MONTHS = 120;

/**
 * Hours one person saves a year from an effect on a weekly per-person metric: the units saved a week (the
 * effect with its sign turned when fewer units are the saving) × minutes per unit × working weeks. A
 * negative result is time lost, and is reported as such.
 */
export function hoursPerPersonPerYear(effectPerWeek: number, assumptions: ValueAssumptions): number {
  const unitsSaved = assumptions.lowerIsBetter ? -effectPerWeek : effectPerWeek;
  return (unitsSaved * assumptions.minutesPerUnit * assumptions.workingWeeksPerYear) / 60;
}

/** Money a year: hours per person × people × hourly cost. */
export function valuePerYear(effectPerWeek: number, assumptions: ValueAssumptions): number {
  return hoursPerPersonPerYear(effectPerWeek, assumptions) * assumptions.people * assumptions.hourlyCost;
}

/**
 * What the programme costs over its horizon. Licences are paid monthly; one-off costs and the people's time
 * (training and champion hours at the hourly cost) are paid up front, in month 1 — the conservative
 * reading for a payback month.
 */
export function programmeCost(cost: ProgrammeCost, hourlyCost: number): CostBreakdown {
  const months = horizonOf(cost);
  const monthly = cost.licencePerSeatPerMonth * cost.seats;
  const peopleTime = (cost.trainingHours + cost.championHours) * hourlyCost;
  const upfront = cost.oneOffCosts + peopleTime;
  const licences = monthly * months;
  return { licences, oneOff: cost.oneOffCosts, peopleTime, total: upfront + licences, upfront, monthly };
}

function horizonOf(cost: Pick<ProgrammeCost, 'months'>): number {
  if (!Number.isInteger(cost.months) || cost.months < 1 || cost.months > MAX_HORIZON_MONTHS) {
    throw new RangeError(`months must be a whole number from 1 to ${MAX_HORIZON_MONTHS}`);
  }
  return cost.months;
}

/** (value over the horizon − total cost) / total cost; null when the programme costs nothing. */
export function roiOf(valuePerYear: number, cost: CostBreakdown, months: number): number | null {
  if (cost.total === 0) return null;
  return ((valuePerYear * months) / 12 - cost.total) / cost.total;
}

/**
 * The first month (1-based) whose cumulative value (a twelfth of the yearly value each month) reaches the
 * cumulative cost (the up-front costs, then the licences month by month), or null within the horizon.
 */
export function paybackMonth(valuePerYear: number, cost: CostBreakdown, months: number): number | null {
  const monthlyValue = valuePerYear / 12;
  for (let month = 1; month <= Math.min(months, MAX_HORIZON_MONTHS); month++) {
    if (monthlyValue * month >= cost.upfront + cost.monthly * month) return month;
  }
  return null;
}

/** Value accrued since the start, over at most the horizon (fractional months accrue pro rata). */
export function valueToDate(valuePerYear: number, monthsElapsed: number, months: number): number {
  return (valuePerYear * Math.min(Math.max(monthsElapsed, 0), months)) / 12;
}

/** A figure's estimate and 10th/90th percentiles over the bootstrap replicates of the effect. */
function rangeOver(
  estimate: number,
  replicates: ArrayLike<number>,
  figure: (effect: number) => number,
): ValueRange {
  const sorted = sortedFinite(Array.from(replicates, figure));
  return {
    estimate: figure(estimate),
    p10: quantileOfSorted(sorted, 0.1),
    p90: quantileOfSorted(sorted, 0.9),
  };
}

/**
 * A figure that is a monotone function of the yearly value (ROI, value to date: increasing; payback month:
 * decreasing), at the value's estimate and percentiles. The percentiles of a monotone function are the
 * function of the percentiles (swapped when it decreases), so no replicate has to be recomputed.
 */
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

export interface BusinessValueInput {
  /** The measured effect (a difference-in-differences), or null when there is none yet. */
  effect: Pick<DidEstimate, 'estimable' | 'effect' | 'replicateEffects'> | null;
  assumptions: ValueAssumptions;
  cost: ProgrammeCost;
  /** Months since the phase started (fractional allowed): value to date accrues over them. */
  monthsElapsed: number;
  /** The goal's assumed saving (minutes per active person per day) and the active people it applies to. */
  assumed?: { model: TimeSavedModel; activePeople: number } | null;
}

/**
 * Value, cost, ROI, payback and value to date of a programme: "measured" from an effect and its bootstrap
 * replicates (ranges are their 10th–90th percentiles, not the 95% interval's ends), beside "assumed" from
 * the goal's assumed saving × active people (as business-goals values a goal today). Both use the same
 * cost, hourly cost and horizon, so they can be read side by side.
 */
export function businessValue(input: BusinessValueInput): BusinessValueReport {
  const { assumptions } = input;
  const months = horizonOf(input.cost);
  const cost = programmeCost(input.cost, assumptions.hourlyCost);
  const outcomeOf = (value: ValueRange) => ({
    valuePerYear: value,
    valueToDate: rangeOfValue(value, (v) => valueToDate(v, input.monthsElapsed, months)),
    roi: rangeOfValue(value, (v) => roiOf(v, cost, months)),
    paybackMonth: rangeOfValue(value, (v) => paybackMonth(v, cost, months), true),
  });
  const effect = input.effect;
  const estimate = effect?.estimable ? effect.effect.estimate : null;
  const measured =
    effect && estimate !== null
      ? {
          hoursPerPersonPerYear: rangeOver(estimate, effect.replicateEffects, (e) =>
            hoursPerPersonPerYear(e, assumptions),
          ),
          ...outcomeOf(rangeOver(estimate, effect.replicateEffects, (e) => valuePerYear(e, assumptions))),
        }
      : null;
  let assumed: BusinessValueReport['assumed'] = null;
  if (input.assumed) {
    if (input.assumed.model.currency !== assumptions.currency) {
      throw new RangeError(
        `the assumed value is in ${input.assumed.model.currency}, the measured one in ${assumptions.currency}`,
      );
    }
    const value = annualValue(input.assumed.model, input.assumed.activePeople);
    assumed = {
      activePeople: value.activePeople,
      hoursPerPersonPerYear: value.hoursPerPersonPerYear,
      valuePerYear: value.amount,
      valueToDate: valueToDate(value.amount, input.monthsElapsed, months),
      roi: roiOf(value.amount, cost, months),
      paybackMonth: paybackMonth(value.amount, cost, months),
    };
  }
  return {
    label: EFFECT_LABEL,
    currency: assumptions.currency,
    horizonMonths: months,
    monthsElapsed: input.monthsElapsed,
    assumptions,
    cost,
    measured,
    assumed,
  };
}
