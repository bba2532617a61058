/**
 * Where a KPI report's time goes (a developer script): loads vs pure computation, on a database kept by
 * `KPI_BENCH_DIR=... npm run bench:kpi`.
 *
 *   KPI_BENCH_DIR=/tmp/kb1m node scripts/run-ts.cjs apps/api/src/bench/kpi-profile.ts
 *
 * KPI_PROFILE_REFRESH=1 also times a one-day rollup refresh statement by statement; KPI_EXPLAIN_REFRESH=1,11
 * prints the plans of those refresh statements; KPI_BENCH_REMIGRATE=1 first undoes and re-applies the newest
 * migration (a kept database migrated by an earlier draft of it).
 * KPI_PROFILE_REPORTS=communities,best-cases,… times only those dashboard reports (computed: a new range each
 * run), statement by statement; KPI_EXPLAIN=1 also prints each statement's EXPLAIN ANALYZE.
 */
import { loadConfig, requireStoreUrls } from '@uptake/config';
import { ensureStores, findFreePort } from '@uptake/infra-embedded';
import {
  addDays,
  DASHBOARD_FIRST_REQUESTS,
  diffusionReport,
  KpiReports,
  loadInteractions,
  loadMembers,
  loadNetworkPeople,
  loadUnitNames,
  networkReport,
  periodsBetween,
  queryEngagement,
  refreshRollupsIn,
  requestReport,
  ROLLUP_STATEMENTS,
} from '@uptake/kpi';
// The reference sum over activity_daily, timed against the production query.
import { queryEngagementFromActivityDaily } from '@uptake/kpi/testing';
import { createDataSource, migrate } from '@uptake/persistence';
import path from 'node:path';
import type { DataSource } from 'typeorm';

/**
 * Times every report of `endpoints` on 90-day ranges ending 1..5 days before `to` (each computed: a fresh
 * KpiReports, no snapshots), printing each statement's time (and with KPI_EXPLAIN its plan) for the last run.
 */
async function profileReports(
  dataSource: DataSource,
  scope: { organisationId: string; minGroupSize: number },
  to: string,
  endpoints: string[],
): Promise<void> {
  const original = dataSource.query.bind(dataSource);
  let statements: { ms: number; sql: string; parameters?: unknown[] }[] = [];
  dataSource.query = (async (sql: string, parameters?: unknown[]) => {
    const started = performance.now();
    const result = await original(sql, parameters);
    statements.push({ ms: performance.now() - started, sql, parameters });
    return result;
  }) as DataSource['query'];
  for (const request of DASHBOARD_FIRST_REQUESTS.filter((entry) => endpoints.includes(entry.endpoint))) {
    const times: number[] = [];
    for (let back = 1; back <= 5; back++) {
      statements = [];
      const end = addDays(to, -back);
      const reports = new KpiReports(dataSource);
      const started = performance.now();
      await requestReport(
        reports,
        {
          ...scope,
          from: addDays(end, -89),
          to: end,
          granularity: 'week',
          orgUnitId: null,
          groupId: null,
          perturbation: false,
        },
        request,
      );
      times.push(performance.now() - started);
    }
    times.sort((a, b) => a - b);
    console.log(`${request.endpoint}: median ${times[2].toFixed(0)} ms, max ${times[4].toFixed(0)} ms`);
    for (const statement of statements) {
      console.log(
        `  ${statement.ms.toFixed(0).padStart(6)} ms  ${statement.sql.replace(/\s+/g, ' ').slice(0, 120)}`,
      );
      if (process.env['KPI_EXPLAIN'] && statement.ms > 20) {
        const plan: { 'QUERY PLAN': string }[] = await original(
          `EXPLAIN (ANALYZE, BUFFERS) ${statement.sql}`,
          statement.parameters,
        );
        console.log(plan.map((row) => `      ${row['QUERY PLAN']}`).join('\n'));
      }
    }
  }
  dataSource.query = original;
}

async function time<T>(label: string, run: () => Promise<T> | T): Promise<T> {
  const times: number[] = [];
  let result!: T;
  for (let i = 0; i < 7; i++) {
    const started = performance.now();
    result = await run();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  console.log(`${label.padEnd(28)} median ${times[3].toFixed(1)} ms  min ${times[0].toFixed(1)} ms`);
  return result;
}

async function main(): Promise<void> {
  const work = process.env['KPI_BENCH_DIR'];
  if (!work) throw new Error('KPI_BENCH_DIR must name a kept bench directory');
  const base = loadConfig({
    ...process.env,
    UPTAKE_DATA_DIR: path.join(work, 'data'),
    EMBEDDED_POSTGRES_PORT: String(await findFreePort()),
    EMBEDDED_REDIS_PORT: String(await findFreePort()),
    LOG_LEVEL: 'silent',
    UPTAKE_SECRET_KEY: Buffer.alloc(32, 7).toString('base64'),
  });
  const stores = await ensureStores(base, () => undefined);
  try {
    const config = requireStoreUrls({ ...base, ...stores.config });
    if (process.env['KPI_BENCH_REMIGRATE']) {
      // a kept database migrated by an earlier version of the newest migration: undo it, apply it again
      const undo = await createDataSource(config.database.url).initialize();
      await undo.undoLastMigration();
      await undo.destroy();
    }
    await migrate(config.database.url);
    const dataSource = await createDataSource(config.database.url).initialize();
    const [{ id, min_group_size: k }] = await dataSource.query(
      `SELECT id, min_group_size FROM organisations WHERE slug = 'bench'`,
    );
    const reports = new KpiReports(dataSource);
    const to = (await reports.lastActiveDay(id)) as string;
    const from = addDays(to, -89);
    const scope = {
      organisationId: id,
      from,
      to,
      granularity: 'week' as const,
      orgUnitId: null,
      groupId: null,
      minGroupSize: k,
      perturbation: false,
    };
    const population = { organisationId: id, orgUnitId: null, groupId: null };
    if (process.env['KPI_PROFILE_REPORTS']) {
      await profileReports(
        dataSource,
        { organisationId: id, minGroupSize: k },
        to,
        process.env['KPI_PROFILE_REPORTS'].split(','),
      );
      await dataSource.destroy();
      return;
    }
    const interactions = await time('loadInteractions', () =>
      loadInteractions(dataSource, population, from, to),
    );
    console.log(`  ${interactions.length} pairs`);
    const people = await time('loadNetworkPeople', () => loadNetworkPeople(dataSource, population));
    const names = await time('loadUnitNames', () => loadUnitNames(dataSource, id));
    await time('networkReport (pure)', () => networkReport(interactions, people, names, k));
    const members = await time('loadMembers', () => loadMembers(dataSource, population, to));
    await time('diffusionReport (pure)', () =>
      diffusionReport(members, to, k, { targetShare: 0.6, horizonWeeks: 104 }),
    );
    for (const kpi of [
      'adoption',
      'participation',
      'engagement',
      'retention',
      'network',
      'diffusion',
    ] as const) {
      await time<unknown>(`reports.${kpi}`, () =>
        kpi === 'retention'
          ? reports.retention(scope, 4)
          : kpi === 'diffusion'
            ? reports.diffusion(scope, { targetShare: 0.6, horizonWeeks: 104 })
            : reports[kpi](scope),
      );
    }
    const periods = periodsBetween(from, to, 'week');
    if (process.env['KPI_EXPLAIN_REFRESH']) {
      const [{ middle }] = await dataSource.query(
        `SELECT to_timestamp((extract(epoch FROM min(occurred_at)) + extract(epoch FROM max(occurred_at))) / 2) AS middle
         FROM activity_events WHERE organisation_id = $1`,
        [id],
      );
      for (const index of process.env['KPI_EXPLAIN_REFRESH'].split(',').map(Number)) {
        const statement = ROLLUP_STATEMENTS[index].replace(
          'CREATE TEMP TABLE touched_threads ON COMMIT DROP AS',
          '',
        );
        const plan: { 'QUERY PLAN': string }[] = await dataSource.query(`EXPLAIN ${statement}`, [
          id,
          middle,
          middle,
        ]);
        console.log(plan.map((row) => row['QUERY PLAN']).join('\n'));
      }
    }
    if (process.env['KPI_PROFILE_REFRESH']) {
      // one day in the middle of the data, statement by statement
      const [{ middle }] = await dataSource.query(
        `SELECT to_timestamp((extract(epoch FROM min(occurred_at)) + extract(epoch FROM max(occurred_at))) / 2) AS middle
         FROM activity_events WHERE organisation_id = $1`,
        [id],
      );
      for (let run = 0; run < 2; run++) {
        const started = performance.now();
        await dataSource.transaction((manager) =>
          refreshRollupsIn(manager, id, { from: middle, to: middle }, (statement, ms) =>
            console.log(`  ${ms.toFixed(0).padStart(6)} ms  ${statement.replace(/\s+/g, ' ').slice(0, 110)}`),
          ),
        );
        console.log(`refresh of one day: ${(performance.now() - started).toFixed(0)} ms`);
      }
    }
    await time('queryEngagement', () => queryEngagement(dataSource, population, periods, k));
    await time('engagement (activity_daily)', () =>
      queryEngagementFromActivityDaily(dataSource, population, periods, k),
    );
    await dataSource.destroy();
  } finally {
    await stores.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
