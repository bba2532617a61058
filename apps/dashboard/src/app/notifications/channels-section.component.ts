import type { HttpResourceRef } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import {
  NOTIFICATION_LIMITS,
  type WebhookChannel,
  type WebhookChannelsView,
  type WebhookChannelView,
} from '@uptake/contracts';
import { errorMessage } from '../api/uptake-api.service';
import { formErrors } from '../admin/http-errors';
import { channelStatus, channelViews, testResultText } from './channels';
import { NotificationsApi } from './notifications-api';
import { channelName } from './summaries';

/** The outcome of a test shown on the channel's row. */
interface TestOutcome {
  ok: boolean;
  text: string;
}

/**
 * The organisation's Slack and Teams incoming webhooks (admins only): set one (the URL is write-only: the
 * page shows whether it is set and its host), remove it, send a test and see how the receiver answered.
 */
@Component({
  selector: 'up-channels-section',
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './channels-section.component.html',
  styleUrls: ['../admin/admin-section.css', './notifications-section.css'],
})
export class ChannelsSectionComponent {
  private readonly api = inject(NotificationsApi);

  readonly organisationId = input.required<string>();
  readonly channels = input.required<HttpResourceRef<WebhookChannelsView | undefined>>();

  protected readonly urlMaxLength = NOTIFICATION_LIMITS.webhookUrlMaxLength;
  protected readonly channelName = channelName;
  protected readonly channelStatus = channelStatus;
  protected readonly replacePlaceholder = $localize`:@@notifications.channels.replace:a new URL replaces the stored one`;

  protected readonly loadError = computed(() => {
    const error = this.channels().error();
    return error ? errorMessage(error) : null;
  });
  protected readonly views = computed(() => {
    const channels = this.channels();
    return channelViews(channels.hasValue() ? channels.value() : undefined);
  });
  protected readonly loaded = computed(() => this.channels().hasValue());

  protected readonly urls = signal<Partial<Record<WebhookChannel, string>>>({});
  protected readonly busy = signal<WebhookChannel | null>(null);
  protected readonly errors = signal<Partial<Record<WebhookChannel, string[]>>>({});
  protected readonly tests = signal<Partial<Record<WebhookChannel, TestOutcome>>>({});
  protected readonly confirmingRemove = signal<WebhookChannel | null>(null);

  protected urlLabel(channel: WebhookChannel): string {
    return $localize`:@@notifications.channels.urlLabel:${channelName(channel)}:channel: incoming-webhook URL`;
  }

  protected typeUrl(channel: WebhookChannel, value: string): void {
    this.urls.update((urls) => ({ ...urls, [channel]: value }));
  }

  protected save(event: Event, channel: WebhookChannel): void {
    event.preventDefault();
    const url = (this.urls()[channel] ?? '').trim();
    this.start(channel);
    this.api.setChannel(this.organisationId(), channel, url).subscribe({
      next: (view) => {
        this.busy.set(null);
        this.urls.update((urls) => ({ ...urls, [channel]: '' }));
        this.show(view);
      },
      error: (error: unknown) => this.failed(channel, error),
    });
  }

  protected remove(channel: WebhookChannel): void {
    this.confirmingRemove.set(null);
    this.start(channel);
    this.api.removeChannel(this.organisationId(), channel).subscribe({
      next: () => {
        this.busy.set(null);
        this.show({ kind: channel, configured: false, host: null, updatedAt: null });
      },
      error: (error: unknown) => this.failed(channel, error),
    });
  }

  protected test(channel: WebhookChannel): void {
    this.start(channel);
    this.api.testChannel(this.organisationId(), channel).subscribe({
      next: (result) => {
        this.busy.set(null);
        this.tests.update((tests) => ({
          ...tests,
          [channel]: { ok: result.ok, text: testResultText(result) },
        }));
      },
      error: (error: unknown) => this.failed(channel, error),
    });
  }

  private start(channel: WebhookChannel): void {
    this.busy.set(channel);
    this.errors.update((errors) => ({ ...errors, [channel]: [] }));
    this.tests.update(({ [channel]: _, ...rest }) => rest);
  }

  /** A 400 names `webhookUrl`; a 409 (test of a channel not set up) is one sentence: both at the channel. */
  private failed(channel: WebhookChannel, error: unknown): void {
    this.busy.set(null);
    const messages = formErrors(error, ['webhookUrl']);
    this.errors.update((errors) => ({
      ...errors,
      [channel]: [...(messages.byField.webhookUrl ?? []), ...messages.other],
    }));
  }

  /** The saved state in the page's list (the alert form reads which channels are set up from it). */
  private show(view: WebhookChannelView): void {
    const channels = this.channels();
    const others = this.views().filter((v) => v.kind !== view.kind);
    channels.set({ channels: [...others, view] });
  }
}
