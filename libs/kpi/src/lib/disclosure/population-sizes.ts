import type { DataSource } from 'typeorm';
import { scopeParameters, type Population } from '../core/population';
import type { PopulationSizes } from './addressable';

/** Head counts behind the minimum population and difference rules (see disclosure/addressable.ts). */
export async function loadPopulationSizes(
  dataSource: DataSource,
  population: Population,
  k: number,
): Promise<PopulationSizes> {
  const [row]: {
    organisation: number;
    in_unit: number;
    in_group: number;
    in_both: number;
    in_parent: number | null;
  }[] = await dataSource.query(
    `WITH unit_people AS (
       SELECT p.id FROM people p
       JOIN org_units u ON u.organisation_id = p.organisation_id AND u.id = p.org_unit_id
       JOIN org_units root ON root.organisation_id = $1 AND root.id = $2 AND u.path LIKE root.path || '%'
       WHERE p.organisation_id = $1),
     group_people AS (
       SELECT gm.person_id AS id FROM group_members gm WHERE gm.organisation_id = $1 AND gm.group_id = $3)
     SELECT (SELECT count(*)::int FROM people WHERE organisation_id = $1) AS organisation,
            (SELECT count(*)::int FROM unit_people) AS in_unit,
            (SELECT count(*)::int FROM group_people) AS in_group,
            (SELECT count(*)::int FROM unit_people JOIN group_people USING (id)) AS in_both,
            (SELECT count(*)::int FROM people p
               JOIN org_units u ON u.organisation_id = p.organisation_id AND u.id = p.org_unit_id
               JOIN org_units child ON child.organisation_id = $1 AND child.id = $2
               JOIN org_units parent ON parent.organisation_id = $1 AND parent.id = child.parent_id
              WHERE p.organisation_id = $1 AND u.path LIKE parent.path || '%') AS in_parent`,
    scopeParameters(population),
  );
  const { orgUnitId, groupId } = population;
  const sizes: PopulationSizes = {
    organisation: row.organisation,
    population:
      orgUnitId && groupId
        ? row.in_both
        : orgUnitId
          ? row.in_unit
          : groupId
            ? row.in_group
            : row.organisation,
  };
  if (orgUnitId && row.in_parent !== null && row.in_parent > 0) sizes.parentUnit = row.in_parent;
  if (orgUnitId && groupId) Object.assign(sizes, { unitAlone: row.in_unit, groupAlone: row.in_group });
  if (groupId) {
    const nearest = await nearestGroup(dataSource, population.organisationId, groupId, row.in_group, k);
    if (nearest) sizes.nearestGroup = nearest;
  }
  return sizes;
}

/**
 * The other group of the organisation closest to `groupId` by symmetric difference, if it is 1..k-1 people
 * away. Only groups sharing a member can be that close (a disjoint group is at least this group's size away),
 * so the search walks this group's members' other memberships.
 */
async function nearestGroup(
  dataSource: DataSource,
  organisationId: string,
  groupId: string,
  size: number,
  k: number,
): Promise<{ name: string; difference: number } | undefined> {
  const [row]: { name: string; difference: number }[] = await dataSource.query(
    `WITH shared AS (
       SELECT other.group_id, count(*)::int AS shared
       FROM group_members mine
       JOIN group_members other ON other.organisation_id = mine.organisation_id AND other.person_id = mine.person_id
       WHERE mine.organisation_id = $1 AND mine.group_id = $2 AND other.group_id <> $2
       GROUP BY other.group_id)
     SELECT g.name, (s.shared * -2 + $3::int + (SELECT count(*) FROM group_members m WHERE m.group_id = s.group_id))::int
              AS difference
     FROM shared s JOIN groups g ON g.id = s.group_id
     ORDER BY difference, g.name LIMIT 1`,
    [organisationId, groupId, size],
  );
  return row && row.difference > 0 && row.difference < k ? row : undefined;
}
