import { Global, Module, type Provider } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import { KpiReports } from '@uptake/kpi';
import { REPOSITORIES } from '@uptake/persistence';
import { RolloutEvaluator } from '@uptake/rollout';
import type { DataSource } from 'typeorm';

/**
 * The framework-free data access of the libraries as one instance each per process: the repositories, and
 * the KPI reports with their cache (shared by KPI requests, goals and rollout comparisons, so a report
 * computed for one is served to the others).
 */
const providers: Provider[] = [
  ...REPOSITORIES.map((repository): Provider => ({
    provide: repository,
    useFactory: (dataSource: DataSource) => new repository(dataSource),
    inject: [getDataSourceToken()],
  })),
  {
    provide: KpiReports,
    useFactory: (dataSource: DataSource) => new KpiReports(dataSource),
    inject: [getDataSourceToken()],
  },
  {
    provide: RolloutEvaluator,
    useFactory: (dataSource: DataSource, reports: KpiReports) => new RolloutEvaluator(dataSource, reports),
    inject: [getDataSourceToken(), KpiReports],
  },
];

@Global()
@Module({ providers, exports: providers })
export class PersistenceModule {}
