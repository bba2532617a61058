import type { DataSource } from 'typeorm';
import { IN_SCOPE, SCOPE, scopeParameters, type Population } from '../core/population';
import type { Interaction, PersonAttributes } from './types';

/** Interactions between two people of the population, summed over the range. */
export async function loadInteractions(
  dataSource: DataSource,
  population: Population,
  from: string,
  to: string,
): Promise<Interaction[]> {
  const rows: { actor: string; target: string; count: string }[] = await dataSource.query(
    `WITH ${SCOPE}
     SELECT i.actor_id AS actor, i.target_id AS target, sum(i.interactions) AS count
     FROM interaction_daily i
     WHERE i.organisation_id = $1 AND i.day BETWEEN $4 AND $5
       AND ${IN_SCOPE('i.actor_id')} AND ${IN_SCOPE('i.target_id')}
     GROUP BY i.actor_id, i.target_id`,
    [...scopeParameters(population), from, to],
  );
  return rows.map((row) => ({ actor: row.actor, target: row.target, count: Number(row.count) }));
}

export interface NetworkPerson extends PersonAttributes {
  pseudonym: string;
  /** The cell-key method's record key (people.record_key). */
  recordKey: number;
}

/** Attributes the network KPIs compare: department (org unit), level, legacy company, adoption day. */
export async function loadNetworkPeople(
  dataSource: DataSource,
  population: Population,
): Promise<Map<string, NetworkPerson>> {
  const rows: {
    id: string;
    pseudonym: string;
    org_unit_id: string | null;
    level: number | null;
    legacy_unit_id: string | null;
    first_day: string | null;
    record_key: string;
  }[] = await dataSource.query(
    `WITH ${SCOPE}
     SELECT s.id, s.pseudonym, s.record_key, s.org_unit_id, s.level, s.legacy_unit_id, to_char(a.first_day, 'YYYY-MM-DD') AS first_day
     FROM scope s LEFT JOIN person_activity a ON a.organisation_id = $1 AND a.person_id = s.id`,
    scopeParameters(population),
  );
  return new Map(
    rows.map((row) => [
      row.id,
      {
        pseudonym: row.pseudonym,
        unit: row.org_unit_id,
        level: row.level,
        legacyCompany: row.legacy_unit_id,
        adoptedOn: row.first_day,
        recordKey: Number(row.record_key),
      },
    ]),
  );
}
