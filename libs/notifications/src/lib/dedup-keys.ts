import type { NotificationChannel } from '@uptake/contracts';

/**
 * The unique keys of the delivery log (`notification_deliveries.dedup_key`). The scheduler inserts a delivery
 * with its key or skips it when it exists, so a tick that runs twice, two workers ticking at once, or a
 * retried tick never send the same digest or alert twice.
 */

/** One digest per member and period ("2026-W49", "2026-12-01"). */
export function digestKey(userId: string, period: string): string {
  return `digest:${userId}:${period}`;
}

/** One alert per rule, condition instance and channel. */
export function alertKey(ruleId: string, instance: string, channel: NotificationChannel): string {
  return `alert:${ruleId}:${instance}:${channel}`;
}

/**
 * Condition instances: what makes two firings of a rule the same alert.
 * - a gate evaluation whose status changed, or a phase move: its row;
 * - a stale or failing source: the episode since its last successful run (a new success ends it);
 * - a KPI threshold: the n-th crossing.
 */
export const conditionInstance = {
  gateChange: (evaluationId: string) => `gate:${evaluationId}`,
  transition: (transitionId: string) => `transition:${transitionId}`,
  stale: (sourceId: string, lastSuccessId: string | null) => `stale:${sourceId}:${lastSuccessId ?? 'never'}`,
  failing: (sourceId: string, lastSuccessId: string | null) =>
    `failing:${sourceId}:${lastSuccessId ?? 'never'}`,
  crossing: (count: number) => `crossing:${count}`,
};
