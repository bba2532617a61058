/**
 * Communities benchmark (a script, not a test): loads the demo company with N events (default 1,000,000)
 * through the real pipeline into a throw-away embedded database, refreshes the rollups, then computes the
 * communities list (queryCommunitiesReport, never cached) for five different ranges, several rounds, and
 * prints p50 / p95 overall and per range; and the same for the community activity read alone and for the
 * details of the two most active communities of each range.
 *
 *   bash scripts/with-node.sh node scripts/run-ts.cjs apps/api/src/bench/communities-bench.ts [-- <events>]
 *
 * KPI_BENCH_DIR=/some/dir keeps the database there between runs (loaded once, then reused).
 * COMMUNITIES_BENCH_OUT=/some/file.json writes the five reports and their details there, to compare two
 * versions' output.
 */
import type { KpiScope } from '@uptake/contracts';
import {
  communityWindow,
  loadCommunityActivity,
  queryCommunitiesReport,
  queryCommunityDetail,
  refreshRollups,
  refreshRollupsIn,
  toPopulation,
} from '@uptake/kpi';
import { writeFile } from 'node:fs/promises';
import type { DataSource } from 'typeorm';
import { percentile, withBenchDatabase } from './bench-database';

const ROUNDS = 6;
const DAY = 86_400_000;

function summary(latencies: readonly number[]): string {
  const sorted = [...latencies].sort((a, b) => a - b);
  return `p50 ${Math.round(percentile(sorted, 0.5))} ms  p95 ${Math.round(percentile(sorted, 0.95))} ms`;
}

const day = (date: Date) => date.toISOString().slice(0, 10);

/**
 * Five ranges: ending near the data's last day a week, 28 days, 90 days and a year, and 90 days ending in the
 * middle of the data.
 */
function ranges(first: Date, last: Date): { name: string; from: string; to: string }[] {
  const range = (name: string, end: Date, days: number) => ({
    name,
    from: day(new Date(end.getTime() - (days - 1) * DAY)),
    to: day(end),
  });
  const before = (days: number) => new Date(last.getTime() - days * DAY);
  return [
    range('7 days', before(1), 7),
    range('28 days', before(3), 28),
    range('90 days', before(5), 90),
    range('365 days', before(2), 365),
    range('90 days, mid-data', new Date((first.getTime() + last.getTime()) / 2), 90),
  ];
}

async function main(): Promise<void> {
  await withBenchDatabase(
    { events: Number(process.argv[2] ?? 1_000_000), folderPrefix: 'uptake-communities-bench-' },
    async ({ dataSource, organisation }) => {
      if (organisation.loaded) {
        const started = performance.now();
        await refreshRollups(dataSource, organisation.organisationId, organisation.range);
        console.log(`rollups of the whole range: ${((performance.now() - started) / 1000).toFixed(1)} s`);
      }
      await measure(dataSource, organisation.organisationId);
    },
  );
}

async function measure(dataSource: DataSource, organisationId: string): Promise<void> {
  await dataSource.query('ANALYZE');
  const [facts]: {
    first: string;
    last: string;
    events: string;
    daily: string;
    groups: string;
    months: string;
  }[] = await dataSource.query(
    `SELECT min(day)::text AS first, max(day)::text AS last, (SELECT count(*) FROM activity_events WHERE organisation_id = $1) AS events,
            count(*) AS daily, (SELECT count(*) FROM groups WHERE organisation_id = $1) AS groups,
            (SELECT count(*) FROM group_person_month WHERE organisation_id = $1) AS months
     FROM activity_daily WHERE organisation_id = $1`,
    [organisationId],
  );
  console.log(
    `${Number(facts.events).toLocaleString('en')} events, ${Number(facts.daily).toLocaleString('en')} activity_daily rows, ${Number(facts.months).toLocaleString('en')} group_person_month rows, ${facts.groups} groups; days ${facts.first}..${facts.last}`,
  );
  const dayOf = (text: string) => new Date(`${text}T00:00:00Z`);
  const scopes = ranges(dayOf(facts.first), dayOf(facts.last)).map((range) => ({
    name: range.name,
    scope: {
      organisationId,
      from: range.from,
      to: range.to,
      granularity: 'week',
      orgUnitId: null,
      groupId: null,
      minGroupSize: 5,
      perturbation: true,
    } satisfies KpiScope,
  }));
  const options = { limit: 50, sort: 'activeMembers' as const, viralThreshold: 0.5 };
  // One warm-up call per range (plans, buffers), kept with the details of its two most active communities
  // as the output to compare between versions.
  const reports = [];
  const details: { scope: KpiScope; groupId: string }[] = [];
  for (const { scope } of scopes) {
    const report = await queryCommunitiesReport(dataSource, scope, options);
    const top = report.communities.slice(0, 2).map((community) => community.groupId);
    reports.push({
      report,
      details: await Promise.all(
        top.map((groupId) => queryCommunityDetail(dataSource, scope, groupId, { viralThreshold: 0.5 })),
      ),
    });
    details.push(...top.map((groupId) => ({ scope, groupId })));
  }
  const output = process.env['COMMUNITIES_BENCH_OUT'];
  if (output) await writeFile(output, JSON.stringify(reports, null, 1));

  const timed = async (call: () => Promise<unknown>) => {
    const started = performance.now();
    await call();
    return performance.now() - started;
  };
  const byRange = new Map<string, number[]>(scopes.map(({ name }) => [name, []]));
  const activity: number[] = [];
  const detail: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    for (const { name, scope } of scopes) {
      byRange.get(name)?.push(await timed(() => queryCommunitiesReport(dataSource, scope, options)));
      // The activity of the communities alone (what group_person_month answers).
      const window = communityWindow(scope.from, scope.to);
      activity.push(await timed(() => loadCommunityActivity(dataSource, toPopulation(scope), window, null)));
    }
    for (const { scope, groupId } of details) {
      detail.push(
        await timed(() => queryCommunityDetail(dataSource, scope, groupId, { viralThreshold: 0.5 })),
      );
    }
  }
  await measureDailyRefresh(dataSource, organisationId, dayOf(facts.first), dayOf(facts.last));
  console.log(`queryCommunitiesReport, ${ROUNDS} rounds of ${scopes.length} ranges (computed, no cache):`);
  for (const { name, scope } of scopes) {
    console.log(`  ${`${name} (${scope.from}..${scope.to})`.padEnd(44)} ${summary(byRange.get(name) ?? [])}`);
  }
  console.log(`  ${'all'.padEnd(44)} ${summary([...byRange.values()].flat())}`);
  console.log(`  ${'loadCommunityActivity alone, all'.padEnd(44)} ${summary(activity)}`);
  console.log(`  ${`queryCommunityDetail, ${details.length} communities`.padEnd(44)} ${summary(detail)}`);
}

/**
 * What the worker does after a typical daily ingest: the rollups of one day in the middle of the data,
 * three times; the median of the whole refresh and of its group_person_month statements.
 */
async function measureDailyRefresh(
  dataSource: DataSource,
  organisationId: string,
  first: Date,
  last: Date,
): Promise<void> {
  const middle = new Date((first.getTime() + last.getTime()) / 2 + 12 * 3_600_000);
  const totals: number[] = [];
  const communities: number[] = [];
  for (let run = 0; run < 3; run++) {
    let community = 0;
    const started = performance.now();
    await dataSource.transaction((manager) =>
      refreshRollupsIn(manager, organisationId, { from: middle, to: middle }, (statement, ms) => {
        if (statement.includes('group_person_month')) community += ms;
      }),
    );
    totals.push(performance.now() - started);
    communities.push(community);
  }
  const median = (values: number[]) => Math.round([...values].sort((a, b) => a - b)[1]);
  console.log(
    `rollups of one day: median ${median(totals)} ms, of which group_person_month ${median(communities)} ms`,
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
