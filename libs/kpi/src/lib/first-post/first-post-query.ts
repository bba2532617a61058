import type { FirstPostReport, KpiScope } from '@uptake/contracts';
import type { DataSource } from 'typeorm';
import { disclosureOfScope, toPopulation } from '../core/population';
import { loadUnitNodes, topUnitsOf } from '../core/top-units';
import { firstPostReportOf } from './first-post';
import { loadGroupNames, loadNewcomers } from './first-post-data';

/** "Found nobody, stopped" for a scope: newcomers' first posts answered within `responseHours` or not. */
export async function queryFirstPostReport(
  dataSource: DataSource,
  scope: KpiScope,
  responseHours: number,
): Promise<FirstPostReport> {
  const population = toPopulation(scope);
  const [newcomers, units] = await Promise.all([
    loadNewcomers(dataSource, population, scope.from, scope.to, responseHours),
    loadUnitNodes(dataSource, scope.organisationId),
  ]);
  const groupIds = [...new Set(newcomers.flatMap((newcomer) => newcomer.groupId ?? []))];
  const groupNames = await loadGroupNames(dataSource, scope.organisationId, groupIds);
  return firstPostReportOf(
    scope,
    newcomers,
    topUnitsOf(units, scope.orgUnitId),
    groupNames,
    disclosureOfScope(scope),
  );
}
