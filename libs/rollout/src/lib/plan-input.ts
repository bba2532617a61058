import type { ComparisonTarget, GateCriterion, PhaseBody, PopulationTarget } from '@uptake/contracts';
import { addDays } from '@uptake/kpi';

/** A phase's definition as stored: every field set, criteria with ids. */
export interface PhaseDefinition {
  name: string;
  plannedStart: string | null;
  plannedEnd: string | null;
  target: PopulationTarget;
  comparison: ComparisonTarget;
  gateCriteria: GateCriterion[];
}

/** Problems with a phase that its schema cannot see (populations, unknown org units), named by field. */
export class PhaseInputError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('; '));
    this.name = 'PhaseInputError';
  }
}

export const EVERYONE: PopulationTarget = { orgUnitIds: [], groupIds: [], pseudonyms: [], rules: [] };

/**
 * The phase a body (already checked by `phaseBodySchema`) describes: fields left out keep `previous`'s value,
 * so a client may send only what changed.
 */
export function resolvePhase(body: PhaseBody, previous?: PhaseDefinition): PhaseDefinition {
  return {
    name: body.name,
    plannedStart: body.plannedStart !== undefined ? body.plannedStart : (previous?.plannedStart ?? null),
    plannedEnd: body.plannedEnd !== undefined ? body.plannedEnd : (previous?.plannedEnd ?? null),
    target: body.target ?? previous?.target ?? EVERYONE,
    comparison: body.comparison ?? previous?.comparison ?? { kind: 'rest-of-organisation' },
    gateCriteria: body.gateCriteria ?? previous?.gateCriteria ?? [],
  };
}

/**
 * The default plan: a pilot, "best cases" that show value, then everyone — with the gate criteria change
 * managers most often use (WAU ≥ 40% for 4 weeks, contributors ≥ 30%, cross-department ≥ 25%,
 * median first reply ≤ 4 h, "tried and stopped" ≤ 15%). Durations: 12, 12 and 26 weeks.
 */
export function defaultPhases(startDate: string, pilot: PopulationTarget = EVERYONE): PhaseDefinition[] {
  const criterion = (
    id: string,
    metric: GateCriterion['metric'],
    operator: GateCriterion['operator'],
    threshold: number,
    consecutiveWeeks = 1,
  ): GateCriterion => ({ id, metric, operator, threshold, consecutiveWeeks });
  const pilotEnd = addDays(startDate, 12 * 7 - 1);
  const bestCasesEnd = addDays(pilotEnd, 12 * 7);
  return [
    {
      name: 'Pilot',
      plannedStart: startDate,
      plannedEnd: pilotEnd,
      target: pilot,
      comparison: { kind: 'rest-of-organisation' },
      gateCriteria: [
        criterion('wau', 'weekly_active_rate', '>=', 0.4, 4),
        criterion('contributors', 'contributor_share', '>=', 0.3),
        criterion('first-reply', 'median_hours_to_first_response', '<=', 4),
        criterion('tried-and-stopped', 'tried_and_stopped_rate', '<=', 0.15),
      ],
    },
    {
      name: 'Best cases',
      plannedStart: addDays(pilotEnd, 1),
      plannedEnd: bestCasesEnd,
      target: EVERYONE,
      comparison: { kind: 'rest-of-organisation' },
      gateCriteria: [
        criterion('wau', 'weekly_active_rate', '>=', 0.4, 4),
        criterion('cross-department', 'cross_department_share', '>=', 0.25),
        criterion('answered', 'threads_with_response_share', '>=', 0.6),
      ],
    },
    {
      name: 'Full rollout',
      plannedStart: addDays(bestCasesEnd, 1),
      plannedEnd: addDays(bestCasesEnd, 26 * 7),
      target: EVERYONE,
      comparison: { kind: 'rest-of-organisation' },
      gateCriteria: [
        criterion('adoption', 'adoption_rate', '>=', 0.8),
        criterion('wau', 'weekly_active_rate', '>=', 0.5, 4),
      ],
    },
  ];
}
