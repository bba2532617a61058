import { z } from 'zod';
import { day, uuid } from './fields';
import { suppressedSchema } from './privacy';

/** Periods a KPI series is cut into; weeks run Monday to Sunday. */
export const GRANULARITIES = ['day', 'week', 'month'] as const;
export type Granularity = (typeof GRANULARITIES)[number];

/** A figure about people: null when it rests on 1..k-1 people (`suppressed` then says why). */
const figure = (description: string) => z.number().nullable().describe(description);

/** Filters every KPI endpoint takes. Days are in the organisation's time zone. */
export const kpiScopeSchema = z.object({
  organisationId: uuid(),
  from: day,
  to: day,
  granularity: z.enum(GRANULARITIES),
  /** Org unit whose subtree is the population, or null for the whole organisation. */
  orgUnitId: uuid().nullable(),
  /** Group (a pilot cohort, a community) whose members are the population, or null. */
  groupId: uuid().nullable(),
  minGroupSize: z.number(),
  perturbation: z
    .boolean()
    .describe(
      'Counts of people are perturbed by the cell-key method (at most ±2 people; the same people always give the same figure); magnitudes by at most the largest single contribution. False: exact figures.',
    ),
});
export type KpiScope = z.infer<typeof kpiScopeSchema>;

const period = { start: day, end: day };

export const adoptionPointSchema = z.object({
  ...period,
  eligible: figure('People in the directory employed on the last day'),
  active: figure(
    'Distinct people active in the period (any activity that counts, reads included; joins are not activity)',
  ),
  activated: figure('Eligible people active at least once by the end of the period'),
  adoptionRate: figure('activated / eligible'),
  averageDailyActive: figure('Mean of daily active people over the period’s days'),
  weeklyActive: figure('Distinct active people in the 7 days ending on the last day'),
  monthlyActive: figure('Distinct active people in the 28 days ending on the last day'),
  stickiness: figure('averageDailyActive / monthlyActive'),
  joinedOnly: figure(
    'Eligible people who joined a channel or group by the end of the period but were never active (a join is not activity); withheld when it or the rest of the never-active people are 1..k-1 people',
  ).optional(),
  suppressed: suppressedSchema,
});
export type AdoptionPoint = z.infer<typeof adoptionPointSchema>;

export const adoptionReportSchema = z.object({ scope: kpiScopeSchema, points: z.array(adoptionPointSchema) });
export type AdoptionReport = z.infer<typeof adoptionReportSchema>;

export const participationPointSchema = z.object({
  ...period,
  eligible: figure('Eligible people'),
  creators: figure('Started something (post, question)'),
  contributors: figure('Responded (reply, answer, mention, share, call, reaction) without starting anything'),
  readers: figure('Active, but only reading or chatting privately (no contribution in the open)'),
  inactive: figure('Eligible and not active at all'),
  suppressed: suppressedSchema,
});
export type ParticipationPoint = z.infer<typeof participationPointSchema>;

export const PERSONAS = ['creator', 'responder', 'reactor', 'observer'] as const;
export type Persona = (typeof PERSONAS)[number];

export const participationReportSchema = z.object({
  scope: kpiScopeSchema,
  points: z.array(participationPointSchema),
  /** People per persona over the whole range (the strongest behaviour each showed). */
  personas: z.object({
    creator: figure('Started at least one thread'),
    responder: figure('Replied, answered, mentioned or shared, never started'),
    reactor: figure('Only reacted (and read)'),
    observer: figure('Only read or joined'),
  }),
  /** Share of all events that comes from the most active 1% and 10% of active people. */
  concentration: z.object({
    top1Percent: figure('Share of events from the most active 1% of active people'),
    top10Percent: figure('Share of events from the most active 10%'),
    activePeople: figure('Active people in the range'),
  }),
  /** The 90-9-1 rule's reference shares of creators, contributors and the rest. */
  reference: z.object({ creators: z.literal(0.01), contributors: z.literal(0.09), rest: z.literal(0.9) }),
  suppressed: suppressedSchema,
});
export type ParticipationReport = z.infer<typeof participationReportSchema>;

export const retentionCohortSchema = z.object({
  week: day.describe('Monday of the week of the cohort’s first activity'),
  size: figure('People in the cohort'),
  retained: z
    .array(z.number().nullable())
    .describe('Share of the cohort active in its week 0, 1, 2, … up to the range’s end (null if withheld)'),
  suppressed: suppressedSchema,
});
export type RetentionCohort = z.infer<typeof retentionCohortSchema>;

export const churnByUnitSchema = z.object({
  orgUnitId: uuid().nullable(),
  name: z.string(),
  activated: figure('Activated early enough to be seen stopping'),
  triedAndStopped: figure('Silent for the last silentWeeks weeks'),
  rate: figure('triedAndStopped / activated'),
  suppressed: suppressedSchema,
});
export type ChurnByUnit = z.infer<typeof churnByUnitSchema>;

export const retentionReportSchema = z.object({
  scope: kpiScopeSchema,
  cohorts: z.array(retentionCohortSchema),
  silentWeeks: z.number().describe('Silent weeks after which an activated person counts as stopped'),
  activated: figure(
    'Activated at least silentWeeks weeks before the end of the range (so they could be seen to stop)',
  ),
  triedAndStopped: figure('…and silent during the last silentWeeks weeks of the range'),
  triedAndStoppedRate: figure('triedAndStopped / activated'),
  reactivated: figure('Came back in the range after a silence of at least silentWeeks weeks'),
  byUnit: z.array(churnByUnitSchema),
  suppressed: suppressedSchema,
});
export type RetentionReport = z.infer<typeof retentionReportSchema>;

/**
 * Set (and the three thread figures null) when the population posted in the period but none of it is a
 * thread: every post came from usage reports, which count posts per person and day without saying who
 * answered what. "Not measurable", never "0 threads, none answered".
 */
export const threadsNotMeasurableSchema = z.object({
  code: z.literal('report-counts-only'),
  message: z.string(),
});
export type ThreadsNotMeasurable = z.infer<typeof threadsNotMeasurableSchema>;

export const engagementPointSchema = z.object({
  ...period,
  active: figure('Distinct active people'),
  posts: figure('Posts and questions'),
  replies: figure('Replies and answers'),
  reactions: figure('Reactions'),
  postsPerActive: figure('posts / active'),
  repliesPerActive: figure('replies / active'),
  reactionsPerActive: figure('reactions / active'),
  threads: figure(
    'Threads (posts, questions) started by the population in the period; for the whole organisation including threads whose root was deleted or is missing',
  ),
  threadsWithResponse: figure('Share of those threads that got a reply or answer from someone else'),
  medianHoursToFirstResponse: figure(
    'Median hours from a thread’s start to its first response by someone else',
  ),
  unattributedReactions: figure(
    'Reactions the source counted without listing who reacted (reaction volume, in no one’s activity); null for a filtered population and when the period’s activity is withheld',
  ).optional(),
  suppressed: suppressedSchema,
  threadsNotMeasurable: threadsNotMeasurableSchema.optional(),
});
export type EngagementPoint = z.infer<typeof engagementPointSchema>;

export const engagementReportSchema = z.object({
  scope: kpiScopeSchema,
  points: z.array(engagementPointSchema),
});
export type EngagementReport = z.infer<typeof engagementReportSchema>;

export const boundaryCrossingSchema = z.object({
  share: figure(
    'Share of interactions between people who differ on this attribute (of those where both are known)',
  ),
  interactions: figure('Interactions where both people’s value is known'),
  people: figure('Distinct people in them'),
  suppressed: suppressedSchema,
});
export type BoundaryCrossing = z.infer<typeof boundaryCrossingSchema>;

export const networkUnitSchema = z.object({
  orgUnitId: uuid(),
  name: z.string(),
  people: figure('Distinct people of the unit in any interaction'),
  internalInteractions: figure('Interactions inside the unit'),
  outgoingInteractions: figure('Interactions towards other units'),
  incomingInteractions: figure('Interactions from other units'),
  champions: figure('Champions (early adopters with the widest reach) in the unit'),
  suppressed: suppressedSchema,
});
export type NetworkUnit = z.infer<typeof networkUnitSchema>;

export const networkLinkSchema = z.object({
  source: uuid(),
  target: uuid(),
  interactions: z.number().describe('Interactions by people of `source` towards people of `target`'),
});
export type NetworkLink = z.infer<typeof networkLinkSchema>;

export const networkReportSchema = z.object({
  scope: kpiScopeSchema,
  summary: z.object({
    people: figure('People in at least one interaction'),
    interactions: figure('Interactions'),
    density: figure('Density of the person graph'),
    averageDegree: figure('Mean distinct partners'),
    components: figure('Connected components'),
    largestComponentShare: figure('Share of people in the largest component'),
  }),
  crossing: z.object({
    department: boundaryCrossingSchema.describe('Across departments (org units)'),
    hierarchyLevel: boundaryCrossingSchema.describe('Across hierarchy levels (vertical communication)'),
    legacyCompany: boundaryCrossingSchema.describe('Across legacy companies (merger integration)'),
  }),
  units: z.array(networkUnitSchema),
  links: z.array(networkLinkSchema).describe('Links whose both sides have at least k people'),
  hiddenLinks: z.number().describe('Links withheld because a side has fewer than k people'),
  suppressed: suppressedSchema,
});
export type NetworkReport = z.infer<typeof networkReportSchema>;

const pseudonym = z.string().describe('Keyed hash: no name or e-mail');

/** Person-level network roles: admins only, and only pseudonyms. */
export const networkPeopleReportSchema = z.object({
  scope: kpiScopeSchema,
  betweenness: z
    .object({
      people: z.number().int().describe("People in the period's person graph"),
      sources: z
        .number()
        .int()
        .describe(
          'Shortest-path searches the betweenness rests on: `people` when exact; fewer when the graph is too large ' +
            "for an exact count within the work bound, and the brokers' betweenness is estimated from that sample",
        ),
    })
    .describe("How the brokers' betweenness was computed"),
  brokers: z.array(
    z.object({
      pseudonym,
      orgUnitId: uuid().nullable(),
      betweenness: z.number().describe('Normalized betweenness centrality'),
      degree: z.number().describe('Distinct partners'),
    }),
  ),
  champions: z.array(
    z.object({
      pseudonym,
      orgUnitId: uuid().nullable(),
      adoptedOn: day,
      reach: z.number().describe('Distinct people interacted with'),
      interactions: z.number(),
    }),
  ),
});
export type NetworkPeopleReport = z.infer<typeof networkPeopleReportSchema>;

export const ADOPTER_CATEGORIES = [
  'innovators',
  'earlyAdopters',
  'earlyMajority',
  'lateMajority',
  'laggards',
] as const;

export const adopterCategoryFiguresSchema = z.object({
  category: z.enum(ADOPTER_CATEGORIES),
  count: figure('Adopters in the category (by adoption time: mean - 2sd, mean - sd, mean, mean + sd)'),
  share: figure('Share of adopters'),
  idealShare: z.number().describe("Rogers' share: 2.5%, 13.5%, 34%, 34%, 16%"),
  firstAdoption: day.nullable(),
  lastAdoption: day.nullable(),
  suppressed: suppressedSchema,
});
export type AdopterCategoryFigures = z.infer<typeof adopterCategoryFiguresSchema>;

export const diffusionReportSchema = z.object({
  scope: kpiScopeSchema,
  eligible: figure('Eligible people at the end of the range (the market potential’s upper bound)'),
  adopters: figure('Eligible people active at least once by the end of the range'),
  categories: z.array(adopterCategoryFiguresSchema),
  curve: z
    .array(z.object({ week: day, adopters: figure('Cumulative adopters at the end of the week') }))
    .describe('Cumulative adopters per week since the first adoption (the week’s Monday)'),
  bass: z
    .object({
      p: z.number().describe('Coefficient of innovation, per week'),
      q: z.number().describe('Coefficient of imitation, per week'),
      m: z.number().describe('Market potential (adopters at saturation)'),
      rSquared: z.number(),
      converged: z.boolean(),
    })
    .nullable()
    .describe('Bass model fitted on the weekly curve'),
  forecast: z
    .object({
      targetShare: z.number(),
      targetAdopters: z.number(),
      date: day.nullable().describe('When the fitted curve reaches the target'),
      p10: day.nullable().describe('10th percentile (bootstrap)'),
      p90: day.nullable().describe('90th percentile (bootstrap)'),
      reason: z.string().nullable(),
    })
    .nullable()
    .describe(
      'When the fitted curve reaches the target share of eligible people, with a bootstrap 80% interval',
    ),
  reason: z.string().optional().describe('Why there is no fit or forecast, when there is none'),
  suppressed: suppressedSchema,
});
export type DiffusionReport = z.infer<typeof diffusionReportSchema>;

/** One person's activity over a range: admins only, by pseudonym. */
export const personActivitySchema = z.object({
  pseudonym,
  orgUnitId: uuid().nullable(),
  persona: z.enum(PERSONAS).nullable(),
  events: z.number(),
  creations: z.number(),
  responses: z.number(),
  reactions: z.number(),
  activeDays: z.number(),
  firstActiveDay: day.nullable(),
  lastActiveDay: day.nullable(),
});
export type PersonActivity = z.infer<typeof personActivitySchema>;

/** Person-level activity: admins only, by pseudonym. */
export const peopleReportSchema = z.object({
  scope: kpiScopeSchema,
  total: z.number().describe('People in the population (the list is capped by `limit`)'),
  people: z.array(personActivitySchema).describe('Most active first, up to `limit`'),
});
export type PeopleReport = z.infer<typeof peopleReportSchema>;
