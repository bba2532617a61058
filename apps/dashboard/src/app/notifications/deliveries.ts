import type { DeliveryView } from '@uptake/contracts';
import { formatCount } from '../shared/format';
import { channelName, deliveryKindName, deliveryStatusName, deliveryStatusTone } from './summaries';

/** One row of the delivery log as the table shows it. */
export interface DeliveryRow {
  id: string;
  createdAt: string;
  kind: string;
  /** The member's e-mail for an e-mail, the channel's name for Slack / Teams. */
  recipient: string;
  subject: string;
  status: string;
  tone: string;
  attempts: string;
  lastError: string | null;
  heldUntil: string | null;
}

export function deliveryRow(delivery: DeliveryView): DeliveryRow {
  return {
    id: delivery.id,
    createdAt: delivery.createdAt,
    kind: deliveryKindName(delivery.kind),
    recipient: delivery.channel === 'email' ? delivery.recipient : channelName(delivery.channel),
    subject: delivery.subject,
    status: deliveryStatusName(delivery.status),
    tone: deliveryStatusTone(delivery.status),
    attempts: formatCount(delivery.attempts),
    lastError: delivery.lastError,
    heldUntil: delivery.status === 'held' ? delivery.heldUntil : null,
  };
}
