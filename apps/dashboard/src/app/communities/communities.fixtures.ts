import type { BestCasesReport, CommunitiesReport, CommunityDetail, CommunityHealth } from '@uptake/contracts';
import { hidden, scope } from '../adoption/adoption.fixtures';

/** Small hand-written API answers for the Communities page's specs (k = 5, no perturbation). */
export { hidden, scope };

const quiet = { growing: false, metric: null, growth: null, since: null } as const;

/** A healthy, cross-department community. */
export const guild: CommunityHealth = {
  groupId: 'g-guild',
  name: 'Engineering guild',
  kind: 'community',
  isPrivate: false,
  members: 120,
  activeMembers: 60,
  activeLast12Months: 80,
  healthIndex: 0.75, // 60 / 80
  threads: 40,
  replyCoverage: 0.9,
  questions: 10,
  questionAnsweredRate: 0.8,
  medianHoursToFirstReply: 2.5,
  p90HoursToFirstReply: 20,
  unansweredShare: 0.05,
  topPostersShare: 0.35,
  fragile: false,
  keyPlayerIndex: 0.3,
  crossDepartmentShare: 0.6,
  memberGrowthPerWeek: 0.02,
  weekly: [
    { week: '2026-04-06', activePeople: 40, members: 118, posts: 20 },
    { week: '2026-04-13', activePeople: 50, members: 120, posts: 20 },
  ],
  viral: quiet,
};

/** Broadcast only: many members, few active, nobody answers, two people post everything. */
export const announcements: CommunityHealth = {
  groupId: 'g-news',
  name: 'Announcements',
  kind: 'channel',
  isPrivate: false,
  members: 400,
  activeMembers: 12,
  activeLast12Months: 60,
  healthIndex: 0.2, // 12 / 60
  threads: 30,
  replyCoverage: 0.1,
  questions: null,
  questionAnsweredRate: null,
  // No thread got a reply: the median does not exist (not withheld: the row has no `suppressed`).
  medianHoursToFirstReply: null,
  p90HoursToFirstReply: null,
  unansweredShare: 0.9,
  topPostersShare: 0.95,
  fragile: true,
  keyPlayerIndex: 0.05,
  crossDepartmentShare: 0,
  memberGrowthPerWeek: 0,
  weekly: [
    { week: '2026-04-06', activePeople: 10, members: 400, posts: 15 },
    { week: '2026-04-13', activePeople: 12, members: 400, posts: 15 },
  ],
  viral: quiet,
};

/** Bottom-up viral growth since the week of 16 March. */
export const makers: CommunityHealth = {
  groupId: 'g-makers',
  name: 'Makers',
  kind: 'community',
  isPrivate: true,
  members: 30,
  activeMembers: 25,
  activeLast12Months: 26,
  healthIndex: 25 / 26,
  threads: 18,
  replyCoverage: 0.7,
  questions: 4,
  questionAnsweredRate: 0.75,
  medianHoursToFirstReply: 0.5,
  p90HoursToFirstReply: 6,
  unansweredShare: 0.2,
  topPostersShare: 0.4,
  fragile: false,
  keyPlayerIndex: 0.25,
  crossDepartmentShare: 0.3,
  memberGrowthPerWeek: 0.16,
  weekly: [
    { week: '2026-04-06', activePeople: 10, members: 16, posts: 6 },
    { week: '2026-04-13', activePeople: 25, members: 30, posts: 12 },
  ],
  viral: { growing: true, metric: 'activePeople', growth: 0.8, since: '2026-03-16' },
};

/** A team of 3 active people: every figure about people is withheld. */
export const tiny: CommunityHealth = {
  groupId: 'g-tiny',
  name: 'Tiny team',
  kind: 'team',
  isPrivate: false,
  members: null,
  activeMembers: null,
  activeLast12Months: null,
  healthIndex: null,
  threads: null,
  replyCoverage: null,
  questions: null,
  questionAnsweredRate: null,
  medianHoursToFirstReply: null,
  p90HoursToFirstReply: null,
  unansweredShare: null,
  topPostersShare: null,
  fragile: null,
  keyPlayerIndex: null,
  crossDepartmentShare: null,
  memberGrowthPerWeek: null,
  weekly: [
    { week: '2026-04-06', activePeople: null, members: null, posts: null },
    { week: '2026-04-13', activePeople: null, members: null, posts: null },
  ],
  viral: quiet,
  suppressed: hidden,
};

export const communities: CommunitiesReport = {
  scope,
  total: 4,
  // The API's default order: active members, largest first (hidden last).
  communities: [guild, makers, announcements, tiny],
  organisation: {
    replyCoverage: 0.54,
    medianHoursToFirstReply: 6,
    unansweredShare: 0.3,
    crossDepartmentShare: 0.25,
    questionAnsweredRate: 0.7,
  },
  suppressed: hidden,
};

export const guildDetail: CommunityDetail = {
  scope,
  community: guild,
  responseHours: [
    { upToHours: 1, threads: 12 },
    { upToHours: 4, threads: 10 },
    { upToHours: 24, threads: 8 },
    { upToHours: 168, threads: 6 },
    { upToHours: null, threads: null },
  ],
  personas: { catalyst: 0.2, engager: 0.4, responder: 0.15, broadcaster: null, observer: 0.2 },
  departments: [
    { fromOrgUnitId: 'ou-it', toOrgUnitId: 'ou-sales', fromName: 'IT', toName: 'Sales', responses: 14 },
    { fromOrgUnitId: 'ou-it', toOrgUnitId: 'ou-it', fromName: 'IT', toName: 'IT', responses: 30 },
    { fromOrgUnitId: 'ou-sales', toOrgUnitId: 'ou-it', fromName: 'Sales', toName: 'IT', responses: null },
  ],
  hiddenFlows: 2,
  suppressed: hidden,
};

export const bestCases: BestCasesReport = {
  scope,
  candidates: [
    {
      kind: 'community',
      id: 'g-guild',
      name: 'Engineering guild',
      people: 60,
      rank: 1,
      score: 1.4,
      criteria: [
        {
          criterion: 'replyCoverage',
          value: 0.9,
          organisationValue: 0.54,
          score: 1.8,
          explanation: 'answers 90% of threads within 7 days vs 54% in the organisation',
        },
        {
          criterion: 'medianHoursToFirstReply',
          value: 2.5,
          organisationValue: 6,
          score: 1,
          explanation: 'first reply after 2.5 h vs 6 h in the organisation',
        },
      ],
    },
    {
      kind: 'orgUnit',
      id: 'ou-sales',
      name: 'Sales',
      people: 40,
      rank: 2,
      score: 0.6,
      criteria: [
        {
          criterion: 'growth',
          value: -0.05,
          organisationValue: 0.01,
          score: -0.4,
          explanation: 'shrinks by 5% a week vs +1% in the organisation',
        },
        {
          criterion: 'crossDepartmentShare',
          value: null,
          organisationValue: 0.25,
          score: null,
          explanation: 'too few people to compare',
        },
      ],
    },
    {
      kind: 'community',
      id: 'g-makers',
      name: 'Makers',
      people: 25,
      rank: 3,
      score: 0.5,
      criteria: [
        {
          criterion: 'growth',
          value: 0.16,
          organisationValue: 0.01,
          score: 2,
          explanation: 'grows by 16% a week vs +1% in the organisation',
        },
      ],
    },
  ],
  excluded: 2,
  method: 'Each criterion is compared with the organisation in units of its spread; the score is their mean.',
};
