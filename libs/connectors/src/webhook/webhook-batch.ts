import type { ActivityType } from '@uptake/contracts';
import { z } from 'zod';
import type { ActivityField } from '../shared/activity-format/activity-row';

/** Events per webhook POST: the API rejects larger bodies before spooling them. */
export const MAX_WEBHOOK_EVENTS = 5_000;

/** One event of a webhook batch: the documented activity fields in camelCase. */
export interface WebhookEvent {
  externalId: string;
  /** ISO 8601 with offset, e.g. 2026-03-02T09:00:00Z. */
  occurredAt: string;
  /** E-mail address preferred (matched across sources), else the source's user id. */
  actorId: string;
  type: ActivityType | string;
  groupId?: string;
  /** Display name of the group (defaults to groupId). */
  groupName?: string;
  /** External id of the thread's root post. */
  threadId?: string;
  /** The person replied to, reacted to or mentioned. */
  targetId?: string;
  contentLength?: number;
  count?: number;
}

export interface WebhookBatch {
  events: WebhookEvent[];
}

/**
 * The top-level shape only (an `events` array of 1..5,000 items): each event is validated field by field
 * when the connector reads the spooled batch, so one bad event never rejects the other 4,999.
 */
export const webhookBatchShapeSchema = z.object({
  events: z
    .array(z.unknown())
    .min(1, 'events must hold at least one event')
    .max(MAX_WEBHOOK_EVENTS, `events must hold at most ${MAX_WEBHOOK_EVENTS} events`),
});

/** What the API calls before spooling a POST body: null when acceptable, else a message for the client. */
export function validateWebhookBatchShape(body: unknown): string | null {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return 'the body must be a JSON object with an "events" array';
  }
  const result = webhookBatchShapeSchema.safeParse(body);
  if (result.success) return null;
  const issue = result.error.issues[0];
  if (issue.path.length === 1 && issue.code === 'invalid_type') return 'events must be an array';
  return issue.message;
}

/** Webhook event key of each documented activity field. */
export const WEBHOOK_KEYS: Record<ActivityField, keyof WebhookEvent> = {
  external_id: 'externalId',
  occurred_at: 'occurredAt',
  actor_id: 'actorId',
  type: 'type',
  group_id: 'groupId',
  group_name: 'groupName',
  thread_id: 'threadId',
  target_id: 'targetId',
  content_length: 'contentLength',
  count: 'count',
};
