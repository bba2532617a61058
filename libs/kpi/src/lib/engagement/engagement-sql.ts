import { REACTION_TYPES, sqlTypes } from '../core/activity-definition';
import { IN_SCOPE } from '../core/population';

/*
 * SQL fragments of the engagement query (engagement-data.ts), shared with the reference over activity_daily in
 * @uptake/kpi/testing. They expect the CTEs `scope` and `periods` and the parameters of core/population.ts.
 */

/**
 * Median hours to the first response by someone else. A thread without a known root (deleted, or outside the
 * export; root_actor_id null) counts as a thread with a response, but has no start to measure from.
 */
export const MEDIAN_HOURS = `(percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM t.first_response_at - t.root_at))
                 FILTER (WHERE t.first_response_at IS NOT NULL AND t.root_actor_id IS NOT NULL) / 3600)::float8`;

/**
 * Threads started by the population per period (thread_rollup, an index-only scan by day). Their distinct
 * authors are the people who posted or asked in the period (a thread is a post or question): counted with
 * the activity, from the day masks, which spares sorting the threads by author.
 */
export const THREADS = `
     threads AS (
       SELECT p.start_day, count(*)::int AS threads,
              count(*) FILTER (WHERE t.first_response_at IS NOT NULL)::int AS answered,
              ${MEDIAN_HOURS} AS median_hours
       FROM periods p
       JOIN thread_rollup t ON t.organisation_id = $1 AND t.root_day BETWEEN p.start_day AND p.end_day
       WHERE ${IN_SCOPE('t.root_actor_id')}
       GROUP BY p.start_day),
     -- the most threads one author started in the period: the scale of the threads' perturbation
     thread_tops AS (
       SELECT start_day, max(started)::int AS top_threads
       FROM (SELECT p.start_day, count(*) AS started
             FROM periods p
             JOIN thread_rollup t ON t.organisation_id = $1 AND t.root_day BETWEEN p.start_day AND p.end_day
             WHERE ${IN_SCOPE('t.root_actor_id')} AND t.root_actor_id IS NOT NULL
             GROUP BY p.start_day, t.root_actor_id) a
       GROUP BY start_day)`;

/**
 * Reactions a source counted without listing who (Slack's long reaction lists): volume of the whole
 * organisation, so only for the unfiltered population (they cannot be placed in a unit or group of people).
 */
export const UNATTRIBUTED = `
     unattributed AS (
       SELECT p.start_day, sum(u.events) AS reactions, max(u.largest) AS largest
       FROM periods p
       JOIN unattributed_daily u ON u.organisation_id = $1 AND u.day BETWEEN p.start_day AND p.end_day
                                AND u.type IN (${sqlTypes(REACTION_TYPES)})
       WHERE $2::uuid IS NULL AND $3::uuid IS NULL
       GROUP BY p.start_day)`;
export const UNATTRIBUTED_COLUMNS = `
            CASE WHEN $2::uuid IS NULL AND $3::uuid IS NULL THEN coalesce(u.reactions, 0) END
              AS unattributed_reactions,
            coalesce(u.largest, 0) AS unattributed_largest`;

export const ENGAGEMENT_SELECT = `
     SELECT to_char(p.start_day, 'YYYY-MM-DD') AS start_day, coalesce(a.active, 0) AS active,
            coalesce(a.posts, 0) AS posts, coalesce(a.replies, 0) AS replies, coalesce(a.reactions, 0) AS reactions,
            coalesce(t.threads, 0) AS threads, coalesce(a.authors, 0) AS authors,
            coalesce(t.answered, 0) AS answered, t.median_hours,
            coalesce(a.active_key, 0) AS active_key, coalesce(a.authors_key, 0) AS authors_key,
            coalesce(a.top_posts, 0) AS top_posts, coalesce(a.top_replies, 0) AS top_replies,
            coalesce(a.top_reactions, 0) AS top_reactions, coalesce(tt.top_threads, 0) AS top_threads,
            ${UNATTRIBUTED_COLUMNS}
     FROM periods p
     LEFT JOIN activity a ON a.start_day = p.start_day
     LEFT JOIN threads t ON t.start_day = p.start_day
     LEFT JOIN thread_tops tt ON tt.start_day = p.start_day
     LEFT JOIN unattributed u ON u.start_day = p.start_day
     ORDER BY p.start_day`;
