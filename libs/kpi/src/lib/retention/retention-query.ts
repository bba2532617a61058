import type { KpiScope, RetentionReport } from '@uptake/contracts';
import type { DataSource } from 'typeorm';
import { loadMembers, loadUnitNames } from '../core/members';
import { addDays } from '../core/periods';
import { loadActivityBits } from '../core/person-month';
import { disclosureOfScope, toPopulation } from '../core/population';
import { isSuppressed, protect, suppressionReason } from '../disclosure/suppression';
import { churnByUnit, churnFromBits, retentionCohortsFromBits } from './retention';

/** Cohorts and churn of a scope: the day masks from `silentWeeks` weeks before it on, to see who fell silent. */
export async function queryRetentionReport(
  dataSource: DataSource,
  scope: KpiScope,
  silentWeeks: number,
): Promise<RetentionReport> {
  const population = toPopulation(scope);
  const range = { start: scope.from, end: scope.to };
  const [members, bits, names] = await Promise.all([
    loadMembers(dataSource, population, scope.to, { lastActiveDay: false }),
    loadActivityBits(dataSource, population, addDays(scope.from, -silentWeeks * 7), scope.to),
    loadUnitNames(dataSource, scope.organisationId),
  ]);
  const rule = disclosureOfScope(scope);
  const { total, byUnit } = churnFromBits(members, bits, range, silentWeeks);
  const activated = protect(total.activated, rule);
  const stoppedHidden = activated === null || isSuppressed(total.triedAndStopped.count, rule);
  const triedAndStopped = stoppedHidden ? null : protect(total.triedAndStopped, rule);
  const reactivatedHidden = isSuppressed(total.reactivated.count, rule);
  return {
    scope,
    cohorts: retentionCohortsFromBits(members, bits, range, rule),
    silentWeeks,
    activated,
    triedAndStopped,
    triedAndStoppedRate:
      triedAndStopped === null || !activated ? null : Math.min(1, triedAndStopped / activated),
    reactivated: reactivatedHidden ? null : protect(total.reactivated, rule),
    byUnit: churnByUnit(byUnit, names, rule),
    ...(stoppedHidden || reactivatedHidden ? { suppressed: suppressionReason(rule) } : {}),
  };
}
