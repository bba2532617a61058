import type { AdoptionReport, KpiScope } from '@uptake/contracts';
import type { DataSource } from 'typeorm';
import { loadMembers } from '../core/members';
import { periodsBetween } from '../core/periods';
import { loadActivityBits } from '../core/person-month';
import { disclosureOfScope, toPopulation } from '../core/population';
import { adoptionSeriesFromBits, lookbackStart } from './adoption';

/** The adoption report of a scope: the members and their day masks from the 28-day window before it on. */
export async function queryAdoptionReport(dataSource: DataSource, scope: KpiScope): Promise<AdoptionReport> {
  const population = toPopulation(scope);
  const [members, bits] = await Promise.all([
    loadMembers(dataSource, population, scope.to, { lastActiveDay: false }),
    loadActivityBits(dataSource, population, lookbackStart(scope.from), scope.to),
  ]);
  const periods = periodsBetween(scope.from, scope.to, scope.granularity);
  return { scope, points: adoptionSeriesFromBits(members, bits, periods, disclosureOfScope(scope)) };
}
