import type { EngagementPoint } from '@uptake/contracts';
import type { DataSource } from 'typeorm';
import { ActivityBits } from './activity-bits';
import {
  ACTIVE_TYPES,
  CREATION_TYPES,
  REACTION_TYPES,
  sqlTypes,
  THREAD_RESPONSE_TYPES,
} from './activity-definition';
import type { PopulationSizes } from './disclosure/addressable';
import { addDays, type Period } from './periods';
import type { Interaction, PersonAttributes } from './network';
import type { Member, PersonDay } from './people-kpis';
import { publishMagnitude, type DisclosureRule, type PeopleCount } from './disclosure/cell-key';
import { isSuppressed, protect, suppressionReason } from './suppression';

/** Who the figures are about: an org unit's subtree, a group's members, both, or everyone. */
export interface Population {
  organisationId: string;
  orgUnitId: string | null;
  groupId: string | null;
}

/** $1 organisation, $2 org unit (subtree), $3 group. Every KPI query starts from this set of people. */
const SCOPE = `
  scope AS (
    SELECT p.* FROM people p
    WHERE p.organisation_id = $1
      AND ($2::uuid IS NULL OR EXISTS (
            SELECT 1 FROM org_units root JOIN org_units u ON u.organisation_id = root.organisation_id
            WHERE root.organisation_id = $1 AND root.id = $2 AND u.id = p.org_unit_id
              AND u.path LIKE root.path || '%'))
      AND ($3::uuid IS NULL OR EXISTS (
            SELECT 1 FROM group_members gm
            WHERE gm.organisation_id = $1 AND gm.group_id = $3 AND gm.person_id = p.id))
  )`;

/** Rows of a rollup keyed by person belong to the population (a no-op filter for everyone). */
const IN_SCOPE = (column: string) =>
  `(($2::uuid IS NULL AND $3::uuid IS NULL) OR ${column} IN (SELECT id FROM scope))`;

function parameters(population: Population): unknown[] {
  return [population.organisationId, population.orgUnitId, population.groupId];
}

/**
 * The population, with each person's first active day and last active day up to `until`. The last active
 * day before the end of the data costs a look-up per person: `{ lastActiveDay: false }` leaves it null for
 * callers that do not read it (or read activity from the day masks instead).
 */
export async function loadMembers(
  dataSource: DataSource,
  population: Population,
  until: string,
  options: { lastActiveDay?: boolean } = {},
): Promise<Member[]> {
  const lastDay =
    options.lastActiveDay === false
      ? 'NULL::text'
      : `to_char(CASE WHEN a.last_day <= $4 THEN a.last_day
                      WHEN a.first_day <= $4 THEN (SELECT max(d.day) FROM person_daily d
                                                  WHERE d.organisation_id = $1 AND d.person_id = s.id
                                                    AND d.day <= $4) END, 'YYYY-MM-DD')`;
  const rows: {
    id: string;
    listed: boolean;
    start_date: string | null;
    end_date: string | null;
    first_day: string | null;
    last_day: string | null;
    first_joined_day: string | null;
    org_unit_id: string | null;
    record_key: string;
  }[] = await dataSource.query(
    `WITH ${SCOPE}
     SELECT s.id, s.record_key, s.in_directory AS listed, to_char(s.start_date, 'YYYY-MM-DD') AS start_date,
            to_char(s.end_date, 'YYYY-MM-DD') AS end_date, s.org_unit_id,
            to_char(CASE WHEN a.first_day <= $4 THEN a.first_day END, 'YYYY-MM-DD') AS first_day,
            to_char(CASE WHEN a.first_joined_day <= $4 THEN a.first_joined_day END, 'YYYY-MM-DD')
              AS first_joined_day,
            ${lastDay} AS last_day
     FROM scope s
     LEFT JOIN person_activity a ON a.organisation_id = $1 AND a.person_id = s.id`,
    [...parameters(population), until],
  );
  return rows.map((row) => ({
    id: row.id,
    listed: row.listed,
    startDate: row.start_date,
    endDate: row.end_date,
    firstActiveDay: row.first_day,
    lastActiveDay: row.last_day,
    firstJoinedDay: row.first_joined_day,
    orgUnitId: row.org_unit_id,
    recordKey: Number(row.record_key),
  }));
}

/** Person-days of the population between two days (inclusive). */
export async function loadPersonDays(
  dataSource: DataSource,
  population: Population,
  from: string,
  to: string,
): Promise<PersonDay[]> {
  const rows: {
    day: string;
    person_id: string;
    events: string;
    creations: string;
    responses: string;
    reactions: string;
    reads: string;
  }[] = await dataSource.query(
    `WITH ${SCOPE}
     SELECT to_char(d.day, 'YYYY-MM-DD') AS day, d.person_id, d.events, d.creations, d.responses, d.reactions, d.reads
     FROM person_daily d
     WHERE d.organisation_id = $1 AND d.day BETWEEN $4 AND $5 AND ${IN_SCOPE('d.person_id')}`,
    [...parameters(population), from, to],
  );
  return rows.map((row) => ({
    day: row.day,
    personId: row.person_id,
    events: Number(row.events),
    creations: Number(row.creations),
    responses: Number(row.responses),
    reactions: Number(row.reactions),
    reads: Number(row.reads),
  }));
}

/** Days before the range that the rolling 28-day window needs. */
export const LOOKBACK_DAYS = 27;

export function lookbackStart(from: string): string {
  return addDays(from, -LOOKBACK_DAYS);
}

export async function loadUnitNames(
  dataSource: DataSource,
  organisationId: string,
): Promise<Map<string, string>> {
  const rows: { id: string; name: string }[] = await dataSource.query(
    'SELECT id, name FROM org_units WHERE organisation_id = $1',
    [organisationId],
  );
  return new Map(rows.map((row) => [row.id, row.name]));
}

/**
 * Engagement per period: posts, replies and reactions per active person (person_month: day masks and running
 * totals, so a period costs two array reads per person and month), and threads started by the population
 * with the share answered and the median time to the first response by someone else (thread_rollup).
 * Thread figures rest on the thread authors; withheld below k of them. Same figures as
 * `queryEngagementFromActivityDaily`, which sums activity_daily (the reference the tests compare with).
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
      [...parameters(population), periods.map((p) => p.start), periods.map((p) => p.end)],
    );
  });
  return engagementPoints(rows, periods, rule);
}

/**
 * Median hours to the first response by someone else. A thread without a known root (deleted, or outside the
 * export; root_actor_id null) counts as a thread with a response, but has no start to measure from.
 */
const MEDIAN_HOURS = `(percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM t.first_response_at - t.root_at))
                 FILTER (WHERE t.first_response_at IS NOT NULL AND t.root_actor_id IS NOT NULL) / 3600)::float8`;

/**
 * Reactions a source counted without listing who (Slack's long reaction lists): volume of the whole
 * organisation, so only for the unfiltered population (they cannot be placed in a unit or group of people).
 */
/**
 * Threads started by the population per period (thread_rollup, an index-only scan by day). Their distinct
 * authors are the people who posted or asked in the period (a thread is a post or question): counted with
 * the activity, from the day masks, which spares sorting the threads by author.
 */
const THREADS = `
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

const UNATTRIBUTED = `
     unattributed AS (
       SELECT p.start_day, sum(u.events) AS reactions, max(u.largest) AS largest
       FROM periods p
       JOIN unattributed_daily u ON u.organisation_id = $1 AND u.day BETWEEN p.start_day AND p.end_day
                                AND u.type IN (${sqlTypes(REACTION_TYPES)})
       WHERE $2::uuid IS NULL AND $3::uuid IS NULL
       GROUP BY p.start_day)`;
const UNATTRIBUTED_COLUMNS = `
            CASE WHEN $2::uuid IS NULL AND $3::uuid IS NULL THEN coalesce(u.reactions, 0) END
              AS unattributed_reactions,
            coalesce(u.largest, 0) AS unattributed_largest`;

const ENGAGEMENT_SELECT = `
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

interface EngagementRow {
  start_day: string;
  active: number;
  /** Cell keys of the active people and of the thread authors, and the largest single contributions. */
  active_key?: number;
  authors_key?: number;
  top_posts?: string;
  top_replies?: string;
  top_reactions?: string;
  top_threads?: number;
  posts: string;
  replies: string;
  reactions: string;
  threads: number;
  authors: number;
  answered: number;
  median_hours: number | null;
  /** Null when the population is filtered (unattributed volume belongs to no unit or group). */
  unattributed_reactions: string | null;
  unattributed_largest: string;
}

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
    [...parameters(population), periods.map((p) => p.start), periods.map((p) => p.end)],
  );
  return engagementPoints(rows, periods, k);
}

const THREADS_NOT_MEASURABLE = {
  code: 'report-counts-only',
  message:
    "The population's posts in this period come only from usage reports, which count posts per person and " +
    'day: threads and their answers are not measurable.',
} as const;

function engagementPoints(
  rows: EngagementRow[],
  periods: readonly Period[],
  rule: DisclosureRule,
): EngagementPoint[] {
  return rows.map((row, index): EngagementPoint => {
    const period = periods[index];
    const active = { count: row.active, key: Number(row.active_key ?? 0) };
    const authors = { count: row.authors, key: Number(row.authors_key ?? 0) };
    const magnitude = (total: string | number, top: string | number | undefined, cell: PeopleCount) =>
      Math.round(publishMagnitude(Number(total), Number(top ?? 0), cell, rule));
    const posts = magnitude(row.posts, row.top_posts, active);
    const replies = magnitude(row.replies, row.top_replies, active);
    const reactions = magnitude(row.reactions, row.top_reactions, active);
    const shownActive = protect(active, rule);
    const perActive = (count: number) => (!shownActive ? null : count / shownActive);
    const activityHidden = isSuppressed(row.active, rule);
    const threadsHidden = isSuppressed(row.authors, rule);
    // Posts without a single thread: all of them are usage report counts (from_report events make no thread).
    const unmeasurable = !threadsHidden && Number(row.posts) > 0 && row.threads === 0;
    const point: EngagementPoint = {
      start: period.start,
      end: period.end,
      active: activityHidden ? null : shownActive,
      posts: activityHidden ? null : posts,
      replies: activityHidden ? null : replies,
      reactions: activityHidden ? null : reactions,
      postsPerActive: activityHidden ? null : perActive(posts),
      repliesPerActive: activityHidden ? null : perActive(replies),
      reactionsPerActive: activityHidden ? null : perActive(reactions),
      threads: threadsHidden ? null : magnitude(row.threads, row.top_threads, authors),
      threadsWithResponse: threadsHidden || row.threads === 0 ? null : row.answered / row.threads,
      medianHoursToFirstResponse: threadsHidden ? null : row.median_hours,
      unattributedReactions:
        activityHidden || row.unattributed_reactions === null
          ? null
          : magnitude(row.unattributed_reactions, row.unattributed_largest, active),
    };
    if (activityHidden || threadsHidden) point.suppressed = suppressionReason(rule);
    if (unmeasurable) {
      point.threads = null;
      point.threadsWithResponse = null;
      point.medianHoursToFirstResponse = null;
      point.threadsNotMeasurable = THREADS_NOT_MEASURABLE;
    }
    return point;
  });
}

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
    [...parameters(population), from, to],
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
    [...parameters(population), from, to],
  );
  return new Map(rows.map((row) => [row.person_id, Number(row.events)]));
}

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
    [...parameters(population), from, to],
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
    parameters(population),
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
      [...parameters(population), periods.map((p) => p.start), periods.map((p) => p.end), metric],
    );
  return rows.map((row) => {
    const cell = { count: row.people, key: Number(row.key) };
    const people = protect(cell, rule);
    if (!people) return null;
    return publishMagnitude(row.total, row.top, cell, rule) / people;
  });
}

/** Head counts behind the minimum population and difference rules (see disclosure/addressable.ts). */
export async function loadPopulationSizes(
  dataSource: DataSource,
  population: Population,
  k: number,
): Promise<PopulationSizes> {
  const [row]: {
    organisation: number;
    in_unit: number;
    in_group: number;
    in_both: number;
    in_parent: number | null;
  }[] = await dataSource.query(
    `WITH unit_people AS (
       SELECT p.id FROM people p
       JOIN org_units u ON u.organisation_id = p.organisation_id AND u.id = p.org_unit_id
       JOIN org_units root ON root.organisation_id = $1 AND root.id = $2 AND u.path LIKE root.path || '%'
       WHERE p.organisation_id = $1),
     group_people AS (
       SELECT gm.person_id AS id FROM group_members gm WHERE gm.organisation_id = $1 AND gm.group_id = $3)
     SELECT (SELECT count(*)::int FROM people WHERE organisation_id = $1) AS organisation,
            (SELECT count(*)::int FROM unit_people) AS in_unit,
            (SELECT count(*)::int FROM group_people) AS in_group,
            (SELECT count(*)::int FROM unit_people JOIN group_people USING (id)) AS in_both,
            (SELECT count(*)::int FROM people p
               JOIN org_units u ON u.organisation_id = p.organisation_id AND u.id = p.org_unit_id
               JOIN org_units child ON child.organisation_id = $1 AND child.id = $2
               JOIN org_units parent ON parent.organisation_id = $1 AND parent.id = child.parent_id
              WHERE p.organisation_id = $1 AND u.path LIKE parent.path || '%') AS in_parent`,
    parameters(population),
  );
  const { orgUnitId, groupId } = population;
  const sizes: PopulationSizes = {
    organisation: row.organisation,
    population:
      orgUnitId && groupId
        ? row.in_both
        : orgUnitId
          ? row.in_unit
          : groupId
            ? row.in_group
            : row.organisation,
  };
  if (orgUnitId && row.in_parent !== null && row.in_parent > 0) sizes.parentUnit = row.in_parent;
  if (orgUnitId && groupId) Object.assign(sizes, { unitAlone: row.in_unit, groupAlone: row.in_group });
  if (groupId) {
    const nearest = await nearestGroup(dataSource, population.organisationId, groupId, row.in_group, k);
    if (nearest) sizes.nearestGroup = nearest;
  }
  return sizes;
}

/**
 * The other group of the organisation closest to `groupId` by symmetric difference, if it is 1..k-1 people
 * away. Only groups sharing a member can be that close (a disjoint group is at least this group's size away),
 * so the search walks this group's members' other memberships.
 */
async function nearestGroup(
  dataSource: DataSource,
  organisationId: string,
  groupId: string,
  size: number,
  k: number,
): Promise<{ name: string; difference: number } | undefined> {
  const [row]: { name: string; difference: number }[] = await dataSource.query(
    `WITH shared AS (
       SELECT other.group_id, count(*)::int AS shared
       FROM group_members mine
       JOIN group_members other ON other.organisation_id = mine.organisation_id AND other.person_id = mine.person_id
       WHERE mine.organisation_id = $1 AND mine.group_id = $2 AND other.group_id <> $2
       GROUP BY other.group_id)
     SELECT g.name, (s.shared * -2 + $3::int + (SELECT count(*) FROM group_members m WHERE m.group_id = s.group_id))::int
              AS difference
     FROM shared s JOIN groups g ON g.id = s.group_id
     ORDER BY difference, g.name LIMIT 1`,
    [organisationId, groupId, size],
  );
  return row && row.difference > 0 && row.difference < k ? row : undefined;
}
