import { HttpErrorResponse, httpResource } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, inject, linkedSignal, signal } from '@angular/core';
import {
  ORGANISATION_SETTINGS_LIMITS,
  type OrganisationSettings,
  type OrganisationSettingsChange,
  type OrganisationSettingsField,
} from '@uptake/contracts';
import { errorMessage } from '../api/uptake-api.service';
import { messagesOf, sortByField, type FieldMessages } from '../shared/field-errors';
import { formatInstantDay } from '../shared/format';
import { Language, LANGUAGES } from '../shell/language';
import { OrganisationContext } from '../shell/organisation-context';
import { SettingsApi } from './settings-api';
import {
  changesOf,
  draftOf,
  SETTINGS_FIELDS,
  timeZoneSuggestions,
  type SettingsDraft,
} from './settings-form';

const NO_ERRORS: FieldMessages<OrganisationSettingsField> = { byField: {}, other: [] };

/**
 * The admin's settings page: the organisation's name, time zone, k, default language and the value-model
 * defaults of business goals. The API checks every field; its 400 messages appear next to the field they name. Other roles that
 * may read the settings see them without the save button.
 */
@Component({
  selector: 'up-settings-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './settings.page.html',
  styleUrl: './settings.page.css',
})
export class SettingsPage {
  private readonly context = inject(OrganisationContext);
  private readonly api = inject(SettingsApi);

  protected readonly limits = ORGANISATION_SETTINGS_LIMITS;
  protected readonly timeZones = timeZoneSuggestions();
  protected readonly languages = LANGUAGES;
  private readonly pageLocale = inject(Language).current;
  private readonly organisationId = computed(() => this.context.organisation()?.id);
  protected readonly canEdit = computed(() => this.context.role() === 'admin');

  protected readonly settings = httpResource<OrganisationSettings>(() => {
    const organisationId = this.organisationId();
    return organisationId ? SettingsApi.settingsUrl(organisationId) : undefined;
  });
  protected readonly saved = computed(() => (this.settings.hasValue() ? this.settings.value() : undefined));
  protected readonly loadError = computed(() =>
    this.settings.error() ? errorMessage(this.settings.error()) : null,
  );

  /** The form starts from the saved settings and again after each save (or another organisation). */
  protected readonly draft = linkedSignal<OrganisationSettings | undefined, SettingsDraft | undefined>({
    source: this.saved,
    computation: (saved) => (saved ? draftOf(saved) : undefined),
  });
  protected readonly dirty = computed(() => {
    const saved = this.saved();
    const draft = this.draft();
    return saved !== undefined && draft !== undefined && Object.keys(changesOf(saved, draft)).length > 0;
  });
  protected readonly saving = signal(false);
  protected readonly errors = signal(NO_ERRORS);
  /** The answer of the last save: what changed and whether a rollup refresh was queued. */
  protected readonly lastChange = signal<OrganisationSettingsChange | null>(null);

  /** The recompute's range is in UTC, as the API queued it. */
  protected day(instant: string): string {
    return formatInstantDay(instant, 'UTC');
  }

  /**
   * Whether a saved default language differs from the page's for a user who chose none (they would see it
   * after a reload: translations are loaded before the app starts).
   */
  protected languageFollows(change: OrganisationSettingsChange): boolean {
    const me = this.context.me.hasValue() ? this.context.me.value() : undefined;
    return (
      change.changed.includes('defaultLocale') &&
      me?.preferredLocale === null &&
      change.settings.defaultLocale !== this.pageLocale
    );
  }

  protected edit(field: OrganisationSettingsField, value: string): void {
    this.draft.update((draft) => (draft ? { ...draft, [field]: value } : draft));
    this.lastChange.set(null);
  }

  protected submit(event: Event): void {
    event.preventDefault();
    const organisationId = this.organisationId();
    const saved = this.saved();
    const draft = this.draft();
    if (!organisationId || !saved || !draft || !this.canEdit()) return;
    this.saving.set(true);
    this.errors.set(NO_ERRORS);
    this.lastChange.set(null);
    this.api.update(organisationId, changesOf(saved, draft)).subscribe({
      next: (change) => {
        this.saving.set(false);
        this.lastChange.set(change);
        this.settings.set(change.settings);
        this.showInShell(change.settings);
      },
      error: (error: unknown) => {
        this.saving.set(false);
        const messages = error instanceof HttpErrorResponse ? messagesOf(error.error) : [];
        this.errors.set(sortByField(messages.length > 0 ? messages : [errorMessage(error)], SETTINGS_FIELDS));
      },
    });
  }

  /**
   * The shell's organisation picker and the pages' subtitles show the name and k the shell loaded at start:
   * they get the saved ones (set in place: reloading would replace the page by a loading state).
   */
  private showInShell(settings: OrganisationSettings): void {
    const { organisations, me } = this.context;
    if (organisations.hasValue()) {
      organisations.set(
        organisations
          .value()
          .map((o) =>
            o.id === settings.id ? { ...o, name: settings.name, minGroupSize: settings.minGroupSize } : o,
          ),
      );
    }
    if (me.hasValue()) {
      const value = me.value();
      me.set({
        ...value,
        memberships: value.memberships.map((m) =>
          m.organisationId === settings.id ? { ...m, organisationName: settings.name } : m,
        ),
      });
    }
  }
}
