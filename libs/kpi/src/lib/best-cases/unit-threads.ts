import type { DataSource } from 'typeorm';
import { percentilesOfUnion, type SortedPart } from '../core/percentiles';
import { scopeParameters, type Population } from '../core/population';
import { RECORD_KEY_MODULUS } from '../disclosure/cell-key';
import { emptyTallies, type ThreadTallies } from '../communities/community-figures';
import {
  queryThreadTallies,
  rangeThreads,
  type CandidateThreads,
  type CommunityWindow,
  type UnitThreadRow,
} from '../communities/communities-data';

export type { UnitThreadRow } from '../communities/communities-data';

/**
 * Thread tallies per org unit subtree of the authors (a thread counts in its author's unit and every unit
 * above it) and, under null, of the whole population: every thread of the range, in any group.
 *
 * Everything but the percentiles adds up over the units people belong to: a person has one unit, so a
 * subtree's threads, answered threads and distinct authors are the sums over the units in it. So Postgres
 * groups the range's threads once by the author's own unit (about as many rows as units, queryThreadTallies
 * with `units`), and the subtrees are summed here; the median and 90th percentile come from each unit's
 * sorted hours, taken per subtree in one pass (percentilesOfUnion).
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
  const { units } = await queryThreadTallies(
    dataSource,
    // No candidates: only the units' tallies are wanted.
    {
      ctes: '',
      threads: `SELECT NULL::uuid AS candidate, author, question, hours, responder FROM (${rangeThreads()}) t`,
    },
    [...scopeParameters(population), window.from, window.to],
    departments,
    { buckets: false, overall: 'all-rows', units: true },
  );
  return rollUpUnitThreads(units, ancestors);
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
