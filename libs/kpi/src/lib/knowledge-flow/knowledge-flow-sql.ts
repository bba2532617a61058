import type { DataSource } from 'typeorm';
import { IN_SCOPE, SCOPE, scopeParameters, type Population } from '../core/population';
import type {
  BoundaryTally,
  FlowCellRow,
  FlowShareRow,
  FlowUnitRow,
  LevelRow,
  ThreadTally,
} from './flow-rows';

/**
 * The knowledge-flow and leadership aggregates, summed in Postgres from the rollups (thread_rollup,
 * person_daily, interaction_daily, people): Node receives one row per unit, cell, month or level, never one
 * per thread or person. Parameters: $1..$3 the population (SCOPE), $4 from, $5 to, and for the flow $6/$7
 * the departments (org unit ids and their department, see departments.ts): the directory, a few thousand
 * rows at most. A person's company is their legacy company (people.legacy_unit_id), as in the network KPIs.
 */

/** Cell keys are sums of record keys modulo 2^32 (disclosure/cell-key.ts). */
const KEY = (column: string, filter = '') =>
  `(coalesce(sum(${column})${filter && ` FILTER (WHERE ${filter})`}, 0) % 4294967296)::float8`;

/**
 * Threads started in the range by people of the population (the author decides: the matrix answers "who
 * answers our people's threads", including responders from outside the population), counted once per
 * (author, first responder, month) so everything after works on pairs rather than threads, with both
 * people's department, company and record key. Threads without a known author (the root is missing) have no
 * asker and are left out; a null responder is a thread nobody else answered.
 */
const FLOW = `${SCOPE},
  departments AS (SELECT * FROM unnest($6::uuid[], $7::uuid[]) AS d(unit_id, department_id)),
  pairs AS (
    SELECT t.root_actor_id AS author, t.first_responder_id AS responder,
           date_trunc('month', t.root_day)::date AS month, count(*)::int AS n
    FROM thread_rollup t
    WHERE t.organisation_id = $1 AND t.root_day BETWEEN $4 AND $5 AND t.root_actor_id IS NOT NULL
      AND ${IN_SCOPE('t.root_actor_id')}
    GROUP BY t.root_actor_id, t.first_responder_id, date_trunc('month', t.root_day)),
  attributes AS (
    SELECT p.id, d.department_id AS unit, p.legacy_unit_id AS company, p.record_key AS key
    FROM people p LEFT JOIN departments d ON d.unit_id = p.org_unit_id
    WHERE p.organisation_id = $1),
  flow AS MATERIALIZED (
    SELECT x.author, x.responder, x.month, x.n, a.unit AS asker_unit, r.unit AS responder_unit,
           a.company AS asker_company, r.company AS responder_company, a.key AS author_key, r.key AS responder_key
    FROM pairs x
    JOIN attributes a ON a.id = x.author
    LEFT JOIN attributes r ON r.id = x.responder),
  answered AS MATERIALIZED (SELECT * FROM flow WHERE responder IS NOT NULL)`;

/** Per-person tallies (columns n, key) summed to a ThreadTally's columns. */
const TALLY = `sum(n)::int AS threads, count(*)::int AS people, ${KEY('key')} AS key, max(n)::int AS top`;

/** The matrix: per (asker unit, responder unit), threads with their distinct authors and responders. */
const CELLS = `
  cell_authors AS (
    SELECT asker_unit, responder_unit, author, min(author_key) AS key, sum(n) AS n
    FROM answered GROUP BY asker_unit, responder_unit, author),
  cell_responders AS (
    SELECT asker_unit, responder_unit, responder, min(responder_key) AS key
    FROM answered GROUP BY asker_unit, responder_unit, responder),
  cells AS (
    SELECT a.*, r.responders, r.responders_key
    FROM (SELECT asker_unit, responder_unit, ${TALLY} FROM cell_authors GROUP BY asker_unit, responder_unit) a
    JOIN (SELECT asker_unit, responder_unit, count(*)::int AS responders, ${KEY('key')} AS responders_key
          FROM cell_responders GROUP BY asker_unit, responder_unit) r
      ON a.asker_unit IS NOT DISTINCT FROM r.asker_unit AND a.responder_unit IS NOT DISTINCT FROM r.responder_unit)`;

/** Per unit: threads started, answers to other units' threads, own threads answered by other units. */
const UNITS = `
  between_units AS (
    SELECT * FROM answered
    WHERE asker_unit IS NOT NULL AND responder_unit IS NOT NULL AND asker_unit <> responder_unit),
  unit_tallies AS (
    SELECT 'started' AS figure, asker_unit AS unit, author AS person, min(author_key) AS key, sum(n) AS n
    FROM flow WHERE asker_unit IS NOT NULL GROUP BY asker_unit, author
    UNION ALL
    SELECT 'answers', responder_unit, responder, min(responder_key), sum(n)
    FROM between_units GROUP BY responder_unit, responder
    UNION ALL
    SELECT 'answered', asker_unit, author, min(author_key), sum(n)
    FROM between_units GROUP BY asker_unit, author),
  units AS (SELECT figure, unit, ${TALLY} FROM unit_tallies GROUP BY figure, unit)`;

/** Per-person threads crossing and staying on one side of a boundary whose two values are `a` and `b`. */
const sides = (name: string, a: string, b: string) => `
  coalesce(sum(n) FILTER (WHERE ${a} IS NOT NULL AND ${b} IS NOT NULL AND ${a} <> ${b}), 0) AS ${name}_cross,
  coalesce(sum(n) FILTER (WHERE ${a} IS NOT NULL AND ${b} IS NOT NULL AND ${a} = ${b}), 0) AS ${name}_same`;

/** People of a month (`who`: authors or responders) with threads crossing, and staying, per boundary. */
const boundary = (name: string, who: string) => `
  count(*) FILTER (WHERE ${name}_cross > 0)::int AS ${name}_cross_${who},
  count(*) FILTER (WHERE ${name}_same > 0)::int AS ${name}_same_${who}`;

/** Per person of a month and of the whole range (GROUPING SETS: month null), their threads by boundary. */
const perPerson = (person: string, key: string) => `
  SELECT month, ${person} AS person, min(${key}) AS key, sum(n) AS n,
         ${sides('dept', 'asker_unit', 'responder_unit')},
         ${sides('company', 'asker_company', 'responder_company')}
  FROM answered GROUP BY GROUPING SETS ((month, ${person}), (${person}))`;

/** Answered threads of the whole range (month null) and of each month, split by department and company. */
const SHARES = `
  share_authors AS (${perPerson('author', 'author_key')}),
  share_responders AS (${perPerson('responder', 'responder_key')}),
  shares AS (
    SELECT to_char(a.month, 'YYYY-MM-DD') AS month, a.threads, a.people, a.key, a.top, a.dept_crossing,
           a.dept_staying, a.company_crossing, a.company_staying, a.dept_cross_authors, a.dept_same_authors,
           a.company_cross_authors, a.company_same_authors, r.responders, r.dept_cross_responders,
           r.dept_same_responders, r.company_cross_responders, r.company_same_responders
    FROM (SELECT month, ${TALLY},
                 sum(dept_cross)::int AS dept_crossing, sum(dept_same)::int AS dept_staying,
                 sum(company_cross)::int AS company_crossing, sum(company_same)::int AS company_staying,
                 ${boundary('dept', 'authors')}, ${boundary('company', 'authors')}
          FROM share_authors GROUP BY month) a
    JOIN (SELECT month, count(*)::int AS responders,
                 ${boundary('dept', 'responders')}, ${boundary('company', 'responders')}
          FROM share_responders GROUP BY month) r ON a.month IS NOT DISTINCT FROM r.month)`;

interface TallyColumns {
  threads: number;
  people: number;
  key: number;
  top: number;
}

type CellColumns = TallyColumns & {
  asker_unit: string | null;
  responder_unit: string | null;
  responders: number;
  responders_key: number;
};
type UnitColumns = TallyColumns & { unit: string; figure: 'started' | 'answers' | 'answered' };
type BoundaryColumn = `${'dept' | 'company'}_${
  'crossing' | 'staying' | 'cross_authors' | 'same_authors' | 'cross_responders' | 'same_responders'}`;
type ShareColumns = TallyColumns & { month: string | null; responders: number } & Record<
    BoundaryColumn,
    number
  >;

const tallyOf = (row: TallyColumns): ThreadTally => ({
  threads: row.threads,
  people: { count: row.people, key: Number(row.key) },
  top: row.top,
});

const EMPTY: ThreadTally = { threads: 0, people: { count: 0, key: 0 }, top: 0 };

/** What the flow query reads: the population's threads of [from, to], units counted in their department. */
export interface FlowQuery {
  population: Population;
  from: string;
  to: string;
  /** Department of each org unit (departments.ts); people of other units have an unknown department. */
  departments: ReadonlyMap<string, string>;
}

export interface FlowAggregates {
  cells: FlowCellRow[];
  units: FlowUnitRow[];
  shares: FlowShareRow[];
}

/**
 * The matrix, the units and the shares in one statement: the range's threads are read and paired with
 * their people once (the materialised `flow`), and the three results come back as JSON arrays.
 */
export async function loadFlow(dataSource: DataSource, query: FlowQuery): Promise<FlowAggregates> {
  const { population, from, to, departments } = query;
  const [row]: { cells: CellColumns[]; units: UnitColumns[]; shares: ShareColumns[] }[] =
    await dataSource.query(
      `WITH ${FLOW}, ${CELLS}, ${UNITS}, ${SHARES}
       SELECT (SELECT coalesce(json_agg(c), '[]') FROM cells c) AS cells,
              (SELECT coalesce(json_agg(u), '[]') FROM units u) AS units,
              (SELECT coalesce(json_agg(s), '[]') FROM shares s) AS shares`,
      [...scopeParameters(population), from, to, [...departments.keys()], [...departments.values()]],
    );
  return { cells: row.cells.map(cellOf), units: unitsOf(row.units), shares: row.shares.map(shareOf) };
}

function cellOf(row: CellColumns): FlowCellRow {
  return {
    askerUnit: row.asker_unit,
    responderUnit: row.responder_unit,
    byAuthors: tallyOf(row),
    responders: { count: row.responders, key: Number(row.responders_key) },
  };
}

function unitsOf(rows: readonly UnitColumns[]): FlowUnitRow[] {
  const units = new Map<string, FlowUnitRow>();
  for (const row of rows) {
    let unit = units.get(row.unit);
    if (!unit) {
      unit = { unit: row.unit, started: EMPTY, answersToOthers: EMPTY, answeredByOthers: EMPTY };
      units.set(row.unit, unit);
    }
    const tally = tallyOf(row);
    if (row.figure === 'started') unit.started = tally;
    else if (row.figure === 'answers') unit.answersToOthers = tally;
    else unit.answeredByOthers = tally;
  }
  return [...units.values()];
}

function boundaryOf(name: 'dept' | 'company', row: ShareColumns): BoundaryTally {
  return {
    comparable: row[`${name}_crossing`] + row[`${name}_staying`],
    crossing: row[`${name}_crossing`],
    crossingAuthors: row[`${name}_cross_authors`],
    crossingResponders: row[`${name}_cross_responders`],
    sameAuthors: row[`${name}_same_authors`],
    sameResponders: row[`${name}_same_responders`],
  };
}

function shareOf(row: ShareColumns): FlowShareRow {
  return {
    month: row.month,
    answered: tallyOf(row),
    responders: row.responders,
    department: boundaryOf('dept', row),
    company: boundaryOf('company', row),
  };
}

/**
 * Per hierarchy level of the population: head count and active people (person_daily), posts and replies,
 * and from interaction_daily the interactions aimed at lower and higher levels and the distinct people
 * addressed. interaction_daily sums every interaction type (replies, answers, mentions, shares, calls,
 * reactions) without keeping the type, so "responses" up and down the hierarchy include them all. Targets
 * may be outside the population: a manager answering another department still answers staff.
 */
export async function loadLevels(
  dataSource: DataSource,
  population: Population,
  from: string,
  to: string,
): Promise<LevelRow[]> {
  const rows: {
    level: number | null;
    people: number;
    key: number;
    active: number;
    active_key: number;
    [magnitude: string]: number | null;
  }[] = await dataSource.query(
    `WITH ${SCOPE},
     days AS (
       SELECT d.person_id, sum(d.creations) AS posts, sum(d.replies) AS replies
       FROM person_daily d
       WHERE d.organisation_id = $1 AND d.day BETWEEN $4 AND $5 AND ${IN_SCOPE('d.person_id')}
       GROUP BY d.person_id),
     -- Summed per (actor, target) first: fewer rows to compare levels on, and reach is a count of them.
     pairs AS (
       SELECT i.actor_id, i.target_id, sum(i.interactions) AS interactions
       FROM interaction_daily i
       WHERE i.organisation_id = $1 AND i.day BETWEEN $4 AND $5 AND ${IN_SCOPE('i.actor_id')}
       GROUP BY i.actor_id, i.target_id),
     ties AS (
       SELECT x.actor_id, coalesce(sum(x.interactions) FILTER (WHERE t.level > a.level), 0) AS to_staff,
              coalesce(sum(x.interactions) FILTER (WHERE t.level < a.level), 0) AS to_leaders,
              count(*) AS reach
       FROM pairs x
       JOIN scope a ON a.id = x.actor_id
       JOIN people t ON t.organisation_id = $1 AND t.id = x.target_id
       GROUP BY x.actor_id)
     SELECT s.level, count(*)::int AS people, ${KEY('s.record_key')} AS key,
            count(d.person_id)::int AS active,
            ${KEY('s.record_key', 'd.person_id IS NOT NULL')} AS active_key,
            ${['d.posts', 'd.replies', 'x.to_staff', 'x.to_leaders', 'x.reach']
              .map((column) => {
                const name = column.slice(2);
                return `coalesce(sum(${column}), 0)::float8 AS ${name}, coalesce(max(${column}), 0)::float8 AS top_${name}`;
              })
              .join(', ')}
     FROM scope s
     LEFT JOIN days d ON d.person_id = s.id
     LEFT JOIN ties x ON x.actor_id = s.id
     GROUP BY s.level`,
    [...scopeParameters(population), from, to],
  );
  const magnitude = (row: (typeof rows)[number], name: string) => ({
    total: Number(row[name]),
    top: Number(row[`top_${name}`]),
  });
  return rows.map((row) => ({
    level: row.level,
    people: { count: row.people, key: Number(row.key) },
    active: { count: row.active, key: Number(row.active_key) },
    posts: magnitude(row, 'posts'),
    replies: magnitude(row, 'replies'),
    toStaff: magnitude(row, 'to_staff'),
    toLeaders: magnitude(row, 'to_leaders'),
    reach: magnitude(row, 'reach'),
  }));
}
