import type { CommunityHealth } from '@uptake/contracts';
import { emptyTallies } from './community-figures';
import {
  communityHealth,
  sortCommunities,
  type CommunityFacts,
  type CommunityWeekFacts,
} from './community-health';

const people = (count: number) => ({ count, key: 0 });
const week = (
  monday: string,
  active: number,
  members: number,
  posts = 0,
  posters = 0,
): CommunityWeekFacts => ({
  week: monday,
  activePeople: people(active),
  members: people(members),
  posts,
  posters,
  topPoster: posters > 0 ? 1 : 0,
});

/*
 * A community of 20 members (16 four weeks before the last), 12 active in the range, 10 in its last 28 days,
 * 16 in the last 12 months. Posts: 6 posters with 5 4 1 1 1 1 (13). Interactions of the 12: 8 4 2 2 1 1 and
 * six zeros (18): 8 ≥ 9? no; 8 + 4 = 12 ≥ 9 after 2 people: 2 / 12.
 * Weeks (02-23 is before the range): active 6 6 7 3 9, members 16 16 18 18 20.
 */
const facts = (overrides: Partial<CommunityFacts> = {}): CommunityFacts => ({
  groupId: 'g1',
  name: 'Makers',
  kind: 'community',
  isPrivate: false,
  listed: true,
  members: people(20),
  active: people(12),
  active28: people(10),
  active365: people(16),
  posts: [5, 4, 1, 1, 1, 1],
  interactions: [8, 4, 2, 2, 1, 1, 0, 0, 0, 0, 0, 0],
  threads: {
    ...emptyTallies(),
    threads: 13,
    answeredWithin7Days: 10,
    answered: 11,
    medianHours: 3,
    p90Hours: 50,
    authors: people(6),
    topAuthorThreads: 5,
    comparable: 10,
    crossDepartment: 4,
  },
  weeks: [
    week('2026-02-23', 6, 16),
    week('2026-03-02', 6, 16, 4, 2),
    week('2026-03-09', 7, 18, 6, 5),
    week('2026-03-16', 3, 18, 1, 1),
    week('2026-03-23', 9, 20, 2, 2),
  ],
  ...overrides,
});

const options = { firstWeek: '2026-03-02', viralThreshold: 0.5 };
const belowK = { code: 'below-k', minGroupSize: 5 };

describe('community health', () => {
  it('publishes every figure of a community of at least k people', () => {
    expect(communityHealth(facts(), options, 5)).toEqual({
      groupId: 'g1',
      name: 'Makers',
      kind: 'community',
      isPrivate: false,
      members: 20,
      activeMembers: 10,
      activeLast12Months: 16,
      healthIndex: 10 / 16,
      threads: 13,
      replyCoverage: 10 / 13,
      questions: 0,
      questionAnsweredRate: null,
      medianHoursToFirstReply: 3,
      p90HoursToFirstReply: 50,
      unansweredShare: 2 / 13,
      topPostersShare: 5 / 13, // ceil(0.6) = 1 poster
      fragile: false,
      keyPlayerIndex: 2 / 12,
      crossDepartmentShare: 0.4,
      // members 16 → 16 → 18 → 18 → 20: 0, 1/8, 0, 1/9
      memberGrowthPerWeek: (0 + 1 / 8 + 0 + 1 / 9) / 4,
      weekly: [
        { week: '2026-03-02', activePeople: 6, members: 16, posts: null }, // 2 posters
        { week: '2026-03-09', activePeople: 7, members: 18, posts: 6 },
        { week: '2026-03-16', activePeople: null, members: 18, posts: null },
        { week: '2026-03-23', activePeople: 9, members: 20, posts: null },
      ],
      // members (20 − 16) / 16 = 0.25, active people (9 − 6) / 6 = 0.5: active people, growing since 03-23
      // (03-16 fell from 7 to 3)
      viral: { growing: true, metric: 'activePeople', growth: 0.5, since: '2026-03-23' },
      suppressed: belowK, // the week of 03-16
    });
  });

  it('is fragile when the top 10% post more than 70%', () => {
    const health = communityHealth(facts({ posts: [30, 2, 2, 2, 2, 2] }), options, 5);
    expect(health.topPostersShare).toBe(30 / 40);
    expect(health.fragile).toBe(true);
  });

  it('keeps the name of a community below k but withholds every figure about people', () => {
    const health = communityHealth(facts({ active: people(4) }), options, 5);
    expect(health).toMatchObject({
      name: 'Makers',
      members: null,
      activeMembers: null,
      activeLast12Months: null,
      healthIndex: null,
      threads: null,
      replyCoverage: null,
      topPostersShare: null,
      fragile: null,
      keyPlayerIndex: null,
      crossDepartmentShare: null,
      memberGrowthPerWeek: null,
      viral: { growing: false, metric: null, growth: null, since: null },
      suppressed: belowK,
    });
    expect(health.weekly.map((w) => [w.activePeople, w.members, w.posts])).toEqual([
      [null, null, null],
      [null, null, null],
      [null, null, null],
      [null, null, null],
    ]);
  });

  it('has no member figures when the source lists no membership, and grows by active people then', () => {
    const health = communityHealth(facts({ listed: false, members: people(0) }), options, 5);
    expect(health.members).toBeNull();
    expect(health.weekly.every((w) => w.members === null)).toBe(true);
    // active 6 → 6 → 7 → 3 → 9 with 3 withheld: no mean growth
    expect(health.memberGrowthPerWeek).toBeNull();
    expect(health.viral).toEqual({ growing: true, metric: 'activePeople', growth: 0.5, since: '2026-03-23' });
  });

  it('withholds the posters’ share below k posters and the thread figures below k authors', () => {
    const health = communityHealth(
      facts({ posts: [5, 4, 1, 1], threads: { ...facts().threads, authors: people(4) } }),
      options,
      5,
    );
    expect(health.topPostersShare).toBeNull();
    expect(health.fragile).toBeNull();
    expect(health.threads).toBeNull();
    expect(health.medianHoursToFirstReply).toBeNull();
    expect(health.activeMembers).toBe(10);
  });

  it('shows an empty community as zeros, without shares', () => {
    const health = communityHealth(
      facts({
        listed: false,
        members: people(0),
        active: people(0),
        active28: people(0),
        active365: people(0),
        posts: [],
        interactions: [],
        threads: emptyTallies(),
        weeks: ['2026-02-23', '2026-03-02', '2026-03-09', '2026-03-16', '2026-03-23'].map((w) =>
          week(w, 0, 0),
        ),
      }),
      options,
      5,
    );
    expect(health).toMatchObject({
      members: null,
      activeMembers: 0,
      activeLast12Months: 0,
      healthIndex: null,
      threads: 0,
      replyCoverage: null,
      unansweredShare: null,
      topPostersShare: null,
      keyPlayerIndex: null,
      memberGrowthPerWeek: null,
      viral: { growing: false, metric: null, growth: null, since: null },
    });
    expect(health.weekly[0]).toEqual({ week: '2026-03-02', activePeople: 0, members: null, posts: 0 });
    expect(health.suppressed).toBeUndefined();
  });
});

describe('sorting communities', () => {
  const community = (name: string, activeMembers: number | null, growth: number | null): CommunityHealth =>
    ({
      ...communityHealth(facts({ name, groupId: name }), options, 5),
      activeMembers,
      viral: { growing: false, metric: null, growth, since: null },
    }) as CommunityHealth;
  const list = [
    community('b', 10, 0.1),
    community('a', null, 0.5),
    community('c', 10, null),
    community('d', 30, -0.2),
  ];

  it('puts the largest first, withheld figures last, ties by name', () => {
    expect(sortCommunities(list, 'activeMembers').map((c) => c.name)).toEqual(['d', 'b', 'c', 'a']);
    expect(sortCommunities(list, 'growth').map((c) => c.name)).toEqual(['a', 'b', 'd', 'c']);
    expect(sortCommunities(list, 'name').map((c) => c.name)).toEqual(['a', 'b', 'c', 'd']);
    expect(sortCommunities([], 'healthIndex')).toEqual([]);
  });
});
