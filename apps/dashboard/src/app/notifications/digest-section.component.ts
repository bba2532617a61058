import type { HttpResourceRef } from '@angular/common/http';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  input,
  linkedSignal,
  signal,
} from '@angular/core';
import { DomSanitizer, type SafeHtml } from '@angular/platform-browser';
import {
  DIGEST_FREQUENCIES,
  type DigestFrequency,
  type DigestPreview,
  type NotificationSettings,
} from '@uptake/contracts';
import { errorMessage } from '../api/uptake-api.service';
import { noErrors } from '../admin/http-errors';
import { previewHtml } from './digest-preview';
import { NotificationsApi } from './notifications-api';
import {
  digestChanged,
  digestDraftOf,
  settingsBody,
  settingsErrors,
  type DigestDraft,
  type SettingsField,
} from './settings-form';
import { formatInstantIn, scheduleSummary, sectionName, weekdayName, WEEKDAYS } from './summaries';

/**
 * The member's digest: on or off, weekly or daily, the day and the time (in the organisation's time zone),
 * what it holds (chosen by the role) and a preview of it as it would be sent now.
 */
@Component({
  selector: 'up-digest-section',
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './digest-section.component.html',
  styleUrls: ['../admin/admin-section.css', './notifications-section.css'],
})
export class DigestSectionComponent {
  private readonly api = inject(NotificationsApi);
  private readonly sanitizer = inject(DomSanitizer);

  readonly organisationId = input.required<string>();
  readonly settings = input.required<HttpResourceRef<NotificationSettings | undefined>>();

  protected readonly frequencies = DIGEST_FREQUENCIES;
  protected readonly weekdays = WEEKDAYS;
  protected readonly weekdayName = weekdayName;
  protected readonly sectionName = sectionName;

  protected readonly saved = computed(() => {
    const settings = this.settings();
    return settings.hasValue() ? settings.value() : undefined;
  });
  protected readonly loadError = computed(() => {
    const error = this.settings().error();
    return error ? errorMessage(error) : null;
  });
  protected readonly draft = linkedSignal<NotificationSettings | undefined, DigestDraft | undefined>({
    source: this.saved,
    computation: (saved) => (saved ? digestDraftOf(saved) : undefined),
  });
  protected readonly dirty = computed(() => {
    const saved = this.saved();
    const draft = this.draft();
    return saved !== undefined && draft !== undefined && digestChanged(saved, draft);
  });
  protected readonly summary = computed(() => {
    const saved = this.saved();
    return saved ? scheduleSummary(saved.digest, saved.timeZone) : '';
  });
  protected readonly nextDigest = computed(() => {
    const saved = this.saved();
    return saved?.nextDigestAt ? formatInstantIn(saved.nextDigestAt, saved.timeZone) : null;
  });

  protected readonly saving = signal(false);
  protected readonly errors = signal(noErrors<SettingsField>());
  protected readonly savedNote = signal(false);

  protected frequencyName(frequency: DigestFrequency): string {
    return frequency === 'weekly'
      ? $localize`:@@notifications.digest.frequency.weekly:Weekly`
      : $localize`:@@notifications.digest.frequency.daily:Daily`;
  }

  protected edit(change: Partial<DigestDraft>): void {
    this.draft.update((draft) => (draft ? { ...draft, ...change } : draft));
    this.savedNote.set(false);
  }

  protected submit(event: Event): void {
    event.preventDefault();
    const saved = this.saved();
    const draft = this.draft();
    if (!saved || !draft) return;
    this.saving.set(true);
    this.errors.set(noErrors());
    this.savedNote.set(false);
    this.api.saveSettings(this.organisationId(), settingsBody(saved, { digest: draft })).subscribe({
      next: (settings) => {
        this.saving.set(false);
        this.settings().set(settings);
        this.savedNote.set(true);
      },
      error: (error: unknown) => {
        this.saving.set(false);
        this.errors.set(settingsErrors(error));
      },
    });
  }

  protected readonly preview = signal<DigestPreview | null>(null);
  /**
   * The mail's HTML in a sandboxed iframe (sandbox="": no scripts, no forms, an origin of its own), so it is
   * trusted as it is: Angular's sanitiser would strip the inline styles an e-mail is laid out with.
   */
  protected readonly previewDocument = computed((): SafeHtml | null => {
    const preview = this.preview();
    return preview ? this.sanitizer.bypassSecurityTrustHtml(previewHtml(preview)) : null;
  });
  protected readonly previewing = signal(false);
  protected readonly previewError = signal<string | null>(null);

  protected showPreview(): void {
    this.previewing.set(true);
    this.previewError.set(null);
    this.api.preview(this.organisationId()).subscribe({
      next: (preview) => {
        this.previewing.set(false);
        this.preview.set(preview);
      },
      error: (error: unknown) => {
        this.previewing.set(false);
        this.previewError.set(errorMessage(error));
      },
    });
  }
}
