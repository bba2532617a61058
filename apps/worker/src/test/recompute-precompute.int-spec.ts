import type { ResolvedConfig } from '@uptake/config';
import { DASHBOARD_FIRST_REQUESTS, KpiReports, defaultDashboardScope, requestReport } from '@uptake/kpi';
import { ActivitySource, createDataSource, Organisation } from '@uptake/persistence';
import type { QUEUES, QueueJob } from '@uptake/queues';
import { testConfig, testStoreUrls, uniqueSuffix } from '@uptake/testing';
import type { DataSource } from 'typeorm';
import type { WorkerMetrics } from '../app/http/worker-metrics';
import { RecomputeProcessor } from '../app/recompute/recompute.processor';
import type { GateEvaluationQueue } from '../app/rollouts/gate-evaluation.queue';

/*
 * The recompute processor built by hand (no queue): after the refresh commits it stores the dashboard's
 * default reports for the new rollup version, which an API process then reads instead of computing; a
 * failing precompute leaves the refresh job successful.
 */
describe('recompute: precompute of the default reports after a refresh', () => {
  let dataSource: DataSource;
  let organisationId: string;
  const config: ResolvedConfig = testConfig();
  const gates = { afterIngest: async () => undefined } as unknown as GateEvaluationQueue;
  const metrics = { rollupsRefreshed: () => undefined } as unknown as WorkerMetrics;
  const job = (from: string, to: string) =>
    ({ data: { organisationId, from, to } }) as unknown as QueueJob<typeof QUEUES.recompute>;
  const snapshots = async (): Promise<{ report: string; state: string }[]> =>
    dataSource.query(
      `SELECT report, state FROM kpi_report_snapshots WHERE organisation_id = $1 ORDER BY report`,
      [organisationId],
    );

  beforeAll(async () => {
    dataSource = await createDataSource(testStoreUrls().databaseUrl).initialize();
    organisationId = (
      await dataSource.getRepository(Organisation).save({ name: 'Precompute', slug: `pre-${uniqueSuffix()}` })
    ).id;
    const source = await dataSource
      .getRepository(ActivitySource)
      .save({ organisationId, name: 'src', connectorType: 'csv' });
    const people: string[] = [];
    for (let i = 0; i < 6; i++) {
      const [row] = await dataSource.query(
        `INSERT INTO people (organisation_id, pseudonym) VALUES ($1, $2) RETURNING id`,
        [organisationId, `pre-${i}`],
      );
      people.push(row.id);
    }
    for (const [index, person] of people.entries()) {
      await dataSource.query(
        `INSERT INTO activity_events (organisation_id, source_id, external_id, occurred_at, actor_id, type)
         VALUES ($1, $2, $3, $4, $5, 'post')`,
        [organisationId, source.id, `e-${index}`, `2026-03-0${index + 1}T10:00:00Z`, person],
      );
    }
  });

  afterAll(async () => {
    await dataSource.getRepository(Organisation).delete(organisationId);
    await dataSource.destroy();
  });

  it('stores every default report for the new state; an API process reads them without computing', async () => {
    const worker = new KpiReports(dataSource, { sharedSnapshots: 'read-write' });
    const processor = new RecomputeProcessor(dataSource, gates, metrics, worker, config);
    await processor.process(job('2026-03-01T00:00:00Z', '2026-03-06T23:59:59Z'));
    const stored = await snapshots();
    expect(stored.map((row) => row.report).sort()).toEqual(
      // the cache names network/people's report 'network-people'
      DASHBOARD_FIRST_REQUESTS.map((request) => request.endpoint.replace('/', '-')).sort(),
    );
    const [{ version }] = await dataSource.query(
      `SELECT version::text FROM kpi_rollup_versions WHERE organisation_id = $1`,
      [organisationId],
    );
    expect(new Set(stored.map((row) => row.state.split(':')[0]))).toEqual(new Set([version]));

    // an API process: its own memory, the same scope building and query parsing as its requests
    const lookups: string[] = [];
    const api = new KpiReports(dataSource, {
      sharedSnapshots: 'read',
      onCacheLookup: (r) => lookups.push(r),
    });
    const scope = await defaultDashboardScope(dataSource, api, organisationId, config.timeWindow.earliestDay);
    for (const request of DASHBOARD_FIRST_REQUESTS) await requestReport(api, scope!, request);
    expect(lookups).toEqual(DASHBOARD_FIRST_REQUESTS.map(() => 'snapshot'));

    // the next refresh replaces them (one row per report), for its version
    await processor.process(job('2026-03-01T00:00:00Z', '2026-03-01T23:59:59Z'));
    const replaced = await snapshots();
    expect(replaced).toHaveLength(DASHBOARD_FIRST_REQUESTS.length);
    expect(new Set(replaced.map((row) => row.state.split(':')[0]))).toEqual(
      new Set([String(Number(version) + 1)]),
    );
  });

  it('a failing precompute is logged and the refresh job still succeeds', async () => {
    const broken = new KpiReports(dataSource, { sharedSnapshots: 'read-write' });
    jest.spyOn(broken, 'lastActiveDay').mockRejectedValue(new Error('no last day today'));
    const processor = new RecomputeProcessor(dataSource, gates, metrics, broken, config);
    const result = (await processor.process(job('2026-03-01T00:00:00Z', '2026-03-02T00:00:00Z'))) as {
      durationMs: number;
    };
    expect(result.durationMs).toBeGreaterThan(0);

    const failingReport = new KpiReports(dataSource, { sharedSnapshots: 'read-write' });
    jest.spyOn(failingReport, 'network').mockRejectedValue(new Error('graph too big'));
    const before = await snapshots();
    await new RecomputeProcessor(dataSource, gates, metrics, failingReport, config).process(
      job('2026-03-01T00:00:00Z', '2026-03-02T00:00:00Z'),
    );
    // every other report is stored for the new version; the network's row of the old one is gone (never served)
    const after = await snapshots();
    expect(after.map((row) => row.report).sort()).toEqual(
      before
        .map((row) => row.report)
        .filter((report) => report !== 'network')
        .sort(),
    );
    expect(new Set(after.map((row) => row.state)).size).toBe(1);
    expect(after[0].state).not.toBe(before[0].state);
  });
});
