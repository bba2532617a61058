import type { KpiScope } from '@uptake/contracts';
import { ingest } from '@uptake/ingest';
import { createScratchSource, readConnector } from '@uptake/ingest/testing';
import { KpiReports, refreshRollups, type CacheLookup } from '@uptake/kpi';
import { createDataSource, Organisation } from '@uptake/persistence';
import { testStoreUrls } from '@uptake/testing';
import type { DataSource } from 'typeorm';
import { demoConnector } from '.';

const settings = {
  seed: 11,
  people: 60,
  departments: 5,
  days: 28,
  endDate: '2026-03-04',
  emailUsage: false,
};

/**
 * The demo source synced again (the worker's schedule, the launcher's restart): the same settings give the same
 * directory, so the sync leaves the directory version, and with it every cached and precomputed KPI report, as
 * they were (issue 18). Only other settings (an end date in another week moves the whole period) change people.
 */
describe('demo connector synced again', () => {
  let dataSource: DataSource;
  let scope: { organisationId: string; sourceId: string };

  beforeAll(async () => {
    dataSource = await createDataSource(testStoreUrls().databaseUrl).initialize();
    scope = await createScratchSource(dataSource, 'demo');
  });

  afterAll(async () => {
    if (scope) await dataSource.getRepository(Organisation).delete(scope.organisationId);
    await dataSource?.destroy();
  });

  const sync = (input: Record<string, unknown>) =>
    ingest(dataSource, scope, readConnector({ connector: demoConnector }, { settings: input }));
  const directoryVersion = async (): Promise<number> => {
    const [row] = await dataSource.query(
      'SELECT directory_version FROM kpi_rollup_versions WHERE organisation_id = $1',
      [scope.organisationId],
    );
    return Number(row.directory_version);
  };
  const startDates = async (): Promise<string[]> =>
    (
      await dataSource.query(
        `SELECT start_date::text AS day FROM people WHERE organisation_id = $1 AND in_directory ORDER BY pseudonym`,
        [scope.organisationId],
      )
    ).map((row: { day: string }) => row.day);

  it('keeps the directory version and the precomputed reports; a period a week later is a change', async () => {
    const first = await sync(settings);
    expect(first.people).toBe(60);
    await refreshRollups(dataSource, scope.organisationId, {
      from: first.affectedFrom!,
      to: first.affectedTo!,
    });
    const version = await directoryVersion();
    const kpiScope: KpiScope = {
      organisationId: scope.organisationId,
      from: '2026-02-02',
      to: '2026-03-01',
      granularity: 'week',
      orgUnitId: null,
      groupId: null,
      minGroupSize: 5,
      perturbation: false,
    };
    // The worker precomputes into the shared table; an API process reads it.
    const worker = new KpiReports(dataSource, { sharedSnapshots: 'read-write' });
    const precomputed = await worker.lifecycle(kpiScope);
    await worker.snapshotsSettled();
    const days = await startDates();

    const second = await sync(settings);
    expect(second).toMatchObject({ people: 60, inserted: 0 });
    expect(await directoryVersion()).toBe(version);
    expect(await startDates()).toEqual(days);
    const lookups: CacheLookup[] = [];
    const api = new KpiReports(dataSource, {
      sharedSnapshots: 'read',
      onCacheLookup: (result) => lookups.push(result),
    });
    expect(await api.lifecycle(kpiScope)).toEqual(precomputed);
    expect(lookups).toEqual(['snapshot']);

    // Start dates are drawn relative to the period's first day: a week later, every one moves a week.
    await sync({ ...settings, endDate: '2026-03-11' });
    expect(await directoryVersion()).toBeGreaterThan(version);
    expect(await startDates()).not.toEqual(days);
    const afterChange: CacheLookup[] = [];
    await new KpiReports(dataSource, {
      sharedSnapshots: 'read',
      onCacheLookup: (result) => afterChange.push(result),
    }).lifecycle(kpiScope);
    expect(afterChange).toEqual(['miss']);
  });
});
