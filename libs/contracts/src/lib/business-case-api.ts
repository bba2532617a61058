import { z } from 'zod';
import {
  businessValueReportSchema,
  costBreakdownSchema,
  differenceInDifferencesReportSchema,
  EFFECT_LABEL,
  frozenBaselineSchema,
  programmeCostSchema,
  valueAssumptionsSchema,
  valueRangeSchema,
} from './business-case';
import { calendarDay, day, instant, oneOf, queryInteger, text, uuid } from './fields';
import { GOAL_KPI_KEYS, GOAL_KPIS } from './goals';

/*
 * The measured business case over the API: interventions, the effect of a phase or an intervention on a
 * weekly per-person metric, a goal's frozen baseline and measurement (which phase measures it, with which
 * comparison and value assumptions), the programme's cost on its rollout plan, and the executive report.
 */

// ---------------------------------------------------------------------------------------------------------
// Metrics an effect can be measured on

/** `usage:<metric>`: a daily usage metric imported from a report (e.g. usage:email.sent). */
export const USAGE_METRIC_PREFIX = 'usage:';
const USAGE_METRIC = /^usage:[a-z][a-z0-9_.]{0,63}$/;

/** A goal KPI key, or `usage:<metric>` for a usage metric (e-mails sent, meetings attended, …). */
export const effectMetricSchema = z
  .string({ error: 'must be a goal KPI or usage:<metric>' })
  .refine((value) => (GOAL_KPI_KEYS as readonly string[]).includes(value) || USAGE_METRIC.test(value), {
    error: `must be one of ${GOAL_KPI_KEYS.join(', ')} or usage:<metric> (e.g. usage:email.sent)`,
  })
  .describe(
    `${Object.keys(GOAL_KPIS).join(', ')}, or usage:<metric> for a usage-report metric (usage:email.sent, usage:email.read)`,
  )
  .meta({ example: 'usage:email.sent' });
export type EffectMetric = z.infer<typeof effectMetricSchema>;

/**
 * Who the treated people are compared with: the phase's comparison group (its `comparison` target, the rest
 * of the organisation by default), explicitly the rest of the organisation, or people matched to the treated
 * ones on org unit kind, level, location and pre-period activity.
 */
export const EFFECT_COMPARISONS = ['phase', 'rest-of-organisation', 'matched'] as const;
export type EffectComparison = (typeof EFFECT_COMPARISONS)[number];

/** Weeks before and after a start that an effect compares (each at most a year). */
export const MAX_EFFECT_WINDOW_WEEKS = 52;

const windowShape = {
  preWeeks: queryInteger({ min: 2, max: MAX_EFFECT_WINDOW_WEEKS })
    .default(8)
    .describe('Complete weeks before the start week that form the pre window'),
  postWeeks: queryInteger({ min: 1, max: MAX_EFFECT_WINDOW_WEEKS })
    .optional()
    .describe('Weeks from the start week on (default: every complete week since the start, at most 52)'),
};

/** GET …/phases/:phaseId/effects and …/interventions/:interventionId/effect. */
export const effectQuerySchema = z.strictObject({
  metric: effectMetricSchema,
  comparison: oneOf(EFFECT_COMPARISONS).default('phase'),
  ...windowShape,
});
export type EffectQuery = z.infer<typeof effectQuerySchema>;

// ---------------------------------------------------------------------------------------------------------
// Interventions

export const INTERVENTION_KINDS = [
  'training',
  'communication',
  'leadership-post',
  'champion-programme',
  'nudge',
  'other',
] as const;
export type InterventionKind = (typeof INTERVENTION_KINDS)[number];

/** Who an intervention was aimed at: org-unit subtrees and group members (both empty: everyone). */
export const interventionTargetSchema = z.strictObject({
  orgUnitIds: z.array(uuid()).max(50, { error: 'must contain no more than 50 elements' }).default([]),
  groupIds: z.array(uuid()).max(50, { error: 'must contain no more than 50 elements' }).default([]),
});
export type InterventionTarget = z.infer<typeof interventionTargetSchema>;

/** POST /organisations/:id/interventions, PUT …/interventions/:interventionId (the whole intervention). */
export const interventionBodySchema = z.strictObject({
  day: calendarDay().describe('The day it happened (or starts); not after tomorrow'),
  kind: oneOf(INTERVENTION_KINDS),
  title: text({ min: 1, max: 200 }).meta({ example: 'Working out loud training for Sales' }),
  note: text({ max: 2000 }).optional(),
  target: interventionTargetSchema.default({ orgUnitIds: [], groupIds: [] }),
});
export type InterventionBody = z.infer<typeof interventionBodySchema>;
export type InterventionRequest = z.input<typeof interventionBodySchema>;

export const interventionViewSchema = z.object({
  id: uuid(),
  day,
  kind: z.enum(INTERVENTION_KINDS),
  title: z.string(),
  note: z.string(),
  target: z.object({ orgUnitIds: z.array(uuid()), groupIds: z.array(uuid()) }),
  createdAt: instant,
  updatedAt: instant,
});
export type InterventionView = z.infer<typeof interventionViewSchema>;

/** An organisation keeps at most this many interventions (a dated log, not an event stream). */
export const MAX_INTERVENTIONS = 500;

export const interventionsQuerySchema = z.strictObject({
  from: calendarDay().optional().describe('First day listed'),
  to: calendarDay().optional().describe('Last day listed'),
});
export type InterventionsQuery = z.infer<typeof interventionsQuerySchema>;

// ---------------------------------------------------------------------------------------------------------
// A goal's measurement and frozen baseline

/**
 * How a goal is measured: the rollout phase whose people vs comparison (before vs after its start) measure
 * it, the metric of that effect (the goal's own KPI by default), and the value assumptions that turn the
 * effect into time and money. Kept with the goal; every figure is editable.
 */
export const goalMeasurementSchema = z.strictObject({
  planId: uuid(),
  phaseId: uuid().describe('The phase whose start and cohort measure the goal (usually the pilot)'),
  metric: effectMetricSchema
    .optional()
    .describe("Left out: the goal's own KPI (emails_sent_per_person_per_week reads usage:email.sent)"),
  comparison: oneOf(EFFECT_COMPARISONS).default('phase'),
  preWeeks: windowShape.preWeeks,
  postWeeks: windowShape.postWeeks,
  assumptions: valueAssumptionsSchema,
});
export type GoalMeasurement = z.infer<typeof goalMeasurementSchema>;
export type GoalMeasurementRequest = z.input<typeof goalMeasurementSchema>;

/** POST …/goals/:goalId/baseline: freeze over a pre-period (default: the 8 weeks before the measured phase). */
export const freezeBaselineSchema = z.strictObject({
  from: calendarDay().optional().describe('First day of the pre-period (snapped to its Monday)'),
  to: calendarDay().optional().describe('Last day of the pre-period (snapped to its Sunday)'),
});
export type FreezeBaselineRequest = z.infer<typeof freezeBaselineSchema>;

export const goalBaselineViewSchema = frozenBaselineSchema.extend({
  frozenAt: instant,
  changed: z
    .boolean()
    .describe(
      'The goal is now measured with another definition (KPI, population, filters or KPI version) than the one frozen: re-freeze or revert',
    ),
});
export type GoalBaselineView = z.infer<typeof goalBaselineViewSchema>;

// ---------------------------------------------------------------------------------------------------------
// Programme cost on a rollout plan

/** PUT /organisations/:id/rollouts/:planId/programme-cost. */
export const programmeCostBodySchema = programmeCostSchema;
export const programmeCostViewSchema = z.object({
  planId: uuid(),
  cost: programmeCostSchema.nullable().describe('Null until set'),
  updatedAt: instant.nullable(),
});
export type ProgrammeCostView = z.infer<typeof programmeCostViewSchema>;

// ---------------------------------------------------------------------------------------------------------
// The executive report

export const businessCaseQuerySchema = z.strictObject({
  planId: uuid().optional().describe('Default: the active plan, else the most recently created one'),
});
export type BusinessCaseQuery = z.infer<typeof businessCaseQuerySchema>;

/** Goals a business case reports at most (an organisation's goals are few; the bound keeps the work bounded). */
export const MAX_BUSINESS_CASE_GOALS = 20;

export const businessCaseGoalSchema = z.object({
  goalId: uuid(),
  name: z.string(),
  kpi: z.enum(GOAL_KPI_KEYS),
  unit: z.string(),
  baseline: goalBaselineViewSchema.nullable().describe('Null until frozen'),
  measurement: goalMeasurementSchema.nullable().describe('Null: the goal has no measured effect yet'),
  phase: z
    .object({ id: uuid(), name: z.string(), startedOn: day.nullable() })
    .nullable()
    .describe('The phase that measures the goal'),
  effect: differenceInDifferencesReportSchema
    .nullable()
    .describe('Null without a measurement or before the phase started'),
  value: businessValueReportSchema.nullable().describe('Null without a measurement or a programme cost'),
  problem: z
    .string()
    .nullable()
    .describe('Why there is no effect or value (phase not started, phase deleted, no cost set, …)'),
});
export type BusinessCaseGoal = z.infer<typeof businessCaseGoalSchema>;

export const businessCaseReportSchema = z.object({
  label: z.literal(EFFECT_LABEL),
  plan: z
    .object({ id: uuid(), name: z.string(), startedOn: day.nullable() })
    .nullable()
    .describe('Null: the organisation has no rollout plan'),
  currency: z.string().nullable().describe('Currency of the totals (null when goals disagree or none)'),
  monthsElapsed: z.number().describe('Months since the plan’s first phase started (0 before)'),
  cost: programmeCostSchema.nullable(),
  costBreakdown: costBreakdownSchema.nullable(),
  goals: z.array(businessCaseGoalSchema).max(MAX_BUSINESS_CASE_GOALS),
  totals: z
    .object({
      valuePerYear: valueRangeSchema,
      valueToDate: valueRangeSchema,
      roi: valueRangeSchema,
      paybackMonth: valueRangeSchema,
      assumedValuePerYear: z.number().nullable().describe('Sum of the goals’ assumed values'),
      rangeMethod: z
        .literal('sum of the goals’ 10th and 90th percentiles (wider than a joint range)')
        .describe('The goals’ bootstrap replicates are not drawn jointly, so their percentiles are summed'),
    })
    .nullable()
    .describe('Null when no goal has a measured value (or currencies differ)'),
  interventions: z.array(interventionViewSchema).max(MAX_INTERVENTIONS),
});
export type BusinessCaseReport = z.infer<typeof businessCaseReportSchema>;
