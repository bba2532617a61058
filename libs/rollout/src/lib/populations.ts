import type { ComparisonTarget, PopulationTarget } from '@uptake/contracts';
import type { EntityManager } from 'typeorm';

type Queryable = Pick<EntityManager, 'query'>;

/**
 * People of a target: the union of org-unit subtrees, group members and explicit pseudonyms (everyone when all
 * three are empty), narrowed by every attribute rule. Only people of the organisation, whoever asks.
 */
export async function resolveTarget(
  db: Queryable,
  organisationId: string,
  target: PopulationTarget,
): Promise<string[]> {
  const everyone =
    target.orgUnitIds.length === 0 && target.groupIds.length === 0 && target.pseudonyms.length === 0;
  const rule = (attribute: PopulationTarget['rules'][number]['attribute']) =>
    target.rules.filter((r) => r.attribute === attribute).map((r) => r.values.map(String));
  // Several rules on one attribute must all hold: intersect their value lists.
  const allowed = (attribute: PopulationTarget['rules'][number]['attribute']): string[] | null => {
    const lists = rule(attribute);
    if (lists.length === 0) return null;
    return lists.reduce((kept, values) => kept.filter((value) => values.includes(value)));
  };
  const rows: { id: string }[] = await db.query(
    `SELECT p.id FROM people p
     WHERE p.organisation_id = $1
       AND ($2::boolean
            OR EXISTS (SELECT 1 FROM org_units root JOIN org_units u ON u.organisation_id = root.organisation_id
                       WHERE root.organisation_id = $1 AND root.id = ANY($3::uuid[]) AND u.id = p.org_unit_id
                         AND u.path LIKE root.path || '%')
            OR EXISTS (SELECT 1 FROM group_members gm
                       WHERE gm.organisation_id = $1 AND gm.group_id = ANY($4::uuid[]) AND gm.person_id = p.id)
            OR p.pseudonym = ANY($5::text[]))
       AND ($6::text[] IS NULL OR p.level::text = ANY($6::text[]))
       AND ($7::text[] IS NULL OR p.location = ANY($7::text[]))
       AND ($8::text[] IS NULL OR p.legacy_unit_id::text = ANY($8::text[]))
     ORDER BY p.id`,
    [
      organisationId,
      everyone,
      target.orgUnitIds,
      target.groupIds,
      target.pseudonyms,
      allowed('level'),
      allowed('location'),
      allowed('legacyUnitId'),
    ],
  );
  return rows.map((row) => row.id);
}

/** People a phase is compared with: everyone else, or another target minus the phase's own people. */
export async function resolveComparison(
  db: Queryable,
  organisationId: string,
  comparison: ComparisonTarget,
  phasePeople: readonly string[],
): Promise<string[]> {
  const candidates =
    comparison.kind === 'rest-of-organisation'
      ? await resolveTarget(db, organisationId, { orgUnitIds: [], groupIds: [], pseudonyms: [], rules: [] })
      : await resolveTarget(db, organisationId, comparison);
  const inPhase = new Set(phasePeople);
  return candidates.filter((id) => !inPhase.has(id));
}

/** The people a stored cohort group holds. */
export async function cohortMembers(
  db: Queryable,
  organisationId: string,
  groupId: string,
): Promise<string[]> {
  const rows: { person_id: string }[] = await db.query(
    `SELECT person_id FROM group_members WHERE organisation_id = $1 AND group_id = $2 ORDER BY person_id`,
    [organisationId, groupId],
  );
  return rows.map((row) => row.person_id);
}

/** How many people are in one population and not the other (either way). */
export function peopleApart(a: readonly string[], b: readonly string[]): number {
  const inA = new Set(a);
  const shared = b.filter((id) => inA.has(id)).length;
  return a.length + b.length - 2 * shared;
}

/**
 * Stores a resolved population as a cohort group (created on first use) whose members are exactly `people`,
 * so every KPI endpoint can filter on it with `groupId`. Returns the group's id.
 */
export async function syncCohortGroup(
  db: Queryable,
  organisationId: string,
  groupId: string | null,
  name: string,
  people: readonly string[],
): Promise<string> {
  const existing: { id: string }[] = groupId
    ? await db.query(`SELECT id FROM groups WHERE organisation_id = $1 AND id = $2 AND kind = 'cohort'`, [
        organisationId,
        groupId,
      ])
    : [];
  let id = existing[0]?.id ?? null;
  if (id) {
    await db.query(`UPDATE groups SET name = $2 WHERE id = $1`, [id, name]);
  } else {
    const [created]: { id: string }[] = await db.query(
      `INSERT INTO groups (organisation_id, name, kind) VALUES ($1, $2, 'cohort') RETURNING id`,
      [organisationId, name],
    );
    id = created.id;
  }
  await db.query(
    `DELETE FROM group_members WHERE organisation_id = $1 AND group_id = $2 AND NOT (person_id = ANY($3::uuid[]))`,
    [organisationId, id, people],
  );
  await db.query(
    `INSERT INTO group_members (group_id, person_id, organisation_id)
     SELECT $2, person, $1 FROM unnest($3::uuid[]) AS person
     ON CONFLICT DO NOTHING`,
    [organisationId, id, people],
  );
  return id;
}

/**
 * The minimum population and difference rules for a phase (see @uptake/kpi disclosure/addressable.ts): its
 * target and its comparison group each hold 0 or at least k people, and the target differs from every group
 * of the organisation (communities, other phases' cohorts) by 0 or at least k people — otherwise one figure
 * minus another would be about those few people. Returns the problems, each naming its field.
 */
export async function phasePopulationProblems(
  db: Queryable,
  organisationId: string,
  phase: { target: PopulationTarget; comparison: ComparisonTarget },
  k: number,
  ownGroupIds: readonly string[],
  otherPhases: readonly { name: string; target: PopulationTarget }[] = [],
): Promise<string[]> {
  const people = await resolveTarget(db, organisationId, phase.target);
  const others = await resolveComparison(db, organisationId, phase.comparison, people);
  const small = (count: number) => count > 0 && count < k;
  const problems: string[] = [];
  if (small(people.length)) problems.push(`target: holds ${people.length} people, fewer than k = ${k}`);
  if (small(others.length)) {
    problems.push(`comparison: holds ${others.length} people, fewer than k = ${k}`);
  }
  if (people.length === 0 || problems.length > 0) return problems;
  const close: { name: string; difference: number }[] = await db.query(
    `SELECT g.name, (count(*) + $3::int - 2 * count(*) FILTER (WHERE gm.person_id = ANY($2::uuid[])))::int
              AS difference
     FROM group_members gm JOIN groups g ON g.id = gm.group_id
     WHERE gm.organisation_id = $1 AND NOT (gm.group_id = ANY($4::uuid[]))
     GROUP BY g.id, g.name
     HAVING count(*) + $3::int - 2 * count(*) FILTER (WHERE gm.person_id = ANY($2::uuid[])) BETWEEN 1 AND $5::int - 1
     ORDER BY g.name LIMIT 3`,
    [organisationId, people, people.length, ownGroupIds, k],
  );
  for (const group of close) {
    problems.push(
      `target: differs from the group "${group.name}" by ${group.difference} people, fewer than k = ${k}`,
    );
  }
  // Other phases' targets as they resolve now (their cohort groups may not be refreshed yet).
  const mine = new Set(people);
  for (const other of otherPhases) {
    const theirs = await resolveTarget(db, organisationId, other.target);
    const shared = theirs.filter((id) => mine.has(id)).length;
    const difference = people.length + theirs.length - 2 * shared;
    if (small(difference)) {
      problems.push(
        `target: differs from the phase "${other.name}" by ${difference} people, fewer than k = ${k}`,
      );
    }
  }
  return problems;
}
