import { OnWorkerEvent, Processor } from '@nestjs/bullmq';
import { Inject, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { MAX_RETRY_AFTER_MS } from '@uptake/notifications';
import { NotificationRepository } from '@uptake/persistence';
import { JOBS, QUEUES, type DeliverNotificationJob, type QueueJob } from '@uptake/queues';
import { UnrecoverableError, type Job, type MinimalJob } from 'bullmq';
import type { DataSource } from 'typeorm';
import { QueueProcessor } from '../queue-processor';
import { tryAdvisoryLock } from '../stores/advisory-lock';
import { AlertEvaluator } from './alert-evaluator';
import { DigestScheduler } from './digest-scheduler';
import { NotificationSender, type SendOutcome } from './notification-sender';
import {
  DEFAULT_NOTIFICATION_OPTIONS,
  NOTIFICATION_OPTIONS,
  NotificationsQueue,
  type NotificationOptions,
} from './notifications.queue';

/** A queued delivery older than this without a job (lost between insert and enqueue) is queued again. */
const REQUEUE_AFTER_MS = 2 * 60_000;
/** Deliveries sent at once: a slow receiver or an SMTP timeout holds one slot, never the queue. */
const DELIVERY_CONCURRENCY = 4;

/** A transient failure: BullMQ retries the job after the backoff (or the receiver's Retry-After). */
export class RetryableDeliveryError extends Error {
  constructor(
    message: string,
    readonly retryAfterMs: number | null,
  ) {
    super(message);
    this.name = 'RetryableDeliveryError';
  }
}

/**
 * The delay before a delivery's next attempt: what the receiver asked for (Retry-After, bounded), else the
 * job's base delay doubled per attempt made, never more than MAX_RETRY_AFTER_MS.
 */
export function deliveryBackoff(
  attemptsMade: number,
  _type?: string,
  error?: Error,
  job?: MinimalJob,
): number {
  const asked = error instanceof RetryableDeliveryError ? error.retryAfterMs : null;
  const backoff = job?.opts.backoff;
  const base =
    typeof backoff === 'object' && backoff.delay ? backoff.delay : DEFAULT_NOTIFICATION_OPTIONS.baseDelayMs;
  const exponential = base * 2 ** Math.max(attemptsMade - 1, 0);
  return Math.min(asked ?? exponential, MAX_RETRY_AFTER_MS);
}

/**
 * The processor of the `notifications` queue: the tick (every minute: due digests, alert conditions, held
 * alerts whose quiet hours ended) and the deliveries it creates. Every attempt updates the delivery's row.
 */
@Processor(QUEUES.notifications, {
  concurrency: DELIVERY_CONCURRENCY,
  settings: { backoffStrategy: deliveryBackoff },
})
export class NotificationsProcessor extends QueueProcessor implements OnApplicationBootstrap {
  private readonly logger = new Logger(NotificationsProcessor.name);
  private readonly repository: NotificationRepository;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly queue: NotificationsQueue,
    private readonly digests: DigestScheduler,
    private readonly alerts: AlertEvaluator,
    private readonly sender: NotificationSender,
    @Inject(NOTIFICATION_OPTIONS) private readonly options: NotificationOptions,
  ) {
    super();
    this.repository = new NotificationRepository(dataSource);
  }

  async onApplicationBootstrap(): Promise<void> {
    if (this.options.scheduleTick) await this.queue.scheduleTick();
  }

  protected override async handle(job: QueueJob<typeof QUEUES.notifications>): Promise<unknown> {
    if (job.name === JOBS.notificationsTick) return this.tick(new Date());
    return this.deliver(job as Job<DeliverNotificationJob>);
  }

  /**
   * One tick: one worker at a time (an advisory lock; another worker's tick skips). Creating deliveries is
   * idempotent anyway (dedup keys); the lock keeps two ticks from evaluating the same rules at once.
   * Returns how many deliveries it queued, or null when another worker's tick was running.
   */
  async tick(now: Date): Promise<number | null> {
    const lock = await tryAdvisoryLock(this.dataSource, 'notifications-tick');
    if (!lock) return null;
    try {
      const digests = await this.digests.schedule(now);
      const alerts = await this.alerts.evaluate(now);
      const released = await this.repository.releaseHeld(now);
      const lost = await this.repository.queuedBefore(new Date(now.getTime() - REQUEUE_AFTER_MS));
      const all = [...digests, ...alerts, ...released, ...lost];
      await this.queue.deliver(all, this.options);
      return all.length;
    } finally {
      await lock.release();
    }
  }

  /** One attempt of a delivery. A delivery already sent or given up is left alone (a repeated job). */
  async deliver(job: Job<DeliverNotificationJob>): Promise<string> {
    const { organisationId, deliveryId } = job.data;
    const delivery = await this.repository.delivery(organisationId, deliveryId);
    if (
      !delivery ||
      delivery.status === 'sent' ||
      delivery.status === 'failed' ||
      delivery.status === 'held'
    ) {
      return delivery?.status ?? 'missing';
    }
    let outcome: SendOutcome;
    try {
      outcome = await this.sender.send(delivery);
    } catch (error) {
      // Reading the reports or the database failed: worth another attempt.
      const message = error instanceof Error ? error.message : String(error);
      outcome = { sent: false, permanent: false, error: message, retryAfterMs: null };
    }
    if (outcome.sent) {
      await this.repository.recordAttempt(delivery, {
        status: 'sent',
        error: null,
        payload: outcome.payload,
      });
      return 'sent';
    }
    const last = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
    if (outcome.permanent || last) {
      await this.repository.recordAttempt(delivery, {
        status: 'failed',
        error: outcome.error,
        payload: outcome.payload,
      });
      throw new UnrecoverableError(outcome.error);
    }
    await this.repository.recordAttempt(delivery, {
      status: 'retrying',
      error: outcome.error,
      payload: outcome.payload,
    });
    throw new RetryableDeliveryError(outcome.error, outcome.retryAfterMs);
  }

  @OnWorkerEvent('failed')
  onFailed(job: Job | undefined, error: Error): void {
    if (job?.name === JOBS.deliverNotification) {
      this.logger.warn(`delivery ${job.id ?? ''} attempt ${job.attemptsMade} failed: ${error.message}`);
    } else {
      this.logger.error(`notifications job ${job?.id ?? ''} failed: ${error.message}`);
    }
  }

  @OnWorkerEvent('error')
  onError(error: Error): void {
    this.logger.error(`notifications worker error: ${error.message}`);
  }
}
