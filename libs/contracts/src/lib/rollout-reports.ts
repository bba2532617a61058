import { z } from 'zod';
import { day, instant, uuid } from './fields';
import { EFFECT_NOT_ESTIMABLE_CODES } from './business-case';
import { suppressedSchema } from './privacy';
import {
  comparisonTargetSchema,
  CRITERION_METRIC_KEYS,
  GATE_METRIC_KEYS,
  GATE_OPERATORS,
  gateCriterionSchema,
  populationTargetSchema,
  ROLLOUT_PHASE_STATUSES,
  ROLLOUT_PLAN_STATUSES,
} from './rollouts';

/** no-data: the value is withheld (fewer than k people) or there is no complete week yet. */
export const GATE_STATUSES = ['pass', 'at-risk', 'fail', 'no-data'] as const;
export type GateStatus = (typeof GATE_STATUSES)[number];

const share = z.number().nullable();

export const criterionWeekSchema = z.object({
  week: day.describe('Monday of the week'),
  value: share,
  met: z.boolean().nullable(),
});
export type CriterionWeek = z.infer<typeof criterionWeekSchema>;

/*
 * The explanation of a criterion as a template code and the figures it is filled with, so a client shows it in
 * its user's language (the dashboard renders it in Dutch) instead of the English `explanation`. Additive: the
 * English sentence stays (API clients, and evaluations stored before the codes existed have only that one).
 * Values are raw numbers (shares 0..1, hours, relative effects): the client formats them for its locale.
 */
const effectInterval = {
  estimate: z.number().describe('Relative effect (−0.14: 14% fewer)'),
  low: z.number().describe('Low end of its 95% interval'),
  high: z.number().describe('High end of its 95% interval'),
  requireSignificant: z.boolean().describe('The criterion asks the interval to exclude 0'),
};
const weekValue = {
  week: day.describe('Monday of the latest complete week'),
  value: z.number().describe("That week's value"),
};
export const criterionExplanationSchema = z
  .discriminatedUnion('code', [
    z.object({ code: z.literal('no-complete-week'), params: z.object({}) }),
    z.object({
      code: z.literal('latest-week-withheld'),
      params: z.object({ minGroupSize: z.number().int().describe('k: fewer people are withheld') }),
    }),
    z.object({ code: z.literal('latest-week-not-measured'), params: z.object({}) }),
    z.object({
      code: z.literal('held'),
      params: z.object({ ...weekValue, weeksMet: z.number().int() }),
    }),
    z.object({
      code: z.literal('holding'),
      params: z.object({
        value: z.number(),
        weeksMet: z.number().int(),
        consecutiveWeeks: z.number().int(),
        passesOn: day.describe('When the run completes if the condition keeps holding'),
      }),
    }),
    z.object({
      code: z.literal('forecast'),
      params: z.object({
        ...weekValue,
        forecastDate: day,
        method: z.enum(['bass', 'trend']),
        plannedEnd: day.nullable().describe('Set when the forecast falls after the phase’s planned end'),
      }),
    }),
    z.object({ code: z.literal('not-forecast'), params: z.object(weekValue) }),
    z.object({
      code: z.literal('effect-not-estimable'),
      params: z.object({
        requireSignificant: effectInterval.requireSignificant,
        reason: z.enum(EFFECT_NOT_ESTIMABLE_CODES).nullable(),
      }),
    }),
    z.object({ code: z.literal('effect-met'), params: z.object(effectInterval) }),
    z.object({ code: z.literal('effect-includes-no-effect'), params: z.object(effectInterval) }),
    z.object({ code: z.literal('effect-not-ruled-out'), params: z.object(effectInterval) }),
    z.object({ code: z.literal('effect-ruled-out'), params: z.object(effectInterval) }),
  ])
  .describe(
    'The explanation as a template code with its figures (raw numbers), for clients that show it in another language',
  );
export type CriterionExplanation = z.infer<typeof criterionExplanationSchema>;
export type CriterionExplanationCode = CriterionExplanation['code'];

export const criterionEvaluationSchema = z.object({
  criterionId: z.string(),
  metric: z.enum(CRITERION_METRIC_KEYS),
  operator: z.enum(GATE_OPERATORS),
  threshold: z.number(),
  consecutiveWeeks: z.number(),
  status: z.enum(GATE_STATUSES),
  value: share.describe("The latest complete week's value"),
  weeksMet: z.number().describe('Weeks in a row (ending with the latest) the condition held'),
  evidence: z.array(criterionWeekSchema).describe('The weekly values the decision rests on, oldest first'),
  forecastDate: day
    .nullable()
    .describe('When the condition is expected to hold, or null when it already holds or is not expected to'),
  forecastMethod: z
    .enum(['bass', 'trend'])
    .nullable()
    .describe("'bass' (adoption fit) or 'trend' (least squares over the evidence weeks)"),
  explanation: z.string().describe('One sentence a change manager can read: why this status'),
  explanationDetail: criterionExplanationSchema
    .optional()
    .describe('`explanation` as a code and its figures (absent in evaluations stored before it existed)'),
  suppressed: suppressedSchema,
  effect: z
    .object({
      metric: z.string(),
      comparison: z.string(),
      estimable: z.boolean(),
      relativeEffect: z.number().nullable().describe('Estimate: effect / treated pre-period mean'),
      low: z.number().nullable().describe('Low end of its 95% interval'),
      high: z.number().nullable().describe('High end of its 95% interval'),
      significant: z.boolean().nullable(),
      treatedPeople: z.number().nullable(),
      comparisonPeople: z.number().nullable(),
    })
    .optional()
    .describe('A measured_effect criterion: the observational estimate it was decided on'),
});
export type CriterionEvaluation = z.infer<typeof criterionEvaluationSchema>;

export const gateEvaluationSchema = z.object({
  id: uuid(),
  phaseId: uuid(),
  evaluatedAt: instant,
  asOf: day.describe('The last day with data the evaluation looked at (weeks end on or before it)'),
  trigger: z.enum(['schedule', 'ingest', 'manual', 'change']),
  status: z
    .enum(GATE_STATUSES)
    .describe('pass when every criterion passes; fail when any fails; otherwise at-risk (or no-data)'),
  population: z.number().nullable().describe('People in the phase (null below k)'),
  criteria: z.array(criterionEvaluationSchema),
});
export type GateEvaluation = z.infer<typeof gateEvaluationSchema>;

export const rolloutPhaseViewSchema = z.object({
  id: uuid(),
  position: z.number(),
  name: z.string(),
  status: z.enum(ROLLOUT_PHASE_STATUSES),
  plannedStart: day.nullable(),
  plannedEnd: day.nullable(),
  startedAt: instant.nullable(),
  completedAt: instant.nullable(),
  target: populationTargetSchema,
  comparison: comparisonTargetSchema,
  gateCriteria: z.array(gateCriterionSchema),
  cohortGroupId: uuid()
    .nullable()
    .describe('Cohort group holding the resolved population: usable as `groupId` in every KPI endpoint'),
  comparisonGroupId: uuid().nullable(),
  latestEvaluation: gateEvaluationSchema.nullable(),
});
export type RolloutPhaseView = z.infer<typeof rolloutPhaseViewSchema>;

export const rolloutPlanViewSchema = z.object({
  id: uuid(),
  name: z.string(),
  status: z.enum(ROLLOUT_PLAN_STATUSES),
  createdAt: instant,
  updatedAt: instant,
  phases: z.array(rolloutPhaseViewSchema),
});
export type RolloutPlanView = z.infer<typeof rolloutPlanViewSchema>;

/** An audited phase change. */
export const phaseTransitionSchema = z.object({
  at: instant,
  actor: z.string().nullable().describe('E-mail of the user who advanced'),
  fromPhaseId: uuid().nullable(),
  toPhaseId: uuid().nullable(),
  overridden: z
    .boolean()
    .describe('True when the gate did not pass and the user advanced anyway (a note is then required)'),
  gateStatus: z.enum(GATE_STATUSES).nullable(),
  note: z.string().nullable(),
});
export type PhaseTransition = z.infer<typeof phaseTransitionSchema>;

export const comparisonMetricSchema = z.object({
  metric: z.enum(GATE_METRIC_KEYS),
  label: z.string(),
  unit: z.enum(['share', 'hours']),
  phase: share,
  comparison: share,
  difference: share.describe('phase − comparison'),
  low: share.describe(
    "95% interval of the difference, low (Newcombe's score interval for shares, t over weekly differences otherwise)",
  ),
  high: share.describe('95% interval of the difference, high'),
  significant: z.boolean().nullable().describe('Whether the interval excludes 0'),
  weeks: z
    .array(z.object({ week: day, phase: share, comparison: share }))
    .describe('Weekly values of both populations, oldest first (for charts)'),
  suppressed: suppressedSchema,
});
export type ComparisonMetric = z.infer<typeof comparisonMetricSchema>;

export const comparisonReportSchema = z.object({
  phaseId: uuid(),
  from: day,
  to: day,
  phasePopulation: z.number().nullable(),
  comparisonPopulation: z.number().nullable(),
  comparisonLabel: z.string(),
  metrics: z
    .array(comparisonMetricSchema)
    .describe(
      "Shares: the latest week both were measured, Newcombe's score interval; hours: the mean over the weeks, t interval of weekly differences",
    ),
});
export type ComparisonReport = z.infer<typeof comparisonReportSchema>;

/** POST …/evaluate. */
export const evaluationQueuedSchema = z.object({ queued: z.literal(true) });
export type EvaluationQueued = z.infer<typeof evaluationQueuedSchema>;
