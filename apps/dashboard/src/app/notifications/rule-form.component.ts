import {
  ChangeDetectionStrategy,
  Component,
  inject,
  input,
  linkedSignal,
  output,
  signal,
} from '@angular/core';
import {
  KPI_HEADLINES,
  NOTIFICATION_CHANNELS,
  NOTIFICATION_LIMITS,
  THRESHOLD_DIRECTIONS,
  type AlertKind,
  type AlertRuleView,
  type NotificationChannel,
  type WebhookChannel,
} from '@uptake/contracts';
import { noErrors } from '../admin/http-errors';
import { NotificationsApi } from './notifications-api';
import {
  draftErrors,
  draftOfRule,
  emptyRuleDraft,
  hasErrors,
  ruleBody,
  ruleErrors,
  toggleChannel,
  type RuleDraft,
  type RuleField,
} from './rule-form';
import { alertKindName, channelName, directionName, kpiName } from './summaries';

/** A plan or source a rule can name. */
export interface Named {
  id: string;
  name: string;
}

/**
 * The form of one alert rule, new (`rule` null) or edited: the fields of its kind (a plan, a source and how
 * stale, or a headline KPI, a direction and a threshold in percent), a name and the channels. The API's 400s
 * appear at the field they name; `saved` hands the rule as the API stored it to the list.
 */
@Component({
  selector: 'up-rule-form',
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './rule-form.component.html',
  styleUrls: ['../admin/admin-section.css', './notifications-section.css'],
})
export class RuleFormComponent {
  private readonly api = inject(NotificationsApi);

  readonly organisationId = input.required<string>();
  readonly rule = input<AlertRuleView | null>(null);
  /** The kinds the member's role may watch (the first is a new rule's). */
  readonly kinds = input.required<readonly AlertKind[]>();
  readonly plans = input<readonly Named[]>([]);
  readonly sources = input<readonly Named[]>([]);
  /** The organisation's webhooks that are set up; null when this member cannot know (not an admin). */
  readonly configuredChannels = input<readonly WebhookChannel[] | null>(null);

  readonly saved = output<AlertRuleView>();
  readonly cancelled = output<void>();

  protected readonly nameMaxLength = NOTIFICATION_LIMITS.ruleNameMaxLength;
  protected readonly staleMultipleMax = NOTIFICATION_LIMITS.staleMultipleMax;
  protected readonly staleHoursMax = NOTIFICATION_LIMITS.staleHoursMax;
  protected readonly kpis = KPI_HEADLINES;
  protected readonly directions = THRESHOLD_DIRECTIONS;
  protected readonly channels = NOTIFICATION_CHANNELS;
  protected readonly alertKindName = alertKindName;
  protected readonly kpiName = kpiName;
  protected readonly directionName = directionName;
  protected readonly channelName = channelName;

  protected readonly draft = linkedSignal<AlertRuleView | null, RuleDraft>({
    source: this.rule,
    computation: (rule) => (rule ? draftOfRule(rule) : emptyRuleDraft(this.kinds()[0])),
  });
  protected readonly saving = signal(false);
  protected readonly errors = signal(noErrors<RuleField>());

  /** Slack and Teams need the organisation's webhook: an admin sees which are set up and can tick only those. */
  protected channelAvailable(channel: NotificationChannel): boolean {
    const configured = this.configuredChannels();
    return channel === 'email' || configured === null || configured.includes(channel);
  }

  /** Another kind has other fields: its defaults, keeping the name, the channels and the mute. */
  protected changeKind(kind: AlertKind): void {
    this.draft.update(({ name, channels, enabled, mutedUntil }) => ({
      ...emptyRuleDraft(kind),
      name,
      channels,
      enabled,
      mutedUntil,
    }));
  }

  protected editDraft(change: Partial<RuleDraft>): void {
    this.draft.update((draft) => ({ ...draft, ...change }));
  }

  protected tickChannel(channel: NotificationChannel, on: boolean): void {
    this.editDraft({ channels: toggleChannel(this.draft().channels, channel, on) });
  }

  protected submit(event: Event): void {
    event.preventDefault();
    const local = draftErrors(this.draft());
    this.errors.set(local);
    if (hasErrors(local)) return;
    this.saving.set(true);
    const body = ruleBody(this.draft());
    const rule = this.rule();
    const request = rule
      ? this.api.updateRule(this.organisationId(), rule.id, body)
      : this.api.createRule(this.organisationId(), body);
    request.subscribe({
      next: (saved) => {
        this.saving.set(false);
        this.saved.emit(saved);
      },
      error: (error: unknown) => {
        this.saving.set(false);
        this.errors.set(ruleErrors(error));
      },
    });
  }
}
