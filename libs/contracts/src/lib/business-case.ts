import { z } from 'zod';
import { bodyNumber, day, text, uuid } from './fields';
import { suppressedSchema } from './privacy';

/*
 * The measured business case: a goal's frozen baseline, the difference-in-differences effect of a phase
 * (pilot vs comparison, before vs after its start) and the value, cost, ROI and payback built on it.
 * Every effect is an "observational estimate": the groups were not randomised, so it is never "impact".
 */

/** A figure about people: null when it rests on 1..k-1 people or cannot be estimated (`reason` says why). */
const figure = (description: string) => z.number().nullable().describe(description);

/** The label every effect carries: the groups were not randomised. */
export const EFFECT_LABEL = 'observational estimate' as const;

/** Weeks a panel, a baseline or a before/after window may span (three years). */
export const MAX_BUSINESS_CASE_WEEKS = 156;

// ---------------------------------------------------------------------------------------------------------
// Frozen baseline

/** A filter value kept in a baseline definition (hashed canonically: object keys sorted, arrays in order). */
export const baselineFilterValueSchema = z.union([
  z.string(),
  z.number(),
  z.boolean(),
  z.null(),
  z.array(z.string()).max(1000),
]);
export type BaselineFilterValue = z.infer<typeof baselineFilterValueSchema>;

/** What a baseline measures: a change to any of these makes it a different baseline. */
export const baselineDefinitionSchema = z.object({
  kpi: text({ min: 1, max: 100 }).describe(
    'A goal KPI (emails_sent_per_person_per_week, weekly_active_rate, …) or a usage metric (usage:email.sent)',
  ),
  population: z.object({
    orgUnitId: uuid().nullable().describe('Org unit subtree, or null for the whole organisation'),
    groupId: uuid().nullable().describe('Group (a phase cohort), or null'),
  }),
  filters: z
    .record(z.string(), baselineFilterValueSchema)
    .describe('Further filters of the KPI (source, activity types, …); {} for none'),
  definitionVersion: z
    .number()
    .int()
    .min(1)
    .describe('Version of the KPI definition: bumped when the computation of the KPI changes'),
});
export type BaselineDefinition = z.infer<typeof baselineDefinitionSchema>;

export const frozenBaselineSchema = z.object({
  definition: baselineDefinitionSchema,
  value: figure('Mean of the measured weekly values of the pre-period (withheld weeks left out)'),
  from: day.describe('Monday of the first week of the pre-period'),
  to: day.describe('Sunday of the last week of the pre-period'),
  weeks: z.number().describe('Weeks of the pre-period with a measured value'),
  withheldWeeks: z.number().describe('Weeks of the pre-period without a value (withheld or not measured)'),
  definitionHash: z
    .string()
    .regex(/^[0-9a-f]{64}$/)
    .describe('sha256 of the canonical JSON of the definition: KPI, population, filters, version'),
});
export type FrozenBaseline = z.infer<typeof frozenBaselineSchema>;

// ---------------------------------------------------------------------------------------------------------
// Difference-in-differences

export const EFFECT_NOT_ESTIMABLE_CODES = ['too-few-people', 'empty-window'] as const;
export type EffectNotEstimableCode = (typeof EFFECT_NOT_ESTIMABLE_CODES)[number];

const interval = {
  estimate: figure('Point estimate'),
  low: figure(
    'Low end of the 95% interval: the bootstrap replicates at the 2.5th percentile, expanded for small groups (about the 2.4th at 100 people a group)',
  ),
  high: figure('High end of the 95% interval (about the 97.6th percentile at 100 people a group)'),
};

export const effectIntervalSchema = z.object({
  ...interval,
  p10: figure('10th percentile of the bootstrap replicates (the value range of the business case)'),
  p90: figure('90th percentile of the bootstrap replicates'),
});
export type EffectInterval = z.infer<typeof effectIntervalSchema>;

export const didGroupSchema = z.object({
  people: figure('People with at least one week in both the pre and the post window'),
  preMean: figure('Mean over those people of each person’s mean weekly value before the start'),
  postMean: figure('…and after the start'),
  change: figure('postMean − preMean'),
});
export type DidGroup = z.infer<typeof didGroupSchema>;

export const parallelTrendsSchema = z.object({
  slopePerWeek: figure(
    'Least-squares slope of the weekly mean difference (treated − comparison) over the pre-period',
  ),
  low: figure('Low end of the 95% interval of the slope, over the same bootstrap replicates'),
  high: figure('High end'),
  driftOverPre: figure('slopePerWeek × pre weeks: how much the gap moved before the start'),
  flat: z
    .boolean()
    .nullable()
    .describe(
      'The interval holds 0 and |driftOverPre| ≤ max(½·|effect|, width of the effect’s 95% interval); null with fewer than 3 pre weeks',
    ),
  warning: z.string().nullable(),
});
export type ParallelTrends = z.infer<typeof parallelTrendsSchema>;

export const didWeekSchema = z.object({
  week: day.describe('Monday of the week'),
  treated: figure('Mean weekly value of the treated people with data that week'),
  comparison: figure('…of the comparison people'),
});
export type DidWeek = z.infer<typeof didWeekSchema>;

/**
 * Who the treated people were compared with in a panel: the rest of the organisation's eligible people, the
 * people of other groups or org-unit subtrees (minus the treated), or matched people (matching.ts).
 */
export const PANEL_COMPARISON_KINDS = ['rest-of-organisation', 'population', 'matched'] as const;
export type PanelComparisonKind = (typeof PANEL_COMPARISON_KINDS)[number];

/** How a matched comparison was built, and how well it balances the pre-period activity. */
export const matchingDiagnosticsSchema = z.object({
  method: z.literal(
    'greedy 1:1 nearest neighbour on the pre-period mean within exact strata (org unit kind, level, location), caliper 0.25 pooled SD, without replacement',
  ),
  treated: figure('Treated people with data in the pre window: the people to match'),
  matched: z.object({
    exact: figure('…matched within their org unit kind, level and location'),
    withoutLevel: figure(
      '…matched within their org unit kind and location (no candidate of their level left)',
    ),
    kindOnly: figure(
      '…matched within their org unit kind only (no candidate of their level or location left)',
    ),
  }),
  unmatched: z.object({
    beyondCaliper: figure('…left out: the nearest candidate of their stratum was further than the caliper'),
    noCandidate: figure('…left out: no candidate of their org unit kind left'),
  }),
  caliper: figure('0.25 × the pooled SD of the pre-period means, in the metric’s unit'),
  standardizedMeanDifference: z.object({
    before: figure(
      '(treated − candidates) pre-period mean / pooled SD, over every treated person and candidate with pre-period data',
    ),
    after: figure('…over the matched treated people and their matches (same SD)'),
  }),
  suppressed: suppressedSchema,
});
export type MatchingDiagnostics = z.infer<typeof matchingDiagnosticsSchema>;

/** A difference-in-differences effect of a phase (or an intervention) on a weekly per-person metric. */
export const differenceInDifferencesReportSchema = z.object({
  label: z.literal(EFFECT_LABEL),
  estimable: z.boolean(),
  reason: z
    .object({ code: z.enum(EFFECT_NOT_ESTIMABLE_CODES), message: z.string() })
    .nullable()
    .describe('Why there is no estimate (null when estimable)'),
  phaseStart: day.describe('Monday of the week the phase started: the first post week'),
  pre: z.object({ from: day, to: day }).describe('The pre window (Monday..Sunday)'),
  post: z.object({ from: day, to: day }).describe('The post window (Monday..Sunday)'),
  minPeoplePerGroup: z.number().describe('No estimate with fewer people in either group (never below k)'),
  treated: didGroupSchema,
  comparison: didGroupSchema,
  effect: effectIntervalSchema.describe(
    '(post − pre) treated − (post − pre) comparison, per person per week, in the metric’s unit',
  ),
  relativeEffect: z
    .object(interval)
    .describe('effect / treated preMean (−0.14: 14% fewer than without the change, if trends were parallel)'),
  significant: z.boolean().nullable().describe('The 95% interval of the effect excludes 0'),
  parallelTrends: parallelTrendsSchema,
  bootstrap: z.object({
    method: z.literal('person-level cluster bootstrap, expanded percentile interval'),
    replicates: z.number(),
    seed: z.number(),
  }),
  weeks: z
    .array(didWeekSchema)
    .max(MAX_BUSINESS_CASE_WEEKS)
    .describe('Weekly means of both groups over the pre and post windows, oldest first'),
  comparisonKind: z
    .enum(PANEL_COMPARISON_KINDS)
    .optional()
    .describe('Who the comparison people are (left out by callers that do not say)'),
  matching: matchingDiagnosticsSchema
    .nullable()
    .optional()
    .describe('How the matched comparison was built; null for any other comparison'),
  suppressed: suppressedSchema,
});
export type DifferenceInDifferencesReport = z.infer<typeof differenceInDifferencesReportSchema>;

// ---------------------------------------------------------------------------------------------------------
// Value, cost, ROI

const currency = z
  .string({ error: 'must be an ISO 4217 code like EUR' })
  .regex(/^[A-Z]{3}$/, { error: 'must be an ISO 4217 code like EUR' })
  .meta({ example: 'EUR' });

/** How a measured effect on a weekly metric becomes time and money: every figure editable. */
export const valueAssumptionsSchema = z.strictObject({
  minutesPerUnit: bodyNumber({ min: 0, max: 480 }).meta({
    example: 2,
    description: 'Minutes one unit of the metric takes (e.g. writing one e-mail)',
  }),
  lowerIsBetter: z
    .boolean()
    .describe('True when fewer units save time (e-mails sent); false when more units are the value'),
  people: bodyNumber({ min: 0, max: 10_000_000 }).describe('People the effect is valued for'),
  workingWeeksPerYear: bodyNumber({ min: 1, max: 53 }).meta({ example: 44 }),
  hourlyCost: bodyNumber({ min: 0, max: 100_000 }).meta({ example: 60 }),
  currency,
});
export type ValueAssumptions = z.infer<typeof valueAssumptionsSchema>;

/** What the programme costs over its horizon. */
export const programmeCostSchema = z.strictObject({
  licencePerSeatPerMonth: bodyNumber({ min: 0, max: 100_000 }),
  seats: bodyNumber({ min: 0, max: 10_000_000 }),
  months: bodyNumber({ min: 1, max: 120 }).describe('Horizon: months the programme runs and is valued over'),
  oneOffCosts: bodyNumber({ min: 0, max: 1_000_000_000 }).describe('Paid in the first month'),
  trainingHours: bodyNumber({ min: 0, max: 100_000_000 }).describe(
    'Hours of training (all people), at the hourly cost, in the first month',
  ),
  championHours: bodyNumber({ min: 0, max: 100_000_000 }).describe(
    'Hours of champion time, at the hourly cost, in the first month',
  ),
});
export type ProgrammeCost = z.infer<typeof programmeCostSchema>;

/** A figure with the range it takes between the 10th and 90th percentile of the measured effect. */
export const valueRangeSchema = z.object({
  estimate: z.number().nullable(),
  p10: z.number().nullable().describe('10th percentile (from the bootstrap replicates of the effect)'),
  p90: z.number().nullable().describe('90th percentile'),
});
export type ValueRange = z.infer<typeof valueRangeSchema>;

export const costBreakdownSchema = z.object({
  licences: z.number().describe('licencePerSeatPerMonth × seats × months'),
  oneOff: z.number(),
  peopleTime: z.number().describe('(trainingHours + championHours) × hourlyCost'),
  total: z.number(),
  upfront: z.number().describe('oneOff + peopleTime: paid in month 1'),
  monthly: z.number().describe('Licences per month'),
});
export type CostBreakdown = z.infer<typeof costBreakdownSchema>;

const outcome = {
  valuePerYear: z.number().nullable(),
  valueToDate: z.number().nullable(),
  roi: z
    .number()
    .nullable()
    .describe('(value over the horizon − total cost) / total cost; null at zero cost'),
  paybackMonth: z
    .number()
    .nullable()
    .describe('First month whose cumulative value reaches the cumulative cost; null: not within the horizon'),
};

export const businessValueReportSchema = z.object({
  label: z.literal(EFFECT_LABEL),
  currency: z.string(),
  horizonMonths: z.number(),
  monthsElapsed: z.number(),
  assumptions: valueAssumptionsSchema,
  cost: costBreakdownSchema,
  measured: z
    .object({
      hoursPerPersonPerYear: valueRangeSchema,
      valuePerYear: valueRangeSchema,
      valueToDate: valueRangeSchema,
      roi: valueRangeSchema,
      paybackMonth: valueRangeSchema.describe(
        'p10: the 10th percentile of the payback month (an early payback, from the p90 value); null: beyond the horizon',
      ),
    })
    .nullable()
    .describe('Null when the effect is not estimable'),
  assumed: z
    .object({ activePeople: z.number(), hoursPerPersonPerYear: z.number(), ...outcome })
    .nullable()
    .describe(
      'The goal’s assumed saving × active people (no interval: it is an assumption); null without one',
    ),
});
export type BusinessValueReport = z.infer<typeof businessValueReportSchema>;
