import { GOAL_KPIS, type GoalKpi } from '@uptake/contracts';
import { addDays, toDayNumber } from '../core/periods';

// The API contract owns the goal KPIs and their descriptions; their weekly values are computed here.
export { GOAL_KPIS, type GoalKpi };

export interface WeeklyValue {
  /** Monday of the week. */
  week: string;
  /** null when the week's figure is withheld (fewer than k people) or not measurable. */
  value: number | null;
}

export interface GoalDefinition {
  baseline: number;
  target: number;
  deadline: string | null;
}

export interface GoalProgress {
  /** The latest measured weekly value. */
  current: number | null;
  currentWeek: string | null;
  /** (current − baseline) / (target − baseline): 0 at the baseline, 1 at the target; works for goals that go down. */
  progress: number | null;
  /** Least-squares slope of the weekly values, per week (null with fewer than 3 values). */
  trendPerWeek: number | null;
  /** When the trend line reaches the target, or null if it is flat or moving away. */
  projectedDate: string | null;
  /** 'achieved', 'on-track' (projected by the deadline), 'at-risk' (projected after it) or 'off-track'. */
  status: 'achieved' | 'on-track' | 'at-risk' | 'off-track' | 'no-data';
}

/** A goal projected to be reached more than ten years ahead is off track. */
export const MAX_PROJECTION_WEEKS = 520;

/** Progress, trend and projection of a goal from its weekly values (oldest first). */
export function goalProgress(goal: GoalDefinition, series: readonly WeeklyValue[]): GoalProgress {
  const measured = series.filter((point): point is { week: string; value: number } => point.value !== null);
  const last = measured.at(-1);
  if (!last) {
    return {
      current: null,
      currentWeek: null,
      progress: null,
      trendPerWeek: null,
      projectedDate: null,
      status: 'no-data',
    };
  }
  const span = goal.target - goal.baseline;
  const progress = span === 0 ? null : (last.value - goal.baseline) / span;
  const trendPerWeek = measured.length >= 3 ? weeklySlope(measured) : null;
  const achieved = span >= 0 ? last.value >= goal.target : last.value <= goal.target;
  let projectedDate: string | null = null;
  if (
    !achieved &&
    trendPerWeek !== null &&
    trendPerWeek !== 0 &&
    Math.sign(trendPerWeek) === Math.sign(span)
  ) {
    const weeksToGo = (goal.target - last.value) / trendPerWeek;
    // Further out, a straight line says nothing (and a tiny trend would leave the calendar).
    if (weeksToGo <= MAX_PROJECTION_WEEKS) projectedDate = addDays(last.week, Math.ceil(weeksToGo * 7) + 6);
  }
  const status: GoalProgress['status'] = achieved
    ? 'achieved'
    : projectedDate === null
      ? 'off-track'
      : goal.deadline === null || projectedDate <= goal.deadline
        ? 'on-track'
        : 'at-risk';
  return { current: last.value, currentWeek: last.week, progress, trendPerWeek, projectedDate, status };
}

/** Least-squares slope of weekly values, per week (0 when every point falls in the same week). */
export function weeklySlope(points: readonly { week: string; value: number }[]): number {
  const xs = points.map((point) => toDayNumber(point.week) / 7);
  const meanX = xs.reduce((sum, x) => sum + x, 0) / xs.length;
  const meanY = points.reduce((sum, point) => sum + point.value, 0) / points.length;
  let numerator = 0;
  let denominator = 0;
  points.forEach((point, index) => {
    numerator += (xs[index] - meanX) * (point.value - meanY);
    denominator += (xs[index] - meanX) ** 2;
  });
  return denominator === 0 ? 0 : numerator / denominator;
}

/**
 * Value of time saved: minutes saved per active person per working day, times active people, working
 * days and hourly cost. 5 minutes a day over 220 working days is 18.3 hours: about half a 40-hour week.
 */
export interface TimeSavedModel {
  kind: 'time-saved';
  minutesPerActivePersonPerDay: number;
  hourlyCost: number;
  currency: string;
  workingDaysPerYear: number;
}

/** The organisation's figures for goals whose value model leaves them out. */
export interface ValueModelDefaults {
  hourlyCost: number;
  workingDaysPerYear: number;
}

/** A goal's value model as stored: hourly cost and working days are the organisation's when left out. */
export type GoalValueModel = Omit<TimeSavedModel, keyof ValueModelDefaults> &
  Partial<Record<keyof ValueModelDefaults, number | null>>;

/** The model a goal is valued with: its own figures, the organisation's for those it does not set. */
export function resolveValueModel(model: GoalValueModel, defaults: ValueModelDefaults): TimeSavedModel {
  return {
    ...model,
    hourlyCost: model.hourlyCost ?? defaults.hourlyCost,
    workingDaysPerYear: model.workingDaysPerYear ?? defaults.workingDaysPerYear,
  };
}

export interface AnnualValue {
  activePeople: number;
  hoursPerPersonPerYear: number;
  hoursPerYear: number;
  amount: number;
  currency: string;
  /** The hourly cost and working days the amount rests on (the goal's own or the organisation's). */
  hourlyCost: number;
  workingDaysPerYear: number;
}

export function annualValue(model: TimeSavedModel, activePeople: number): AnnualValue {
  const hoursPerPersonPerYear = (model.minutesPerActivePersonPerDay * model.workingDaysPerYear) / 60;
  const hoursPerYear = hoursPerPersonPerYear * activePeople;
  return {
    activePeople,
    hoursPerPersonPerYear,
    hoursPerYear,
    amount: hoursPerYear * model.hourlyCost,
    currency: model.currency,
    hourlyCost: model.hourlyCost,
    workingDaysPerYear: model.workingDaysPerYear,
  };
}
