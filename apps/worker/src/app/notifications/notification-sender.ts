import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { ResolvedConfig } from '@uptake/config';
import { digestSectionsForRole } from '@uptake/contracts';
import { KpiReports } from '@uptake/kpi';
import {
  composeDigest,
  digestScheduleOf,
  digestSince,
  DigestLoader,
  MailDeliveryError,
  MailTransport,
  memberLocale,
  postWebhook,
} from '@uptake/notifications';
import { NotificationRepository, type DeliveryPayload, type NotificationDelivery } from '@uptake/persistence';
import { decryptSecret } from '@uptake/security';
import type { DataSource } from 'typeorm';
import { UPTAKE_CONFIG } from '../config.tokens';

/** How one attempt went. `retryAfterMs`: the receiver asked to wait this long (Retry-After). */
export type SendOutcome =
  | { sent: true; payload?: DeliveryPayload }
  | {
      sent: false;
      permanent: boolean;
      error: string;
      retryAfterMs: number | null;
      payload?: DeliveryPayload;
    };

const permanently = (error: string): SendOutcome => ({
  sent: false,
  permanent: true,
  error,
  retryAfterMs: null,
});

/**
 * Sends one delivery: a digest (composed now, from the reports as they are), or an alert (composed when it
 * fired) by e-mail, Slack or Teams. It never throws for the receiver's answer: the outcome says whether
 * another attempt could succeed, and the processor records it and retries or gives up.
 */
@Injectable()
export class NotificationSender implements OnApplicationShutdown {
  private readonly logger = new Logger(NotificationSender.name);
  private readonly repository: NotificationRepository;
  private readonly loader: DigestLoader;
  private readonly mail: MailTransport;

  constructor(
    @InjectDataSource() dataSource: DataSource,
    @Inject(UPTAKE_CONFIG) private readonly config: ResolvedConfig,
    reports: KpiReports,
  ) {
    this.repository = new NotificationRepository(dataSource);
    this.loader = new DigestLoader(dataSource, reports);
    this.mail = new MailTransport(config.mail, this.logger);
  }

  async send(delivery: NotificationDelivery, now = new Date()): Promise<SendOutcome> {
    if (delivery.kind === 'digest') return this.sendDigest(delivery, now);
    if (!delivery.payload) return permanently('nothing to send: the alert has no content');
    if (delivery.channel === 'email') return this.email(delivery.recipient, delivery.payload);
    return this.webhook(delivery);
  }

  private async sendDigest(delivery: NotificationDelivery, now: Date): Promise<SendOutcome> {
    const member = delivery.userId
      ? await this.repository.member(delivery.organisationId, delivery.userId)
      : null;
    if (!member) return permanently('the recipient is no longer a member of the organisation');
    const schedule = digestScheduleOf(member.settings);
    const sections = digestSectionsForRole(member.role);
    const data = await this.loader.load(delivery.organisationId, sections, {
      frequency: schedule.frequency,
      since: digestSince(schedule.frequency, delivery.createdAt),
      now,
    });
    const mail = await composeDigest(data, {
      locale: memberLocale(member),
      sections,
      publicUrl: this.config.publicUrl,
    });
    const payload = { subject: mail.subject, text: mail.text };
    const outcome = await this.email(delivery.recipient, { ...payload, html: mail.html }, mail.images);
    return { ...outcome, payload };
  }

  private async email(
    to: string,
    payload: DeliveryPayload,
    images?: Parameters<MailTransport['send']>[0]['images'],
  ): Promise<SendOutcome> {
    try {
      await this.mail.send({ to, subject: payload.subject, text: payload.text, html: payload.html, images });
      return { sent: true };
    } catch (error) {
      if (error instanceof MailDeliveryError) {
        return { sent: false, permanent: error.permanent, error: error.message, retryAfterMs: null };
      }
      throw error;
    }
  }

  private async webhook(delivery: NotificationDelivery): Promise<SendOutcome> {
    const channel = await this.repository.channelWithSecret(delivery.organisationId, delivery.channel);
    if (!channel) return permanently(`the organisation's ${delivery.channel} webhook is not set up`);
    const url = decryptSecret(this.config.secretKey, channel.webhookUrl).toString('utf8');
    const outcome = await postWebhook(url, delivery.payload?.body);
    if (outcome.ok) return { sent: true };
    return {
      sent: false,
      permanent: !outcome.retryable,
      error: outcome.error,
      retryAfterMs: outcome.retryAfterMs,
    };
  }

  onApplicationShutdown(): void {
    this.mail.close();
  }
}
