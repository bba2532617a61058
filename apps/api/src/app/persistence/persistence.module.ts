import { Global, Logger, Module, type Provider } from '@nestjs/common';
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
const snapshotLog = new Logger('KpiReports');

const providers: Provider[] = [
  ...REPOSITORIES.map((repository): Provider => ({
    provide: repository,
    useFactory: (dataSource: DataSource) => new repository(dataSource),
    inject: [getDataSourceToken()],
  })),
  {
    provide: KpiReports,
    // Cache hits and misses are counted for /api/metrics. Answers the worker stored (precomputed after each
    // refresh, or computed for gates) are read from kpi_report_snapshots; the API writes none (a GET never
    // writes), so what it computes stays in this process's memory.
    useFactory: (dataSource: DataSource, metrics: ApiMetrics) =>
      new KpiReports(dataSource, {
        onCacheLookup: metrics.kpiCacheLookup,
        sharedSnapshots: 'read',
        onSnapshotError: (error) => snapshotLog.warn(`KPI snapshot not shared: ${String(error)}`),
      }),
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
