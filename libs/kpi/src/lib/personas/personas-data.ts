import type { DataSource } from 'typeorm';
import { CREATION_TYPES, sqlTypes } from '../core/activity-definition';
import { IN_SCOPE, SCOPE, scopeParameters, type Population } from '../core/population';
import type { BehaviourTotals } from './behaviour-personas';

/** A person_month running-total column summed over days $4..$5 (alias m, with the lateral `x` below). */
const rangeSum = (column: string) => `sum(m.${column}[x.e + 1] - m.${column}[x.s])`;

/** First (s) and last (e) day of month m inside $4..$5. */
const MONTH_DAYS = `CROSS JOIN LATERAL (
       SELECT CASE WHEN m.month < $4::date THEN extract(day FROM $4::date)::int ELSE 1 END AS s,
              CASE WHEN $5::date < (m.month + interval '1 month')::date THEN extract(day FROM $5::date)::int
                   ELSE 31 END AS e) x`;

export interface BehaviourRow extends BehaviourTotals {
  id: string;
  recordKey: number;
  orgUnitId: string | null;
  events: number;
}

/**
 * What each active person of the population gave and received between two days, in one set-based query
 * over the rollups: events and replies/answers from person_month's running totals, threads started and
 * answered by someone else from thread_rollup, interactions received from interaction_daily (which holds
 * no self-interactions). Responses and reactions count from anyone, in or out of the population: what a
 * person gets back does not depend on the filter.
 */
export async function loadBehaviour(
  dataSource: DataSource,
  population: Population,
  from: string,
  to: string,
): Promise<BehaviourRow[]> {
  const rows: {
    id: string;
    record_key: string;
    org_unit_id: string | null;
    events: string;
    replies: string;
    threads: string;
    answered: string;
    received: string;
  }[] = await dataSource.query(
    `WITH ${SCOPE},
     totals AS (
       SELECT m.person_id, ${rangeSum('events')} AS events, ${rangeSum('replies')} AS replies
       FROM person_month m
       ${MONTH_DAYS}
       WHERE m.organisation_id = $1 AND m.month BETWEEN date_trunc('month', $4::date)::date AND $5::date
         AND ${IN_SCOPE('m.person_id')}
       GROUP BY m.person_id
       HAVING ${rangeSum('events')} > 0),
     threads AS (
       SELECT t.root_actor_id AS person_id, count(*) AS threads, count(t.first_response_at) AS answered
       FROM thread_rollup t
       WHERE t.organisation_id = $1 AND t.root_day BETWEEN $4 AND $5 AND t.root_actor_id IS NOT NULL
         AND t.root_type IN (${sqlTypes(CREATION_TYPES)}) AND ${IN_SCOPE('t.root_actor_id')}
       GROUP BY t.root_actor_id),
     received AS (
       SELECT i.target_id AS person_id, sum(i.interactions) AS received
       FROM interaction_daily i
       WHERE i.organisation_id = $1 AND i.day BETWEEN $4 AND $5 AND ${IN_SCOPE('i.target_id')}
       GROUP BY i.target_id)
     SELECT a.person_id AS id, p.record_key, p.org_unit_id, a.events, a.replies,
            coalesce(t.threads, 0) AS threads, coalesce(t.answered, 0) AS answered,
            coalesce(r.received, 0) AS received
     FROM totals a
     JOIN people p ON p.organisation_id = $1 AND p.id = a.person_id
     LEFT JOIN threads t ON t.person_id = a.person_id
     LEFT JOIN received r ON r.person_id = a.person_id`,
    [...scopeParameters(population), from, to],
  );
  return rows.map((row) => ({
    id: row.id,
    recordKey: Number(row.record_key),
    orgUnitId: row.org_unit_id,
    events: Number(row.events),
    replies: Number(row.replies),
    threads: Number(row.threads),
    answeredThreads: Number(row.answered),
    received: Number(row.received),
  }));
}
