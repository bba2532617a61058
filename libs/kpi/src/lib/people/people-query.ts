import type { KpiScope, PeopleReport } from '@uptake/contracts';
import type { DataSource } from 'typeorm';
import { loadMembers } from '../core/members';
import { loadPersonDays } from '../core/person-days';
import { toPopulation } from '../core/population';
import { personSummaries } from './person-summaries';

/** The `limit` most active people of a scope by pseudonym, for admins, and how many there are. */
export async function queryPeopleReport(
  dataSource: DataSource,
  scope: KpiScope,
  limit: number,
): Promise<PeopleReport> {
  const population = toPopulation(scope);
  const [members, days, pseudonyms] = await Promise.all([
    loadMembers(dataSource, population, scope.to),
    loadPersonDays(dataSource, population, scope.from, scope.to),
    loadPseudonyms(dataSource, scope.organisationId),
  ]);
  const rows = personSummaries(members, days, { start: scope.from, end: scope.to });
  return {
    scope,
    total: rows.length,
    people: rows.slice(0, limit).map(({ personId, ...row }) => ({
      pseudonym: pseudonyms.get(personId) ?? personId,
      ...row,
    })),
  };
}

async function loadPseudonyms(dataSource: DataSource, organisationId: string): Promise<Map<string, string>> {
  const rows: { id: string; pseudonym: string }[] = await dataSource.query(
    'SELECT id, pseudonym FROM people WHERE organisation_id = $1',
    [organisationId],
  );
  return new Map(rows.map((row) => [row.id, row.pseudonym]));
}
