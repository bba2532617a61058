import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type {
  AlertRuleInput,
  AlertRuleView,
  ChannelTestResult,
  DeliveryKind,
  DeliveryStatus,
  DigestPreview,
  NotificationSettings,
  NotificationSettingsInput,
  WebhookChannel,
  WebhookChannelView,
} from '@uptake/contracts';
import type { Observable } from 'rxjs';

/** Rows of the delivery log a page asks for (the API allows at most NOTIFICATION_LIMITS.deliveriesPageMax). */
export const DELIVERIES_PAGE_SIZE = 50;

/** Filters of the delivery log (undefined: every status / kind). */
export interface DeliveriesFilter {
  status?: DeliveryStatus;
  kind?: DeliveryKind;
}

const base = (organisationId: string) =>
  `/api/organisations/${encodeURIComponent(organisationId)}/notifications`;

/**
 * The member's digest and alerts, and the organisation's webhooks and delivery log, over the API
 * (apps/api/src/app/notifications). URLs are static so the page can load them with httpResource; writes
 * return Observables.
 */
@Injectable({ providedIn: 'root' })
export class NotificationsApi {
  private readonly http = inject(HttpClient);

  static settingsUrl(organisationId: string): string {
    return `${base(organisationId)}/settings`;
  }

  static rulesUrl(organisationId: string): string {
    return `${base(organisationId)}/alert-rules`;
  }

  static ruleUrl(organisationId: string, ruleId: string): string {
    return `${NotificationsApi.rulesUrl(organisationId)}/${encodeURIComponent(ruleId)}`;
  }

  /** Admins only. */
  static channelsUrl(organisationId: string): string {
    return `${base(organisationId)}/channels`;
  }

  static channelUrl(organisationId: string, channel: WebhookChannel): string {
    return `${NotificationsApi.channelsUrl(organisationId)}/${channel}`;
  }

  /** Newest first; `before`: the id of the last row of the previous page. */
  static deliveriesUrl(
    organisationId: string,
    before?: string,
    filter: DeliveriesFilter = {},
    limit = DELIVERIES_PAGE_SIZE,
  ): string {
    const query = new URLSearchParams({ limit: String(limit) });
    if (before) query.set('before', before);
    if (filter.status) query.set('status', filter.status);
    if (filter.kind) query.set('kind', filter.kind);
    return `${base(organisationId)}/deliveries?${query}`;
  }

  saveSettings(organisationId: string, body: NotificationSettingsInput): Observable<NotificationSettings> {
    return this.http.put<NotificationSettings>(NotificationsApi.settingsUrl(organisationId), body);
  }

  /** The caller's digest rendered now, not sent. */
  preview(organisationId: string): Observable<DigestPreview> {
    return this.http.post<DigestPreview>(`${base(organisationId)}/digest/preview`, {});
  }

  createRule(organisationId: string, body: AlertRuleInput): Observable<AlertRuleView> {
    return this.http.post<AlertRuleView>(NotificationsApi.rulesUrl(organisationId), body);
  }

  /** Replaces the whole rule (mute and unmute too: the API has no PATCH). */
  updateRule(organisationId: string, ruleId: string, body: AlertRuleInput): Observable<AlertRuleView> {
    return this.http.put<AlertRuleView>(NotificationsApi.ruleUrl(organisationId, ruleId), body);
  }

  deleteRule(organisationId: string, ruleId: string): Observable<void> {
    return this.http.delete<void>(NotificationsApi.ruleUrl(organisationId, ruleId));
  }

  setChannel(
    organisationId: string,
    channel: WebhookChannel,
    webhookUrl: string,
  ): Observable<WebhookChannelView> {
    return this.http.put<WebhookChannelView>(NotificationsApi.channelUrl(organisationId, channel), {
      webhookUrl,
    });
  }

  removeChannel(organisationId: string, channel: WebhookChannel): Observable<void> {
    return this.http.delete<void>(NotificationsApi.channelUrl(organisationId, channel));
  }

  /** Sent at once; 409 when the channel is not set up. */
  testChannel(organisationId: string, channel: WebhookChannel): Observable<ChannelTestResult> {
    return this.http.post<ChannelTestResult>(
      `${NotificationsApi.channelUrl(organisationId, channel)}/test`,
      {},
    );
  }
}
