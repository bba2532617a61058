/**
 * KPI benchmark (a script, not a test): loads the demo company with N events (default 10,000,000) through
 * the real pipeline into a throw-away embedded database, refreshes the rollups (whole range, then one
 * day), then calls every KPI endpoint of a real API instance and prints p50 / p95 latencies: of the same
 * request repeated (served from ReportCache after the first) and of a different range each call (computed
 * from the rollups every time).
 *
 *   npm run bench:kpi [-- <events>]
 *
 * KPI_BENCH_DIR=/some/dir keeps the database there between runs (loaded once, then reused), for iterating.
 */
import type { ResolvedConfig } from '@uptake/config';
import { refreshRollups } from '@uptake/kpi';
import { AccessToken } from '@uptake/persistence';
import { newToken } from '@uptake/security';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import { createApi } from '../app/create-api';
import { percentile, withBenchDatabase } from './bench-database';

const ENDPOINTS = [
  'adoption',
  'participation',
  'engagement',
  'retention',
  'network',
  'diffusion',
  'communities',
  'best-cases',
  'personas',
  'lifecycle',
  'first-post',
  'knowledge-flow',
];
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
  const times: number[] = [];
  for (let i = 0; i < 5; i++) {
    started = performance.now();
    await refreshRollups(dataSource, organisationId, { from: middle, to: middle });
    times.push(performance.now() - started);
  }
  console.log(`rollups of one day: median ${Math.round(times.sort((a, b) => a - b)[2])} ms (5 runs)`);
  // The planner's statistics as autovacuum keeps them within a minute of a load: a bench right after loading
  // millions of rows would otherwise measure plans made for empty rollup tables.
  await dataSource.query('ANALYZE');

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
    const call = async (endpoint: string, query: string) => {
      const started = performance.now();
      const response = await request(server)
        .get(`/api/organisations/${organisationId}/kpis/${endpoint}${query}`)
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
    console.log(`endpoint latencies over ${CALLS} calls, default range (the last 90 days, weekly):`);
    console.log(
      `  ${''.padEnd(14)} ${'same request (cached)'.padEnd(27)} ${'a new range each call (computed)'}`,
    );
    for (const endpoint of ENDPOINTS) {
      // The same request again and again, as a dashboard does between two ingests: the first two calls
      // compute and fill ReportCache, the next ones are served from it.
      const { body } = await call(endpoint, '');
      await call(endpoint, '');
      const cached: number[] = [];
      for (let i = 0; i < CALLS; i++) cached.push((await call(endpoint, '')).ms);
      // 90-day ranges ending one day earlier each call: every one is computed from the rollups.
      const computed: number[] = [];
      for (let i = 1; i <= CALLS; i++) {
        const to = new Date(Date.parse(`${body.scope.to}T00:00:00Z`) - i * 86_400_000);
        const from = new Date(to.getTime() - 89 * 86_400_000);
        const day = (date: Date) => date.toISOString().slice(0, 10);
        computed.push((await call(endpoint, `?from=${day(from)}&to=${day(to)}`)).ms);
      }
      console.log(`  ${endpoint.padEnd(14)} ${summary(cached).padEnd(27)} ${summary(computed)}`);
    }
  } finally {
    await app.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
