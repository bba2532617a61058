import { Organisation, createDataSource } from '@uptake/persistence';
import { testStoreUrls } from '@uptake/testing';
import type { DataSource } from 'typeorm';
import { KpiReports } from '../kpi-reports';
import {
  seedDynamicsOrganisation,
  type DynamicsOrganisation,
  type SeedEvent,
} from '../personas/test/dynamics-organisation';
import { queryLifecycleReport } from './lifecycle-query';

const read = (actor: string, day: string): SeedEvent => ({
  id: `${actor}-${day}`,
  at: `${day}T12:00:00Z`,
  actor,
  type: 'read',
});

/*
 * Range 2026-03-09 .. 2026-03-22: the weeks of 03-09 (before it 03-02..03-08) and 03-16.
 *   p1 (Sales): 02-01, 03-03, 03-10, 03-17 → retained, retained
 *   p2 (Sales): first ever 03-10           → new, dormant
 *   p3 (Finance): 02-01, 03-18             → –, reactivated
 *   p4 (Finance): first ever 03-05         → dormant, –
 *   p5 (Finance): first ever 03-16, 03-20  → –, new
 *   p6 (Finance): only after the range (03-24): never counted
 */
const EVENTS: SeedEvent[] = [
  ...['2026-02-01', '2026-03-03', '2026-03-10', '2026-03-17'].map((day) => read('p1', day)),
  read('p2', '2026-03-10'),
  read('p3', '2026-02-01'),
  read('p3', '2026-03-18'),
  read('p4', '2026-03-05'),
  read('p5', '2026-03-16'),
  read('p5', '2026-03-20'),
  read('p6', '2026-03-24'),
];

describe('lifecycle on Postgres', () => {
  let dataSource: DataSource;
  let org: DynamicsOrganisation;

  beforeAll(async () => {
    dataSource = await createDataSource(testStoreUrls().databaseUrl).initialize();
    org = await seedDynamicsOrganisation(
      dataSource,
      { p1: 'sales', p2: 'sales', p3: 'finance', p4: 'finance', p5: 'finance', p6: 'finance' },
      [],
      EVENTS,
    );
  });

  afterAll(async () => {
    await dataSource.getRepository(Organisation).delete(org.organisationId);
    await dataSource.destroy();
  });

  it('counts new, retained, reactivated and dormant people per week', async () => {
    const scope = org.scope('2026-03-09', '2026-03-22');
    expect(await queryLifecycleReport(dataSource, scope)).toEqual({
      scope,
      weeks: [
        // active p1 p2 = 2; the week before p1 p4 = 2
        { week: '2026-03-09', active: 2, new: 1, retained: 1, reactivated: 0, dormant: 1, netChange: 0 },
        // active p1 p3 p5 = 3; before p1 p2 = 2
        { week: '2026-03-16', active: 3, new: 1, retained: 1, reactivated: 1, dormant: 1, netChange: 1 },
      ],
    });
  });

  it('follows the population and withholds below k', async () => {
    const scope = org.scope('2026-03-09', '2026-03-22');
    // Sales: p1, p2 only (the week before 03-09: p1 alone, so +1)
    const sales = await queryLifecycleReport(dataSource, { ...scope, orgUnitId: org.units.sales });
    expect(
      sales.weeks.map((w) => [w.active, w.new, w.retained, w.reactivated, w.dormant, w.netChange]),
    ).toEqual([
      [2, 1, 1, 0, 0, 1],
      [1, 0, 1, 0, 1, -1],
    ]);
    // k = 3: the week of 03-09 has 2 active people: all withheld. In the week of 03-16 the parts of 1 are
    // withheld, and the week before's 2 people are: so are their parts retained and dormant, and netChange.
    const withheld = await new KpiReports(dataSource).lifecycle({ ...scope, minGroupSize: 3 });
    expect(withheld.weeks).toEqual([
      {
        week: '2026-03-09',
        active: null,
        new: null,
        retained: null,
        reactivated: null,
        dormant: null,
        netChange: null,
        suppressed: { code: 'below-k', minGroupSize: 3 },
      },
      {
        week: '2026-03-16',
        active: 3,
        new: null,
        retained: null,
        reactivated: null,
        dormant: null,
        netChange: null,
        suppressed: { code: 'below-k', minGroupSize: 3 },
      },
    ]);
  });
});
