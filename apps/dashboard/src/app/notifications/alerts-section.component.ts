import { httpResource, type HttpResourceRef } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import {
  alertKindsForRole,
  NOTIFICATION_LIMITS,
  type AlertRuleView,
  type NotificationSettings,
  type Role,
  type WebhookChannel,
} from '@uptake/contracts';
import { errorMessage } from '../api/uptake-api.service';
import { NotificationsApi } from './notifications-api';
import { canAddRule, mutedRule, type MuteChoice } from './rule-form';
import { RuleFormComponent, type Named } from './rule-form.component';
import { quietHoursChanged, quietHoursDraftOf, type QuietHoursDraft } from './settings-form';
import {
  alertKindName,
  channelsSummary,
  conditionSummary,
  muteSummary,
  quietHoursSummary,
} from './summaries';
import { SettingsPartEditor } from './settings-part-editor';

/**
 * The member's alert rules: the list (what each watches, in words; where it goes; whether it is muted),
 * the form to add or edit one (RuleFormComponent), mute for a day / a week / until unmuted, delete; and
 * the quiet hours in which alerts are held. The kinds offered are the role's (the API refuses others: 403).
 */
@Component({
  selector: 'up-alerts-section',
  imports: [RuleFormComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './alerts-section.component.html',
  styleUrls: ['../admin/admin-section.css', './notifications-section.css'],
})
export class AlertsSectionComponent {
  private readonly api = inject(NotificationsApi);

  readonly organisationId = input.required<string>();
  readonly role = input.required<Role>();
  readonly settings = input.required<HttpResourceRef<NotificationSettings | undefined>>();
  readonly plans = input<readonly Named[]>([]);
  readonly sources = input<readonly Named[]>([]);
  /** The organisation's webhooks that are set up; null when this member cannot know (not an admin). */
  readonly configuredChannels = input<readonly WebhookChannel[] | null>(null);

  protected readonly limit = NOTIFICATION_LIMITS.alertRulesPerMember;

  protected readonly rules = httpResource<AlertRuleView[]>(() =>
    NotificationsApi.rulesUrl(this.organisationId()),
  );
  protected readonly loadError = computed(() =>
    this.rules.error() ? errorMessage(this.rules.error()) : null,
  );
  private readonly list = computed(() => (this.rules.hasValue() ? this.rules.value() : []));
  protected readonly count = computed(() => this.list().length);
  protected readonly canAdd = computed(() => this.rules.hasValue() && canAddRule(this.count()));
  protected readonly kinds = computed(() => alertKindsForRole(this.role()));

  private readonly saved = computed(() => {
    const settings = this.settings();
    return settings.hasValue() ? settings.value() : undefined;
  });
  private readonly timeZone = computed(() => this.saved()?.timeZone ?? 'UTC');
  private readonly names = computed(() => ({
    plans: new Map(this.plans().map((p) => [p.id, p.name])),
    sources: new Map(this.sources().map((s) => [s.id, s.name])),
  }));
  protected readonly rows = computed(() => {
    const now = new Date();
    return this.list().map((rule) => ({
      rule,
      title: rule.name ?? alertKindName(rule.condition.kind),
      kind: alertKindName(rule.condition.kind),
      summary: conditionSummary(rule.condition, this.names()),
      channels: channelsSummary(rule.channels),
      muted: muteSummary(rule, this.timeZone(), now),
    }));
  });

  protected muteLabel(title: string): string {
    return $localize`:@@notifications.rules.muteLabel:Mute ${title}:rule:`;
  }

  // The rule form (one at a time: a new rule, or the rule being edited)

  protected readonly editing = signal<{ rule: AlertRuleView | null } | null>(null);

  protected startNew(): void {
    if (this.canAdd()) this.editing.set({ rule: null });
  }

  protected startEdit(rule: AlertRuleView): void {
    this.editing.set({ rule });
  }

  protected onSaved(rule: AlertRuleView): void {
    this.editing.set(null);
    this.replace(rule);
  }

  /** The saved rule in the list (a new one at the end: the API lists oldest first). */
  private replace(rule: AlertRuleView): void {
    const list = this.list();
    const exists = list.some((r) => r.id === rule.id);
    this.rules.set(exists ? list.map((r) => (r.id === rule.id ? rule : r)) : [...list, rule]);
  }

  // Row actions: mute, unmute, delete

  protected readonly busyRow = signal<string | null>(null);
  protected readonly rowErrors = signal<Record<string, string>>({});
  protected readonly confirmingDelete = signal<string | null>(null);

  protected mute(rule: AlertRuleView, choice: MuteChoice, select?: HTMLSelectElement): void {
    if (select) select.value = '';
    this.startRow(rule.id);
    this.api.updateRule(this.organisationId(), rule.id, mutedRule(rule, choice, new Date())).subscribe({
      next: (saved) => {
        this.busyRow.set(null);
        this.replace(saved);
      },
      error: (error: unknown) => this.rowFailed(rule.id, error),
    });
  }

  protected remove(rule: AlertRuleView): void {
    this.confirmingDelete.set(null);
    this.startRow(rule.id);
    this.api.deleteRule(this.organisationId(), rule.id).subscribe({
      next: () => {
        this.busyRow.set(null);
        this.rules.set(this.list().filter((r) => r.id !== rule.id));
        if (this.editing()?.rule?.id === rule.id) this.editing.set(null);
      },
      error: (error: unknown) => this.rowFailed(rule.id, error),
    });
  }

  private startRow(ruleId: string): void {
    this.busyRow.set(ruleId);
    this.rowErrors.update(({ [ruleId]: _, ...rest }) => rest);
  }

  private rowFailed(ruleId: string, error: unknown): void {
    this.busyRow.set(null);
    this.rowErrors.update((errors) => ({ ...errors, [ruleId]: errorMessage(error) }));
  }

  // Quiet hours (the member's, for every rule)

  protected readonly quietSummary = computed(() => {
    const saved = this.saved();
    return saved ? quietHoursSummary(saved.quietHours, saved.timeZone) : '';
  });
  /** The quiet-hours form (see SettingsPartEditor; the digest section saves its schedule the same way). */
  protected readonly quiet = new SettingsPartEditor<QuietHoursDraft>(
    this.saved,
    {
      draftOf: quietHoursDraftOf,
      changed: quietHoursChanged,
      part: (quietHours) => ({ quietHours }),
    },
    (body) => this.api.saveSettings(this.organisationId(), body),
    (settings) => this.settings().set(settings),
  );
  protected readonly quietDraft = this.quiet.draft;
  protected readonly quietDirty = this.quiet.dirty;
  protected readonly quietSaving = this.quiet.saving;
  protected readonly quietErrors = this.quiet.errors;
  protected readonly quietSaved = this.quiet.savedNote;

  protected editQuiet(change: Partial<QuietHoursDraft>): void {
    this.quiet.edit(change);
  }

  protected saveQuiet(event: Event): void {
    this.quiet.submit(event);
  }
}
