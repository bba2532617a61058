import { Organisation, createDataSource } from '@uptake/persistence';
import { testStoreUrls } from '@uptake/testing';
import type { DataSource } from 'typeorm';
import { KpiReports } from '../kpi-reports';
import { queryPersonasReport } from './personas-query';
import {
  seedDynamicsOrganisation,
  type DynamicsOrganisation,
  type SeedEvent,
} from './test/dynamics-organisation';

/*
 * Range 2026-03-02 .. 2026-03-29 (four ISO weeks, ending on a Sunday).
 *   s1 (Sales) posts t1 03-03 ← f1 replies; posts t2 03-10 ← s2 replies     → 2 of 2 answered: catalyst
 *   s2 (Sales) posts t3 03-11, unanswered; replied once; s3 reacts to t3   → 1 reply ≥ 1 thread, received 1: engager
 *   s3 (Sales) only reacts                                                   → observer
 *   f1 (Finance) replied to t1, received nothing                             → responder
 *   f2 (Finance) posts t4 03-12 and t5 03-13, unanswered, never replies      → broadcaster
 *   n1 (no unit) reads every Wednesday from 2026-01-07 (12 weeks) and 10 reads on 03-04 → observer
 *   x1 (Sales) never active.
 * Events in the range: s1 2, s2 2, s3 1, f1 1, f2 2, n1 4 + 10 = 14 → median 2, power users ≥ 6: n1.
 * Habitual (9 of the 12 weeks 01-05 .. 03-29): n1 only.
 */
const EVENTS: SeedEvent[] = [
  { id: 't1', at: '2026-03-03T09:00:00Z', actor: 's1', type: 'post', group: 'g' },
  { id: 'r1', at: '2026-03-03T10:00:00Z', actor: 'f1', type: 'reply', thread: 't1', target: 's1' },
  { id: 't2', at: '2026-03-10T09:00:00Z', actor: 's1', type: 'post', group: 'g' },
  { id: 'r2', at: '2026-03-10T12:00:00Z', actor: 's2', type: 'reply', thread: 't2', target: 's1' },
  { id: 't3', at: '2026-03-11T09:00:00Z', actor: 's2', type: 'post', group: 'g' },
  { id: 'x3', at: '2026-03-11T11:00:00Z', actor: 's3', type: 'reaction', thread: 't3', target: 's2' },
  { id: 't4', at: '2026-03-12T09:00:00Z', actor: 'f2', type: 'post', group: 'g' },
  { id: 't5', at: '2026-03-13T09:00:00Z', actor: 'f2', type: 'post', group: 'g' },
  { id: 'n-burst', at: '2026-03-04T15:00:00Z', actor: 'n1', type: 'read', count: 10 },
  ...Array.from({ length: 12 }, (_, week): SeedEvent => ({
    id: `n${week}`,
    at: new Date(Date.parse('2026-01-07T08:00:00Z') + week * 7 * 86_400_000).toISOString(),
    actor: 'n1',
    type: 'read',
  })),
];

describe('personas on Postgres', () => {
  let dataSource: DataSource;
  let org: DynamicsOrganisation;

  beforeAll(async () => {
    dataSource = await createDataSource(testStoreUrls().databaseUrl).initialize();
    org = await seedDynamicsOrganisation(
      dataSource,
      { s1: 'sales', s2: 'sales', s3: 'sales', f1: 'finance', f2: 'finance', n1: null, x1: 'sales' },
      ['g'],
      EVENTS,
    );
  });

  afterAll(async () => {
    await dataSource.getRepository(Organisation).delete(org.organisationId);
    await dataSource.destroy();
  });

  it('classifies every active person and breaks the shares down by top-level unit', async () => {
    const scope = org.scope('2026-03-02', '2026-03-29');
    expect(await queryPersonasReport(dataSource, scope)).toEqual({
      scope,
      activePeople: 6,
      personas: { catalyst: 1 / 6, engager: 1 / 6, responder: 1 / 6, broadcaster: 1 / 6, observer: 2 / 6 },
      habits: { habitual: 1 / 6, powerUsers: 1 / 6, activePeople: 6 },
      byUnit: [
        {
          orgUnitId: org.units.finance,
          name: 'Finance',
          activePeople: 2,
          personas: { catalyst: 0, engager: 0, responder: 0.5, broadcaster: 0.5, observer: 0 },
        },
        {
          orgUnitId: null,
          name: 'No unit in the directory',
          activePeople: 1,
          personas: { catalyst: 0, engager: 0, responder: 0, broadcaster: 0, observer: 1 },
        },
        {
          orgUnitId: org.units.sales,
          name: 'Sales',
          activePeople: 3,
          personas: { catalyst: 1 / 3, engager: 1 / 3, responder: 0, broadcaster: 0, observer: 1 / 3 },
        },
      ],
    });
  });

  it('reads only the range and the population, and withholds below k', async () => {
    // The week of 03-09 only: s1 (t2, answered), s2 (reply and t3), s3 (reaction), f2 (t4, t5), n1 (a read).
    const week = org.scope('2026-03-09', '2026-03-15');
    const report = await queryPersonasReport(dataSource, week);
    expect(report.activePeople).toBe(5);
    expect(report.personas).toEqual({
      catalyst: 0.2,
      engager: 0.2,
      responder: 0,
      broadcaster: 0.2,
      observer: 0.4,
    });
    // Sales only: s1, s2, s3 (s2's received reaction comes from s3, inside the population)
    const sales = await queryPersonasReport(dataSource, { ...week, orgUnitId: org.units.sales });
    expect(sales.activePeople).toBe(3);
    expect(sales.byUnit.map((unit) => [unit.name, unit.activePeople])).toEqual([['Sales', 3]]);
    const withheld = await new KpiReports(dataSource).personas({ ...week, minGroupSize: 6 });
    expect(withheld.activePeople).toBeNull();
    expect(withheld.personas.observer).toBeNull();
    expect(withheld.suppressed).toEqual({ code: 'below-k', minGroupSize: 6 });
  });
});
