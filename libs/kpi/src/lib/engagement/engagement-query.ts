import type { EngagementReport, KpiScope } from '@uptake/contracts';
import type { DataSource } from 'typeorm';
import { periodsBetween } from '../core/periods';
import { disclosureOfScope, toPopulation } from '../core/population';
import { queryEngagement } from './engagement-data';

export async function queryEngagementReport(
  dataSource: DataSource,
  scope: KpiScope,
): Promise<EngagementReport> {
  const periods = periodsBetween(scope.from, scope.to, scope.granularity);
  return {
    scope,
    points: await queryEngagement(dataSource, toPopulation(scope), periods, disclosureOfScope(scope)),
  };
}
