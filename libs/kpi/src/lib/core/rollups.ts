import type { ActivityType } from '@uptake/contracts';
import type { DataSource, EntityManager } from 'typeorm';
import {
  ACTIVE_TYPES,
  CONTRIBUTION_TYPES,
  CREATION_TYPES,
  INTERACTION_TYPES,
  NEVER_ROOT_TYPES,
  REACTION_TYPES,
  READ_TYPES,
  RESPONSE_TYPES,
  sqlTypes as list,
  THREAD_RESPONSE_TYPES,
} from './activity-definition';

/**
 * The rollups KPIs read, recomputed from raw events for the days between two instants (days in the
 * organisation's time zone). Each table is cleared and rebuilt for those days inside one transaction, so
 * readers see the old or the new figures, never a half-refreshed day; the worker runs this after every
 * ingest for the days it touched, and the test suite checks it equals a from-scratch computation.
 *
 * What counts is activity-definition.ts: activity_daily keeps every type a person did (joins included, they
 * are recorded); person_daily, person_month, group_person_month and person_activity count only active types,
 * so a join never makes anyone active; events without a person (unlisted reactions) go to unattributed_daily
 * only.
 */

/** $1 organisation, $2 from (instant), $3 to (instant). */
const BOUNDS = `
  WITH bounds AS (
    SELECT o.time_zone,
           ($2::timestamptz AT TIME ZONE o.time_zone)::date AS first_day,
           ($3::timestamptz AT TIME ZONE o.time_zone)::date AS last_day,
           (($2::timestamptz AT TIME ZONE o.time_zone)::date)::timestamp AT TIME ZONE o.time_zone AS first_at,
           ((($3::timestamptz AT TIME ZONE o.time_zone)::date) + 1)::timestamp AT TIME ZONE o.time_zone AS end_at
    FROM organisations o WHERE o.id = $1
  )`;

/**
 * Raw events of the refreshed days. $4 and $5 are bounds.first_at and bounds.end_at computed beforehand:
 * constants let the planner estimate the range and take the time index (with the bounds' expressions it
 * guessed, and scanned all 10M events of an organisation for one day's interactions and threads).
 */
const IN_BOUNDS = `e.organisation_id = $1 AND e.occurred_at >= $4::timestamptz AND e.occurred_at < $5::timestamptz`;

/**
 * person_month rows (see the 1764500000000 migration) of the person_daily rows matching `where` (alias d,
 * with \`bounds b\` in scope): day-of-month bit masks, and running totals by day of the month
 * (kpi_running_totals, a function of that migration).
 */
function personMonthSelect(where: string): string {
  const bit = (condition: string) =>
    `bit_or(CASE WHEN ${condition} THEN 1 << (extract(day FROM d.day)::int - 1) ELSE 0 END)`;
  const running = (column: string) =>
    `kpi_running_totals(array_agg(extract(day FROM d.day)::int), array_agg(d.${column}))`;
  return `${BOUNDS}
    SELECT $1, date_trunc('month', d.day)::date, d.person_id,
           ${bit('d.events > 0')}, ${bit('d.creations > 0')}, ${bit('d.responses > 0')}, ${bit('d.reactions > 0')},
           ${running('events')}, ${running('creations')}, ${running('replies')}, ${running('reactions')}
    FROM person_daily d, bounds b WHERE d.organisation_id = $1 AND ${where}
    GROUP BY date_trunc('month', d.day)::date, d.person_id`;
}

/**
 * group_person_month rows (see the 1765500000000 migration) of the activity_daily rows matching `where` (alias
 * d, with \`bounds b\` in scope): per month, group and person, the days active there and the days posted there
 * as bit masks, and running totals of posts, of contributions given (responses and reactions) and of replies
 * and answers (THREAD_RESPONSE_TYPES, a community's personas). Only active types (a join is not activity) and
 * only rows with a group.
 */
function groupPersonMonthSelect(where: string): string {
  const daily = (types: readonly ActivityType[]) =>
    `coalesce(sum(d.events) FILTER (WHERE d.type IN (${list(types)})), 0)::bigint`;
  // Most rows have no posts or no replies: their totals are the zero array, without a call of the function.
  const running = (column: string) =>
    `CASE WHEN sum(x.${column}) = 0 THEN array_fill(0, ARRAY[32])
          ELSE kpi_running_totals(array_agg(x.day), array_agg(x.${column}))::int[] END`;
  // Summed per day first: the month's arrays are then built from one row per active day, not per day and type.
  return `${BOUNDS}
    SELECT $1, x.month, x.group_id, x.person_id, bit_or(1 << (x.day - 1)),
           bit_or(CASE WHEN x.posts > 0 THEN 1 << (x.day - 1) ELSE 0 END),
           ${running('posts')}, ${running('given')}, ${running('replies')}
    FROM (SELECT date_trunc('month', d.day)::date AS month, d.group_id, d.person_id,
                 extract(day FROM d.day)::int AS day, ${daily(CREATION_TYPES)} AS posts,
                 ${daily(CONTRIBUTION_TYPES)} AS given, ${daily(THREAD_RESPONSE_TYPES)} AS replies
          FROM activity_daily d, bounds b
          WHERE d.organisation_id = $1 AND d.group_id IS NOT NULL AND d.type IN (${list(ACTIVE_TYPES)}) AND ${where}
          GROUP BY 1, 2, 3, 4) x
    GROUP BY x.month, x.group_id, x.person_id`;
}

/**
 * The (group, person) pairs active on the refreshed days (activity_daily of those days, active types, with a
 * group): the group_person_month rows a refresh rebuilds. Taken before and after activity_daily is rebuilt.
 */
const TOUCHED_GROUP_PEOPLE = `${BOUNDS}
  SELECT DISTINCT d.group_id, d.person_id FROM activity_daily d, bounds b
  WHERE d.organisation_id = $1 AND d.day BETWEEN b.first_day AND b.last_day AND d.group_id IS NOT NULL
    AND d.type IN (${list(ACTIVE_TYPES)})`;

const sumOf = (types: readonly ActivityType[]) =>
  `coalesce(sum(d.events) FILTER (WHERE d.type IN (${list(types)})), 0)`;

/** The statements of a refresh, in order (exported for the benchmark's plans). */
export const ROLLUP_STATEMENTS: readonly string[] = [
  // People whose days are rebuilt (active or joining on them, before or after): their activity span and first
  // join are recomputed after the rebuild.
  `CREATE TEMP TABLE touched_people ON COMMIT DROP AS ${BOUNDS}
   SELECT d.person_id FROM person_daily d, bounds b
   WHERE d.organisation_id = $1 AND d.day BETWEEN b.first_day AND b.last_day
   UNION
   SELECT d.person_id FROM activity_daily d, bounds b
   WHERE d.organisation_id = $1 AND d.day BETWEEN b.first_day AND b.last_day AND d.type = 'join'`,

  `CREATE TEMP TABLE touched_group_people ON COMMIT DROP AS ${TOUCHED_GROUP_PEOPLE}`,

  `${BOUNDS} DELETE FROM activity_daily d USING bounds b
     WHERE d.organisation_id = $1 AND d.day BETWEEN b.first_day AND b.last_day`,
  `${BOUNDS}
   INSERT INTO activity_daily (organisation_id, day, person_id, group_id, type, events, content_length)
   SELECT $1, (e.occurred_at AT TIME ZONE b.time_zone)::date, e.actor_id, e.group_id, e.type,
          sum(e.count), coalesce(sum(e.content_length), 0)
   FROM activity_events e, bounds b WHERE ${IN_BOUNDS} AND e.actor_id IS NOT NULL
   GROUP BY 2, 3, 4, 5`,
  // Volume without people (reactions a source counted but did not list): never in the rollups about people.
  `${BOUNDS} DELETE FROM unattributed_daily d USING bounds b
     WHERE d.organisation_id = $1 AND d.day BETWEEN b.first_day AND b.last_day`,
  `${BOUNDS}
   INSERT INTO unattributed_daily (organisation_id, day, group_id, type, events, largest)
   SELECT $1, (e.occurred_at AT TIME ZONE b.time_zone)::date, e.group_id, e.type, sum(e.count), max(e.count)
   FROM activity_events e, bounds b WHERE ${IN_BOUNDS} AND e.actor_id IS NULL
   GROUP BY 2, 3, 4`,

  `${BOUNDS} DELETE FROM person_daily d USING bounds b
     WHERE d.organisation_id = $1 AND d.day BETWEEN b.first_day AND b.last_day`,
  // Active days only: a person's row of a day exists when they did something that counts (not a join).
  `${BOUNDS}
   INSERT INTO person_daily (organisation_id, day, person_id, events, creations, responses, reactions, reads, replies)
   SELECT $1, d.day, d.person_id, sum(d.events), ${sumOf(CREATION_TYPES)}, ${sumOf(RESPONSE_TYPES)},
          ${sumOf(REACTION_TYPES)}, ${sumOf(READ_TYPES)}, ${sumOf(THREAD_RESPONSE_TYPES)}
   FROM activity_daily d, bounds b
   WHERE d.organisation_id = $1 AND d.day BETWEEN b.first_day AND b.last_day AND d.type IN (${list(ACTIVE_TYPES)})
   GROUP BY d.day, d.person_id`,
  `${BOUNDS} INSERT INTO touched_people
   SELECT d.person_id FROM person_daily d, bounds b
   WHERE d.organisation_id = $1 AND d.day BETWEEN b.first_day AND b.last_day
   UNION
   SELECT d.person_id FROM activity_daily d, bounds b
   WHERE d.organisation_id = $1 AND d.day BETWEEN b.first_day AND b.last_day AND d.type = 'join'`,
  // person_month: the months around the refreshed days of the people active on them (before or after),
  // rebuilt from person_daily.
  `${BOUNDS} DELETE FROM person_month m USING bounds b
     WHERE m.organisation_id = $1 AND m.month BETWEEN date_trunc('month', b.first_day)::date AND b.last_day
       AND m.person_id IN (SELECT person_id FROM touched_people)`,
  `INSERT INTO person_month (organisation_id, month, person_id, active, created, responded, reacted,
                             events, posts, replies, reactions)
   ${personMonthSelect(`d.day >= date_trunc('month', b.first_day)::date
                        AND d.day < (date_trunc('month', b.last_day) + interval '1 month')::date
                        AND d.person_id IN (SELECT person_id FROM touched_people)`)}`,
  // group_person_month: the same months, for the groups and people active in them on the refreshed days
  // (before or after), rebuilt from activity_daily. A pair not active on those days keeps its months as they were.
  `INSERT INTO touched_group_people ${TOUCHED_GROUP_PEOPLE}`,
  `${BOUNDS} DELETE FROM group_person_month m USING bounds b
     WHERE m.organisation_id = $1 AND m.month BETWEEN date_trunc('month', b.first_day)::date AND b.last_day
       AND (m.group_id, m.person_id) IN (SELECT group_id, person_id FROM touched_group_people)`,
  `INSERT INTO group_person_month (organisation_id, month, group_id, person_id, active, posted, posts, given,
                                   replies)
   ${groupPersonMonthSelect(`d.day >= date_trunc('month', b.first_day)::date
                             AND d.day < (date_trunc('month', b.last_day) + interval '1 month')::date
                             AND (d.group_id, d.person_id) IN (SELECT group_id, person_id FROM touched_group_people)`)}`,
  `DELETE FROM person_activity a USING touched_people t WHERE a.organisation_id = $1 AND a.person_id = t.person_id`,
  // Active span from the active days; the first join beside it (people who only joined have no active day).
  `INSERT INTO person_activity (organisation_id, person_id, first_day, last_day, active_days, first_joined_day)
   SELECT $1, t.person_id, a.first_day, a.last_day, a.active_days, j.first_joined_day
   FROM (SELECT DISTINCT person_id FROM touched_people) t
   CROSS JOIN LATERAL (
     SELECT min(d.day) AS first_day, max(d.day) AS last_day, count(*)::int AS active_days
     FROM person_daily d WHERE d.organisation_id = $1 AND d.person_id = t.person_id) a
   CROSS JOIN LATERAL (
     SELECT min(x.day) AS first_joined_day
     FROM activity_daily x WHERE x.organisation_id = $1 AND x.person_id = t.person_id AND x.type = 'join') j
   WHERE a.first_day IS NOT NULL OR j.first_joined_day IS NOT NULL`,

  `${BOUNDS} DELETE FROM interaction_daily d USING bounds b
     WHERE d.organisation_id = $1 AND d.day BETWEEN b.first_day AND b.last_day`,
  `${BOUNDS}
   INSERT INTO interaction_daily (organisation_id, day, actor_id, target_id, interactions)
   SELECT $1, (e.occurred_at AT TIME ZONE b.time_zone)::date, e.actor_id, e.target_actor_id, sum(e.count)
   FROM activity_events e, bounds b
   WHERE ${IN_BOUNDS} AND e.actor_id IS NOT NULL AND e.target_actor_id IS NOT NULL
     AND e.target_actor_id <> e.actor_id AND e.type IN (${list(INTERACTION_TYPES)})
   GROUP BY 2, 3, 4`,

  // Threads touched by the range: started in it, or responded to in it (the root may be older). A usage report's
  // count of posts (from_report) is no thread: it says nothing about who answered what.
  `CREATE TEMP TABLE touched_threads ON COMMIT DROP AS ${BOUNDS}
   SELECT e.source_id, e.external_id AS thread_key FROM activity_events e, bounds b
   WHERE ${IN_BOUNDS} AND e.type IN (${list(CREATION_TYPES)}) AND NOT e.from_report
   UNION
   SELECT e.source_id, e.thread_external_id FROM activity_events e, bounds b
   WHERE ${IN_BOUNDS} AND e.type IN (${list(THREAD_RESPONSE_TYPES)}) AND e.thread_external_id IS NOT NULL`,
  // Statistics of the temporary table, so the planner looks the touched threads up by key (it guessed and
  // scanned every thread of the organisation).
  `ANALYZE touched_threads`,
  `DELETE FROM thread_rollup t USING touched_threads x
   WHERE t.organisation_id = $1 AND t.source_id = x.source_id AND t.thread_key = x.thread_key`,
  // A thread is a post or question and its replies and answers. When no event of the source has the thread's
  // id (the root was deleted, or is outside the export), the thread still counts: it starts with its first
  // response, has no author (root_actor_id null: only figures for the whole organisation include it), and every
  // response is someone else's. A root of another type (a share, a call) makes no thread, as before.
  `INSERT INTO thread_rollup (organisation_id, source_id, thread_key, root_at, root_day, root_actor_id, group_id,
                              first_response_at, responses, responders, root_type, first_responder_id)
   SELECT $1, t.source_id, t.thread_key, coalesce(r.occurred_at, x.first_at),
          (coalesce(r.occurred_at, x.first_at) AT TIME ZONE o.time_zone)::date, r.actor_id,
          CASE WHEN r.id IS NULL
               THEN (SELECT f.group_id FROM activity_events f
                     WHERE f.organisation_id = $1 AND f.source_id = t.source_id AND f.thread_external_id = t.thread_key
                       AND f.type IN (${list(THREAD_RESPONSE_TYPES)})
                     ORDER BY f.occurred_at, f.id LIMIT 1)
               ELSE r.group_id END,
          x.first_response_at, x.responses, x.responders, r.type, x.first_responder_id
   FROM touched_threads t
   JOIN organisations o ON o.id = $1
   LEFT JOIN activity_events r ON r.organisation_id = $1 AND r.source_id = t.source_id AND r.external_id = t.thread_key
     AND r.type NOT IN (${list(NEVER_ROOT_TYPES)}) AND NOT r.from_report
   CROSS JOIN LATERAL (
     SELECT min(x.occurred_at) AS first_at,
            min(x.occurred_at) FILTER (WHERE x.actor_id IS DISTINCT FROM r.actor_id) AS first_response_at,
            count(x.id)::int AS responses,
            count(DISTINCT x.actor_id) FILTER (WHERE x.actor_id IS DISTINCT FROM r.actor_id)::int AS responders,
            (array_agg(x.actor_id ORDER BY x.occurred_at, x.id)
               FILTER (WHERE x.actor_id IS DISTINCT FROM r.actor_id AND x.actor_id IS NOT NULL))[1] AS first_responder_id
     FROM activity_events x
     WHERE x.organisation_id = $1 AND x.source_id = t.source_id AND x.thread_external_id = t.thread_key
       AND x.type IN (${list(THREAD_RESPONSE_TYPES)}) AND (r.id IS NULL OR x.occurred_at >= r.occurred_at)) x
   WHERE r.type IN (${list(CREATION_TYPES)}) OR (r.id IS NULL AND x.responses > 0)`,
];

/**
 * What to refresh after the organisation's time zone changed: all its events, widened by two days on each
 * side. One instant's local dates in two zones (UTC-12 to UTC+14) are up to two days apart, so the rollup
 * days written in the old zone that lie outside the new zone's range of days are cleared as well.
 */
export function timeZoneChangeRefresh(span: { first: Date; last: Date }): { from: string; to: string } {
  const margin = 2 * 86_400_000;
  return {
    from: new Date(span.first.getTime() - margin).toISOString(),
    to: new Date(span.last.getTime() + margin).toISOString(),
  };
}

/** work_mem of a rollup refresh's transaction (see refreshRollupsIn). */
export const ROLLUP_WORK_MEM = '64MB';

export interface RollupRefresh {
  durationMs: number;
}

/** Refreshes every rollup for the days between two instants. */
export async function refreshRollups(
  dataSource: DataSource,
  organisationId: string,
  range: { from: Date | string; to: Date | string },
): Promise<RollupRefresh> {
  const started = performance.now();
  await dataSource.transaction((manager) => refreshRollupsIn(manager, organisationId, range));
  return { durationMs: performance.now() - started };
}

/**
 * Holds the organisation's rollup lock until the transaction ends. Refreshes of one organisation (from several
 * workers) queue up instead of racing on the same days, and a change of the time zone waits for a running
 * refresh (which would otherwise mix the old and the new zone's days) and makes the next one wait for its commit.
 */
export async function lockOrganisationRollups(manager: EntityManager, organisationId: string): Promise<void> {
  await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended('rollup:' || $1, 0))`, [organisationId]);
}

export async function refreshRollupsIn(
  manager: EntityManager,
  organisationId: string,
  range: { from: Date | string; to: Date | string },
  /** Told how long each statement took (benchmarks). */
  onStatement?: (statement: string, ms: number) => void,
): Promise<void> {
  await lockOrganisationRollups(manager, organisationId);
  // Memory for the refresh's aggregations (this transaction only): with the default 4 MB a whole-range refresh's
  // hash aggregates spilled to disk (measured at 10M events: activity_daily's in 257 batches, 565 MB of temporary
  // files). A refresh runs one statement at a time, so this bounds it to one aggregate's ROLLUP_WORK_MEM
  // (times hash_mem_multiplier) per refreshing worker.
  await manager.query(`SET LOCAL work_mem = '${ROLLUP_WORK_MEM}'`);
  const [bounds]: { first_at: Date; end_at: Date }[] = await manager.query(
    `${BOUNDS} SELECT first_at, end_at FROM bounds`,
    [organisationId, range.from, range.to],
  );
  if (!bounds) return; // the organisation is gone
  for (const statement of ROLLUP_STATEMENTS) {
    const parameters = statement.includes('$4')
      ? [organisationId, range.from, range.to, bounds.first_at, bounds.end_at]
      : statement.includes('$2')
        ? [organisationId, range.from, range.to]
        : statement.includes('$1')
          ? [organisationId]
          : [];
    const started = performance.now();
    await manager.query(statement, parameters);
    onStatement?.(statement, performance.now() - started);
  }
  // Reports cached from the rollups (ReportCache) are keyed by this version: they go stale with the commit.
  await manager.query(
    `INSERT INTO kpi_rollup_versions (organisation_id, version) VALUES ($1, 1)
     ON CONFLICT (organisation_id) DO UPDATE SET version = kpi_rollup_versions.version + 1, refreshed_at = now()`,
    [organisationId],
  );
}
