import type { GroupRecord, OrgUnitRecord, PersonRecord, UsageRecord } from '@uptake/connector-sdk';
import type { GroupKind } from '@uptake/contracts';
import type { PoolClient } from 'pg';

/** A directory entry whose person ids (own and manager's) are already pseudonyms. */
export type PseudonymisedPerson = PersonRecord;
/** A group whose member ids are already pseudonyms (the demo also loads its pilot cohorts this way). */
export type PseudonymisedGroup = Omit<GroupRecord, 'kind'> & { kind: GroupKind };
/** A usage figure whose person id is already a pseudonym. */
export type PseudonymisedUsage = UsageRecord;

interface Scope {
  organisationId: string;
  sourceId: string;
}

/*
 * Every write below leaves a row that already holds what it would write untouched (no new row version, no
 * updated_at): triggers bump the organisation's directory version for every statement that writes a row of
 * people, org units, groups or group members, and that version keys every cached and precomputed KPI report,
 * so a sync re-sending an unchanged directory must not make them all stale (issue 18).
 */

/**
 * Upserts org units. Parents must come before children (connectors yield them so); a unit whose parent
 * is unknown is stored at the top and keeps its parent id null.
 */
export async function upsertOrgUnits(
  client: PoolClient,
  organisationId: string,
  units: readonly OrgUnitRecord[],
): Promise<void> {
  for (const unit of units) {
    await client.query(
      `INSERT INTO org_units (organisation_id, external_id, name, kind, parent_id)
       VALUES ($1, $2, $3, $4, (SELECT id FROM org_units WHERE organisation_id = $1 AND external_id = $5))
       ON CONFLICT (organisation_id, external_id)
       DO UPDATE SET name = EXCLUDED.name, kind = EXCLUDED.kind, parent_id = EXCLUDED.parent_id
       WHERE (org_units.name, org_units.kind, org_units.parent_id)
         IS DISTINCT FROM (EXCLUDED.name, EXCLUDED.kind, EXCLUDED.parent_id)`,
      [organisationId, unit.externalId, unit.name, unit.kind, unit.parentExternalId],
    );
  }
}

/**
 * Upserts directory entries (the directory is the truth for their attributes). Managers not seen yet get
 * a stub row that their own entry fills in later, so files in any order resolve every manager.
 */
export async function upsertPeople(
  client: PoolClient,
  organisationId: string,
  people: readonly PseudonymisedPerson[],
): Promise<void> {
  if (people.length === 0) return;
  await client.query(
    `INSERT INTO people (organisation_id, pseudonym, in_directory, org_unit_id, legacy_unit_id, level, location, start_date, end_date)
     SELECT $1, p.pseudonym, true, unit.id, legacy.id, p.level, p.location, p.start_date, p.end_date
     FROM unnest($2::text[], $3::text[], $4::text[], $5::smallint[], $6::text[], $7::date[], $8::date[])
          AS p(pseudonym, unit_external_id, legacy_external_id, level, location, start_date, end_date)
     LEFT JOIN org_units unit ON unit.organisation_id = $1 AND unit.external_id = p.unit_external_id
     LEFT JOIN org_units legacy ON legacy.organisation_id = $1 AND legacy.external_id = p.legacy_external_id
     ON CONFLICT (organisation_id, pseudonym) DO UPDATE SET in_directory = true,
       org_unit_id = EXCLUDED.org_unit_id, legacy_unit_id = EXCLUDED.legacy_unit_id, level = EXCLUDED.level,
       location = EXCLUDED.location, start_date = EXCLUDED.start_date, end_date = EXCLUDED.end_date, updated_at = now()
     WHERE (people.in_directory, people.org_unit_id, people.legacy_unit_id, people.level, people.location,
            people.start_date, people.end_date)
       IS DISTINCT FROM (true, EXCLUDED.org_unit_id, EXCLUDED.legacy_unit_id, EXCLUDED.level, EXCLUDED.location,
            EXCLUDED.start_date, EXCLUDED.end_date)`,
    [
      organisationId,
      people.map((p) => p.externalId),
      people.map((p) => p.orgUnitExternalId),
      people.map((p) => p.legacyCompanyExternalId),
      people.map((p) => p.level),
      people.map((p) => p.location),
      people.map((p) => p.startDate),
      people.map((p) => p.endDate),
    ],
  );
  const managed = people.filter((p) => p.managerExternalId !== null);
  if (managed.length === 0) return;
  const managers = managed.map((p) => p.managerExternalId as string);
  await ensurePeople(client, organisationId, managers);
  await client.query(
    `UPDATE people SET manager_id = manager.id, updated_at = now()
     FROM unnest($2::text[], $3::text[]) AS m(pseudonym, manager_pseudonym)
     JOIN people manager ON manager.organisation_id = $1 AND manager.pseudonym = m.manager_pseudonym
     WHERE people.organisation_id = $1 AND people.pseudonym = m.pseudonym
       AND people.manager_id IS DISTINCT FROM manager.id`,
    [organisationId, managed.map((p) => p.externalId), managers],
  );
}

/** Creates stub rows for people known only by pseudonym (seen in activity before any directory import). */
export async function ensurePeople(
  client: PoolClient,
  organisationId: string,
  pseudonyms: readonly string[],
): Promise<void> {
  if (pseudonyms.length === 0) return;
  await client.query(
    `INSERT INTO people (organisation_id, pseudonym)
     SELECT DISTINCT $1::uuid, pseudonym FROM unnest($2::text[]) AS p(pseudonym)
     ON CONFLICT (organisation_id, pseudonym) DO NOTHING`,
    [organisationId, pseudonyms],
  );
}

/**
 * Upserts groups; listed members are added (memberships are never removed by a partial listing). A join time
 * the source gives (memberJoinedAt) is kept at its earliest: a later, overlapping export that infers a later
 * first message never moves it forward.
 */
export async function upsertGroups(
  client: PoolClient,
  scope: Scope,
  groups: readonly PseudonymisedGroup[],
): Promise<void> {
  for (const group of groups) {
    const groupId = await upsertGroup(client, scope, group);
    if (!group.memberExternalIds || group.memberExternalIds.length === 0) continue;
    await ensurePeople(client, scope.organisationId, group.memberExternalIds);
    await client.query(
      `INSERT INTO group_members (organisation_id, group_id, person_id, joined_at)
       SELECT DISTINCT ON (person.id) $1::uuid, $2::uuid, person.id, m.joined_at
       FROM unnest($3::text[], $4::timestamptz[]) AS m(pseudonym, joined_at)
       JOIN people person ON person.organisation_id = $1 AND person.pseudonym = m.pseudonym
       ORDER BY person.id, m.joined_at ASC NULLS LAST
       ON CONFLICT (group_id, person_id) DO UPDATE
         SET joined_at = LEAST(group_members.joined_at, EXCLUDED.joined_at)
         -- LEAST ignores nulls: only an earlier (or a first) join time changes the row.
         WHERE LEAST(group_members.joined_at, EXCLUDED.joined_at) IS DISTINCT FROM group_members.joined_at`,
      [
        scope.organisationId,
        groupId,
        group.memberExternalIds,
        group.memberJoinedAt ?? group.memberExternalIds.map(() => null),
      ],
    );
  }
}

/** Upserts one group and returns its id, leaving an unchanged row as it is. */
async function upsertGroup(client: PoolClient, scope: Scope, group: PseudonymisedGroup): Promise<string> {
  const upserted = await client.query<{ id: string }>(
    `INSERT INTO groups (organisation_id, source_id, external_id, name, kind, is_private)
     VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (organisation_id, source_id, external_id)
     DO UPDATE SET name = EXCLUDED.name, kind = EXCLUDED.kind, is_private = EXCLUDED.is_private
     WHERE (groups.name, groups.kind, groups.is_private) IS DISTINCT FROM (EXCLUDED.name, EXCLUDED.kind, EXCLUDED.is_private)
     RETURNING id`,
    [scope.organisationId, scope.sourceId, group.externalId, group.name, group.kind, group.isPrivate],
  );
  if (upserted.rows.length > 0) return upserted.rows[0].id;
  // Unchanged, so the upsert returned nothing; a statement of its own sees the row even if a concurrent sync
  // of the source committed it after this statement's snapshot.
  const existing = await client.query<{ id: string }>(
    `SELECT id FROM groups WHERE organisation_id = $1 AND source_id = $2 AND external_id = $3`,
    [scope.organisationId, scope.sourceId, group.externalId],
  );
  return existing.rows[0].id;
}

/** Upserts daily usage figures: a re-read day replaces the value (reports get corrected). */
export async function upsertUsage(
  client: PoolClient,
  scope: Scope,
  usage: readonly PseudonymisedUsage[],
): Promise<number> {
  if (usage.length === 0) return 0;
  await ensurePeople(
    client,
    scope.organisationId,
    usage.map((u) => u.personExternalId),
  );
  const result = await client.query(
    `INSERT INTO usage_metrics (organisation_id, source_id, person_id, day, metric, value)
     SELECT DISTINCT ON (person.id, u.day, u.metric) $1::uuid, $2::uuid, person.id, u.day, u.metric, u.value
     FROM unnest($3::text[], $4::date[], $5::text[], $6::float8[]) WITH ORDINALITY AS u(pseudonym, day, metric, value, n)
     JOIN people person ON person.organisation_id = $1 AND person.pseudonym = u.pseudonym
     ORDER BY person.id, u.day, u.metric, u.n DESC
     ON CONFLICT (organisation_id, source_id, person_id, day, metric)
     DO UPDATE SET value = EXCLUDED.value, updated_at = now()`,
    [
      scope.organisationId,
      scope.sourceId,
      usage.map((u) => u.personExternalId),
      usage.map((u) => u.day),
      usage.map((u) => u.metric),
      usage.map((u) => u.value),
    ],
  );
  return result.rowCount ?? 0;
}
