import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { NOTIFICATION_LIMITS } from '@uptake/contracts';
import {
  addJob,
  deliveryJobId,
  JOBS,
  NOTIFICATIONS_TICK,
  QUEUES,
  upsertJobSchedule,
  type UptakeQueue,
} from '@uptake/queues';

/** The backoff type whose delays the processor computes (honouring a receiver's Retry-After). */
export const DELIVERY_BACKOFF = 'notification';

/**
 * How deliveries are retried (the first retry after `baseDelayMs`, doubling, `attempts` in all), and whether
 * this process schedules the every-minute tick (tests drive the tick themselves, with their own clock).
 */
export interface NotificationOptions {
  baseDelayMs: number;
  attempts: number;
  scheduleTick: boolean;
}

export const NOTIFICATION_OPTIONS = Symbol('NOTIFICATION_OPTIONS');
export const DEFAULT_NOTIFICATION_OPTIONS: NotificationOptions = {
  baseDelayMs: 30_000,
  attempts: NOTIFICATION_LIMITS.deliveryAttempts,
  scheduleTick: true,
};

/** Producer side of the notifications queue: the tick's scheduler and one job per delivery. */
@Injectable()
export class NotificationsQueue {
  constructor(@InjectQueue(QUEUES.notifications) readonly queue: UptakeQueue<'notifications'>) {}

  async scheduleTick(): Promise<void> {
    await upsertJobSchedule(
      this.queue,
      NOTIFICATIONS_TICK.schedulerId,
      { pattern: NOTIFICATIONS_TICK.cron, tz: 'UTC' },
      { name: JOBS.notificationsTick, data: {}, opts: { attempts: 1 } },
    );
  }

  /** Queues deliveries; one that has a job already is not queued twice (the job id is the delivery's). */
  async deliver(
    deliveries: readonly { organisationId: string; id: string }[],
    retry: Pick<NotificationOptions, 'baseDelayMs' | 'attempts'>,
  ): Promise<void> {
    for (const delivery of deliveries) {
      await addJob(
        this.queue,
        JOBS.deliverNotification,
        { organisationId: delivery.organisationId, deliveryId: delivery.id },
        {
          jobId: deliveryJobId(delivery.organisationId, delivery.id),
          attempts: retry.attempts,
          backoff: { type: DELIVERY_BACKOFF, delay: retry.baseDelayMs },
        },
      );
    }
  }
}
