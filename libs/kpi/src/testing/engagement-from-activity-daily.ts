import type { EngagementPoint } from '@uptake/contracts';
import type { DataSource } from 'typeorm';
import {
  ACTIVE_TYPES,
  CREATION_TYPES,
  REACTION_TYPES,
  sqlTypes,
  THREAD_RESPONSE_TYPES,
} from '../lib/core/activity-definition';
import type { Period } from '../lib/core/periods';
import { IN_SCOPE, SCOPE, scopeParameters, type Population } from '../lib/core/population';
import { engagementPoints, type EngagementRow } from '../lib/engagement/engagement';
import { MEDIAN_HOURS, UNATTRIBUTED, UNATTRIBUTED_COLUMNS } from '../lib/engagement/engagement-sql';

/**
 * Engagement per period: posts, replies and reactions per active person (activity_daily), and threads
 * started by the population with the share answered and the median time to the first response by someone
 * else (thread_rollup). Thread figures rest on the thread authors; withheld below k of them.
 */
export async function queryEngagementFromActivityDaily(
  dataSource: DataSource,
  population: Population,
  periods: readonly Period[],
  k: number,
): Promise<EngagementPoint[]> {
  const rows: EngagementRow[] = await dataSource.query(
    `WITH ${SCOPE},
     periods AS (SELECT * FROM unnest($4::date[], $5::date[]) AS p(start_day, end_day)),
     activity AS (
       SELECT p.start_day, count(DISTINCT d.person_id)::int AS active,
              coalesce(sum(d.events) FILTER (WHERE d.type IN (${sqlTypes(CREATION_TYPES)})), 0) AS posts,
              coalesce(sum(d.events) FILTER (WHERE d.type IN (${sqlTypes(THREAD_RESPONSE_TYPES)})), 0) AS replies,
              coalesce(sum(d.events) FILTER (WHERE d.type IN (${sqlTypes(REACTION_TYPES)})), 0) AS reactions
       FROM periods p
       JOIN activity_daily d ON d.organisation_id = $1 AND d.day BETWEEN p.start_day AND p.end_day
                            AND d.type IN (${sqlTypes(ACTIVE_TYPES)})
       WHERE ${IN_SCOPE('d.person_id')}
       GROUP BY p.start_day),
     threads AS (
       SELECT p.start_day, count(*)::int AS threads, count(DISTINCT t.root_actor_id)::int AS authors,
              count(*) FILTER (WHERE t.first_response_at IS NOT NULL)::int AS answered,
              ${MEDIAN_HOURS} AS median_hours
       FROM periods p
       JOIN thread_rollup t ON t.organisation_id = $1 AND t.root_day BETWEEN p.start_day AND p.end_day
       WHERE ${IN_SCOPE('t.root_actor_id')}
       GROUP BY p.start_day),
     ${UNATTRIBUTED}
     SELECT to_char(p.start_day, 'YYYY-MM-DD') AS start_day, coalesce(a.active, 0) AS active,
            coalesce(a.posts, 0) AS posts, coalesce(a.replies, 0) AS replies, coalesce(a.reactions, 0) AS reactions,
            coalesce(t.threads, 0) AS threads, coalesce(t.authors, 0) AS authors,
            coalesce(t.answered, 0) AS answered, t.median_hours,
            ${UNATTRIBUTED_COLUMNS}
     FROM periods p
     LEFT JOIN activity a ON a.start_day = p.start_day
     LEFT JOIN threads t ON t.start_day = p.start_day
     LEFT JOIN unattributed u ON u.start_day = p.start_day
     ORDER BY p.start_day`,
    [...scopeParameters(population), periods.map((p) => p.start), periods.map((p) => p.end)],
  );
  return engagementPoints(rows, periods, k);
}
