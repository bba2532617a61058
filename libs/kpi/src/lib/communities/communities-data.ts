import type { GroupKind } from '@uptake/contracts';
import type { DataSource } from 'typeorm';
import { CREATION_TYPES, sqlTypes } from '../core/activity-definition';
import { addDays, weekStart } from '../core/periods';
import { IN_SCOPE, SCOPE, scopeParameters, type Population } from '../core/population';
import { concatPacked, packedValues, percentilesOfUnion, unpackSorted } from '../core/percentiles';
import { RECORD_KEY_MODULUS, type PeopleCount } from '../disclosure/cell-key';
import type { ThreadTallies } from './community-figures';
import type { CommunityPersonTotals } from './community-personas';
import type { CommunityWeekFacts } from './community-health';
import type { DepartmentCell, ResponseBucketTally } from './department-flows';
import { GROWTH_WEEKS } from './growth';

/*
 * The SQL of community health. Every query is one set-based pass over a rollup for all communities at once
 * (GROUP BY group), never a query per community and never raw events:
 * - group_person_month (people active in a community, posts, responses given: day masks and running totals
 *   per month), over the 365 days ending on the range's last day (the 12-month denominator of the health
 *   index) and the weeks of the series;
 * - thread_rollup (threads started in the range, their first response by someone else);
 * - group_members (membership by join day).
 * Record keys are summed in SQL (modulo 2^32), so a community's cells come back as one number each.
 *
 * Parameters: $1..$3 the population (core/population.ts), $4 from, $5 to, $6 one community or null for all,
 * $7 the series' first Monday, $8 the first day read.
 */

/**
 * Communities: groups that are places of activity, never a cohort defined in Uptake; all of the organisation
 * ($1) or the one in `groupParameter` (null: all). `listed`: the source lists members for it at all.
 */
const communitiesCte = (groupParameter = '$6') => `
  communities AS (
    SELECT g.id, g.name, g.kind, g.is_private,
           EXISTS (SELECT 1 FROM group_members m WHERE m.group_id = g.id) AS listed
    FROM groups g
    WHERE g.organisation_id = $1 AND g.kind <> 'cohort'
      AND (${groupParameter}::uuid IS NULL OR g.id = ${groupParameter}::uuid))`;
const COMMUNITIES = communitiesCte();

/**
 * The department of every org unit, from `departments` (unit id → department id): the knowledge flow's
 * notion (knowledge-flow/departments.ts on core/top-units.ts), so a community's cross-department share and
 * the knowledge-flow matrix agree. Passed as two arrays at parameter positions `first` and `first + 1`.
 */
export function departmentsCte(first: number): string {
  return `departments AS (SELECT * FROM unnest($${first}::uuid[], $${first + 1}::uuid[]) AS d(id, department))`;
}

export function departmentParameters(departments: ReadonlyMap<string, string>): unknown[] {
  return [[...departments.keys()], [...departments.values()]];
}

/** Sum of record keys of the joined people `x` as a cell key. */
const KEY_SUM = (filter = '') =>
  `(coalesce(sum(x.record_key)${filter ? ` FILTER (WHERE ${filter})` : ''}, 0) % ${RECORD_KEY_MODULUS})::bigint`;

/** The window a request reads: the range, the 365 days before its end, and the weeks growth compares. */
export interface CommunityWindow {
  from: string;
  to: string;
  /** Monday of the first week of the series (GROWTH_WEEKS before the last week at the latest). */
  seriesStart: string;
  /** First day read from group_person_month (its month from this day on). */
  firstDay: string;
  /** Mondays of the series, oldest first. */
  weeks: string[];
}

export function communityWindow(from: string, to: string): CommunityWindow {
  const lastWeek = weekStart(to);
  const seriesStart = [weekStart(from), addDays(lastWeek, -7 * GROWTH_WEEKS)].sort()[0];
  const firstDay = [from, addDays(to, -364), seriesStart].sort()[0];
  const weeks: string[] = [];
  for (let week = seriesStart; week <= lastWeek; week = addDays(week, 7)) weeks.push(week);
  return { from, to, seriesStart, firstDay, weeks };
}

/** $1..$3 the population, $4 from, $5 to, $6 the community (null: all). */
function rangeParameters(population: Population, window: CommunityWindow, groupId: string | null): unknown[] {
  return [...scopeParameters(population), window.from, window.to, groupId];
}

const cell = (count: number | string, key: number | string): PeopleCount => ({
  count: Number(count),
  key: Number(key),
});

export interface CommunityRow {
  groupId: string;
  name: string;
  kind: GroupKind;
  isPrivate: boolean;
  listed: boolean;
}

/** The communities of the organisation (or the one asked for). */
export async function loadCommunityRows(
  dataSource: DataSource,
  organisationId: string,
  groupId: string | null,
): Promise<CommunityRow[]> {
  const rows: { id: string; name: string; kind: GroupKind; is_private: boolean; listed: boolean }[] =
    await dataSource.query(`WITH ${communitiesCte('$2')} SELECT * FROM communities ORDER BY name, id`, [
      organisationId,
      groupId,
    ]);
  return rows.map((row) => ({
    groupId: row.id,
    name: row.name,
    kind: row.kind,
    isPrivate: row.is_private,
    listed: row.listed,
  }));
}

/** What group_person_month says about one community. */
export interface CommunityActivity {
  active: PeopleCount;
  active28: PeopleCount;
  active365: PeopleCount;
  posts: number[];
  interactions: number[];
  /** By Monday: people active in the week, posts, posters, the most posts of one person. */
  weeks: Map<string, Omit<CommunityWeekFacts, 'week' | 'members'>>;
}

/**
 * The columns `<name>_first`, `<name>_last` (days of the month, 1-based) and `<name>_mask` (bit d-1 for each
 * day d) of the days `first`..`last` (SQL dates) clipped to a month, for a CTE with the columns `month` (its
 * first day) and `month_end` (its last day) in scope. Computed once per month, never per row. A window that
 * misses the month gives first > last and an empty mask. Days 1..31 are bits 0..30: the int never overflows.
 */
function spanColumns(name: string, first: string, last: string): string {
  const from = `(greatest(${first}, month) - month + 1)`;
  const to = `(least(${last}, month_end) - month + 1)`;
  return `${from} AS ${name}_first, ${to} AS ${name}_last,
          CASE WHEN ${from} <= ${to} THEN ((1::bigint << ${to}) - (1::bigint << (${from} - 1)))::int ELSE 0 END
            AS ${name}_mask`;
}

/** The sum over span `name` of `spans` (spanColumns) of a running-total column (element i+1 = days 1..i). */
function spanTotal(column: string, spans: string, name: string): string {
  const [first, last] = [`${spans}.${name}_first`, `${spans}.${name}_last`];
  return `CASE WHEN ${first} <= ${last} THEN ${column}[${last} + 1] - ${column}[${first}] ELSE 0 END`;
}

/**
 * `month_spans`: one row per month from `firstDay`'s month to `lastDay` (SQL dates) with the spanColumns of
 * each window (name, first day, last day).
 */
export function monthSpansCte(
  firstDay: string,
  lastDay: string,
  windows: readonly [string, string, string][],
): string {
  return `month_spans AS MATERIALIZED (
       SELECT month, ${windows.map(([name, first, last]) => spanColumns(name, first, last)).join(', ')}
       FROM (SELECT g.month::date AS month, (g.month + interval '1 month')::date - 1 AS month_end
             FROM generate_series(date_trunc('month', ${firstDay}::timestamp), ${lastDay}::timestamp,
                                  interval '1 month') g(month)) m)`;
}

/**
 * `week_spans`: the weeks from Monday `firstWeek` to `lastDay` (SQL dates; the last week ends on `lastDay`),
 * each cut into the one or two months it overlaps (`split`: two), with the spanColumns `week_*` of its part
 * of each month, for month rows with a `month` column (first day).
 */
export function weekSpansCte(firstWeek: string, lastDay: string): string {
  return `week_spans AS MATERIALIZED (
       SELECT week, month, count(*) OVER (PARTITION BY week) > 1 AS split,
              ${spanColumns('week', 'week', 'week_end')}
       FROM (SELECT w.week, w.week_end, x.month, (x.month + interval '1 month')::date - 1 AS month_end
             FROM (SELECT g.week::date AS week, least(g.week::date + 6, ${lastDay}) AS week_end
                   FROM generate_series(${firstWeek}::timestamp, ${lastDay}::timestamp, interval '7 days') g(week)) w
             CROSS JOIN LATERAL (SELECT DISTINCT date_trunc('month', d::timestamp)::date AS month
                                 FROM unnest(ARRAY[w.week, w.week_end]) d) x) w)`;
}

/** group_person_month rows (alias m) of the population's people in communities, months `firstDay`..`lastDay`. */
function communityMonths(firstDay: string, lastDay: string): string {
  return `m.organisation_id = $1 AND m.month BETWEEN date_trunc('month', ${firstDay}::timestamp)::date AND ${lastDay}
          AND ${IN_SCOPE('m.person_id')}`;
}

/** Any day of span `name` of `spans` set in a day mask? */
export const inSpan = (mask: string, spans: string, name: string) => `${mask} & ${spans}.${name}_mask <> 0`;

/**
 * The (community, person, week) rows of the population's people active in a week of `week_spans` whose
 * parts match `parts`, from group_person_month (alias m); `posts` is the posts column's expression.
 */
function weekParts(parts: string, posts: string, groupBy: string): string {
  return `SELECT m.group_id, m.person_id, s.week, ${posts} AS posts
          FROM group_person_month m
          JOIN communities c ON c.id = m.group_id
          JOIN week_spans s ON s.month = m.month AND ${parts}
          WHERE ${communityMonths('$7::date', '$5::date')} AND ${inSpan('m.active', 's', 'week')}
          ${groupBy}`;
}

/**
 * People of the population active in each community (active types: a join is not activity) in the range,
 * in its last 28 days and in the 365 days ending on its last day; posts per poster and interactions per
 * active person in the range (responses and reactions given in the community, plus the responses their
 * threads there received: thread_rollup.responses, which includes the author's own follow-ups, as the rollup
 * does not split them); and per week of the series, the active people and posts.
 *
 * Read from group_person_month (one row per community, person and month: day masks and running totals), not
 * activity_daily: a year of a community is at most 13 small rows per person instead of one per person, day
 * and type. The windows are cut out of each month with day masks (`month_spans`, one row per month); a week
 * that spans two months is the sum of its two parts (`week_spans`, one row per week and month).
 */
export async function loadCommunityActivity(
  dataSource: DataSource,
  population: Population,
  window: CommunityWindow,
  groupId: string | null,
  options: { interactions: boolean } = { interactions: true },
): Promise<Map<string, CommunityActivity>> {
  // The responses people's threads received: a pass over the range's threads that only the key-player
  // index (interactions) reads, so a caller that publishes none of it (the best-case finder) skips it.
  const received = options.interactions
    ? `received AS (
       SELECT t.group_id, t.root_actor_id AS person_id, sum(t.responses)::int AS received
       FROM thread_rollup t JOIN communities c ON c.id = t.group_id
       WHERE t.organisation_id = $1 AND t.root_day BETWEEN $4::date AND $5::date
         AND t.root_type IN (${sqlTypes(CREATION_TYPES)}) AND t.root_actor_id IS NOT NULL
         AND ${IN_SCOPE('t.root_actor_id')}
       GROUP BY 1, 2),`
    : '';
  const rows: {
    group_id: string;
    active: number;
    active_key: string;
    active28: number;
    active28_key: string;
    active365: number;
    active365_key: string;
    posts: string[];
    interactions: string[];
    weeks:
      { week: string; people: number; key: string; posts: string; posters: number; top: string }[] | null;
  }[] = await dataSource.query(
    `WITH ${SCOPE}, ${COMMUNITIES},
     ${monthSpansCte('$8::date', '$5::date', [
       ['read', '$8::date', '$5::date'],
       ['range', '$4::date', '$5::date'],
       ['last28', '$5::date - 27', '$5::date'],
       ['last365', '$5::date - 364', '$5::date'],
     ])},
     person_groups AS (
       SELECT m.group_id, m.person_id,
              bool_or(${inSpan('m.active', 's', 'range')}) AS in_range,
              bool_or(${inSpan('m.active', 's', 'last28')}) AS last28,
              bool_or(${inSpan('m.active', 's', 'last365')}) AS last365,
              sum(${spanTotal('m.posts', 's', 'range')}) AS posts,
              sum(${spanTotal('m.given', 's', 'range')}) AS given
       FROM group_person_month m
       JOIN communities c ON c.id = m.group_id
       JOIN month_spans s ON s.month = m.month
       WHERE ${communityMonths('$8::date', '$5::date')}
       GROUP BY 1, 2
       HAVING bool_or(${inSpan('m.active', 's', 'read')})),
     ${received}
     per_group AS (
       SELECT p.group_id,
              count(*) FILTER (WHERE p.in_range)::int AS active, ${KEY_SUM('p.in_range')} AS active_key,
              count(*) FILTER (WHERE p.last28)::int AS active28, ${KEY_SUM('p.last28')} AS active28_key,
              count(*) FILTER (WHERE p.last365)::int AS active365, ${KEY_SUM('p.last365')} AS active365_key,
              coalesce(array_agg(p.posts) FILTER (WHERE p.posts > 0), '{}') AS posts,
              ${
                options.interactions
                  ? `coalesce(array_agg(p.given + coalesce(r.received, 0)) FILTER (WHERE p.in_range), '{}')`
                  : `'{}'::int[]`
              } AS interactions
       FROM person_groups p JOIN people x ON x.organisation_id = $1 AND x.id = p.person_id
       ${options.interactions ? 'LEFT JOIN received r ON r.group_id = p.group_id AND r.person_id = p.person_id' : ''}
       GROUP BY p.group_id),
     ${weekSpansCte('$7::date', '$5::date')},
     -- A person has one row per community and month: only the parts of a split week need adding up (each
     -- half reads the table on its own, so the other half streams into per_week without being stored).
     person_weeks AS (
       ${weekParts('NOT s.split', spanTotal('m.posts', 's', 'week'), '')}
       UNION ALL
       ${weekParts('s.split', `sum(${spanTotal('m.posts', 's', 'week')})`, 'GROUP BY 1, 2, 3')}),
     per_week AS (
       SELECT w.group_id,
              jsonb_agg(jsonb_build_object('week', to_char(w.week, 'YYYY-MM-DD'), 'people', w.people, 'key', w.key,
                                           'posts', w.posts, 'posters', w.posters, 'top', w.top)) AS weeks
       FROM (SELECT w.group_id, w.week, count(*)::int AS people, ${KEY_SUM()}::text AS key,
                    sum(w.posts)::text AS posts, count(*) FILTER (WHERE w.posts > 0)::int AS posters,
                    max(w.posts)::text AS top
             FROM person_weeks w JOIN people x ON x.organisation_id = $1 AND x.id = w.person_id
             GROUP BY 1, 2) w
       GROUP BY w.group_id)
     SELECT g.*, w.weeks FROM per_group g LEFT JOIN per_week w ON w.group_id = g.group_id`,
    [...rangeParameters(population, window, groupId), window.seriesStart, window.firstDay],
  );
  return new Map(
    rows.map((row) => [
      row.group_id,
      {
        active: cell(row.active, row.active_key),
        active28: cell(row.active28, row.active28_key),
        active365: cell(row.active365, row.active365_key),
        posts: row.posts.map(Number),
        interactions: row.interactions.map(Number),
        weeks: new Map(
          (row.weeks ?? []).map((week) => [
            week.week,
            {
              activePeople: cell(week.people, week.key),
              posts: Number(week.posts),
              posters: week.posters,
              topPoster: Number(week.top),
            },
          ]),
        ),
      },
    ]),
  );
}

/** Joins of the population's people per community and week (joins before the series in the week before it). */
export interface MemberJoins {
  /** Members who joined by the range's last day (or whose join day is unknown). */
  members: PeopleCount;
  /** Members at the end of each week of the series, in the series' order. */
  weekly: PeopleCount[];
}

/**
 * Members at the end of each week from the joins per week: a running sum of counts and of cell keys
 * (modulo 2^32). `joins` are keyed by the Monday of the week of the join; a key before the series (joins
 * earlier, or of unknown day) counts from the start.
 */
export function membersByWeek(
  joins: ReadonlyMap<string, PeopleCount>,
  weeks: readonly string[],
): MemberJoins {
  const sorted = [...joins].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const weekly: PeopleCount[] = [];
  let count = 0;
  let key = 0;
  let next = 0;
  for (const week of weeks) {
    while (next < sorted.length && sorted[next][0] <= week) {
      count += sorted[next][1].count;
      key = (key + sorted[next][1].key) % RECORD_KEY_MODULUS;
      next++;
    }
    weekly.push({ count, key });
  }
  for (; next < sorted.length; next++) {
    count += sorted[next][1].count;
    key = (key + sorted[next][1].key) % RECORD_KEY_MODULUS;
  }
  return { members: { count, key }, weekly };
}

/** Membership rows of the population per community, by week of the join (in the organisation's time zone). */
export async function loadMemberJoins(
  dataSource: DataSource,
  population: Population,
  window: CommunityWindow,
  groupId: string | null,
): Promise<Map<string, MemberJoins>> {
  const rows: { group_id: string; week: string; people: number; key: string }[] = await dataSource.query(
    `WITH ${SCOPE}, ${communitiesCte('$5')}
     SELECT m.group_id,
            to_char(greatest(date_trunc('week', (m.joined_at AT TIME ZONE o.time_zone)::date::timestamp)::date,
                             $6::date - 7), 'YYYY-MM-DD') AS week,
            count(*)::int AS people, ${KEY_SUM()} AS key
     FROM group_members m
     JOIN communities c ON c.id = m.group_id
     JOIN organisations o ON o.id = $1
     JOIN people x ON x.organisation_id = $1 AND x.id = m.person_id
     WHERE m.organisation_id = $1 AND ${IN_SCOPE('m.person_id')}
       AND (m.joined_at IS NULL OR (m.joined_at AT TIME ZONE o.time_zone)::date <= $4::date)
     GROUP BY 1, 2`,
    [...scopeParameters(population), window.to, groupId, window.seriesStart],
  );
  const joins = new Map<string, Map<string, PeopleCount>>();
  for (const row of rows) {
    const weeks = joins.get(row.group_id) ?? new Map<string, PeopleCount>();
    weeks.set(row.week, cell(row.people, row.key));
    joins.set(row.group_id, weeks);
  }
  return new Map([...joins].map(([group, weeks]) => [group, membersByWeek(weeks, window.weeks)]));
}

/** Thread tallies per candidate; `null` is the organisation (all candidates together). */
export interface CandidateThreads {
  tallies: ThreadTallies;
  buckets: ResponseBucketTally[];
}

/** One org unit's threads (its own people's, not its subtree's); `unit` null: people without a unit. */
export interface UnitThreadRow {
  unit: string | null;
  threads: number;
  within7: number;
  questions: number;
  answered_questions: number;
  comparable: number;
  crossing: number;
  /** Hours to the first response by someone else of the answered threads, ascending. */
  hours: ArrayLike<number>;
  authors: number;
  authors_key: string | number;
  top: number;
}

/** What queryThreadTallies returns: per candidate, and (with `units`) per author's own org unit. */
export interface ThreadTalliesResult {
  candidates: Map<string | null, CandidateThreads>;
  units: UnitThreadRow[];
}

/**
 * Thread tallies per candidate from a `threads` CTE (candidate, author, question, hours, responder) the
 * caller writes over thread_rollup: a community's threads, or an org unit subtree's. Rows with a null
 * candidate are the organisation's. Hours to the first response by someone else (null: unanswered), its
 * median and 90th percentile (percentile_cont's, computed in Node: core/percentiles.ts), the buckets of the
 * detail, and the answered threads whose author's and first responder's departments are known and differ.
 * `overall: 'all-rows'`: every thread is in exactly one candidate's rows and the organisation is all of them,
 * so `threads` holds no null rows and the organisation's tallies come from a grouping set (one pass over the
 * threads instead of a second copy of them); `'null-rows'`: the caller adds the organisation's rows itself.
 */
export async function loadThreadTallies(
  dataSource: DataSource,
  sql: { ctes: string; threads: string },
  parameterValues: unknown[],
  departments: ReadonlyMap<string, string>,
  options: { buckets: boolean; overall: 'all-rows' | 'null-rows' },
): Promise<Map<string | null, CandidateThreads>> {
  return (await queryThreadTallies(dataSource, sql, parameterValues, departments, options)).candidates;
}

/**
 * loadThreadTallies, and with `units` also the tallies per author's own org unit from the same pass over
 * the threads (the best-case finder ranks communities and org units on the same threads): then `threads`
 * holds every thread of the population, a null candidate being a thread in no candidate (counted in the
 * units only), and `overall` must be 'all-rows'.
 */
export async function queryThreadTallies(
  dataSource: DataSource,
  sql: { ctes: string; threads: string },
  parameterValues: unknown[],
  departments: ReadonlyMap<string, string>,
  options: { buckets: boolean; overall: 'all-rows' | 'null-rows'; units?: boolean },
): Promise<ThreadTalliesResult> {
  if (options.units && options.overall !== 'all-rows')
    throw new Error("unit tallies need overall 'all-rows'");
  const [byCandidate, byAuthor] =
    options.overall === 'all-rows'
      ? ['GROUPING SETS ((candidate), ())', 'GROUPING SETS ((candidate, author), (author))']
      : ['candidate', 'candidate, author'];
  const BUCKETS = [
    'hours <= 1',
    'hours > 1 AND hours <= 4',
    'hours > 4 AND hours <= 24',
    'hours > 24 AND hours <= 168',
    'hours IS NULL OR hours > 168',
  ];
  // The buckets' distinct authors: only the detail of one community asks for them.
  const bucketColumns = (make: (index: number) => string) =>
    options.buckets ? BUCKETS.map((_, index) => `, ${make(index)}`).join('') : '';
  const noBuckets = `array_fill(0, ARRAY[${BUCKETS.length * 2}])`;
  const bucketArray = options.buckets
    ? `ARRAY[${BUCKETS.map((_, index) => `t.b${index}, a.b${index}_authors`).join(', ')}]`
    : noBuckets;
  // The sums over pairs (alias-free columns of `classified`), for candidates and units alike.
  const sums = `sum(threads)::int AS threads, sum(within7)::int AS within7,
              sum(questions)::int AS questions, sum(answered_questions)::int AS answered_questions,
              sum(answered)::int AS answered,
              coalesce(sum(threads) FILTER (WHERE author_department IS NOT NULL
                                              AND responder_department IS NOT NULL), 0)::int AS comparable,
              coalesce(sum(threads) FILTER (WHERE author_department <> responder_department), 0)::int AS crossing`;
  const authorSums = `count(*)::int AS authors, ${KEY_SUM()} AS authors_key, max(x.threads)::int AS top`;
  const inCandidates = options.units ? 'WHERE candidate IS NOT NULL' : '';
  const rows: {
    kind: 'candidate' | 'unit';
    candidate: string | null;
    threads: number;
    within7: number;
    questions: number;
    answered_questions: number;
    answered: number;
    /** Null for the organisation's grouping-set row. */
    hours: Buffer | null;
    comparable: number;
    crossing: number;
    authors: number;
    authors_key: string;
    top: number;
    buckets: [number, number, number, number, number, number, number, number, number, number];
  }[] = await dataSource.query(
    `WITH ${[SCOPE, sql.ctes, departmentsCte(parameterValues.length + 1)].filter(Boolean).join(', ')},
     threads AS (${sql.threads}),
     -- Counted per (candidate, author, first responder) first: a few thousand rows instead of one per thread
     -- (6.2k for the 47k threads of a 90-day range at 10M events), so the people and departments are joined
     -- and everything after is summed on those; the hours travel packed (core/percentiles.ts), concatenated
     -- per candidate and sorted in Node, so the threads are read once, never materialised or sorted.
     pairs AS (
       SELECT candidate, author, responder, count(*) AS threads,
              count(*) FILTER (WHERE hours <= 168) AS within7,
              count(*) FILTER (WHERE question) AS questions,
              count(*) FILTER (WHERE question AND hours IS NOT NULL) AS answered_questions,
              count(hours) AS answered, ${packedValues('hours')} AS hours
              ${bucketColumns((index) => `count(*) FILTER (WHERE ${BUCKETS[index]}) AS b${index}`)}
       FROM threads GROUP BY candidate, author, responder),
     classified AS (
       SELECT x.*, pa.record_key, pa.org_unit_id AS unit,
              ad.department AS author_department, rd.department AS responder_department
       FROM pairs x
       JOIN people pa ON pa.organisation_id = $1 AND pa.id = x.author
       LEFT JOIN departments ad ON ad.id = pa.org_unit_id
       LEFT JOIN people pr ON pr.organisation_id = $1 AND pr.id = x.responder
       LEFT JOIN departments rd ON rd.id = pr.org_unit_id),
     authors AS (
       SELECT x.candidate, ${authorSums}
              ${bucketColumns((index) => `count(*) FILTER (WHERE x.b${index} > 0)::int AS b${index}_authors`)}
       FROM (SELECT candidate, author, min(record_key) AS record_key, sum(threads) AS threads
                    ${bucketColumns((index) => `sum(b${index}) AS b${index}`)}
             FROM classified ${inCandidates} GROUP BY ${byAuthor}) x
       GROUP BY x.candidate),
     tallies AS (
       SELECT candidate, ${sums}
              ${bucketColumns((index) => `sum(b${index})::int AS b${index}`)},
              -- The organisation's row of 'all-rows' leaves its hours out: they are the merge of its
              -- candidates' (each thread is in one), done in Node rather than sent twice.
              ${
                options.overall === 'all-rows'
                  ? `CASE WHEN GROUPING(candidate) = 0 THEN ${concatPacked('hours')} END`
                  : concatPacked('hours')
              } AS hours
       FROM classified ${inCandidates} GROUP BY ${byCandidate})
     SELECT 'candidate' AS kind, t.candidate, t.threads, t.within7, t.questions, t.answered_questions,
            t.answered, t.comparable, t.crossing, t.hours, a.authors, a.authors_key, a.top, ${bucketArray} AS buckets
     FROM tallies t JOIN authors a ON a.candidate IS NOT DISTINCT FROM t.candidate
     ${
       options.units
         ? `UNION ALL
     SELECT 'unit', t.unit, t.threads, t.within7, t.questions, t.answered_questions, t.answered, t.comparable,
            t.crossing, t.hours, a.authors, a.authors_key, a.top, ${noBuckets}
     FROM (SELECT unit, ${sums}, ${concatPacked('hours')} AS hours FROM classified GROUP BY unit) t
     JOIN (SELECT x.unit, ${authorSums}
           FROM (SELECT unit, author, min(record_key) AS record_key, sum(threads) AS threads
                 FROM classified GROUP BY unit, author) x
           GROUP BY x.unit) a ON a.unit IS NOT DISTINCT FROM t.unit`
         : ''
     }`,
    [...parameterValues, ...departmentParameters(departments)],
  );
  const candidateRows = rows.filter((row) => row.kind === 'candidate');
  // Each candidate's hours; in 'all-rows' they count in the organisation (null) as well.
  const percentiles = percentilesOfUnion(
    candidateRows
      .filter((row) => row.hours !== null)
      .map((row) => ({
        sorted: unpackSorted(row.hours as Buffer),
        groups: options.overall === 'all-rows' ? [row.candidate, null] : [row.candidate],
      })),
    [0.5, 0.9],
  );
  const candidates = new Map(
    candidateRows.map((row) => [
      row.candidate,
      {
        tallies: {
          threads: row.threads,
          answeredWithin7Days: row.within7,
          questions: row.questions,
          answeredQuestions: row.answered_questions,
          answered: row.answered,
          medianHours: percentiles.get(row.candidate)?.[0] ?? null,
          p90Hours: percentiles.get(row.candidate)?.[1] ?? null,
          authors: cell(row.authors, row.authors_key),
          topAuthorThreads: row.top,
          comparable: row.comparable,
          crossDepartment: row.crossing,
        },
        buckets: [0, 1, 2, 3, 4].map((index) => ({
          threads: Number(row.buckets[index * 2]),
          authors: Number(row.buckets[index * 2 + 1]),
        })),
      },
    ]),
  );
  const units = rows
    .filter((row) => row.kind === 'unit')
    .map((row) => ({
      unit: row.candidate,
      threads: row.threads,
      within7: row.within7,
      questions: row.questions,
      answered_questions: row.answered_questions,
      comparable: row.comparable,
      crossing: row.crossing,
      hours: unpackSorted(row.hours ?? Buffer.alloc(0)),
      authors: row.authors,
      authors_key: row.authors_key,
      top: row.top,
    }));
  return { candidates, units };
}

/**
 * Threads of the range started by the population's people (root_type a creation: posts, questions), with
 * hours to the first response by someone else. Alias `t` is thread_rollup; `extra` filters further.
 * date_part (float8), not extract (numeric): the same hours to the microsecond, at a quarter of the cost
 * (measured: 11 vs 45 ms for the 47k threads of a 90-day range at 10M events).
 */
export function rangeThreads(extra = ''): string {
  return `SELECT t.group_id, t.root_actor_id AS author, t.root_type = 'question' AS question,
                 date_part('epoch', t.first_response_at - t.root_at) / 3600 AS hours,
                 t.first_responder_id AS responder
          FROM thread_rollup t
          WHERE t.organisation_id = $1 AND t.root_day BETWEEN $4::date AND $5::date
            AND t.root_type IN (${sqlTypes(CREATION_TYPES)}) AND t.root_actor_id IS NOT NULL
            AND ${IN_SCOPE('t.root_actor_id')} ${extra}`;
}

/**
 * Thread tallies per community and, under the key null, of all communities together; with `units` (all
 * communities only) also per author's own org unit over every thread of the population, in any community or
 * none, from the same pass (queryThreadTallies).
 */
export async function loadCommunityThreads(
  dataSource: DataSource,
  population: Population,
  window: CommunityWindow,
  groupId: string | null,
  departments: ReadonlyMap<string, string>,
  options: { units: boolean } = { units: false },
): Promise<ThreadTalliesResult> {
  if (options.units && groupId !== null) throw new Error('unit tallies are for all communities');
  return queryThreadTallies(
    dataSource,
    {
      ctes: COMMUNITIES,
      // A thread is in one community at most: the organisation's tallies are a grouping set over them all.
      threads: options.units
        ? `SELECT CASE WHEN t.group_id IN (SELECT id FROM communities) THEN t.group_id END AS candidate,
                  author, question, hours, responder
           FROM (${rangeThreads()}) t`
        : `SELECT group_id AS candidate, author, question, hours, responder
           FROM (${rangeThreads('AND t.group_id IN (SELECT id FROM communities)')}) t`,
    },
    rangeParameters(population, window, groupId),
    departments,
    { buckets: groupId !== null, overall: 'all-rows', units: options.units },
  );
}

/**
 * Per active person of one community in the range: threads started, answered by others, replies given
 * (personas), from group_person_month (the range's days of each month) and thread_rollup.
 */
export async function loadCommunityPersonTotals(
  dataSource: DataSource,
  population: Population,
  window: CommunityWindow,
  groupId: string,
): Promise<CommunityPersonTotals[]> {
  const rows: { threads: number; answered: number; replies: number }[] = await dataSource.query(
    `WITH ${SCOPE}, ${monthSpansCte('$4::date', '$5::date', [['range', '$4::date', '$5::date']])},
     active AS (
       SELECT m.person_id, sum(${spanTotal('m.replies', 's', 'range')})::int AS replies
       FROM group_person_month m JOIN month_spans s ON s.month = m.month
       WHERE m.group_id = $6::uuid AND ${communityMonths('$4::date', '$5::date')}
       GROUP BY 1
       HAVING bool_or(${inSpan('m.active', 's', 'range')})),
     started AS (
       SELECT t.author AS person_id, count(*)::int AS threads, count(t.hours)::int AS answered
       FROM (${rangeThreads('AND t.group_id = $6::uuid')}) t GROUP BY 1)
     SELECT a.replies, coalesce(s.threads, 0) AS threads, coalesce(s.answered, 0) AS answered
     FROM active a LEFT JOIN started s ON s.person_id = a.person_id`,
    rangeParameters(population, window, groupId),
  );
  return rows.map((row) => ({ threads: row.threads, answeredThreads: row.answered, replies: row.replies }));
}

/**
 * First responses in one community by department of the responder and of the thread's author, with the
 * distinct people on each side (threads of the population's authors; responders anyone).
 */
export async function loadDepartmentCells(
  dataSource: DataSource,
  population: Population,
  window: CommunityWindow,
  groupId: string,
  departments: ReadonlyMap<string, string>,
): Promise<DepartmentCell[]> {
  const rows: {
    from_unit: string | null;
    to_unit: string | null;
    responses: number;
    responders: number;
    responders_key: string;
    top: number;
    authors: number;
    authors_key: string;
  }[] = await dataSource.query(
    `WITH ${SCOPE}, ${departmentsCte(7)},
     flows AS (
       SELECT rd.department AS from_unit, ad.department AS to_unit, t.responder, t.author
       FROM (${rangeThreads('AND t.group_id = $6::uuid')}) t
       JOIN people pa ON pa.organisation_id = $1 AND pa.id = t.author
       LEFT JOIN departments ad ON ad.id = pa.org_unit_id
       JOIN people pr ON pr.organisation_id = $1 AND pr.id = t.responder
       LEFT JOIN departments rd ON rd.id = pr.org_unit_id),
     responders AS (
       SELECT r.from_unit, r.to_unit, count(*)::int AS responders, ${KEY_SUM()} AS responders_key,
              max(r.n)::int AS top, sum(r.n)::int AS responses
       FROM (SELECT from_unit, to_unit, responder, count(*) AS n FROM flows GROUP BY 1, 2, 3) r
       JOIN people x ON x.organisation_id = $1 AND x.id = r.responder
       GROUP BY 1, 2),
     authors AS (
       SELECT a.from_unit, a.to_unit, count(*)::int AS authors, ${KEY_SUM()} AS authors_key
       FROM (SELECT DISTINCT from_unit, to_unit, author FROM flows) a
       JOIN people x ON x.organisation_id = $1 AND x.id = a.author
       GROUP BY 1, 2)
     SELECT r.*, a.authors, a.authors_key
     FROM responders r
     JOIN authors a ON a.from_unit IS NOT DISTINCT FROM r.from_unit AND a.to_unit IS NOT DISTINCT FROM r.to_unit`,
    [...rangeParameters(population, window, groupId), ...departmentParameters(departments)],
  );
  return rows.map((row) => ({
    from: row.from_unit,
    to: row.to_unit,
    responses: row.responses,
    responders: cell(row.responders, row.responders_key),
    authors: cell(row.authors, row.authors_key),
    topResponder: row.top,
  }));
}
