import {
  MAX_BUSINESS_CASE_WEEKS,
  type BaselineDefinition,
  type GoalBaselineView,
  type GoalKpi,
} from '@uptake/contracts';
import { addDays, baselineChanged, GOAL_KPI_DEFINITION_VERSIONS, toDayNumber, weekStart } from '@uptake/kpi';
import type { BusinessGoal } from '@uptake/persistence';

/**
 * What a goal measures today, as a baseline definition: its KPI, its population and the version of the KPI's
 * computation. Goal KPIs take no further filters ({}). A baseline frozen under another definition is
 * `changed`.
 */
export function goalDefinition(
  goal: Pick<BusinessGoal, 'kpi' | 'orgUnitId' | 'groupId'>,
): BaselineDefinition {
  const kpi = goal.kpi as GoalKpi;
  return {
    kpi,
    population: { orgUnitId: goal.orgUnitId, groupId: goal.groupId },
    filters: {},
    definitionVersion: GOAL_KPI_DEFINITION_VERSIONS[kpi] ?? 1,
  };
}

/** The goal's frozen baseline with when it was frozen and whether the goal's definition moved since. */
export function goalBaselineView(
  goal: Pick<BusinessGoal, 'kpi' | 'orgUnitId' | 'groupId' | 'frozenBaseline' | 'baselineFrozenAt'>,
): GoalBaselineView | null {
  if (!goal.frozenBaseline || !goal.baselineFrozenAt) return null;
  return {
    ...goal.frozenBaseline,
    frozenAt: goal.baselineFrozenAt.toISOString(),
    changed: baselineChanged(goal.frozenBaseline, goalDefinition(goal)),
  };
}

/** A pre-period snapped to whole weeks: from its Monday to its Sunday. */
export interface PrePeriod {
  from: string;
  to: string;
  weeks: number;
}

/** from..to widened to whole weeks (Monday of `from`, Sunday of `to`); null when from is after to. */
export function wholeWeeks(from: string, to: string): PrePeriod | null {
  if (from > to) return null;
  const first = weekStart(from);
  const last = addDays(weekStart(to), 6);
  return { from: first, to: last, weeks: (toDayNumber(last) + 1 - toDayNumber(first)) / 7 };
}

/** The `preWeeks` whole weeks before the week a phase started (the default pre-period of a baseline). */
export function weeksBefore(start: string, preWeeks: number): PrePeriod {
  const monday = weekStart(start);
  return { from: addDays(monday, -7 * preWeeks), to: addDays(monday, -1), weeks: preWeeks };
}

/** Problem with a pre-period's length, or null: at most MAX_BUSINESS_CASE_WEEKS weeks. */
export function prePeriodProblem(period: PrePeriod): string | null {
  return period.weeks > MAX_BUSINESS_CASE_WEEKS
    ? `the pre-period ${period.from}..${period.to} spans ${period.weeks} weeks, more than ${MAX_BUSINESS_CASE_WEEKS}`
    : null;
}
