import { Logger, type Provider } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import { KpiReports } from '@uptake/kpi';
import { PhaseEffects, RolloutEvaluator } from '@uptake/rollout';
import type { DataSource } from 'typeorm';

/**
 * The KPI reports and the rollout evaluator as one instance each per worker process, so every gate
 * evaluation reads through the same report cache. The reports share answers with the API through
 * kpi_report_snapshots: what the recompute processor precomputes after a refresh, and what gates compute.
 * The classes stay framework-free: factories build them.
 */
export const KPI_PROVIDERS: Provider[] = [
  {
    provide: KpiReports,
    useFactory: (dataSource: DataSource) => {
      const logger = new Logger('KpiReports');
      return new KpiReports(dataSource, {
        sharedSnapshots: 'read-write',
        onSnapshotError: (error) => logger.warn(`KPI snapshot not shared: ${String(error)}`),
      });
    },
    inject: [getDataSourceToken()],
  },
  {
    provide: RolloutEvaluator,
    useFactory: (dataSource: DataSource, reports: KpiReports) =>
      new RolloutEvaluator(dataSource, reports, undefined, new PhaseEffects(dataSource)),
    inject: [getDataSourceToken(), KpiReports],
  },
];
