import type { DataSource } from 'typeorm';
import {
  concatPacked,
  packedValues,
  percentilesOfUnion,
  unpackSorted,
  type SortedPart,
} from '../core/percentiles';
import { SCOPE, scopeParameters, type Population } from '../core/population';
import { RECORD_KEY_MODULUS } from '../disclosure/cell-key';
import { emptyTallies, type ThreadTallies } from '../communities/community-figures';
import {
  departmentParameters,
  departmentsCte,
  rangeThreads,
  type CandidateThreads,
  type CommunityWindow,
} from '../communities/communities-data';

/**
 * Thread tallies per org unit subtree of the authors (a thread counts in its author's unit and every unit
 * above it) and, under null, of the whole population: every thread of the range, in any group.
 *
 * Everything but the percentiles adds up over the units people belong to: a person has one unit, so a
 * subtree's threads, answered threads and distinct authors are the sums over the units in it. So Postgres
 * groups the range's threads once by the author's own unit (about as many rows as units), and the subtrees
 * are summed here; the median and 90th percentile come from each unit's sorted hours, merged per subtree.
 * The same figures as loadThreadTallies over the threads expanded to every ancestor (unit-threads.int-spec
 * compares both), without sorting the range's threads once per level of the tree (see README, best cases).
 */
export async function loadUnitThreads(
  dataSource: DataSource,
  population: Population,
  window: CommunityWindow,
  departments: ReadonlyMap<string, string>,
  ancestors: ReadonlyMap<string, readonly string[]>,
): Promise<Map<string | null, CandidateThreads>> {
  const rows: (Omit<UnitThreadRow, 'hours'> & { hours: Buffer })[] = await dataSource.query(
    `WITH ${SCOPE},
     ${departmentsCte(6)},
     threads AS (${rangeThreads()}),
     -- Counted per (author, first responder) first (4.5k rows for the 47k threads of a 90-day range at 10M
     -- events): the people and departments are joined on those. The hours travel packed, concatenated per
     -- unit and sorted in Node (core/percentiles.ts): the threads are read once, never sorted.
     pairs AS (
       SELECT author, responder, count(*) AS threads, count(*) FILTER (WHERE hours <= 168) AS within7,
              count(*) FILTER (WHERE question) AS questions,
              count(*) FILTER (WHERE question AND hours IS NOT NULL) AS answered_questions,
              ${packedValues('hours')} AS hours
       FROM threads GROUP BY author, responder),
     classified AS (
       SELECT x.*, pa.org_unit_id AS unit, pa.record_key AS key,
              ad.department AS author_department, rd.department AS responder_department
       FROM pairs x
       JOIN people pa ON pa.organisation_id = $1 AND pa.id = x.author
       LEFT JOIN departments ad ON ad.id = pa.org_unit_id
       LEFT JOIN people pr ON pr.organisation_id = $1 AND pr.id = x.responder
       LEFT JOIN departments rd ON rd.id = pr.org_unit_id),
     authors AS (
       SELECT a.unit, count(*)::int AS authors, (sum(a.key) % ${RECORD_KEY_MODULUS})::bigint AS authors_key,
              max(a.threads)::int AS top
       FROM (SELECT unit, author, min(key) AS key, sum(threads) AS threads FROM classified GROUP BY 1, 2) a
       GROUP BY a.unit),
     tallies AS (
       SELECT unit, sum(threads)::int AS threads, sum(within7)::int AS within7,
              sum(questions)::int AS questions, sum(answered_questions)::int AS answered_questions,
              coalesce(sum(threads) FILTER (WHERE author_department IS NOT NULL
                                              AND responder_department IS NOT NULL), 0)::int AS comparable,
              coalesce(sum(threads) FILTER (WHERE author_department <> responder_department), 0)::int AS crossing,
              ${concatPacked('hours')} AS hours
       FROM classified GROUP BY unit)
     SELECT t.*, a.authors, a.authors_key, a.top
     FROM tallies t JOIN authors a ON a.unit IS NOT DISTINCT FROM t.unit`,
    [...scopeParameters(population), window.from, window.to, ...departmentParameters(departments)],
  );
  return rollUpUnitThreads(
    rows.map((row) => ({ ...row, hours: unpackSorted(row.hours) })),
    ancestors,
  );
}

/** One unit's threads (its own people's, not its subtree's); `unit` null: people without a unit. */
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

const NO_BUCKETS = [0, 1, 2, 3, 4].map(() => ({ threads: 0, authors: 0 }));

/**
 * The subtree tallies of every unit (each unit row counts in its own unit and every ancestor,
 * `ancestors`: unit id → the ids on its path, itself included) and of all rows together (key null).
 */
export function rollUpUnitThreads(
  rows: readonly UnitThreadRow[],
  ancestors: ReadonlyMap<string, readonly string[]>,
): Map<string | null, CandidateThreads> {
  const sums = new Map<string | null, ThreadTallies>();
  const parts: SortedPart<string | null>[] = [];
  const add = (candidate: string | null, row: UnitThreadRow) => {
    let tallies = sums.get(candidate);
    if (!tallies) {
      tallies = emptyTallies();
      sums.set(candidate, tallies);
    }
    tallies.threads += row.threads;
    tallies.answeredWithin7Days += row.within7;
    tallies.questions += row.questions;
    tallies.answeredQuestions += row.answered_questions;
    tallies.answered += row.hours.length;
    tallies.comparable += row.comparable;
    tallies.crossDepartment += row.crossing;
    tallies.authors.count += row.authors;
    tallies.authors.key = (tallies.authors.key + Number(row.authors_key)) % RECORD_KEY_MODULUS;
    tallies.topAuthorThreads = Math.max(tallies.topAuthorThreads, row.top);
  };
  for (const row of rows) {
    const units = row.unit === null ? [] : (ancestors.get(row.unit) ?? [row.unit]);
    for (const candidate of [null, ...units]) add(candidate, row);
    parts.push({ sorted: row.hours, groups: [null, ...units] });
  }
  const percentiles = percentilesOfUnion(parts, [0.5, 0.9]);
  const result = new Map<string | null, CandidateThreads>();
  for (const [candidate, tallies] of sums) {
    const [median, p90] = percentiles.get(candidate) ?? [null, null];
    result.set(candidate, {
      tallies: { ...tallies, medianHours: median, p90Hours: p90 },
      buckets: NO_BUCKETS,
    });
  }
  return result;
}
