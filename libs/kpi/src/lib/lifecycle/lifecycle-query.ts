import type { KpiScope, LifecycleReport } from '@uptake/contracts';
import type { DataSource } from 'typeorm';
import { loadMembers } from '../core/members';
import { loadActivityBits } from '../core/person-month';
import { disclosureOfScope, toPopulation } from '../core/population';
import { lifecycleReportOf, lifecycleWindow } from './lifecycle';

/**
 * The weekly lifecycle of a scope: each person's first active day (person_activity) and day masks
 * (person_month) from the week before the first week on, two set-based queries.
 */
export async function queryLifecycleReport(
  dataSource: DataSource,
  scope: KpiScope,
): Promise<LifecycleReport> {
  const population = toPopulation(scope);
  const window = lifecycleWindow(scope.from, scope.to);
  const [members, bits] = await Promise.all([
    loadMembers(dataSource, population, scope.to, { lastActiveDay: false }),
    loadActivityBits(dataSource, population, window.start, window.end),
  ]);
  return lifecycleReportOf(scope, members, bits, disclosureOfScope(scope));
}
