import type { HttpResourceRef } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { DomSanitizer, type SafeHtml } from '@angular/platform-browser';
import {
  DIGEST_FREQUENCIES,
  type DigestFrequency,
  type DigestPreview,
  type NotificationSettings,
} from '@uptake/contracts';
import { errorMessage } from '../api/uptake-api.service';
import { previewHtml } from './digest-preview';
import { NotificationsApi } from './notifications-api';
import { digestChanged, digestDraftOf, type DigestDraft } from './settings-form';
import { SettingsPartEditor } from './settings-part-editor';
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
  /** The schedule form: draft, dirty, saving, errors and the saved note (see SettingsPartEditor). */
  protected readonly form = new SettingsPartEditor<DigestDraft>(
    this.saved,
    {
      draftOf: digestDraftOf,
      changed: digestChanged,
      part: (digest) => ({ digest }),
    },
    (body) => this.api.saveSettings(this.organisationId(), body),
    (settings) => this.settings().set(settings),
  );
  protected readonly draft = this.form.draft;
  protected readonly dirty = this.form.dirty;
  protected readonly summary = computed(() => {
    const saved = this.saved();
    return saved ? scheduleSummary(saved.digest, saved.timeZone) : '';
  });
  protected readonly nextDigest = computed(() => {
    const saved = this.saved();
    return saved?.nextDigestAt ? formatInstantIn(saved.nextDigestAt, saved.timeZone) : null;
  });

  protected readonly saving = this.form.saving;
  protected readonly errors = this.form.errors;
  protected readonly savedNote = this.form.savedNote;

  protected frequencyName(frequency: DigestFrequency): string {
    return frequency === 'weekly'
      ? $localize`:@@notifications.digest.frequency.weekly:Weekly`
      : $localize`:@@notifications.digest.frequency.daily:Daily`;
  }

  protected edit(change: Partial<DigestDraft>): void {
    this.form.edit(change);
  }

  protected submit(event: Event): void {
    this.form.submit(event);
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
