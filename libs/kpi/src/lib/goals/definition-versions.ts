import type { GoalKpi } from '@uptake/contracts';

/**
 * The version of each goal KPI's definition, kept in a frozen baseline's definition (and so in its hash).
 * Bump a KPI's version whenever the computation of that KPI changes (what counts as active, how a week is
 * cut, which people are eligible, how withheld weeks are treated, …): a baseline frozen under the old
 * computation then reads as `changed`, instead of being silently compared with figures computed another way.
 * Never lower a version, and never reuse one.
 */
export const GOAL_KPI_DEFINITION_VERSIONS: Readonly<Record<GoalKpi, number>> = {
  adoption_rate: 1,
  weekly_active_rate: 1,
  contributor_share: 1,
  median_hours_to_first_response: 1,
  emails_sent_per_person_per_week: 1,
};
