import { Organisation, createDataSource } from '@uptake/persistence';
import { testStoreUrls } from '@uptake/testing';
import type { DataSource } from 'typeorm';
import { proportionDifferenceInterval, wilsonInterval } from '../core/intervals';
import { KpiReports } from '../kpi-reports';
import {
  seedDynamicsOrganisation,
  type DynamicsOrganisation,
  type SeedEvent,
} from '../personas/test/dynamics-organisation';
import { queryFirstPostReport } from './first-post-query';

const read = (actor: string, day: string): SeedEvent => ({
  id: `${actor}-${day}`,
  at: `${day}T12:00:00Z`,
  actor,
  type: 'read',
});

/*
 * Range 2026-01-05 .. 2026-03-08 (nine ISO weeks).
 *   a (Sales): first thread 01-05 10:00 in g1 ← b replies 20:00 (10 h): answered. Active 01-30 (day 25,
 *      week 4) and 03-01 (day 55, week 8). A second thread on 01-09 changes nothing.
 *   b (Finance): first thread 01-06 09:00 in g2 ← a replies 01-08 09:00 (48 h): not within 24 h.
 *      Active 01-28 (day 22, week 4), nothing in days 50..56 (week 8 ends 03-03: measured).
 *   c (Sales): started a thread in December 2025, so the one of 01-07 is not a first post.
 *   d (Sales): first thread 01-20 in g1 ← a replies 2 h later. Active 02-12 (day 23). Week 8 ends 03-17:
 *      not yet measured.
 *   e (no unit): first thread 01-21 without a community, only e replies to it (not someone else).
 *      Never active again; week 8 ends 03-18: not measured.
 */
const EVENTS: SeedEvent[] = [
  { id: 'ta', at: '2026-01-05T10:00:00Z', actor: 'a', type: 'post', group: 'g1' },
  { id: 'ra', at: '2026-01-05T20:00:00Z', actor: 'b', type: 'reply', thread: 'ta', target: 'a' },
  { id: 'ta2', at: '2026-01-09T10:00:00Z', actor: 'a', type: 'post', group: 'g1' },
  read('a', '2026-01-30'),
  read('a', '2026-03-01'),
  { id: 'tb', at: '2026-01-06T09:00:00Z', actor: 'b', type: 'post', group: 'g2' },
  { id: 'rb', at: '2026-01-08T09:00:00Z', actor: 'a', type: 'reply', thread: 'tb', target: 'b' },
  read('b', '2026-01-28'),
  { id: 'tc0', at: '2025-12-10T09:00:00Z', actor: 'c', type: 'question', group: 'g1' },
  { id: 'tc', at: '2026-01-07T09:00:00Z', actor: 'c', type: 'post', group: 'g1' },
  { id: 'td', at: '2026-01-20T10:00:00Z', actor: 'd', type: 'post', group: 'g1' },
  { id: 'rd', at: '2026-01-20T12:00:00Z', actor: 'a', type: 'reply', thread: 'td', target: 'd' },
  read('d', '2026-02-12'),
  { id: 'te', at: '2026-01-21T10:00:00Z', actor: 'e', type: 'post' },
  { id: 're', at: '2026-01-21T11:00:00Z', actor: 'e', type: 'reply', thread: 'te' },
];

const rate = (retained: number, people: number) => {
  const interval = wilsonInterval(retained, people);
  return { rate: retained / people, low: interval.low, high: interval.high, people };
};
const difference = (x1: number, n1: number, x2: number, n2: number) => {
  const interval = proportionDifferenceInterval(x1, n1, x2, n2);
  return { difference: interval.estimate, low: interval.low, high: interval.high };
};
const WEEKS = ['01-05', '01-12', '01-19', '01-26', '02-02', '02-09', '02-16', '02-23', '03-02'];

describe('first post on Postgres', () => {
  let dataSource: DataSource;
  let org: DynamicsOrganisation;

  beforeAll(async () => {
    dataSource = await createDataSource(testStoreUrls().databaseUrl).initialize();
    org = await seedDynamicsOrganisation(
      dataSource,
      { a: 'sales', b: 'finance', c: 'sales', d: 'sales', e: null },
      ['g1', 'g2'],
      EVENTS,
    );
  });

  afterAll(async () => {
    await dataSource.getRepository(Organisation).delete(org.organisationId);
    await dataSource.destroy();
  });

  it('compares newcomers whose first post was answered within 24 hours with the others', async () => {
    const scope = org.scope('2026-01-05', '2026-03-08');
    expect(await queryFirstPostReport(dataSource, scope, 24)).toEqual({
      scope,
      // answered a, d: week 4 both retained; week 8 measured for a only (retained)
      answered: { people: 2, retained4Weeks: rate(2, 2), retained8Weeks: rate(1, 1) },
      // unanswered b, e: week 4 b retained, e not; week 8 measured for b only (not retained)
      unanswered: { people: 2, retained4Weeks: rate(1, 2), retained8Weeks: rate(0, 1) },
      difference4Weeks: difference(2, 2, 1, 2),
      difference8Weeks: difference(1, 1, 0, 1),
      answeredWithin24h: 0.5,
      // a, b in the week of 01-05 (1 of 2 answered); d, e in the week of 01-19 (1 of 2)
      byWeek: WEEKS.map((week) => ({
        week: `2026-${week}`,
        firstPosts: week === '01-05' || week === '01-19' ? 2 : 0,
        answeredWithin24h: week === '01-05' || week === '01-19' ? 0.5 : null,
      })),
      byUnit: [
        { orgUnitId: org.units.finance, name: 'Finance', firstPosts: 1, answeredWithin24h: 0 },
        { orgUnitId: null, name: 'No unit in the directory', firstPosts: 1, answeredWithin24h: 0 },
        { orgUnitId: org.units.sales, name: 'Sales', firstPosts: 2, answeredWithin24h: 1 },
      ],
      // e's first post is in no community
      byCommunity: [
        { groupId: org.groups.g1, name: 'g1', firstPosts: 2, answeredWithin24h: 1 },
        { groupId: org.groups.g2, name: 'g2', firstPosts: 1, answeredWithin24h: 0 },
      ],
    });
  });

  it('takes the response hours asked for, and withholds below k', async () => {
    const scope = org.scope('2026-01-05', '2026-03-08');
    // within 48 hours b's first post counts as answered too: 3 of 4
    const report48 = await queryFirstPostReport(dataSource, scope, 48);
    expect(report48.answeredWithin24h).toBe(0.75);
    expect(report48.answered.people).toBe(3);
    // A range that starts later sees no newcomer in a, b (their first threads are older)
    const later = await queryFirstPostReport(dataSource, org.scope('2026-01-12', '2026-03-08'), 24);
    expect([later.answered.people, later.unanswered.people]).toEqual([1, 1]);
    const withheld = await new KpiReports(dataSource).firstPost({ ...scope, minGroupSize: 3 }, 24);
    expect(withheld.answered.people).toBeNull();
    expect(withheld.answeredWithin24h).toBeNull();
    expect(withheld.byWeek[0]).toEqual({
      week: '2026-01-05',
      firstPosts: null,
      answeredWithin24h: null,
      suppressed: { code: 'below-k', minGroupSize: 3 },
    });
    expect(withheld.suppressed).toEqual({ code: 'below-k', minGroupSize: 3 });
  });
});
