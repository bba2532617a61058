import { z } from 'zod';
import { calendarDay, day, uuid, type DayMessages } from './fields';
import { suppressedSchema } from './privacy';

/**
 * The kinds of activity Uptake records. Message text is never stored, only the kind and a few flags. Which of
 * them make a person active, a creator or a contributor is defined once, in libs/kpi (activity-definition.ts):
 * a `join` is recorded but is never activity.
 */
export const ACTIVITY_TYPES = [
  'post',
  'reply',
  'reaction',
  'read',
  'mention',
  'share',
  'join',
  'question',
  'answer',
  /** Took part in a call or huddle held in a channel or community. */
  'call',
  /** A message (or reaction, call) in a private conversation: a direct message or group chat, not the community. */
  'chat',
] as const;
export type ActivityType = (typeof ACTIVITY_TYPES)[number];

/** The wording of report ranges: "from must look like YYYY-MM-DD", "… must be a calendar date YYYY-MM-DD". */
const RANGE_DAY: DayMessages = {
  shape: 'must look like YYYY-MM-DD',
  unreal: 'must be a calendar date YYYY-MM-DD',
};

/** `?from=&to=` of the reports. Where the days may lie is checked by the API (it depends on configuration). */
export const dateRangeQueryShape = {
  from: calendarDay(RANGE_DAY)
    .optional()
    .describe(
      'First day (inclusive), not before EVENT_EARLIEST_DATE. Default: 89 days before `to`. At most 1,100 days before `to`.',
    ),
  to: calendarDay(RANGE_DAY)
    .optional()
    .describe(
      'Last day (inclusive), not after tomorrow (UTC). Default: the last day with activity (at the latest tomorrow).',
    ),
};
export const dateRangeQuerySchema = z.strictObject(dateRangeQueryShape);
export type DateRangeQuery = z.infer<typeof dateRangeQuerySchema>;

/** One day of the organisation-wide activity series shown on the dashboard's first chart. */
export const dailyActivityPointSchema = z.object({
  /** ISO date (YYYY-MM-DD) in UTC. */
  day,
  activePeople: z.number().nullable().describe('Distinct people active that day; null when suppressed'),
  events: z.number().nullable().describe('Events that day; null when suppressed'),
  suppressed: suppressedSchema,
});
export type DailyActivityPoint = z.infer<typeof dailyActivityPointSchema>;

export const dailyActivitySeriesSchema = z.object({
  organisationId: uuid(),
  from: day,
  to: day,
  minGroupSize: z.number().describe('The k in force: aggregates over fewer distinct people are suppressed'),
  points: z.array(dailyActivityPointSchema),
});
export type DailyActivitySeries = z.infer<typeof dailyActivitySeriesSchema>;
