/**
 * Where a KPI report's time goes (a developer script): loads vs pure computation, on a database kept by
 * `KPI_BENCH_DIR=... npm run bench:kpi`.
 *
 *   KPI_BENCH_DIR=/tmp/kb1m node scripts/run-ts.cjs apps/api/src/bench/kpi-profile.ts
 *
 * KPI_PROFILE_REFRESH=1 also times a one-day rollup refresh statement by statement; KPI_EXPLAIN_REFRESH=1,11
 * prints the plans of those refresh statements; KPI_BENCH_REMIGRATE=1 first undoes and re-applies the newest
 * migration (a kept database migrated by an earlier draft of it).
 */
import { loadConfig, requireStoreUrls } from '@uptake/config';
import { ensureStores, findFreePort } from '@uptake/infra-embedded';
import {
  addDays,
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
  ROLLUP_STATEMENTS,
} from '@uptake/kpi';
// The reference sum over activity_daily, timed against the production query.
import { queryEngagementFromActivityDaily } from '@uptake/kpi/testing';
import { createDataSource, migrate } from '@uptake/persistence';
import path from 'node:path';

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
