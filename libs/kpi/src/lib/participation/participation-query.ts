import type { KpiScope, ParticipationReport } from '@uptake/contracts';
import type { DataSource } from 'typeorm';
import { loadMembers } from '../core/members';
import { periodsBetween } from '../core/periods';
import { loadActivityBits } from '../core/person-month';
import { disclosureOfScope, toPopulation } from '../core/population';
import { participationSeriesFromBits, participationSummaryFromBits } from './participation';
import { loadEventTotals } from './participation-data';

/** The 90-9-1 rule of thumb the dashboard compares with. */
export const PARTICIPATION_REFERENCE = { creators: 0.01, contributors: 0.09, rest: 0.9 } as const;

export async function queryParticipationReport(
  dataSource: DataSource,
  scope: KpiScope,
): Promise<ParticipationReport> {
  const population = toPopulation(scope);
  const [members, bits, events] = await Promise.all([
    loadMembers(dataSource, population, scope.to, { lastActiveDay: false }),
    loadActivityBits(dataSource, population, scope.from, scope.to),
    loadEventTotals(dataSource, population, scope.from, scope.to),
  ]);
  const periods = periodsBetween(scope.from, scope.to, scope.granularity);
  const range = { start: scope.from, end: scope.to };
  return {
    scope,
    points: participationSeriesFromBits(members, bits, periods, disclosureOfScope(scope)),
    ...participationSummaryFromBits(members, bits, events, range, disclosureOfScope(scope)),
    reference: { ...PARTICIPATION_REFERENCE },
  };
}
