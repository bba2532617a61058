import {
  DASHBOARD_FIRST_REQUESTS,
  KpiReports,
  precomputeDashboardReports,
  refreshRollups,
} from '@uptake/kpi';
import { testConfig } from '@uptake/testing';
import request from 'supertest';
import { ApiMetrics } from '../app/metrics/api-metrics';
import { bearer, createTenant, startTestApi, type TestApi, type TestTenant } from './support';

/*
 * What the worker precomputes after a refresh (libs/kpi precompute.ts, the default scope of each dashboard
 * page) is what the API's own request handling asks for: the first request of each, with the dashboard's
 * query, is read from kpi_report_snapshots, not computed, and answers exactly the stored report.
 */
describe('KPI endpoints read the precomputed default reports', () => {
  let api: TestApi;
  let tenant: TestTenant;
  const lookups = async (result: string): Promise<number> => {
    const text = (await api.app.get(ApiMetrics).scrape()).text;
    const line = text
      .split('\n')
      .find((l) => l.startsWith(`uptake_kpi_cache_requests_total{result="${result}"}`));
    return line ? Number(line.split(' ').at(-1)) : 0;
  };

  beforeAll(async () => {
    api = await startTestApi();
    tenant = await createTenant(api.dataSource, 'snapshots');
    const organisationId = tenant.organisation.id;
    const people: string[] = [];
    for (let i = 0; i < 6; i++) {
      const [row] = await api.dataSource.query(
        `INSERT INTO people (organisation_id, pseudonym) VALUES ($1, $2) RETURNING id`,
        [organisationId, `snap-${i}`],
      );
      people.push(row.id);
    }
    for (const [index, person] of people.entries()) {
      await api.dataSource.query(
        `INSERT INTO activity_events (organisation_id, source_id, external_id, occurred_at, actor_id, type, target_actor_id)
         VALUES ($1, $2, $3, $4, $5, 'reply', $6)`,
        [
          organisationId,
          tenant.source.id,
          `snap-${index}`,
          `2026-03-0${index + 1}T10:00:00Z`,
          person,
          people[(index + 1) % 6],
        ],
      );
    }
    await refreshRollups(api.dataSource, organisationId, { from: '2026-03-01', to: '2026-03-07' });
  });

  afterAll(async () => {
    await api.close();
  });

  it('serves the first request of every default report from the table', async () => {
    const organisationId = tenant.organisation.id;
    // the worker: another process's KpiReports on the same database
    const worker = new KpiReports(api.dataSource, { sharedSnapshots: 'read-write' });
    const precomputed = await precomputeDashboardReports(api.dataSource, worker, organisationId, {
      earliestDay: testConfig().timeWindow.earliestDay,
      budgetMs: 60_000,
    });
    expect(precomputed.failed).toEqual([]);
    const stored = new Map<string, unknown>(
      (
        await api.dataSource.query(
          `SELECT report, answer FROM kpi_report_snapshots WHERE organisation_id = $1`,
          [organisationId],
        )
      ).map((row: { report: string; answer: string }) => [row.report, JSON.parse(row.answer)]),
    );
    expect(stored.size).toBe(DASHBOARD_FIRST_REQUESTS.length);

    const [snapshotsBefore, missesBefore] = [await lookups('snapshot'), await lookups('miss')];
    for (const { endpoint, query } of DASHBOARD_FIRST_REQUESTS) {
      const response = await request(api.app.getHttpServer())
        .get(`/api/organisations/${organisationId}/kpis/${endpoint}`)
        .query(query)
        .set(...bearer(tenant.tokens.admin))
        .expect(200);
      expect(response.body).toEqual(stored.get(endpoint.replace('/', '-')));
    }
    expect(await lookups('snapshot')).toBe(snapshotsBefore + DASHBOARD_FIRST_REQUESTS.length);
    expect(await lookups('miss')).toBe(missesBefore);

    // another range is not precomputed: computed, and kept in this process only (a GET never writes)
    await request(api.app.getHttpServer())
      .get(`/api/organisations/${organisationId}/kpis/network`)
      .query({ from: '2026-03-01', to: '2026-03-31' })
      .set(...bearer(tenant.tokens.admin))
      .expect(200);
    expect(await lookups('miss')).toBe(missesBefore + 1);
    await api.app.get(KpiReports).snapshotsSettled();
    const [{ rows }] = await api.dataSource.query(
      `SELECT count(*)::int AS rows FROM kpi_report_snapshots WHERE organisation_id = $1`,
      [organisationId],
    );
    expect(rows).toBe(DASHBOARD_FIRST_REQUESTS.length);
  });
});
