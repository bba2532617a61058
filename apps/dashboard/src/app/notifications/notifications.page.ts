import { httpResource } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import {
  alertKindsForRole,
  type NotificationSettings,
  type RolloutPlanView,
  type Source,
  type WebhookChannelsView,
} from '@uptake/contracts';
import { ConnectorsApi } from '../connectors/connectors-api';
import { RolloutApi } from '../rollout/rollout-api';
import { OrganisationContext } from '../shell/organisation-context';
import { AlertsSectionComponent } from './alerts-section.component';
import { channelViews, configuredChannels } from './channels';
import { ChannelsSectionComponent } from './channels-section.component';
import { DeliveriesSectionComponent } from './deliveries-section.component';
import { DigestSectionComponent } from './digest-section.component';
import { NotificationsApi } from './notifications-api';
import type { Named } from './rule-form.component';

/**
 * Digests and alerts: the member's digest schedule and preview, their alert rules and quiet hours, the
 * organisation's Slack and Teams webhooks (admins) and the delivery log (admins all of it, others their own).
 * The settings are loaded here once: the digest and the quiet hours are saved together (one PUT).
 */
@Component({
  selector: 'up-notifications-page',
  imports: [
    AlertsSectionComponent,
    ChannelsSectionComponent,
    DeliveriesSectionComponent,
    DigestSectionComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './notifications.page.html',
  styleUrl: './notifications.page.css',
})
export class NotificationsPage {
  private readonly context = inject(OrganisationContext);
  protected readonly organisation = this.context.organisation;
  protected readonly role = this.context.role;
  protected readonly isAdmin = computed(() => this.role() === 'admin');
  private readonly kinds = computed(() => {
    const role = this.role();
    return role ? alertKindsForRole(role) : [];
  });

  /** A URL once the organisation and the member's role are known (an API token has no notifications). */
  private url(build: (organisationId: string) => string, when = true): string | undefined {
    const organisation = this.organisation();
    return organisation && this.role() && when ? build(organisation.id) : undefined;
  }

  protected readonly settings = httpResource<NotificationSettings>(() =>
    this.url(NotificationsApi.settingsUrl),
  );
  protected readonly channels = httpResource<WebhookChannelsView>(() =>
    this.url(NotificationsApi.channelsUrl, this.isAdmin()),
  );
  /** Plans and sources name what a rule watches; loaded only for roles that may watch them (and read them). */
  private readonly plansResource = httpResource<RolloutPlanView[]>(() =>
    this.url(RolloutApi.plansUrl, this.kinds().includes('gate_status_changed')),
  );
  private readonly sourcesResource = httpResource<Source[]>(() =>
    this.url(ConnectorsApi.sourcesUrl, this.kinds().includes('source_failing')),
  );
  protected readonly plans = computed((): Named[] =>
    this.plansResource.hasValue() ? this.plansResource.value().map(({ id, name }) => ({ id, name })) : [],
  );
  protected readonly sources = computed((): Named[] =>
    this.sourcesResource.hasValue() ? this.sourcesResource.value().map(({ id, name }) => ({ id, name })) : [],
  );
  /** For admins: which webhooks an alert can use (others cannot read the channels; the API checks). */
  protected readonly configured = computed(() =>
    this.isAdmin() && this.channels.hasValue()
      ? configuredChannels(channelViews(this.channels.value()))
      : null,
  );
}
