import type { DataSource } from 'typeorm';
import { ActivityBits } from './activity-bits';
import { IN_SCOPE, SCOPE, scopeParameters, type Population } from './population';

/**
 * Activity bit sets (see activity-bits.ts) of the population's people between two days, from person_month:
 * one row per person and month.
 */
export async function loadActivityBits(
  dataSource: DataSource,
  population: Population,
  from: string,
  to: string,
): Promise<ActivityBits> {
  const rows: {
    person_id: string;
    month: string;
    active: number;
    created: number;
    responded: number;
    reacted: number;
  }[] = await dataSource.query(
    `WITH ${SCOPE}
     SELECT m.person_id, to_char(m.month, 'YYYY-MM-DD') AS month, m.active, m.created, m.responded, m.reacted
     FROM person_month m
     WHERE m.organisation_id = $1 AND m.month BETWEEN date_trunc('month', $4::date)::date AND $5::date
       AND ${IN_SCOPE('m.person_id')}`,
    [...scopeParameters(population), from, to],
  );
  const bits = new ActivityBits(from, to);
  for (const row of rows) {
    bits.addMonth({
      personId: row.person_id,
      month: row.month,
      active: row.active,
      created: row.created,
      responded: row.responded,
      reacted: row.reacted,
    });
  }
  return bits;
}
