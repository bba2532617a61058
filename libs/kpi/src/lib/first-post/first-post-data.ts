import type { DataSource } from 'typeorm';
import { IN_SCOPE, SCOPE, scopeParameters, type Population } from '../core/population';
import type { Newcomer } from './first-post';

/** Active on any day `first`..`last` after the first post (day 0), from person_daily's person index. */
const activeAfter = (first: number, last: number) => `EXISTS (
         SELECT 1 FROM person_daily d
         WHERE d.organisation_id = $1 AND d.person_id = n.person_id
           AND d.day BETWEEN n.root_day + ${first} AND n.root_day + ${last})`;

/**
 * The newcomers of a range in one set-based query: people of the population whose first thread ever
 * (thread_rollup: only posts and questions have an author there) was started between $4 and $5, with that
 * thread's community, whether someone else responded within `responseHours`, and whether they were active
 * in weeks 4 and 8 after it. "Ever" is an anti-join on the threads before the range (the root_day index), on
 * the distinct authors of the range before their first thread is looked for.
 */
export async function loadNewcomers(
  dataSource: DataSource,
  population: Population,
  from: string,
  to: string,
  responseHours: number,
): Promise<Newcomer[]> {
  const rows: {
    person_id: string;
    record_key: string;
    org_unit_id: string | null;
    group_id: string | null;
    first_post_day: string;
    answered: boolean;
    week4: boolean;
    week8: boolean;
  }[] = await dataSource.query(
    `WITH ${SCOPE},
     authors AS (
       SELECT DISTINCT t.root_actor_id AS person_id
       FROM thread_rollup t
       WHERE t.organisation_id = $1 AND t.root_day BETWEEN $4 AND $5 AND t.root_actor_id IS NOT NULL
         AND ${IN_SCOPE('t.root_actor_id')}),
     newcomer_ids AS (
       SELECT a.person_id FROM authors a
       WHERE NOT EXISTS (
         SELECT 1 FROM thread_rollup e
         WHERE e.organisation_id = $1 AND e.root_day < $4 AND e.root_actor_id = a.person_id)),
     -- The first thread of the newcomers only: sorting every thread of the range for its author's first
     -- was most of the statement (70 of 100 ms for 47k threads at 10M events).
     newcomers AS (
       SELECT DISTINCT ON (t.root_actor_id) t.root_actor_id AS person_id, t.root_at, t.root_day,
              t.first_response_at, t.group_id
       FROM thread_rollup t JOIN newcomer_ids n ON n.person_id = t.root_actor_id
       WHERE t.organisation_id = $1 AND t.root_day BETWEEN $4 AND $5
       ORDER BY t.root_actor_id, t.root_at, t.source_id, t.thread_key)
     SELECT n.person_id, p.record_key, p.org_unit_id, n.group_id,
            to_char(n.root_day, 'YYYY-MM-DD') AS first_post_day,
            coalesce(n.first_response_at - n.root_at <= make_interval(hours => $6::int), false) AS answered,
            ${activeAfter(22, 28)} AS week4,
            ${activeAfter(50, 56)} AS week8
     FROM newcomers n
     JOIN people p ON p.organisation_id = $1 AND p.id = n.person_id`,
    [...scopeParameters(population), from, to, responseHours],
  );
  return rows.map((row) => ({
    id: row.person_id,
    recordKey: Number(row.record_key),
    orgUnitId: row.org_unit_id,
    groupId: row.group_id,
    firstPostDay: row.first_post_day,
    answered: row.answered,
    activeInWeek4: row.week4,
    activeInWeek8: row.week8,
  }));
}

/** Names of the communities a breakdown lists (at most a few hundred ids). */
export async function loadGroupNames(
  dataSource: DataSource,
  organisationId: string,
  ids: readonly string[],
): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows: { id: string; name: string }[] = await dataSource.query(
    'SELECT id, name FROM groups WHERE organisation_id = $1 AND id = ANY($2::uuid[])',
    [organisationId, ids],
  );
  return new Map(rows.map((row) => [row.id, row.name]));
}
