import type { Provider } from '@nestjs/common';
import { AlertEvaluator } from './alert-evaluator';
import { DigestScheduler } from './digest-scheduler';
import { NotificationSender } from './notification-sender';
import { NotificationsProcessor } from './notifications.processor';
import {
  DEFAULT_NOTIFICATION_OPTIONS,
  NOTIFICATION_OPTIONS,
  NotificationsQueue,
} from './notifications.queue';

/**
 * Digests and alerts: the tick's scheduler and evaluator, the sender, the queue's producer and processor.
 * They need the KPI providers (KpiReports) and the `notifications` queue registered beside them.
 */
export const NOTIFICATION_PROVIDERS: Provider[] = [
  { provide: NOTIFICATION_OPTIONS, useValue: DEFAULT_NOTIFICATION_OPTIONS },
  NotificationsQueue,
  DigestScheduler,
  AlertEvaluator,
  NotificationSender,
  NotificationsProcessor,
];
