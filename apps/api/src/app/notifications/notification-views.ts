import type { AlertRuleView, DeliveryView, WebhookChannel, WebhookChannelView } from '@uptake/contracts';
import type { AlertRule, NotificationChannelSecret, NotificationDelivery } from '@uptake/persistence';

export function toAlertRuleView(rule: AlertRule): AlertRuleView {
  return {
    id: rule.id,
    name: rule.name,
    condition: rule.condition,
    channels: rule.channels,
    enabled: rule.enabled,
    mutedUntil: rule.mutedUntil?.toISOString() ?? null,
    lastFiredAt: rule.lastFiredAt?.toISOString() ?? null,
    createdAt: rule.createdAt.toISOString(),
    updatedAt: rule.updatedAt.toISOString(),
  };
}

/** A channel without its URL: whether it is set, and the host it posts to. */
export function toChannelView(
  kind: WebhookChannel,
  stored: NotificationChannelSecret | undefined,
): WebhookChannelView {
  return {
    kind,
    configured: Boolean(stored),
    host: stored?.host ?? null,
    updatedAt: stored?.updatedAt.toISOString() ?? null,
  };
}

export function toDeliveryView(delivery: NotificationDelivery): DeliveryView {
  return {
    id: delivery.id,
    kind: delivery.kind,
    ruleId: delivery.ruleId,
    period: delivery.period,
    channel: delivery.channel,
    recipient: delivery.recipient,
    subject: delivery.subject,
    status: delivery.status,
    attempts: delivery.attempts,
    lastError: delivery.lastError,
    createdAt: delivery.createdAt.toISOString(),
    sentAt: delivery.sentAt?.toISOString() ?? null,
    heldUntil: delivery.heldUntil?.toISOString() ?? null,
  };
}
