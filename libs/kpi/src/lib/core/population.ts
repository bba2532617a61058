import type { KpiScope } from '@uptake/contracts';
import type { Disclosure } from '../disclosure/cell-key';

/** Who the figures are about: an org unit's subtree, a group's members, both, or everyone. */
export interface Population {
  organisationId: string;
  orgUnitId: string | null;
  groupId: string | null;
}

/** $1 organisation, $2 org unit (subtree), $3 group. Every KPI query starts from this set of people. */
export const SCOPE = `
  scope AS (
    SELECT p.* FROM people p
    WHERE p.organisation_id = $1
      AND ($2::uuid IS NULL OR EXISTS (
            SELECT 1 FROM org_units root JOIN org_units u ON u.organisation_id = root.organisation_id
            WHERE root.organisation_id = $1 AND root.id = $2 AND u.id = p.org_unit_id
              AND u.path LIKE root.path || '%'))
      AND ($3::uuid IS NULL OR EXISTS (
            SELECT 1 FROM group_members gm
            WHERE gm.organisation_id = $1 AND gm.group_id = $3 AND gm.person_id = p.id))
  )`;

/** Rows of a rollup keyed by person belong to the population (a no-op filter for everyone). */
export const IN_SCOPE = (column: string) =>
  `(($2::uuid IS NULL AND $3::uuid IS NULL) OR ${column} IN (SELECT id FROM scope))`;

/** The query parameters $1..$3 of SCOPE. */
export function scopeParameters(population: Population): unknown[] {
  return [population.organisationId, population.orgUnitId, population.groupId];
}

export function toPopulation(scope: KpiScope): Population {
  return { organisationId: scope.organisationId, orgUnitId: scope.orgUnitId, groupId: scope.groupId };
}

/** The disclosure rule of a scope: its k, and cell-key perturbation unless the organisation turned it off. */
export function disclosureOfScope(scope: KpiScope): Disclosure {
  return { k: scope.minGroupSize, perturbation: scope.perturbation };
}
