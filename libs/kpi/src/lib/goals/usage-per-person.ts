import type { DataSource } from 'typeorm';
import type { Period } from '../core/periods';
import { IN_SCOPE, SCOPE, scopeParameters, type Population } from '../core/population';
import { publishMagnitude, type DisclosureRule } from '../disclosure/cell-key';
import { protect } from '../disclosure/suppression';

/**
 * A daily usage metric (e.g. e-mails sent) per period: total / people with data, withheld below k people.
 */
export async function queryUsagePerPerson(
  dataSource: DataSource,
  population: Population,
  metric: string,
  periods: readonly Period[],
  rule: DisclosureRule,
): Promise<(number | null)[]> {
  const rows: { start_day: string; people: number; total: number; top: number; key: number }[] =
    await dataSource.query(
      `WITH ${SCOPE},
       periods AS (SELECT * FROM unnest($4::date[], $5::date[]) AS p(start_day, end_day)),
       per_person AS (
         SELECT p.start_day, u.person_id, sum(u.value) AS value
         FROM periods p
         JOIN usage_metrics u ON u.organisation_id = $1 AND u.metric = $6 AND u.day BETWEEN p.start_day AND p.end_day
                             AND ${IN_SCOPE('u.person_id')}
         GROUP BY p.start_day, u.person_id)
       SELECT to_char(p.start_day, 'YYYY-MM-DD') AS start_day, count(x.person_id)::int AS people,
              coalesce(sum(x.value), 0)::float8 AS total, coalesce(max(x.value), 0)::float8 AS top,
              (coalesce(sum(pk.record_key), 0) % 4294967296)::float8 AS key
       FROM periods p
       LEFT JOIN per_person x ON x.start_day = p.start_day
       LEFT JOIN public.people pk ON pk.organisation_id = $1 AND pk.id = x.person_id
       GROUP BY p.start_day ORDER BY p.start_day`,
      [...scopeParameters(population), periods.map((p) => p.start), periods.map((p) => p.end), metric],
    );
  return rows.map((row) => {
    const cell = { count: row.people, key: Number(row.key) };
    const people = protect(cell, rule);
    if (!people) return null;
    return publishMagnitude(row.total, row.top, cell, rule) / people;
  });
}
