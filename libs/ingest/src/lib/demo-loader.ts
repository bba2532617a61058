import type { DemoOrganisation } from '@uptake/demo';
import type { PoolClient } from 'pg';
import type { DataSource } from 'typeorm';
import { writeEventBatch, type NormalisedEvent } from './event-writer';
import { pseudonymise } from './pseudonymise';

export interface DemoLoadResult {
  orgUnits: number;
  people: number;
  groups: number;
  read: number;
  inserted: number;
  duplicates: number;
}

export interface DemoLoadOptions {
  targetEvents?: number;
  batchSize?: number;
  onProgress?: (counts: { read: number; inserted: number; duplicates: number }) => void | Promise<void>;
}

/**
 * Loads the demo organisation (structure, directory, groups, then streamed events) into one tenant and
 * source, through the same pseudonymising batch writer real connectors use. Idempotent: loading twice
 * updates the directory and adds no duplicate events.
 */
export async function loadDemoOrganisation(
  dataSource: DataSource,
  scope: { organisationId: string; sourceId: string },
  demo: DemoOrganisation,
  options: DemoLoadOptions = {},
): Promise<DemoLoadResult> {
  const queryRunner = dataSource.createQueryRunner();
  const client = (await queryRunner.connect()) as PoolClient;
  try {
    const key = await organisationKey(client, scope.organisationId);
    const pseudonymOf = new Map(
      demo.people.map((person) => [person.externalId, pseudonymise(key, person.externalId)]),
    );
    const pseudonym = (externalId: string) => pseudonymOf.get(externalId) ?? pseudonymise(key, externalId);

    await upsertOrgUnits(client, scope.organisationId, demo);
    await upsertPeople(client, scope.organisationId, demo, pseudonym);
    await upsertGroups(client, scope, demo, pseudonym);

    const batchSize = options.batchSize ?? 5_000;
    const totals = { read: 0, inserted: 0, duplicates: 0 };
    let batch: NormalisedEvent[] = [];
    const flush = async () => {
      const result = await writeEventBatch(client, scope, batch);
      totals.read += batch.length;
      totals.inserted += result.inserted;
      totals.duplicates += result.duplicates;
      batch = [];
      await options.onProgress?.({ ...totals });
    };
    for (const event of demo.events({ targetEvents: options.targetEvents })) {
      batch.push({
        externalId: event.externalId,
        occurredAt: event.occurredAt,
        actorPseudonym: pseudonym(event.actorExternalId),
        type: event.type,
        groupExternalId: event.groupExternalId,
        threadExternalId: event.threadExternalId,
        targetPseudonym: event.targetActorExternalId === null ? null : pseudonym(event.targetActorExternalId),
        contentLength: event.contentLength,
      });
      if (batch.length >= batchSize) await flush();
    }
    await flush();
    return {
      orgUnits: demo.orgUnits.length,
      people: demo.people.length,
      groups: demo.groups.length,
      ...totals,
    };
  } finally {
    await queryRunner.release();
  }
}

async function organisationKey(client: PoolClient, organisationId: string): Promise<Buffer> {
  const result = await client.query<{ pseudonym_key: Buffer }>(
    'SELECT pseudonym_key FROM organisations WHERE id = $1',
    [organisationId],
  );
  if (result.rowCount === 0) throw new Error(`organisation ${organisationId} does not exist`);
  return result.rows[0].pseudonym_key;
}

async function upsertOrgUnits(
  client: PoolClient,
  organisationId: string,
  demo: DemoOrganisation,
): Promise<void> {
  // Parents first, so each unit's parent already has its id (the path trigger needs it).
  const byExternalId = new Map(demo.orgUnits.map((unit) => [unit.externalId, unit]));
  const depth = (externalId: string | null): number =>
    externalId === null ? 0 : 1 + depth(byExternalId.get(externalId)?.parentExternalId ?? null);
  const ordered = [...demo.orgUnits].sort((a, b) => depth(a.externalId) - depth(b.externalId));
  for (const unit of ordered) {
    await client.query(
      `INSERT INTO org_units (organisation_id, external_id, name, kind, parent_id)
       VALUES ($1, $2, $3, $4, (SELECT id FROM org_units WHERE organisation_id = $1 AND external_id = $5))
       ON CONFLICT (organisation_id, external_id)
       DO UPDATE SET name = EXCLUDED.name, kind = EXCLUDED.kind, parent_id = EXCLUDED.parent_id`,
      [organisationId, unit.externalId, unit.name, unit.kind, unit.parentExternalId],
    );
  }
}

async function upsertPeople(
  client: PoolClient,
  organisationId: string,
  demo: DemoOrganisation,
  pseudonym: (externalId: string) => string,
): Promise<void> {
  const people = demo.people;
  await client.query(
    `INSERT INTO people (organisation_id, pseudonym, org_unit_id, legacy_unit_id, level, location, start_date, end_date)
     SELECT $1, p.pseudonym, unit.id, legacy.id, p.level, p.location, p.start_date, p.end_date
     FROM unnest($2::text[], $3::text[], $4::text[], $5::smallint[], $6::text[], $7::date[], $8::date[])
          AS p(pseudonym, unit_external_id, legacy_external_id, level, location, start_date, end_date)
     LEFT JOIN org_units unit ON unit.organisation_id = $1 AND unit.external_id = p.unit_external_id
     LEFT JOIN org_units legacy ON legacy.organisation_id = $1 AND legacy.external_id = p.legacy_external_id
     ON CONFLICT (organisation_id, pseudonym) DO UPDATE SET
       org_unit_id = EXCLUDED.org_unit_id, legacy_unit_id = EXCLUDED.legacy_unit_id, level = EXCLUDED.level,
       location = EXCLUDED.location, start_date = EXCLUDED.start_date, end_date = EXCLUDED.end_date, updated_at = now()`,
    [
      organisationId,
      people.map((p) => pseudonym(p.externalId)),
      people.map((p) => p.orgUnitExternalId),
      people.map((p) => p.legacyCompanyExternalId),
      people.map((p) => p.level),
      people.map((p) => p.location),
      people.map((p) => p.startDate),
      people.map((p) => p.endDate),
    ],
  );
  const managed = people.flatMap((p) =>
    p.managerExternalId === null ? [] : [{ ...p, managerExternalId: p.managerExternalId }],
  );
  await client.query(
    `UPDATE people SET manager_id = manager.id
     FROM unnest($2::text[], $3::text[]) AS m(pseudonym, manager_pseudonym)
     JOIN people manager ON manager.organisation_id = $1 AND manager.pseudonym = m.manager_pseudonym
     WHERE people.organisation_id = $1 AND people.pseudonym = m.pseudonym`,
    [
      organisationId,
      managed.map((p) => pseudonym(p.externalId)),
      managed.map((p) => pseudonym(p.managerExternalId)),
    ],
  );
}

async function upsertGroups(
  client: PoolClient,
  scope: { organisationId: string; sourceId: string },
  demo: DemoOrganisation,
  pseudonym: (externalId: string) => string,
): Promise<void> {
  for (const group of demo.groups) {
    const { rows } = await client.query<{ id: string }>(
      `INSERT INTO groups (organisation_id, source_id, external_id, name, kind)
       VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (organisation_id, source_id, external_id) DO UPDATE SET name = EXCLUDED.name, kind = EXCLUDED.kind
       RETURNING id`,
      [scope.organisationId, scope.sourceId, group.externalId, group.name, group.kind],
    );
    await client.query(
      `INSERT INTO group_members (organisation_id, group_id, person_id)
       SELECT $1, $2, person.id FROM people person
       WHERE person.organisation_id = $1 AND person.pseudonym = ANY($3::text[])
       ON CONFLICT DO NOTHING`,
      [scope.organisationId, rows[0].id, group.memberExternalIds.map(pseudonym)],
    );
  }
}
