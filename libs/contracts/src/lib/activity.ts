import type { SuppressionReason } from './privacy';

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

/** One day of the organisation-wide activity series shown on the dashboard's first chart. */
export interface DailyActivityPoint {
  /** ISO date (YYYY-MM-DD) in UTC. */
  day: string;
  /** Distinct people active that day; null when suppressed (fewer than k people). */
  activePeople: number | null;
  /** Events that day; null when suppressed together with activePeople. */
  events: number | null;
  /** Why the figures are missing, when they are. */
  suppressed?: SuppressionReason;
}

export interface DailyActivitySeries {
  organisationId: string;
  from: string;
  to: string;
  /** The k used: aggregates over fewer distinct people than this are suppressed. */
  minGroupSize: number;
  points: DailyActivityPoint[];
}
