import { z } from 'zod';
import { day, queryInteger, uuid } from './fields';
import { personaSharesSchema } from './communities';
import { kpiQueryShape } from './kpi-queries';
import { kpiScopeSchema } from './kpis';
import { suppressedSchema } from './privacy';

/**
 * How people behave and move: behaviour personas and habits, the weekly lifecycle, and "found nobody,
 * stopped" (did a newcomer's first post get an answer?). Shares and counts only, k-protected; never lists.
 */
const figure = (description: string) => z.number().nullable().describe(description);

/**
 * Behaviour personas over a range, from what a person gives and receives (first matching rule wins):
 * catalyst: started threads and at least half of them were answered by someone else;
 * broadcaster: started threads, fewer than half answered, and replied less often than they posted;
 * engager: replied to others and received responses or reactions from others;
 * responder: replied to others and received nothing;
 * observer: active, but only read or reacted.
 */
export const BEHAVIOUR_PERSONAS = ['catalyst', 'engager', 'responder', 'broadcaster', 'observer'] as const;
export type BehaviourPersona = (typeof BEHAVIOUR_PERSONAS)[number];

export const habitsSchema = z.object({
  habitual: figure('Share of active people active in at least 9 of the last 12 complete weeks of the range'),
  powerUsers: figure(
    'Share of active people with at least 3 times the median active person’s events in the range',
  ),
  activePeople: figure('Active people in the range (the denominator of the shares)'),
});
export type Habits = z.infer<typeof habitsSchema>;

export const personaUnitSchema = z.object({
  orgUnitId: uuid().nullable(),
  name: z.string(),
  activePeople: figure('Active people of the unit (its subtree) in the range'),
  personas: personaSharesSchema,
  suppressed: suppressedSchema,
});
export type PersonaUnit = z.infer<typeof personaUnitSchema>;

export const personasReportSchema = z.object({
  scope: kpiScopeSchema,
  activePeople: figure('Active people in the range'),
  personas: personaSharesSchema,
  habits: habitsSchema,
  byUnit: z.array(personaUnitSchema).describe('Per top-level org unit (its subtree), units below k withheld'),
  suppressed: suppressedSchema,
});
export type PersonasReport = z.infer<typeof personasReportSchema>;

export const lifecycleWeekSchema = z.object({
  week: day.describe('Monday of the week'),
  active: figure('People active in the week'),
  new: figure('Active for the first time ever'),
  retained: figure('Active this week and the week before'),
  reactivated: figure('Active this week, not the week before, but at some time before that'),
  dormant: figure('Active the week before, not this week'),
  netChange: figure('active − active the week before (= new + reactivated − dormant)'),
  suppressed: suppressedSchema,
});
export type LifecycleWeek = z.infer<typeof lifecycleWeekSchema>;

export const lifecycleReportSchema = z.object({
  scope: kpiScopeSchema,
  weeks: z.array(lifecycleWeekSchema),
});
export type LifecycleReport = z.infer<typeof lifecycleReportSchema>;

/** A rate with its 95% interval (Wilson score). */
export const rateWithIntervalSchema = z.object({
  rate: figure('Share'),
  low: figure('95% interval, lower bound'),
  high: figure('95% interval, upper bound'),
  people: figure('People the rate is over'),
});
export type RateWithInterval = z.infer<typeof rateWithIntervalSchema>;

export const firstPostGroupSchema = z.object({
  people: figure('Newcomers in the group (first post ever in the range)'),
  retained4Weeks: rateWithIntervalSchema.describe(
    'Active in week 4 after the first post (days 22–28), of those whose week 4 ended by the range’s end',
  ),
  retained8Weeks: rateWithIntervalSchema.describe('Active in week 8 after the first post (days 50–56)'),
});
export type FirstPostGroup = z.infer<typeof firstPostGroupSchema>;

export const differenceSchema = z.object({
  difference: figure('answered − unanswered'),
  low: figure('95% interval (Newcombe hybrid score), lower bound'),
  high: figure('upper bound'),
});

export const answeredShareSchema = z.object({
  firstPosts: figure('First posts (of newcomers) in the cell'),
  answeredWithin24h: figure('Share answered by someone else within 24 hours'),
  suppressed: suppressedSchema,
});

export const firstPostReportSchema = z.object({
  scope: kpiScopeSchema,
  answered: firstPostGroupSchema.describe('First post answered by someone else within 24 hours'),
  unanswered: firstPostGroupSchema.describe('First post not answered within 24 hours'),
  difference4Weeks: differenceSchema,
  difference8Weeks: differenceSchema,
  answeredWithin24h: figure(
    'Share of first posts answered within 24 hours over the range (the leading indicator)',
  ),
  byWeek: z.array(answeredShareSchema.extend({ week: day })),
  byUnit: z.array(answeredShareSchema.extend({ orgUnitId: uuid().nullable(), name: z.string() })),
  byCommunity: z.array(answeredShareSchema.extend({ groupId: uuid(), name: z.string() })),
  suppressed: suppressedSchema,
});
export type FirstPostReport = z.infer<typeof firstPostReportSchema>;

export const personasQuerySchema = z.strictObject({ ...kpiQueryShape });
export type PersonasQuery = z.infer<typeof personasQuerySchema>;

export const firstPostQuerySchema = z.strictObject({
  ...kpiQueryShape,
  responseHours: queryInteger({ min: 1, max: 168 })
    .default(24)
    .describe('Hours within which a first post counts as answered'),
});
export type FirstPostQuery = z.infer<typeof firstPostQuerySchema>;
