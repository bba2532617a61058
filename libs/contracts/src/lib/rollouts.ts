import { z } from 'zod';
import { EFFECT_COMPARISONS, effectMetricSchema, MAX_EFFECT_WINDOW_WEEKS } from './business-case-api';
import { calendarDay, oneOf, text, uuid } from './fields';
import { limitQueryShape } from './kpi-queries';

/**
 * KPIs a gate criterion can test, each measured per ISO week on the phase's population.
 * `direction` says which way is better (a criterion's operator usually follows it).
 */
export const GATE_METRICS = {
  weekly_active_rate: { label: 'Weekly active / eligible', unit: 'share', direction: 'up' },
  adoption_rate: { label: 'Ever active / eligible', unit: 'share', direction: 'up' },
  contributor_share: { label: 'Posted, replied or reacted / eligible', unit: 'share', direction: 'up' },
  threads_with_response_share: { label: 'Threads answered by someone else', unit: 'share', direction: 'up' },
  median_hours_to_first_response: { label: 'Median time to first reply', unit: 'hours', direction: 'down' },
  cross_department_share: { label: 'Interactions across departments', unit: 'share', direction: 'up' },
  tried_and_stopped_rate: { label: '"Tried and stopped" / activated', unit: 'share', direction: 'down' },
  first_post_answered_24h: { label: 'First posts answered within 24 h', unit: 'share', direction: 'up' },
} as const;
export type GateMetric = keyof typeof GATE_METRICS;
export const GATE_METRIC_KEYS = Object.keys(GATE_METRICS) as [GateMetric, ...GateMetric[]];

export const GATE_OPERATORS = ['>=', '<='] as const;
export type GateOperator = (typeof GATE_OPERATORS)[number];

export const ROLLOUT_PLAN_STATUSES = ['draft', 'active', 'completed', 'archived'] as const;
export type RolloutPlanStatus = (typeof ROLLOUT_PLAN_STATUSES)[number];
export const ROLLOUT_PHASE_STATUSES = ['planned', 'active', 'completed', 'skipped'] as const;
export type RolloutPhaseStatus = (typeof ROLLOUT_PHASE_STATUSES)[number];

/** Hierarchy level, location or legacy company (before a merger) of a person, from the directory. */
export const PERSON_ATTRIBUTES = ['level', 'location', 'legacyUnitId'] as const;
export type PersonAttribute = (typeof PERSON_ATTRIBUTES)[number];

/** The nested parts of a phase or plan body: their problems read `gateCriteria[1].threshold: …`. */
export const ROLLOUT_BODY_PARTS = ['target', 'comparison', 'gateCriteria', 'pilotTarget'] as const;

/** An object part refused as a whole ("target must be an object"); its own problems keep zod's wording. */
const notAnObject = (issue: { code: string }) =>
  issue.code === 'invalid_type' ? 'must be an object' : undefined;

const attributeRuleSchema = z.strictObject({
  attribute: z.enum(PERSON_ATTRIBUTES),
  values: z
    .array(z.union([z.string().min(1).max(200), z.number().int()]))
    .min(1, 'needs at least one value')
    .max(1_000)
    .describe("The person's value must be one of these (levels as numbers, the rest as strings)"),
});
export type AttributeRule = z.infer<typeof attributeRuleSchema>;

const populationTargetShape = {
  orgUnitIds: z.array(uuid()).max(500).default([]).describe('Org units (with their subtrees)'),
  groupIds: z.array(uuid()).max(500).default([]).describe('Groups or cohorts whose members are in'),
  pseudonyms: z.array(z.string().min(1).max(200)).max(100_000).default([]).describe('People by pseudonym'),
  rules: z
    .array(attributeRuleSchema)
    .max(20)
    .default([])
    .describe('Every rule must hold')
    .meta({ example: [{ attribute: 'level', values: [3, 4] }] }),
};

/**
 * Who a phase (or a comparison group) targets: the union of org-unit subtrees, groups and explicit people
 * (all empty = the whole organisation), narrowed by every attribute rule. People are named by pseudonym.
 */
export const populationTargetSchema = z.strictObject(populationTargetShape, { error: notAnObject });
export type PopulationTarget = z.infer<typeof populationTargetSchema>;

/** What a phase's population is compared with: another target, or everyone in the organisation not in the phase. */
export const comparisonTargetSchema = z
  .discriminatedUnion(
    'kind',
    [
      z.strictObject({ kind: z.literal('rest-of-organisation') }),
      z.strictObject({ kind: z.literal('target'), ...populationTargetShape }),
    ],
    { error: notAnObject },
  )
  .describe("{kind: 'rest-of-organisation'} (default) or {kind: 'target', ...a target}");
export type ComparisonTarget = z.infer<typeof comparisonTargetSchema>;

/**
 * A criterion on a measured effect rather than a weekly KPI: the phase's people vs its comparison, before vs
 * after its start (difference-in-differences, libs/kpi business-case). It tests the relative effect
 * (effect / the treated people's pre-period mean: −0.10 is 10% fewer), e.g. "e-mails per person in the
 * pilot down ≥ 10% vs comparison, interval excludes 0" is `measured_effect <= -0.10` with
 * `effect: { metric: 'usage:email.sent', requireSignificant: true }`.
 */
export const MEASURED_EFFECT = 'measured_effect' as const;
export const CRITERION_METRIC_KEYS = [...GATE_METRIC_KEYS, MEASURED_EFFECT] as const;
export type CriterionMetric = (typeof CRITERION_METRIC_KEYS)[number];

export const effectCriterionSchema = z.strictObject(
  {
    metric: effectMetricSchema,
    comparison: oneOf(EFFECT_COMPARISONS).default('phase'),
    preWeeks: z
      .number({ error: 'must be a number' })
      .int({ error: 'must be a whole number' })
      .min(2, { error: 'must be at least 2' })
      .max(MAX_EFFECT_WINDOW_WEEKS, { error: `must be at most ${MAX_EFFECT_WINDOW_WEEKS}` })
      .default(8)
      .describe('Complete weeks before the phase start that form the pre window'),
    requireSignificant: z
      .boolean({ error: 'must be true or false' })
      .default(true)
      .describe('The 95% interval of the effect must exclude 0 as well'),
  },
  { error: notAnObject },
);
export type EffectCriterion = z.infer<typeof effectCriterionSchema>;

const criterionFields = {
  metric: z.enum(CRITERION_METRIC_KEYS, { error: `must be one of ${CRITERION_METRIC_KEYS.join(', ')}` }),
  operator: z.enum(GATE_OPERATORS, { error: "must be '>=' or '<='" }),
  threshold: z
    .number({ error: 'must be a number' })
    .describe(
      'Shares as fractions (0.4 = 40%), hours as hours, a measured effect as a relative change (−0.1)',
    )
    .meta({ example: 0.4 }),
  consecutiveWeeks: z
    .number()
    .int()
    .min(1)
    .max(26)
    .default(1)
    .describe(
      'Complete weeks in a row the condition must hold (1 = the latest week; 1 for a measured effect)',
    ),
  effect: effectCriterionSchema
    .optional()
    .describe('Required with measured_effect (what effect, against which comparison), refused otherwise'),
};

/** "WAU >= 40% of eligible for 4 consecutive weeks": metric, operator, threshold, weeks. */
export const gateCriterionSchema = z.object({
  id: z.string().describe('Stable within the phase (evaluations refer to it)'),
  ...criterionFields,
});
export type GateCriterion = z.infer<typeof gateCriterionSchema>;

/** A criterion as a client sends it: the id may be left out (it is then made from the metric). */
const gateCriterionInputSchema = z
  .strictObject(
    {
      id: z
        .string()
        .min(1)
        .max(64)
        .optional()
        .describe('Stable id within the phase (generated when left out)'),
      ...criterionFields,
    },
    { error: notAnObject },
  )
  .superRefine((criterion, context) => {
    if (criterion.metric === MEASURED_EFFECT) {
      if (!criterion.effect) {
        context.addIssue({ code: 'custom', path: ['effect'], message: 'is required with measured_effect' });
      }
      if (criterion.consecutiveWeeks !== 1) {
        context.addIssue({
          code: 'custom',
          path: ['consecutiveWeeks'],
          message: 'must be 1 with measured_effect (an effect is one estimate, not a weekly series)',
        });
      }
      if (criterion.threshold < -1) {
        context.addIssue({
          code: 'custom',
          path: ['threshold'],
          message: 'is a relative change: it must be at least -1 (-0.1 for 10% fewer)',
        });
      }
      return;
    }
    if (criterion.effect) {
      context.addIssue({ code: 'custom', path: ['effect'], message: 'is only allowed with measured_effect' });
    }
    const share = GATE_METRICS[criterion.metric].unit === 'share';
    if (share && (criterion.threshold < 0 || criterion.threshold > 1)) {
      context.addIssue({
        code: 'custom',
        path: ['threshold'],
        message: `${criterion.metric} is a share: the threshold must be between 0 and 1 (0.4 for 40%)`,
      });
    }
    if (!share && criterion.threshold < 0) {
      context.addIssue({ code: 'custom', path: ['threshold'], message: 'must not be negative' });
    }
  });

/** Criteria with their ids: the sent one, else `<metric>-<position>`; an id used twice is refused. */
const gateCriteriaInputSchema = z
  .array(gateCriterionInputSchema, { error: 'must be a list' })
  .max(20, { error: 'must contain no more than 20 elements' })
  .transform((criteria): GateCriterion[] =>
    criteria.map((criterion, index) => ({
      ...criterion,
      id: criterion.id ?? `${criterion.metric}-${index + 1}`,
    })),
  )
  .superRefine((criteria, context) => {
    const seen = new Set<string>();
    criteria.forEach((criterion, index) => {
      if (seen.has(criterion.id)) {
        context.addIssue({ code: 'custom', path: [index, 'id'], message: `'${criterion.id}' is used twice` });
      }
      seen.add(criterion.id);
    });
  });

const PLANNING_DAY = 'From EVENT_EARLIEST_DATE up to 10 years ahead';
const plannedDay = calendarDay().nullable().optional().describe(PLANNING_DAY);

/** A phase as sent by a client (POST …/phases, PUT …/phases/:id): fields left out keep their value. */
export const phaseBodySchema = z
  .strictObject({
    name: z
      .string({ error: 'must be a string' })
      .trim()
      .min(1, { error: 'must not be empty' })
      .max(120, { error: 'must be shorter than or equal to 120 characters' })
      .meta({ example: 'Pilot' }),
    plannedStart: plannedDay,
    plannedEnd: plannedDay,
    target: populationTargetSchema.optional(),
    comparison: comparisonTargetSchema.optional(),
    gateCriteria: gateCriteriaInputSchema.optional(),
  })
  .refine((phase) => !phase.plannedStart || !phase.plannedEnd || phase.plannedEnd >= phase.plannedStart, {
    path: ['plannedEnd'],
    error: 'must not be before plannedStart',
  });
export type PhaseBody = z.infer<typeof phaseBodySchema>;
/** What a client sends (criteria ids and target lists may be left out). */
export type PhaseBodyInput = z.input<typeof phaseBodySchema>;

/** POST …/rollouts. */
export const createPlanSchema = z.strictObject({
  name: text({ min: 1, max: 120 }).meta({ example: 'Viva Engage rollout 2027' }),
  template: z
    .enum(['default', 'empty'], { error: "must be 'default' or 'empty'" })
    .default('default')
    .describe('default: Pilot (12 weeks) → Best cases (12) → Full rollout (26) with common gate criteria'),
  startDate: calendarDay()
    .optional()
    .describe('First day of the pilot (default: today), from EVENT_EARLIEST_DATE up to 10 years ahead'),
  pilotTarget: populationTargetSchema.optional().describe("The default template's pilot population"),
});
export type CreatePlan = z.infer<typeof createPlanSchema>;
/** What a client sends (the template may be left out). */
export type CreatePlanRequest = z.input<typeof createPlanSchema>;

/** PATCH …/rollouts/:planId. */
export const updatePlanSchema = z.strictObject({
  name: text({ min: 1, max: 120 }).optional(),
  status: z
    .enum(ROLLOUT_PLAN_STATUSES, { error: `must be one of ${ROLLOUT_PLAN_STATUSES.join(', ')}` })
    .optional()
    .describe('archive or re-open a plan; a plan becomes active when its first phase is started'),
});
export type UpdatePlan = z.infer<typeof updatePlanSchema>;

/** POST …/rollouts/:planId/advance. */
export const advanceSchema = z.strictObject({
  note: z
    .string({ error: 'must be a string' })
    .max(2000, { error: 'must be shorter than or equal to 2000 characters' })
    .optional()
    .describe('Why; required when overriding a gate that has not passed'),
  override: z
    .boolean({ error: 'must be true or false' })
    .default(false)
    .describe('Advance although the latest gate evaluation did not pass'),
  startedOn: calendarDay()
    .optional()
    .describe(
      "The day the next phase really started, when it is recorded later (default: now). Not after today in the organisation's time zone, not before the plan's previous transition, not before EVENT_EARLIEST_DATE; the phases change at 00:00 of that day in the organisation's time zone",
    ),
});
export type Advance = z.infer<typeof advanceSchema>;
export type AdvanceRequest = z.input<typeof advanceSchema>;

/** GET …/phases/:phaseId/comparison. */
export const comparisonQuerySchema = z.strictObject({
  from: calendarDay()
    .optional()
    .describe(
      'First week compared (snapped to the next Monday); not before EVENT_EARLIEST_DATE, at most 52 weeks before `to`',
    ),
  to: calendarDay()
    .optional()
    .describe('Last day (the last complete week before it counts); not after tomorrow (UTC)'),
});
export type ComparisonQuery = z.infer<typeof comparisonQuerySchema>;

/** GET …/phases/:phaseId/evaluations. */
export const evaluationsQuerySchema = z.strictObject(limitQueryShape);
export type EvaluationsQuery = z.infer<typeof evaluationsQuerySchema>;
