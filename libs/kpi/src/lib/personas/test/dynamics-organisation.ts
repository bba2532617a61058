import type { ActivityType, KpiScope } from '@uptake/contracts';
import { ActivitySource, Organisation } from '@uptake/persistence';
import { uniqueSuffix } from '@uptake/testing';
import type { DataSource } from 'typeorm';
import { refreshRollups } from '../../core/rollups';

/**
 * A small organisation for the people-dynamics int-specs (personas, lifecycle, first post): time zone UTC
 * (days are UTC days), Company (kind organisation, the one root) → Sales and Finance, people by name, and
 * events written as raw activity_events then rolled up by the real refresh.
 */
export interface DynamicsOrganisation {
  organisationId: string;
  units: { company: string; sales: string; finance: string };
  people: Record<string, string>;
  groups: Record<string, string>;
  scope(from: string, to: string, minGroupSize?: number): KpiScope;
}

/** An event: `thread` is the root's id for replies, answers and reactions; `target` the person aimed at. */
export interface SeedEvent {
  id: string;
  at: string;
  actor: string;
  type: ActivityType;
  group?: string;
  thread?: string;
  target?: string;
  count?: number;
}

export async function seedDynamicsOrganisation(
  dataSource: DataSource,
  people: Record<string, 'sales' | 'finance' | null>,
  groups: readonly string[],
  events: readonly SeedEvent[],
): Promise<DynamicsOrganisation> {
  const organisation = await dataSource
    .getRepository(Organisation)
    .save({ name: 'Dynamics', slug: `dynamics-${uniqueSuffix()}`, timeZone: 'UTC' });
  const organisationId = organisation.id;
  const sourceId = (
    await dataSource.getRepository(ActivitySource).save({ organisationId, name: 'src', connectorType: 'csv' })
  ).id;
  const unit = async (name: string, kind: string, parent: string | null): Promise<string> => {
    const [row] = await dataSource.query(
      `INSERT INTO org_units (organisation_id, name, kind, parent_id) VALUES ($1, $2, $3, $4) RETURNING id`,
      [organisationId, name, kind, parent],
    );
    return row.id;
  };
  const company = await unit('Company', 'organisation', null);
  const units = { company, sales: await unit('Sales', 'division', company), finance: '' };
  units.finance = await unit('Finance', 'division', company);
  const personIds: Record<string, string> = {};
  for (const [name, where] of Object.entries(people)) {
    const [row] = await dataSource.query(
      `INSERT INTO people (organisation_id, pseudonym, org_unit_id) VALUES ($1, $2, $3) RETURNING id`,
      [organisationId, name, where === null ? null : units[where]],
    );
    personIds[name] = row.id;
  }
  const groupIds: Record<string, string> = {};
  for (const name of groups) {
    const [row] = await dataSource.query(
      `INSERT INTO groups (organisation_id, source_id, external_id, name, kind) VALUES ($1, $2, $3, $3, 'community')
       RETURNING id`,
      [organisationId, sourceId, name],
    );
    groupIds[name] = row.id;
  }
  const column = <T>(pick: (event: SeedEvent) => T) => events.map(pick);
  await dataSource.query(
    `INSERT INTO activity_events (organisation_id, source_id, external_id, occurred_at, actor_id, type, group_id,
                                  thread_external_id, target_actor_id, count)
     SELECT $1, $2, e.* FROM unnest($3::text[], $4::timestamptz[], $5::uuid[], $6::activity_type[], $7::uuid[],
                                   $8::text[], $9::uuid[], $10::int[]) AS e`,
    [
      organisationId,
      sourceId,
      column((event) => event.id),
      column((event) => event.at),
      column((event) => personIds[event.actor]),
      column((event) => event.type),
      column((event) => (event.group ? groupIds[event.group] : null)),
      column((event) => event.thread ?? null),
      column((event) => (event.target ? personIds[event.target] : null)),
      column((event) => event.count ?? 1),
    ],
  );
  const times = events.map((event) => Date.parse(event.at));
  await refreshRollups(dataSource, organisationId, {
    from: new Date(Math.min(...times)),
    to: new Date(Math.max(...times)),
  });
  return {
    organisationId,
    units,
    people: personIds,
    groups: groupIds,
    scope: (from, to, minGroupSize = 1) => ({
      organisationId,
      from,
      to,
      granularity: 'week',
      orgUnitId: null,
      groupId: null,
      minGroupSize,
      perturbation: false,
    }),
  };
}
