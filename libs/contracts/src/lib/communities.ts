import { z } from 'zod';
import { day, oneOf, queryInteger, queryNumber, uuid } from './fields';
import { GROUP_KINDS } from './directory';
import { kpiQueryShape, limitQueryShape } from './kpi-queries';
import { kpiScopeSchema } from './kpis';
import { suppressedSchema } from './privacy';

/**
 * Community health: one row per community (a Slack channel, a Viva Engage community, a Teams channel or team;
 * never a cohort defined in Uptake). Every figure about people is k-protected like the other KPIs: null when
 * it rests on 1..k-1 distinct people, `suppressed` then says why. Figures are about the activity *in* the
 * community by the population of the request (org unit, group or phase filter; everyone by default).
 */
const figure = (description: string) => z.number().nullable().describe(description);

/** The share of posts from the top 10% of posters above which a community rests on too few people. */
export const FRAGILITY_THRESHOLD = 0.7;

export const communityWeekSchema = z.object({
  week: day.describe('Monday of the week'),
  activePeople: figure('People active in the community in the week'),
  members: figure(
    'Members at the end of the week (from the membership lists; null when the source lists none)',
  ),
  posts: figure('Posts and questions started in the week'),
});
export type CommunityWeek = z.infer<typeof communityWeekSchema>;

export const viralGrowthSchema = z
  .object({
    growing: z
      .boolean()
      .describe(
        'Members or active people grew by at least `threshold` over 4 weeks (bottom-up viral growth), with at least k people at the end',
      ),
    metric: z.enum(['members', 'activePeople']).nullable().describe('Which of the two grew fastest'),
    growth: figure('Relative growth over the 4 weeks ending on the last day (0.5 = +50%)'),
    since: day.nullable().describe('Monday of the first week of the current growth streak'),
  })
  .describe('Bottom-up viral growth');
export type ViralGrowth = z.infer<typeof viralGrowthSchema>;

export const communityHealthSchema = z.object({
  groupId: uuid(),
  name: z.string(),
  kind: z.enum(GROUP_KINDS),
  isPrivate: z.boolean(),
  members: figure('Members at the end of the range (null when the source lists no membership)'),
  activeMembers: figure('People active in the community in the last 28 days of the range'),
  activeLast12Months: figure('People active in the community in the 365 days ending on the last day'),
  healthIndex: figure('activeMembers / activeLast12Months: the share of the community’s people still active'),
  threads: figure('Threads (posts, questions) started in the community in the range'),
  replyCoverage: figure('Share of those threads answered by someone else within 7 days'),
  questions: figure('Questions started in the range (sources that mark questions)'),
  questionAnsweredRate: figure('Share of those questions answered by someone else'),
  medianHoursToFirstReply: figure('Median hours from a thread’s start to its first response by someone else'),
  p90HoursToFirstReply: figure('90th percentile of the same'),
  unansweredShare: figure('Share of threads with no response by someone else by the end of the range'),
  topPostersShare: figure('Share of posts from the top 10% of posters (at least one person)'),
  fragile: z
    .boolean()
    .nullable()
    .describe(`topPostersShare above ${FRAGILITY_THRESHOLD}: the community rests on a few people`),
  keyPlayerIndex: figure(
    'Smallest share of the community’s active people that carries half of its interactions (given and received); low = a few key players',
  ),
  crossDepartmentShare: figure(
    'Of the community’s threads with a first response by someone else, the share whose first responder is of another department than the author (thread_rollup keeps the first responder only)',
  ),
  memberGrowthPerWeek: figure(
    'Mean weekly relative growth of members (or of active people where no membership is listed) over the last 4 weeks',
  ),
  weekly: z.array(communityWeekSchema).describe('Per week of the range, for sparklines'),
  viral: viralGrowthSchema,
  suppressed: suppressedSchema,
});
export type CommunityHealth = z.infer<typeof communityHealthSchema>;

export const COMMUNITY_SORTS = ['activeMembers', 'healthIndex', 'replyCoverage', 'growth', 'name'] as const;

const viralThresholdShape = {
  viralThreshold: queryNumber({ min: 0.05, max: 10 })
    .default(0.5)
    .describe('Relative growth over 4 weeks that counts as viral (0.5 = +50%)'),
};

export const communitiesQuerySchema = z.strictObject({
  ...kpiQueryShape,
  ...limitQueryShape,
  sort: oneOf(COMMUNITY_SORTS).default('activeMembers').describe('Largest first; name A→Z'),
  ...viralThresholdShape,
});
export type CommunitiesQuery = z.infer<typeof communitiesQuerySchema>;
export type CommunitySort = (typeof COMMUNITY_SORTS)[number];

/** One community's detail: the KPI filters and the viral threshold. */
export const communityDetailQuerySchema = z.strictObject({ ...kpiQueryShape, ...viralThresholdShape });
export type CommunityDetailQuery = z.infer<typeof communityDetailQuerySchema>;

export const communitiesReportSchema = z.object({
  scope: kpiScopeSchema,
  total: z
    .number()
    .describe('Communities with any activity or member in the range (the list is capped by `limit`)'),
  communities: z.array(communityHealthSchema),
  organisation: communityHealthSchema
    .pick({
      replyCoverage: true,
      medianHoursToFirstReply: true,
      unansweredShare: true,
      crossDepartmentShare: true,
      questionAnsweredRate: true,
    })
    .describe('The same figures over every community together, for comparison'),
  suppressed: suppressedSchema,
});
export type CommunitiesReport = z.infer<typeof communitiesReportSchema>;

/** Behaviour personas (see people-dynamics.ts) as shares; listed in BEHAVIOUR_PERSONAS order. */
export const personaSharesSchema = z.object({
  catalyst: figure('Share of active people who start threads that others answer'),
  engager: figure('Share who give and receive responses'),
  responder: figure('Share who mostly reply and receive little'),
  broadcaster: figure('Share who post but get no response'),
  observer: figure('Share who read or react only'),
});
export type PersonaShares = z.infer<typeof personaSharesSchema>;

export const departmentFlowSchema = z.object({
  fromOrgUnitId: uuid().nullable().describe('Department of the person who responded (null: unknown)'),
  toOrgUnitId: uuid().nullable().describe('Department of the thread’s author'),
  fromName: z.string(),
  toName: z.string(),
  responses: figure('Responses in the community from people of `from` to threads of people of `to`'),
});
export type DepartmentFlow = z.infer<typeof departmentFlowSchema>;

export const communityDetailSchema = z.object({
  scope: kpiScopeSchema,
  community: communityHealthSchema,
  responseHours: z
    .array(
      z.object({
        upToHours: z.number().nullable(),
        threads: figure('Threads first answered in this bucket'),
      }),
    )
    .describe('Threads by time to first response: ≤1 h, ≤4 h, ≤24 h, ≤7 days, later (upToHours null)'),
  personas: personaSharesSchema.describe('Behaviour personas of the community’s active people'),
  departments: z
    .array(departmentFlowSchema)
    .describe('Cross-department flow of responses (cells below k withheld)'),
  hiddenFlows: z.number().describe('Flows withheld because a side rests on fewer than k people'),
  suppressed: suppressedSchema,
});
export type CommunityDetail = z.infer<typeof communityDetailSchema>;

/** What the best-case finder weighs: each compared with the organisation's value. */
export const BEST_CASE_CRITERIA = [
  'healthIndex',
  'replyCoverage',
  'medianHoursToFirstReply',
  'crossDepartmentShare',
  'growth',
] as const;
export type BestCaseCriterion = (typeof BEST_CASE_CRITERIA)[number];

/**
 * Which sentence a best-case criterion's explanation is, with the figures it quotes (raw: shares 0..1, growth
 * as a relative change, hours), so a client renders it in its user's language; `explanation` stays English.
 */
export const bestCaseExplanationSchema = z.discriminatedUnion('code', [
  z.object({
    code: z.literal('compared'),
    params: z.object({
      criterion: z.enum(BEST_CASE_CRITERIA),
      value: z.number(),
      organisationValue: z.number(),
    }),
  }),
  z.object({ code: z.literal('no-figure'), params: z.object({ criterion: z.enum(BEST_CASE_CRITERIA) }) }),
  z.object({
    code: z.literal('no-organisation-figure'),
    params: z.object({ criterion: z.enum(BEST_CASE_CRITERIA), value: z.number() }),
  }),
]);
export type BestCaseExplanation = z.infer<typeof bestCaseExplanationSchema>;

/**
 * The version of the best-case method `method` describes: a changed method gets a new code, so a client that
 * translated the old paragraph shows the API's English one instead of a wrong translation.
 */
export const BEST_CASE_METHOD_CODE = 'best-case-score.v1';

export const bestCaseCriterionSchema = z.object({
  criterion: z.enum(BEST_CASE_CRITERIA),
  value: figure('The candidate’s value'),
  organisationValue: figure('The organisation’s value'),
  score: z
    .number()
    .nullable()
    .describe(
      'How much better than the organisation, in the criterion’s spread (positive = better; time: lower is better)',
    ),
  explanation: z.string().describe('E.g. "answers 82% of threads within 7 days vs 54% in the organisation"'),
  explanationDetail: bestCaseExplanationSchema
    .optional()
    .describe('`explanation` as a code and its figures, for clients that show it in another language'),
});
export type BestCaseCriterionScore = z.infer<typeof bestCaseCriterionSchema>;

export const bestCaseSchema = z.object({
  kind: z.enum(['community', 'orgUnit']),
  id: uuid(),
  name: z.string(),
  people: figure('Active people of the candidate in the range'),
  rank: z.number().int().describe('1 = best'),
  score: z.number().describe('Mean of the criteria scores (criteria without a value count as 0)'),
  criteria: z.array(bestCaseCriterionSchema),
});
export type BestCase = z.infer<typeof bestCaseSchema>;

export const bestCasesQuerySchema = z.strictObject({
  ...kpiQueryShape,
  kind: oneOf(['all', 'community', 'orgUnit'] as const)
    .default('all')
    .describe('Communities, org units or both'),
  top: queryInteger({ min: 1, max: 100 }).default(10),
});
export type BestCasesQuery = z.infer<typeof bestCasesQuerySchema>;

export const bestCasesReportSchema = z.object({
  scope: kpiScopeSchema,
  candidates: z.array(bestCaseSchema).describe('Best first; only candidates with at least k active people'),
  excluded: z.number().describe('Candidates left out because they rest on fewer than k active people'),
  method: z.string().describe('How the score is made, in one paragraph'),
  methodCode: z
    .literal(BEST_CASE_METHOD_CODE)
    .optional()
    .describe('Which method `method` describes (a new version gets a new code)'),
});
export type BestCasesReport = z.infer<typeof bestCasesReportSchema>;
