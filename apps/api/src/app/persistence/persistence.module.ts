import { Global, Module, type Provider } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import { KpiReports } from '@uptake/kpi';
import { REPOSITORIES } from '@uptake/persistence';
import { PhaseEffects, RolloutEvaluator } from '@uptake/rollout';
import type { DataSource } from 'typeorm';
import { ApiMetrics } from '../metrics/api-metrics';

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
    // Cache hits and misses are counted for /api/metrics.
    useFactory: (dataSource: DataSource, metrics: ApiMetrics) =>
      new KpiReports(dataSource, { onCacheLookup: metrics.kpiCacheLookup }),
    inject: [getDataSourceToken(), ApiMetrics],
  },
  {
    provide: RolloutEvaluator,
    useFactory: (dataSource: DataSource, reports: KpiReports) =>
      new RolloutEvaluator(dataSource, reports, undefined, new PhaseEffects(dataSource)),
    inject: [getDataSourceToken(), KpiReports],
  },
];

@Global()
@Module({ providers, exports: providers })
export class PersistenceModule {}
