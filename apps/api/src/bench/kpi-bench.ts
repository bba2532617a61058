/**
 * KPI benchmark (a script, not a test): loads the demo company with N events (default 10,000,000) through
 * the real pipeline into a throw-away embedded database, refreshes the rollups (whole range, then one
 * day), then calls every KPI endpoint the dashboard asks first (with its query) of a real API instance and
 * prints p50 / p95 latencies of three series:
 * - computed: a different range each call, so neither the API's memory nor the snapshot table has it;
 * - precomputed, first call: a different range each call, stored in kpi_report_snapshots beforehand by another
 *   KpiReports instance (as the worker does after a refresh), so the API's memory is cold and the answer is one
 *   table read;
 * - cached: the same request repeated (served from the API's memory after the first).
 * It also times the worker's precompute of the default scope (every dashboard report, one after the other).
 *
 *   npm run bench:kpi [-- <events>]
 *
 * KPI_BENCH_DIR=/some/dir keeps the database there between runs (loaded once, then reused), for iterating.
 */
import { getDataSourceToken } from '@nestjs/typeorm';
import type { ResolvedConfig } from '@uptake/config';
import {
  DASHBOARD_FIRST_REQUESTS,
  KpiReports,
  kpiScope,
  precomputeDashboardReports,
  refreshRollups,
  requestReport,
} from '@uptake/kpi';
import { AccessToken } from '@uptake/persistence';
import { newToken } from '@uptake/security';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import { createApi } from '../app/create-api';
import { percentile, withBenchDatabase } from './bench-database';

/** Calls per series (after two warm-up calls for the cached series). */
const CALLS = 30;

async function main(): Promise<void> {
  await withBenchDatabase(
    {
      events: Number(process.argv[2] ?? 10_000_000),
      folderPrefix: 'uptake-kpi-bench-',
      env: { RATE_LIMIT_PER_MINUTE: '100000' },
    },
    ({ dataSource, config, organisation }) =>
      measure(dataSource, config, organisation.organisationId, organisation.range),
  );
}

async function measure(
  dataSource: DataSource,
  config: ResolvedConfig,
  organisationId: string,
  range: { from: Date; to: Date },
): Promise<void> {
  let started = performance.now();
  await refreshRollups(dataSource, organisationId, range);
  console.log(`rollups of the whole range: ${((performance.now() - started) / 1000).toFixed(1)} s`);
  // A day in the middle of the range: what the worker recomputes after a typical daily ingest.
  const middle = new Date((range.from.getTime() + range.to.getTime()) / 2);
  const oneDay = async (when: string) => {
    const times: number[] = [];
    for (let i = 0; i < 5; i++) {
      started = performance.now();
      await refreshRollups(dataSource, organisationId, { from: middle, to: middle });
      times.push(performance.now() - started);
    }
    times.sort((a, b) => a - b);
    console.log(
      `rollups of one day, ${when}: median ${Math.round(times[2])} ms (5 runs, ${times.map(Math.round).join(', ')} ms)`,
    );
  };
  await oneDay('right after the whole-range refresh');
  // The tables as autovacuum leaves them within a minute or two of a refresh (statistics, visibility maps, no
  // dead rows): a bench right after loading millions of rows would otherwise measure plans made for empty
  // rollup tables, and its first series would share the two cores with autovacuum working through the
  // rewritten rollups (measured: best-cases p95 184 ms during it, with the same p50).
  await dataSource.query('VACUUM (ANALYZE)');
  // The daily case: an ingest's days refreshed on tables autovacuum has caught up with.
  await oneDay('on settled tables');

  const { token, hash } = newToken('upt');
  await dataSource.getRepository(AccessToken).save({
    kind: 'api',
    tokenHash: hash,
    organisationId,
    role: 'admin',
    name: 'bench',
  });
  await dataSource.destroy();

  const { app } = await createApi(config);
  await app.init();
  const server = app.getHttpServer();
  try {
    const call = async (endpoint: string, query: Record<string, string>) => {
      const started = performance.now();
      const response = await request(server)
        .get(`/api/organisations/${organisationId}/kpis/${endpoint}`)
        .query(query)
        .set('Authorization', `Bearer ${token}`);
      if (response.status !== 200) throw new Error(`${endpoint}: ${response.status} ${response.text}`);
      return { ms: performance.now() - started, body: response.body as { scope: { to: string } } };
    };
    const summary = (latencies: number[]) => {
      latencies.sort((a, b) => a - b);
      const p50 = `${Math.round(percentile(latencies, 0.5))} ms`.padStart(7);
      const p95 = `${Math.round(percentile(latencies, 0.95))} ms`.padStart(7);
      return `p50 ${p50}  p95 ${p95}`;
    };
    // The worker's side: another KpiReports on the same database, sharing through kpi_report_snapshots.
    const apiDataSource = app.get<DataSource>(getDataSourceToken());
    const worker = new KpiReports(apiDataSource, { sharedSnapshots: 'read-write' });
    const precompute = await precomputeDashboardReports(apiDataSource, worker, organisationId, {
      earliestDay: config.timeWindow.earliestDay,
      budgetMs: 600_000,
    });
    console.log(
      `precompute of the ${precompute.done.length} default reports (worker, after a refresh): ` +
        `${Math.round(precompute.durationMs)} ms${precompute.failed.length ? ` failed: ${JSON.stringify(precompute.failed)}` : ''}`,
    );
    const [organisation]: { minGroupSize: number; perturbation: boolean }[] = await apiDataSource.query(
      `SELECT min_group_size AS "minGroupSize", perturbation FROM organisations WHERE id = $1`,
      [organisationId],
    );
    const day = (date: Date) => date.toISOString().slice(0, 10);
    /** A 90-day range ending `back` days before `to`. */
    const rangeBack = (to: string, back: number) => {
      const end = new Date(Date.parse(`${to}T00:00:00Z`) - back * 86_400_000);
      return { from: day(new Date(end.getTime() - 89 * 86_400_000)), to: day(end) };
    };
    console.log(`endpoint latencies over ${CALLS} calls, the dashboard's first request of each report:`);
    console.log(
      `  ${''.padEnd(15)} ${'computed (new range)'.padEnd(24)} ${'precomputed, first call'.padEnd(24)} same request (cached)`,
    );
    for (const { endpoint, query } of DASHBOARD_FIRST_REQUESTS) {
      // The default scope, precomputed above: the API's first call reads it from the table.
      const first = await call(endpoint, query);
      await call(endpoint, query);
      const cached: number[] = [];
      for (let i = 0; i < CALLS; i++) cached.push((await call(endpoint, query)).ms);
      // 90-day ranges ending one day earlier each call: every one is computed from the rollups.
      const computed: number[] = [];
      for (let i = 1; i <= CALLS; i++) {
        computed.push((await call(endpoint, { ...query, ...rangeBack(first.body.scope.to, i) })).ms);
      }
      // Other ranges, stored by the "worker" first (as its precompute stores the default scope), then asked once.
      const ranges = Array.from({ length: CALLS }, (_, i) => rangeBack(first.body.scope.to, CALLS + 1 + i));
      for (const range of ranges) {
        const scope = kpiScope(organisationId, organisation, { ...range, granularity: 'week' });
        await requestReport(worker, scope, { endpoint, query });
      }
      await worker.snapshotsSettled();
      const precomputed: number[] = [];
      for (const range of ranges) precomputed.push((await call(endpoint, { ...query, ...range })).ms);
      console.log(
        `  ${endpoint.padEnd(15)} ${summary(computed).padEnd(24)} ${summary(precomputed).padEnd(24)} ${summary(cached)}`,
      );
    }
    const [{ rows, bytes }] = await apiDataSource.query(
      `SELECT count(*)::int AS rows, coalesce(max(octet_length(answer)), 0)::int AS bytes
       FROM kpi_report_snapshots WHERE organisation_id = $1`,
      [organisationId],
    );
    console.log(`kpi_report_snapshots: ${rows} rows, the largest answer ${Math.round(bytes / 1024)} KB`);
  } finally {
    await app.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
