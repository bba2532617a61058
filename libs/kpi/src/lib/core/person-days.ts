import type { DataSource } from 'typeorm';
import { IN_SCOPE, SCOPE, scopeParameters, type Population } from './population';

/** One person's activity on one day. */
export interface PersonDay {
  day: string;
  personId: string;
  events: number;
  creations: number;
  responses: number;
  reactions: number;
  reads: number;
}

/** A person's event totals over some days. */
export interface PersonTotals {
  events: number;
  creations: number;
  responses: number;
  reactions: number;
  reads: number;
}

/** Each person's totals over the days from `first` to `last` (inclusive). */
export function totalsByPerson(
  days: readonly PersonDay[],
  first: string,
  last: string,
): Map<string, PersonTotals> {
  const totals = new Map<string, PersonTotals>();
  for (const row of days) {
    if (row.day < first || row.day > last) continue;
    const t = totals.get(row.personId) ?? { events: 0, creations: 0, responses: 0, reactions: 0, reads: 0 };
    t.events += row.events;
    t.creations += row.creations;
    t.responses += row.responses;
    t.reactions += row.reactions;
    t.reads += row.reads;
    totals.set(row.personId, t);
  }
  return totals;
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
    [...scopeParameters(population), from, to],
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
