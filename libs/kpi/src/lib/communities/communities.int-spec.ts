import { Organisation, createDataSource } from '@uptake/persistence';
import { testStoreUrls } from '@uptake/testing';
import type { DataSource } from 'typeorm';
import { queryCommunitiesReport, queryCommunityDetail } from './communities-query';
import {
  scopeOf,
  seedCommunityOrganisation,
  type CommunityOrganisation,
} from './test/community-organisation';

/* The organisation of test/community-organisation.ts; every figure below is counted by hand from it. */
describe('community health against Postgres', () => {
  let dataSource: DataSource;
  let org: CommunityOrganisation;
  const belowK = { code: 'below-k', minGroupSize: 5 };

  beforeAll(async () => {
    dataSource = await createDataSource(testStoreUrls().databaseUrl).initialize();
    org = await seedCommunityOrganisation(dataSource);
  });

  afterAll(async () => {
    await dataSource.getRepository(Organisation).delete(org.organisationId);
    await dataSource.destroy();
  });

  const options = { limit: 50, sort: 'activeMembers' as const, viralThreshold: 0.5 };

  it('lists the communities (never the cohort) with the hand-counted figures', async () => {
    const report = await queryCommunitiesReport(dataSource, scopeOf(org.organisationId), options);
    // Thriving, Broadcast and Small have activity or members; Empty has neither, Pilot is a cohort.
    expect(report.total).toBe(3);
    expect(report.communities.map((community) => community.name)).toEqual(['Thriving', 'Broadcast', 'Small']);
    const [thriving, broadcast, small] = report.communities;
    expect(thriving).toEqual({
      groupId: org.groups.thriving,
      name: 'Thriving',
      kind: 'community',
      isPrivate: false,
      members: 12,
      activeMembers: 12, // the range is the 28 days ending on 03-29
      activeLast12Months: 14, // + h1 h2, who read it in 2025-11
      healthIndex: 12 / 14,
      threads: 7,
      replyCoverage: 6 / 7, // T7 unanswered; the rest within 72 h
      questions: 1,
      questionAnsweredRate: 1,
      medianHoursToFirstReply: 6.5, // 0.5 1 3 | 10 24 72: (3 + 10) / 2
      p90HoursToFirstReply: 48, // position 0.9 × 5 = 4.5: 24 + 0.5 × (72 − 24)
      unansweredShare: 1 / 7,
      topPostersShare: 2 / 7, // s1's 2 of 7 posts (ceil(10% of 6 posters) = 1)
      fragile: false,
      // given + received: s1 0+2, e1 1+1, e2 1+1, e3 s4 s2 s3 s5 s6 1 each, e4 e5 e6 0: 12 in all;
      // 2+2+2 = 6 ≥ half: 3 of 12 active people.
      keyPlayerIndex: 3 / 12,
      crossDepartmentShare: 5 / 6, // T6 is EMEA → Sales: one top-level department
      memberGrowthPerWeek: (0 + 0 + 0.5 + 0) / 4, // members 8 8 8 12 12
      weekly: [
        { week: '2026-03-02', activePeople: 5, members: 8, posts: null }, // 3 posters
        { week: '2026-03-09', activePeople: null, members: 8, posts: null }, // s1 e3 e2 s3
        { week: '2026-03-16', activePeople: null, members: 12, posts: null }, // s5 s6 e4
        { week: '2026-03-23', activePeople: 12, members: 12, posts: 0 },
      ],
      // members (8 → 12) / 8 = +50% over 4 weeks; active people started from 0 (02-23): no ratio.
      viral: { growing: true, metric: 'members', growth: 0.5, since: '2026-03-16' },
      suppressed: belowK,
    });
    expect(broadcast).toMatchObject({
      name: 'Broadcast',
      kind: 'channel',
      members: 7,
      activeMembers: 7,
      activeLast12Months: 10, // + e1 e2 e3 of 2025-12
      healthIndex: 0.7,
      threads: 17,
      replyCoverage: 0,
      questions: 0,
      questionAnsweredRate: null,
      medianHoursToFirstReply: null,
      p90HoursToFirstReply: null,
      unansweredShare: 1,
      topPostersShare: 12 / 17, // h1's 12 of 12 + 2 + 1 + 1 + 1
      fragile: true,
      keyPlayerIndex: null, // nobody gave or received anything
      crossDepartmentShare: null,
      memberGrowthPerWeek: 0,
      viral: { growing: false, metric: 'members', growth: 0, since: null },
    });
    // 3 active people (s3, e6, h3): listed by name, every figure about people withheld
    expect(small).toMatchObject({
      name: 'Small',
      members: null,
      activeMembers: null,
      activeLast12Months: null,
      healthIndex: null,
      threads: null,
      replyCoverage: null,
      topPostersShare: null,
      keyPlayerIndex: null,
      crossDepartmentShare: null,
      viral: { growing: false, metric: null, growth: null, since: null },
      suppressed: belowK,
    });
    expect(small.weekly.every((week) => week.activePeople === null && week.posts === null)).toBe(true);
    // All communities: 7 + 17 + 1 = 25 threads by 12 authors; 7 answered (6 + Small's 2 h), all within 7 days.
    expect(report.organisation).toEqual({
      replyCoverage: 7 / 25,
      medianHoursToFirstReply: 3, // 0.5 1 2 3 10 24 72
      unansweredShare: 18 / 25,
      crossDepartmentShare: 6 / 7,
      questionAnsweredRate: 1,
    });
    expect(report.suppressed).toEqual(belowK);
  });

  it('sorts and cuts the list, and counts all of it in total', async () => {
    const scope = scopeOf(org.organisationId);
    const byName = await queryCommunitiesReport(dataSource, scope, { ...options, sort: 'name', limit: 2 });
    expect(byName.total).toBe(3);
    expect(byName.communities.map((community) => community.name)).toEqual(['Broadcast', 'Small']);
    const byCoverage = await queryCommunitiesReport(dataSource, scope, { ...options, sort: 'replyCoverage' });
    expect(byCoverage.communities.map((community) => community.name)).toEqual([
      'Thriving',
      'Broadcast',
      'Small',
    ]);
  });

  it('counts only the population’s people, and withholds thread figures below k authors', async () => {
    const report = await queryCommunitiesReport(
      dataSource,
      scopeOf(org.organisationId, { orgUnitId: org.units.engineering }),
      options,
    );
    // Engineering e1..e6: Thriving; Broadcast through e5 only and Small through e6 only (withheld).
    expect(report.total).toBe(3);
    const thriving = report.communities.find((community) => community.name === 'Thriving');
    expect(thriving).toMatchObject({
      members: 6,
      activeMembers: 6,
      activeLast12Months: 6,
      healthIndex: 1,
      threads: null, // T3 T5 T7: 3 authors
      replyCoverage: null,
      topPostersShare: null, // 3 posters
      keyPlayerIndex: 2 / 6, // e1 1+1, e2 1+1, e3 1: 2 + 2 ≥ 5 / 2
    });
    expect(
      report.communities
        .filter((community) => community.suppressed)
        .map((c) => c.name)
        .sort(),
    ).toEqual(['Broadcast', 'Small', 'Thriving']);
  });

  it('counts departments as the knowledge flow does: within an org unit, its children', async () => {
    // Sales' threads in Thriving: T1 T2 T4 answered by Engineering, T6 (EMEA) answered by s6 (Sales itself):
    // within Sales, EMEA and Sales are two departments, so all 4 cross.
    const report = await queryCommunitiesReport(
      dataSource,
      scopeOf(org.organisationId, { orgUnitId: org.units.sales, minGroupSize: 1 }),
      options,
    );
    const thriving = report.communities.find((community) => community.name === 'Thriving');
    expect(thriving).toMatchObject({ threads: 4, crossDepartmentShare: 1 });
  });

  it('details a community: response times, personas and department flows, withheld below k', async () => {
    const detail = await queryCommunityDetail(dataSource, scopeOf(org.organisationId), org.groups.thriving, {
      viralThreshold: 0.5,
    });
    expect(detail?.community.threads).toBe(7);
    // buckets' authors 2 1 2 1 1: each below k, all withheld
    expect(detail?.responseHours).toEqual([
      { upToHours: 1, threads: null },
      { upToHours: 4, threads: null },
      { upToHours: 24, threads: null },
      { upToHours: 168, threads: null },
      { upToHours: null, threads: null },
    ]);
    // catalyst s1 e1 s2 e2 s5, broadcaster e4, responder e3 s4 s3 s6, observer e5 e6: 4 + 1 + 2 withheld = 7 ≥ k
    expect(detail?.personas).toEqual({
      catalyst: 5 / 12,
      engager: 0,
      responder: null,
      broadcaster: null,
      observer: null,
    });
    // Eng → Sales (3 by e1 e3 e2 to s1 s2), Sales → Eng (2), Sales → Sales (1): every cell has a side below k
    expect(detail?.departments).toEqual([]);
    expect(detail?.hiddenFlows).toBe(3);
    expect(detail?.suppressed).toEqual(belowK);
  });

  it('shows the exact detail with k = 1', async () => {
    const detail = await queryCommunityDetail(
      dataSource,
      scopeOf(org.organisationId, { minGroupSize: 1 }),
      org.groups.thriving,
      { viralThreshold: 0.5 },
    );
    expect(detail?.responseHours).toEqual([
      { upToHours: 1, threads: 2 }, // T1 0.5 h, T6 1 h
      { upToHours: 4, threads: 1 }, // T2
      { upToHours: 24, threads: 2 }, // T3 10 h, T4 24 h
      { upToHours: 168, threads: 1 }, // T5
      { upToHours: null, threads: 1 }, // T7
    ]);
    expect(detail?.personas).toEqual({
      catalyst: 5 / 12,
      engager: 0,
      responder: 4 / 12,
      broadcaster: 1 / 12,
      observer: 2 / 12,
    });
    expect(detail?.departments).toEqual([
      {
        fromOrgUnitId: org.units.engineering,
        toOrgUnitId: org.units.sales,
        fromName: 'Engineering',
        toName: 'Sales',
        responses: 3,
      },
      {
        fromOrgUnitId: org.units.sales,
        toOrgUnitId: org.units.engineering,
        fromName: 'Sales',
        toName: 'Engineering',
        responses: 2,
      },
      {
        fromOrgUnitId: org.units.sales,
        toOrgUnitId: org.units.sales,
        fromName: 'Sales',
        toName: 'Sales',
        responses: 1,
      },
    ]);
    expect(detail?.hiddenFlows).toBe(0);
  });

  it('details an empty community with zeros, and answers null for a cohort or an unknown id', async () => {
    const scope = scopeOf(org.organisationId);
    const empty = await queryCommunityDetail(dataSource, scope, org.groups.empty, { viralThreshold: 0.5 });
    expect(empty?.community).toMatchObject({
      members: null, // no membership listed
      activeMembers: 0,
      activeLast12Months: 0,
      healthIndex: null,
      threads: 0,
      replyCoverage: null,
      topPostersShare: null,
      keyPlayerIndex: null,
      memberGrowthPerWeek: null,
      viral: { growing: false, metric: null, growth: null, since: null },
    });
    expect(empty?.community.suppressed).toBeUndefined();
    expect(empty?.responseHours.map((bucket) => bucket.threads)).toEqual([0, 0, 0, 0, 0]);
    expect(empty?.personas).toEqual({
      catalyst: null,
      engager: null,
      responder: null,
      broadcaster: null,
      observer: null,
    });
    expect(empty?.suppressed).toBeUndefined();
    expect(
      await queryCommunityDetail(dataSource, scope, org.groups.pilot, { viralThreshold: 0.5 }),
    ).toBeNull();
    expect(
      await queryCommunityDetail(dataSource, scope, '00000000-0000-4000-8000-000000000000', {
        viralThreshold: 0.5,
      }),
    ).toBeNull();
  });
});
