import type {
  DiffusionReport,
  EngagementReport,
  FirstPostReport,
  KnowledgeFlowReport,
  KpiScope,
  LifecycleReport,
  NetworkPeopleReport,
  NetworkReport,
  ParticipationReport,
  PersonasReport,
  RetentionReport,
} from '@uptake/contracts';

/** Small hand-written API answers shared by the adoption page's unit and component tests. */
export const hidden = { code: 'below-k', minGroupSize: 5 } as const;

export const scope: KpiScope = {
  organisationId: 'org-1',
  from: '2026-04-06',
  to: '2026-04-19',
  granularity: 'week',
  orgUnitId: null,
  groupId: null,
  minGroupSize: 5,
  perturbation: false,
};

export const participation: ParticipationReport = {
  scope,
  points: [
    {
      start: '2026-04-06',
      end: '2026-04-12',
      eligible: 200,
      creators: 4,
      contributors: 20,
      readers: 36,
      inactive: 140,
    },
    {
      start: '2026-04-13',
      end: '2026-04-19',
      eligible: 200,
      creators: null,
      contributors: null,
      readers: null,
      inactive: null,
      suppressed: hidden,
    },
  ],
  personas: { creator: 10, responder: 30, reactor: 50, observer: null },
  concentration: { top1Percent: 0.054, top10Percent: 0.264, activePeople: 90 },
  reference: { creators: 0.01, contributors: 0.09, rest: 0.9 },
};

export const engagement: EngagementReport = {
  scope,
  points: [
    {
      start: '2026-04-06',
      end: '2026-04-12',
      active: 50,
      posts: 10,
      replies: 25,
      reactions: 100,
      postsPerActive: 0.2,
      repliesPerActive: 0.5,
      reactionsPerActive: 2,
      threads: 10,
      threadsWithResponse: 0.8,
      medianHoursToFirstResponse: 6.5,
    },
    {
      start: '2026-04-13',
      end: '2026-04-19',
      active: null,
      posts: null,
      replies: null,
      reactions: null,
      postsPerActive: null,
      repliesPerActive: null,
      reactionsPerActive: null,
      threads: null,
      threadsWithResponse: null,
      medianHoursToFirstResponse: null,
      suppressed: hidden,
    },
  ],
};

export const retention: RetentionReport = {
  scope,
  cohorts: [
    { week: '2026-04-06', size: 20, retained: [1, 0.5, 0.25] },
    { week: '2026-04-13', size: 10, retained: [1, null] },
    { week: '2026-04-20', size: null, retained: [null], suppressed: hidden },
  ],
  silentWeeks: 4,
  activated: 30,
  triedAndStopped: 6,
  triedAndStoppedRate: 0.2,
  reactivated: null,
  byUnit: [
    { orgUnitId: 'unit-a', name: 'Finance', activated: 20, triedAndStopped: 5, rate: 0.25 },
    {
      orgUnitId: 'unit-b',
      name: 'Legal',
      activated: null,
      triedAndStopped: null,
      rate: null,
      suppressed: hidden,
    },
  ],
};

export const network: NetworkReport = {
  scope,
  summary: {
    people: 40,
    interactions: 300,
    density: 0.1,
    averageDegree: 3.9,
    components: 1,
    largestComponentShare: 1,
  },
  crossing: {
    department: { share: 0.4, interactions: 300, people: 40 },
    hierarchyLevel: { share: 0.25, interactions: 300, people: 40 },
    legacyCompany: { share: null, interactions: null, people: null, suppressed: hidden },
  },
  units: [
    {
      orgUnitId: 'unit-a',
      name: 'Finance',
      people: 25,
      internalInteractions: 100,
      outgoingInteractions: 60,
      incomingInteractions: 40,
      champions: 3,
    },
    {
      orgUnitId: 'unit-b',
      name: 'Legal',
      people: 9,
      internalInteractions: 20,
      outgoingInteractions: 40,
      incomingInteractions: 60,
      champions: null,
      suppressed: hidden,
    },
    {
      orgUnitId: 'unit-c',
      name: 'Board',
      people: null,
      internalInteractions: null,
      outgoingInteractions: null,
      incomingInteractions: null,
      champions: null,
      suppressed: hidden,
    },
  ],
  links: [
    { source: 'unit-a', target: 'unit-b', interactions: 60 },
    { source: 'unit-b', target: 'unit-a', interactions: 40 },
  ],
  hiddenLinks: 2,
};

export const networkPeople: NetworkPeopleReport = {
  scope,
  betweenness: { people: 120, sources: 120 },
  brokers: [{ pseudonym: 'pseudo-broker', orgUnitId: 'unit-a', betweenness: 0.12, degree: 30 }],
  champions: [
    {
      pseudonym: 'pseudo-champion',
      orgUnitId: 'unit-b',
      adoptedOn: '2026-01-09',
      reach: 25,
      interactions: 80,
    },
  ],
};

export const diffusion: DiffusionReport = {
  scope,
  eligible: 100,
  adopters: 60,
  categories: [
    {
      category: 'innovators',
      count: null,
      share: null,
      idealShare: 0.025,
      firstAdoption: null,
      lastAdoption: null,
      suppressed: hidden,
    },
    {
      category: 'earlyAdopters',
      count: 9,
      share: 0.15,
      idealShare: 0.135,
      firstAdoption: '2026-01-07',
      lastAdoption: '2026-01-14',
    },
    {
      category: 'earlyMajority',
      count: 21,
      share: 0.35,
      idealShare: 0.34,
      firstAdoption: '2026-01-15',
      lastAdoption: '2026-01-20',
    },
    {
      category: 'lateMajority',
      count: 20,
      share: 0.3333,
      idealShare: 0.34,
      firstAdoption: '2026-01-21',
      lastAdoption: '2026-01-25',
    },
    {
      category: 'laggards',
      count: 8,
      share: 0.1333,
      idealShare: 0.16,
      firstAdoption: '2026-01-26',
      lastAdoption: '2026-02-01',
    },
  ],
  curve: [
    { week: '2026-01-05', adopters: 10 },
    { week: '2026-01-12', adopters: 30 },
    { week: '2026-01-19', adopters: 50 },
    { week: '2026-01-26', adopters: 60 },
  ],
  bass: { p: 0.1, q: 0.4, m: 80, rSquared: 0.987, converged: true },
  forecast: {
    targetShare: 0.7,
    targetAdopters: 70,
    date: '2026-02-15',
    p10: '2026-02-08',
    p90: '2026-03-01',
    reason: null,
  },
};

/** Three weeks; each is consistent: retained = last week's active − dormant, net = new + reactivated − dormant. */
export const lifecycle: LifecycleReport = {
  scope,
  weeks: [
    // 35 + 10 + 5 = 50 active; net 10 + 5 − 8 = +7
    { week: '2026-04-06', active: 50, new: 10, retained: 35, reactivated: 5, dormant: 8, netChange: 7 },
    // 50 − 7 = 43 retained; 43 + 6 + 3 = 52; net 6 + 3 − 7 = +2
    { week: '2026-04-13', active: 52, new: 6, retained: 43, reactivated: 3, dormant: 7, netChange: 2 },
    // 52 − 6 = 46 retained; the 2 new + reactivated rest on fewer than 5 people: both withheld; net 48 − 52
    {
      week: '2026-04-20',
      active: 48,
      new: null,
      retained: 46,
      reactivated: null,
      dormant: 6,
      netChange: -4,
      suppressed: hidden,
    },
  ],
};

export const personas: PersonasReport = {
  scope,
  activePeople: 80,
  personas: { catalyst: 0.1, engager: 0.35, responder: 0.2, broadcaster: 0.15, observer: 0.2 },
  habits: { habitual: 0.25, powerUsers: null, activePeople: 80 },
  byUnit: [
    {
      orgUnitId: 'unit-a',
      name: 'Finance',
      activePeople: 40,
      // broadcaster and observer (0.25 together) are complementary: both withheld
      personas: { catalyst: 0.125, engager: 0.375, responder: 0.25, broadcaster: null, observer: null },
      suppressed: hidden,
    },
    {
      orgUnitId: 'unit-b',
      name: 'Legal',
      activePeople: null,
      personas: { catalyst: null, engager: null, responder: null, broadcaster: null, observer: null },
      suppressed: hidden,
    },
  ],
  suppressed: hidden,
};

export const firstPost: FirstPostReport = {
  scope,
  answered: {
    people: 40,
    retained4Weeks: { rate: 0.6, low: 0.446, high: 0.737, people: 40 },
    retained8Weeks: { rate: 0.5, low: 0.332, high: 0.668, people: 30 },
  },
  unanswered: {
    people: 25,
    retained4Weeks: { rate: 0.32, low: 0.172, high: 0.516, people: 25 },
    // only 4 of them reached week 8: withheld
    retained8Weeks: { rate: null, low: null, high: null, people: null },
  },
  difference4Weeks: { difference: 0.28, low: 0.04, high: 0.48 },
  difference8Weeks: { difference: null, low: null, high: null },
  // 40 of 65 first posts
  answeredWithin24h: 0.6154,
  byWeek: [
    { week: '2026-04-06', firstPosts: 30, answeredWithin24h: 0.6 },
    { week: '2026-04-13', firstPosts: 35, answeredWithin24h: 0.6286 },
    { week: '2026-04-20', firstPosts: null, answeredWithin24h: null, suppressed: hidden },
  ],
  byUnit: [
    { orgUnitId: 'unit-a', name: 'Finance', firstPosts: 45, answeredWithin24h: 0.7111 },
    { orgUnitId: 'unit-b', name: 'Legal', firstPosts: null, answeredWithin24h: null, suppressed: hidden },
  ],
  byCommunity: [{ groupId: 'group-1', name: 'Newcomers', firstPosts: 20, answeredWithin24h: 0.25 }],
  suppressed: hidden,
};

export const knowledgeFlow: KnowledgeFlowReport = {
  scope,
  answeredThreads: 60,
  crossDepartmentShare: 0.4,
  crossCompanyShare: null,
  units: [
    {
      orgUnitId: 'unit-a',
      name: 'Finance',
      threadsStarted: 40,
      answersToOthers: 12,
      answeredByOthers: 10,
      // 12 / 40
      expertiseRatio: 0.3,
      hiddenExpertise: false,
    },
    {
      orgUnitId: 'unit-b',
      name: 'IT',
      threadsStarted: 10,
      answersToOthers: 25,
      answeredByOthers: 6,
      // 25 / 10: at least twice and at least 10 answers
      expertiseRatio: 2.5,
      hiddenExpertise: true,
    },
    {
      orgUnitId: 'unit-c',
      name: 'Legal',
      threadsStarted: null,
      answersToOthers: null,
      answeredByOthers: null,
      expertiseRatio: null,
      hiddenExpertise: null,
      suppressed: hidden,
    },
  ],
  cells: [
    { askerOrgUnitId: 'unit-a', responderOrgUnitId: 'unit-a', threads: 20 },
    { askerOrgUnitId: 'unit-a', responderOrgUnitId: 'unit-b', threads: 10 },
    { askerOrgUnitId: 'unit-b', responderOrgUnitId: 'unit-a', threads: 6 },
    { askerOrgUnitId: 'unit-b', responderOrgUnitId: 'unit-b', threads: 3 },
  ],
  hiddenCells: 2,
  byMonth: [
    { month: '2026-03-01', answeredThreads: 25, crossDepartmentShare: 0.32, crossCompanyShare: 0.1 },
    {
      month: '2026-04-01',
      answeredThreads: 35,
      crossDepartmentShare: 0.4571,
      crossCompanyShare: null,
      suppressed: hidden,
    },
  ],
  leadership: [
    {
      level: 1,
      people: 6,
      activeShare: 0.5,
      postsPerPerson: 1.5,
      repliesPerPerson: 2,
      repliesToStaff: 1.8333,
      repliesToLeaders: 0,
      reachPerActive: 7.3333,
    },
    {
      level: 2,
      people: 30,
      activeShare: 0.7,
      postsPerPerson: 0.8,
      repliesPerPerson: 1.2,
      repliesToStaff: 0.5,
      repliesToLeaders: 0.4,
      reachPerActive: 4.25,
    },
    {
      level: null,
      people: null,
      activeShare: null,
      postsPerPerson: null,
      repliesPerPerson: null,
      repliesToStaff: null,
      repliesToLeaders: null,
      reachPerActive: null,
      suppressed: hidden,
    },
  ],
  suppressed: hidden,
};
