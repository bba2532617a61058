import type {
  ChannelTestResult,
  WebhookChannel,
  WebhookChannelView,
  WebhookChannelsView,
} from '@uptake/contracts';
import { WEBHOOK_CHANNELS } from '@uptake/contracts';

/** Whether a webhook is set, by the host it posts to: the URL itself is the secret and is never shown. */
export function channelStatus(view: WebhookChannelView | undefined): string {
  if (!view?.configured) return $localize`:@@notifications.channels.notSet:Not set`;
  return view.host
    ? $localize`:@@notifications.channels.setHost:Set, posts to ${view.host}:host:`
    : $localize`:@@notifications.channels.set:Set`;
}

/** Every webhook channel in a fixed order, "not set" where the API lists none. */
export function channelViews(answer: WebhookChannelsView | undefined): WebhookChannelView[] {
  return WEBHOOK_CHANNELS.map(
    (kind) =>
      answer?.channels.find((c) => c.kind === kind) ?? {
        kind,
        configured: false,
        host: null,
        updatedAt: null,
      },
  );
}

/** The channels an alert can be sent to besides e-mail. */
export function configuredChannels(views: readonly WebhookChannelView[]): WebhookChannel[] {
  return views.filter((view) => view.configured).map((view) => view.kind);
}

/** How a test went, as the receiver answered: "Sent: the receiver answered HTTP 200." */
export function testResultText(result: ChannelTestResult): string {
  if (result.ok) {
    return result.httpStatus === null
      ? $localize`:@@notifications.channels.test.ok:Sent.`
      : $localize`:@@notifications.channels.test.okStatus:Sent: the receiver answered HTTP ${result.httpStatus}:status:.`;
  }
  const reason = result.error ?? $localize`:@@notifications.channels.test.noReason:no reason given`;
  return result.httpStatus === null
    ? $localize`:@@notifications.channels.test.failed:Not delivered: ${reason}:reason:`
    : $localize`:@@notifications.channels.test.failedStatus:Not delivered (HTTP ${result.httpStatus}:status:): ${reason}:reason:`;
}
