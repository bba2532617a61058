import type { EngagementPoint } from '@uptake/contracts';
import type { DataSource } from 'typeorm';
import type { DisclosureRule } from '../disclosure/cell-key';
import type { Period } from '../core/periods';
import { IN_SCOPE, SCOPE, scopeParameters, type Population } from '../core/population';
import { engagementPoints } from './engagement';
import { ENGAGEMENT_SELECT, THREADS, UNATTRIBUTED } from './engagement-sql';

/**
 * Engagement per period: posts, replies and reactions per active person (person_month: day masks and running
 * totals, so a period costs two array reads per person and month), and threads started by the population
 * with the share answered and the median time to the first response by someone else (thread_rollup).
 * Thread figures rest on the thread authors; withheld below k of them. Same figures as
 * `queryEngagementFromActivityDaily` (@uptake/kpi/testing), which sums activity_daily: the reference the tests
 * compare with.
 */
export async function queryEngagement(
  dataSource: DataSource,
  population: Population,
  periods: readonly Period[],
  rule: DisclosureRule,
): Promise<EngagementPoint[]> {
  // The median sorts the range's threads: enough memory to do it without spilling to disk.
  const rows = await dataSource.transaction(async (manager) => {
    await manager.query(`SET LOCAL work_mem = '64MB'`);
    return manager.query(
      `WITH ${SCOPE},
       periods AS (SELECT * FROM unnest($4::date[], $5::date[]) AS p(start_day, end_day)),
       -- each period's months, with the period's days in that month as a bit mask and a day range
       spans AS MATERIALIZED (
         SELECT p.start_day, x.month, (1::bigint << x.e) - (1::bigint << (x.s - 1)) AS mask, x.s, x.e
         FROM periods p
         CROSS JOIN LATERAL generate_series(date_trunc('month', p.start_day::timestamp), p.end_day::timestamp,
                                            interval '1 month') AS g(at)
         CROSS JOIN LATERAL (
           SELECT g.at::date AS month,
                  CASE WHEN g.at::date < p.start_day THEN extract(day FROM p.start_day)::int ELSE 1 END AS s,
                  CASE WHEN p.end_day < (g.at + interval '1 month')::date THEN extract(day FROM p.end_day)::int
                       ELSE 31 END AS e) x),
       -- materialised: the aggregates below then move a few numbers per row, not the running-total arrays
       cells AS MATERIALIZED (
         SELECT sp.start_day, m.person_id,
                (m.active::bigint & sp.mask) <> 0 AS active, (m.created::bigint & sp.mask) <> 0 AS started,
                m.posts[sp.e + 1] - m.posts[sp.s] AS posts, m.replies[sp.e + 1] - m.replies[sp.s] AS replies,
                m.reactions[sp.e + 1] - m.reactions[sp.s] AS reactions
         FROM spans sp
         JOIN person_month m ON m.organisation_id = $1 AND m.month = sp.month
         WHERE ${IN_SCOPE('m.person_id')}),
       -- per period and person first (a person has a row per month of the period), then per period
       people AS (
         SELECT start_day, person_id, bool_or(active) AS active, bool_or(started) AS started,
                sum(posts) AS posts, sum(replies) AS replies,
                sum(reactions) AS reactions
         FROM cells GROUP BY start_day, person_id),
       -- "people" is the CTE above; the table is public.people (record keys of the cell-key method)
       activity AS (
         SELECT c.start_day, count(*) FILTER (WHERE c.active)::int AS active,
                (coalesce(sum(pk.record_key) FILTER (WHERE c.active), 0) % 4294967296)::float8 AS active_key,
                count(*) FILTER (WHERE c.started)::int AS authors,
                (coalesce(sum(pk.record_key) FILTER (WHERE c.started), 0) % 4294967296)::float8 AS authors_key,
                sum(c.posts) AS posts, sum(c.replies) AS replies, sum(c.reactions) AS reactions,
                max(c.posts) AS top_posts, max(c.replies) AS top_replies, max(c.reactions) AS top_reactions
         FROM people c JOIN public.people pk ON pk.organisation_id = $1 AND pk.id = c.person_id
         GROUP BY c.start_day),
       ${THREADS},
       ${UNATTRIBUTED}
       ${ENGAGEMENT_SELECT}`,
      [...scopeParameters(population), periods.map((p) => p.start), periods.map((p) => p.end)],
    );
  });
  return engagementPoints(rows, periods, rule);
}
