import { ConflictException, Inject, Injectable } from '@nestjs/common';
import type { ResolvedConfig } from '@uptake/config';
import {
  WEBHOOK_CHANNELS,
  type ChannelTestResult,
  type WebhookChannel,
  type WebhookChannelInput,
  type WebhookChannelsView,
  type WebhookChannelView,
} from '@uptake/contracts';
import { composeAlert, memberLocale, postWebhook } from '@uptake/notifications';
import { NotificationReadsRepository, NotificationRepository } from '@uptake/persistence';
import { decryptSecret, encryptSecret } from '@uptake/security';
import { AuditService } from '../audit/audit.service';
import type { Principal } from '../auth/principal';
import { UPTAKE_CONFIG } from '../config/config.module';
import { toChannelView } from './notification-views';

/** A test post waits at most this long for the receiver: the admin is waiting for the answer. */
const TEST_TIMEOUT_MS = 10_000;

/** An organisation's Slack and Teams incoming webhooks: stored encrypted, shown by host only. */
@Injectable()
export class NotificationChannelsService {
  constructor(
    @Inject(UPTAKE_CONFIG) private readonly config: ResolvedConfig,
    private readonly notifications: NotificationRepository,
    private readonly reads: NotificationReadsRepository,
    private readonly audit: AuditService,
  ) {}

  async list(organisationId: string): Promise<WebhookChannelsView> {
    const stored = await this.notifications.channels(organisationId);
    return {
      channels: WEBHOOK_CHANNELS.map((kind) =>
        toChannelView(
          kind,
          stored.find((c) => c.kind === kind),
        ),
      ),
    };
  }

  async put(
    organisationId: string,
    kind: WebhookChannel,
    input: WebhookChannelInput,
    principal: Principal,
  ): Promise<WebhookChannelView> {
    const host = new URL(input.webhookUrl).hostname;
    const saved = await this.notifications.saveChannel({
      organisationId,
      kind,
      webhookUrl: encryptSecret(this.config.secretKey, input.webhookUrl),
      host,
      updatedBy: principal.userId,
    });
    await this.audit.record({
      action: 'notifications.channel_changed',
      organisationId,
      principal,
      targetType: 'notification_channel',
      targetId: kind,
      details: { host },
    });
    return toChannelView(kind, saved);
  }

  /** Idempotent: a channel that is not set is a 204 too. */
  async remove(organisationId: string, kind: WebhookChannel, principal: Principal): Promise<void> {
    if (!(await this.notifications.deleteChannel(organisationId, kind))) return;
    await this.audit.record({
      action: 'notifications.channel_removed',
      organisationId,
      principal,
      targetType: 'notification_channel',
      targetId: kind,
    });
  }

  /** Posts a test message now (not queued) and logs it as a `test` delivery. */
  async test(organisationId: string, kind: WebhookChannel, principal: Principal): Promise<ChannelTestResult> {
    const stored = await this.notifications.channelWithSecret(organisationId, kind);
    if (!stored) throw new ConflictException(`The ${kind} channel is not set up: PUT its webhookUrl first`);
    const organisation = await this.reads.organisation(organisationId);
    const member = principal.userId
      ? await this.notifications.member(organisationId, principal.userId)
      : null;
    const locale = member ? memberLocale(member) : 'en';
    const alert = composeAlert(
      { kind: 'test' },
      {
        locale,
        organisation: {
          id: organisationId,
          name: organisation?.name ?? '',
          timeZone: organisation?.timeZone ?? 'UTC',
        },
        publicUrl: this.config.publicUrl,
      },
    );
    const url = decryptSecret(this.config.secretKey, stored.webhookUrl).toString('utf8');
    const outcome = await postWebhook(url, kind === 'slack' ? alert.slack : alert.teams, {
      timeoutMs: TEST_TIMEOUT_MS,
    });
    const deliveryId = await this.notifications.insertDelivery({
      organisationId,
      kind: 'test',
      userId: principal.userId,
      ruleId: null,
      period: null,
      channel: kind,
      recipient: kind,
      subject: alert.subject,
      dedupKey: null,
      status: 'queued',
    });
    if (deliveryId) {
      await this.notifications.recordAttempt(
        { organisationId, id: deliveryId },
        outcome.ok ? { status: 'sent', error: null } : { status: 'failed', error: outcome.error },
      );
    }
    return {
      ok: outcome.ok,
      httpStatus: outcome.status,
      error: outcome.ok ? null : outcome.error,
      deliveryId: deliveryId ?? '',
    };
  }
}
