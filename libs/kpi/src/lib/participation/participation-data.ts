import type { DataSource } from 'typeorm';
import { IN_SCOPE, SCOPE, scopeParameters, type Population } from '../core/population';

/** Events per person of the population between two days (people with none are left out), from person_month. */
export async function loadEventTotals(
  dataSource: DataSource,
  population: Population,
  from: string,
  to: string,
): Promise<Map<string, number>> {
  const rows: { person_id: string; events: string }[] = await dataSource.query(
    `WITH ${SCOPE}
     SELECT m.person_id, sum(m.events[x.e + 1] - m.events[x.s]) AS events
     FROM person_month m
     CROSS JOIN LATERAL (
       SELECT CASE WHEN m.month < $4::date THEN extract(day FROM $4::date)::int ELSE 1 END AS s,
              CASE WHEN $5::date < (m.month + interval '1 month')::date THEN extract(day FROM $5::date)::int
                   ELSE 31 END AS e) x
     WHERE m.organisation_id = $1 AND m.month BETWEEN date_trunc('month', $4::date)::date AND $5::date
       AND ${IN_SCOPE('m.person_id')}
     GROUP BY m.person_id
     HAVING sum(m.events[x.e + 1] - m.events[x.s]) > 0`,
    [...scopeParameters(population), from, to],
  );
  return new Map(rows.map((row) => [row.person_id, Number(row.events)]));
}
