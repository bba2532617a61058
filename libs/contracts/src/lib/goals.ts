import { z } from 'zod';
import { bodyNumber, calendarDay, day, oneOf, text, uuid } from './fields';

/** KPIs a business goal can track, each measured per week. */
export const GOAL_KPIS = {
  adoption_rate: 'Share of eligible people who have been active at least once',
  weekly_active_rate: 'Weekly active people / eligible people',
  contributor_share: 'Share of eligible people who posted, replied or reacted in the week',
  median_hours_to_first_response: 'Median hours until a thread gets its first response from someone else',
  emails_sent_per_person_per_week: 'E-mails sent per person with e-mail data (Microsoft 365 report)',
} as const;
export type GoalKpi = keyof typeof GOAL_KPIS;
export const GOAL_KPI_KEYS = Object.keys(GOAL_KPIS) as [GoalKpi, ...GoalKpi[]];

/** Value of time saved by active people: minutes per working day x working days x hourly cost. */
export const timeSavedModelSchema = z.strictObject({
  kind: oneOf(['time-saved']),
  minutesPerActivePersonPerDay: bodyNumber({ min: 0, max: 480 }).meta({
    example: 5,
    description: '5 minutes a day over 220 days is about half a working week a year',
  }),
  hourlyCost: bodyNumber({ min: 0, max: 100_000 }).nullish().meta({
    example: 60,
    description: "Left out or null: the organisation's default hourly cost (its settings)",
  }),
  currency: z
    .string({ error: 'must be an ISO 4217 code like EUR' })
    .regex(/^[A-Z]{3}$/, { error: 'must be an ISO 4217 code like EUR' })
    .meta({ example: 'EUR' }),
  workingDaysPerYear: bodyNumber({ min: 1, max: 366 })
    .nullish()
    .describe("Left out or null: the organisation's working days per year (its settings, 220 by default)"),
});
export type TimeSavedModel = z.infer<typeof timeSavedModelSchema>;

const goalFields = {
  name: text({ min: 1, max: 200 }).meta({ example: 'Half the company active every week' }),
  kpi: oneOf(GOAL_KPI_KEYS).describe(
    Object.entries(GOAL_KPIS)
      .map(([key, description]) => `${key}: ${description}`)
      .join('; '),
  ),
  unit: text({ max: 20 }).optional().meta({ example: '%', description: 'Display unit' }),
  baseline: z.number({ error: 'must be a number' }).meta({ example: 0.1 }),
  target: z.number({ error: 'must be a number' }).meta({ example: 0.5 }),
  // Null, like leaving it out, means "none": the class-validator DTOs let null through, and clients send it.
  deadline: calendarDay().nullish().describe('From EVENT_EARLIEST_DATE up to 10 years ahead'),
  orgUnitId: uuid().nullish().describe('Only this org unit subtree'),
  groupId: uuid().nullish().describe('Only members of this group (e.g. the pilot)'),
  valueModel: timeSavedModelSchema.nullish(),
};

/** POST /organisations/:id/goals. */
export const createGoalSchema = z.strictObject(goalFields);
export type CreateGoalRequest = z.infer<typeof createGoalSchema>;

/** PATCH /organisations/:id/goals/:goalId: the fields to change. */
export const updateGoalSchema = createGoalSchema.partial();
export type UpdateGoalRequest = z.infer<typeof updateGoalSchema>;

export const GOAL_STATUSES = ['achieved', 'on-track', 'at-risk', 'off-track', 'no-data'] as const;
export type GoalStatus = (typeof GOAL_STATUSES)[number];

/** Goal as returned by GET /organisations/:id/goals. */
export const goalViewSchema = z.object({
  id: uuid(),
  name: z.string(),
  kpi: z.enum(GOAL_KPI_KEYS),
  kpiDescription: z.string(),
  unit: z.string(),
  baseline: z.number(),
  target: z.number(),
  deadline: day.nullable(),
  orgUnitId: uuid().nullable(),
  groupId: uuid().nullable(),
  valueModel: z
    .object({
      kind: z.literal('time-saved'),
      minutesPerActivePersonPerDay: z.number(),
      hourlyCost: z.number().nullish().describe("Left out (or null): the organisation's default hourly cost"),
      currency: z.string(),
      workingDaysPerYear: z
        .number()
        .nullish()
        .describe("Left out (or null): the organisation's working days"),
    })
    .nullable(),
  progress: z.object({
    current: z.number().nullable(),
    currentWeek: day.nullable(),
    progress: z.number().nullable().describe('0 at the baseline, 1 at the target'),
    trendPerWeek: z.number().nullable().describe('Change per week (least squares over 12 weeks)'),
    projectedDate: day.nullable().describe('When the trend reaches the target'),
    status: z.enum(GOAL_STATUSES),
    series: z
      .array(z.object({ week: day, value: z.number().nullable() }))
      .describe('The last 12 weeks, oldest first'),
  }),
  annualValue: z
    .object({
      activePeople: z.number().describe('Weekly active people of the goal scope (latest week)'),
      hoursPerPersonPerYear: z.number(),
      hoursPerYear: z.number(),
      amount: z.number(),
      currency: z.string(),
      hourlyCost: z.number().describe("The hourly cost used: the goal's own or the organisation's default"),
      workingDaysPerYear: z
        .number()
        .describe("The working days per year used: the goal's own or the organisation's"),
    })
    .nullable()
    .describe('Null without a value model or when withheld'),
});
export type GoalView = z.infer<typeof goalViewSchema>;
