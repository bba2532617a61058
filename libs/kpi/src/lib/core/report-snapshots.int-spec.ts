import type { KpiScope } from '@uptake/contracts';
import { Organisation, createDataSource } from '@uptake/persistence';
import { testStoreUrls } from '@uptake/testing';
import type { DataSource } from 'typeorm';
import { KpiReports } from '../kpi-reports';
import { seedDynamicsOrganisation, type DynamicsOrganisation } from '../personas/test/dynamics-organisation';
import { addDays } from './periods';
import {
  DASHBOARD_FIRST_REQUESTS,
  defaultDashboardScope,
  precomputeDashboardReports,
  requestReport,
} from './precompute';
import { ReportCache, type CacheLookup } from './report-cache';
import { reportKeyHash, ReportSnapshots } from './report-snapshots';
import { refreshRollups } from './rollups';

const read = (actor: string, day: string) => ({
  id: `${actor}-${day}`,
  at: `${day}T12:00:00Z`,
  actor,
  type: 'read' as const,
});

/** Two "processes": each its own KpiReports (own memory), sharing the snapshot table. */
function apiProcess(dataSource: DataSource) {
  const lookups: CacheLookup[] = [];
  const reports = new KpiReports(dataSource, {
    sharedSnapshots: 'read-write',
    onCacheLookup: (result) => lookups.push(result),
  });
  return { reports, lookups };
}

describe('KPI report snapshots shared through Postgres', () => {
  let dataSource: DataSource;
  let org: DynamicsOrganisation;
  let scope: KpiScope;

  const rows = async (): Promise<{ report: string; state: string }[]> =>
    dataSource.query(
      `SELECT report, state FROM kpi_report_snapshots WHERE organisation_id = $1 ORDER BY report`,
      [org.organisationId],
    );

  beforeAll(async () => {
    dataSource = await createDataSource(testStoreUrls().databaseUrl).initialize();
    org = await seedDynamicsOrganisation(
      dataSource,
      { p1: 'sales', p2: 'sales', p3: 'finance' },
      [],
      [
        read('p1', '2026-03-02'),
        read('p2', '2026-03-03'),
        read('p3', '2026-03-10'),
        read('p1', '2026-03-11'),
      ],
    );
    scope = org.scope('2026-03-02', '2026-03-15');
  });

  beforeEach(async () => {
    await dataSource.query(`DELETE FROM kpi_report_snapshots WHERE organisation_id = $1`, [
      org.organisationId,
    ]);
  });

  afterAll(async () => {
    await dataSource.getRepository(Organisation).delete(org.organisationId);
    await dataSource.destroy();
  });

  it("serves another process's answer from the table without computing, for the same state only", async () => {
    const first = apiProcess(dataSource);
    const answer = await first.reports.lifecycle(scope);
    await first.reports.snapshotsSettled();
    expect(first.lookups).toEqual(['miss']);

    const second = apiProcess(dataSource);
    expect(await second.reports.lifecycle(scope)).toEqual(answer);
    expect(await second.reports.lifecycle(scope)).toEqual(answer);
    // the table once, then its own memory
    expect(second.lookups).toEqual(['snapshot', 'hit']);

    // without sharing (the default), a new instance computes
    const lone: CacheLookup[] = [];
    await new KpiReports(dataSource, { onCacheLookup: (result) => lone.push(result) }).lifecycle(scope);
    expect(lone).toEqual(['miss']);

    // the compute callback is not called on a snapshot hit
    const cache = new ReportCache(dataSource, 10, { snapshots: new ReportSnapshots(dataSource) });
    const compute = jest.fn(async () => ({ never: true }));
    expect(await cache.get(org.organisationId, ['lifecycle', scope], compute)).toEqual(answer);
    expect(compute).not.toHaveBeenCalled();
  });

  it('does not serve a row of another state: a refresh or a new k recomputes and replaces it', async () => {
    const first = apiProcess(dataSource);
    const before = await first.reports.lifecycle(scope);
    await first.reports.snapshotsSettled();
    const [stored] = await rows();

    // a new event and its refresh bump the rollup version
    const [source] = await dataSource.query(`SELECT id FROM data_sources WHERE organisation_id = $1`, [
      org.organisationId,
    ]);
    await dataSource.query(
      `INSERT INTO activity_events (organisation_id, source_id, external_id, occurred_at, actor_id, type)
       VALUES ($1, $2, 'snap-1', '2026-03-12T12:00:00Z', $3, 'read')`,
      [org.organisationId, source.id, org.people['p2']],
    );
    await refreshRollups(dataSource, org.organisationId, {
      from: '2026-03-12T12:00:00Z',
      to: '2026-03-12T12:00:00Z',
    });
    const second = apiProcess(dataSource);
    const after = await second.reports.lifecycle(scope);
    expect(second.lookups).toEqual(['miss']);
    expect(after).not.toEqual(before);
    expect(after).toEqual(await new KpiReports(dataSource).lifecycle(scope));
    await second.reports.snapshotsSettled();
    // still one row for the key, now for the new state
    const [replaced, ...others] = await rows();
    expect(others).toEqual([]);
    expect(replaced.state).not.toBe(stored.state);

    // k is part of the state: a changed k is not served the old row either
    await dataSource.query(`UPDATE organisations SET min_group_size = 3 WHERE id = $1`, [org.organisationId]);
    try {
      const third = apiProcess(dataSource);
      await third.reports.lifecycle(scope);
      expect(third.lookups).toEqual(['miss']);
    } finally {
      await dataSource.query(`UPDATE organisations SET min_group_size = 5 WHERE id = $1`, [
        org.organisationId,
      ]);
    }

    // a row written for any other state is never read
    const key = ['stale', scope];
    await dataSource.query(
      `INSERT INTO kpi_report_snapshots (organisation_id, key_hash, report, state, answer)
       VALUES ($1, $2, 'stale', 'some-other-state', '{"stale":true}')`,
      [org.organisationId, reportKeyHash(key)],
    );
    const cache = new ReportCache(dataSource, 10, { snapshots: new ReportSnapshots(dataSource) });
    expect(await cache.get(org.organisationId, key, async () => ({ stale: false }))).toEqual({
      stale: false,
    });
  });

  it('keeps at most the key cap per organisation (newest) and never stores an answer over the size bound', async () => {
    const snapshots = new ReportSnapshots(dataSource, { keysPerOrganisation: 3, answerBytes: 200 });
    const errors: unknown[] = [];
    const cache = new ReportCache(dataSource, 100, {
      snapshots,
      writeSnapshots: true,
      onSnapshotError: (e) => errors.push(e),
    });
    for (let i = 0; i < 5; i++) {
      await cache.get(org.organisationId, [`report-${i}`, scope], async () => ({ i }));
      await cache.settled();
    }
    expect((await rows()).map((row) => row.report)).toEqual(['report-2', 'report-3', 'report-4']);

    // a replaced key does not evict another
    const [{ state }] = await rows();
    expect(
      await snapshots.write(org.organisationId, reportKeyHash(['report-2', scope]), 'report-2', state, 2),
    ).toBe(null);
    expect((await rows()).map((row) => row.report)).toEqual(['report-2', 'report-3', 'report-4']);
    // an answer computed for a state that is no longer current is not stored
    expect(await snapshots.write(org.organisationId, reportKeyHash(['late', scope]), 'late', 'old', 1)).toBe(
      'stale',
    );

    const big = { text: 'x'.repeat(300) };
    expect(await cache.get(org.organisationId, ['big', scope], async () => big)).toEqual(big);
    await cache.settled();
    expect((await rows()).map((row) => row.report)).not.toContain('big');
    expect(errors).toEqual([]);
  });

  it("precomputes the dashboard's default scope once for every report it asks first", async () => {
    const worker = new KpiReports(dataSource, { sharedSnapshots: 'read-write' });
    const result = await precomputeDashboardReports(dataSource, worker, org.organisationId, {
      earliestDay: '2015-01-01',
      budgetMs: 60_000,
      now: new Date('2026-03-20T08:00:00Z'),
    });
    expect(result.failed).toEqual([]);
    expect(result.skipped).toEqual([]);
    expect(result.done).toEqual(DASHBOARD_FIRST_REQUESTS.map((request) => request.endpoint));
    expect((await rows()).length).toBe(DASHBOARD_FIRST_REQUESTS.length);

    // the last 90 days up to the last active day, weekly, the organisation's k
    const defaults = await defaultDashboardScope(
      dataSource,
      worker,
      org.organisationId,
      '2015-01-01',
      new Date('2026-03-20T08:00:00Z'),
    );
    const [{ last }] = await dataSource.query(
      `SELECT max(occurred_at)::date::text AS last FROM activity_events WHERE organisation_id = $1`,
      [org.organisationId],
    );
    expect(defaults).toEqual({ ...org.scope(addDays(last, -89), last, 5), perturbation: true });
    const api = apiProcess(dataSource);
    for (const request of DASHBOARD_FIRST_REQUESTS) await requestReport(api.reports, defaults!, request);
    expect(api.lookups).toEqual(DASHBOARD_FIRST_REQUESTS.map(() => 'snapshot'));

    // no budget left: nothing is started, and nothing fails
    const late = await precomputeDashboardReports(dataSource, worker, org.organisationId, {
      earliestDay: '2015-01-01',
      budgetMs: -1,
    });
    expect(late.done).toEqual([]);
    expect(late.skipped.length).toBe(DASHBOARD_FIRST_REQUESTS.length);
  });
});
