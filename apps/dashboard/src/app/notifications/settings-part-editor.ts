import { computed, linkedSignal, signal, type Signal } from '@angular/core';
import type { NotificationSettings, NotificationSettingsInput } from '@uptake/contracts';
import type { Observable } from 'rxjs';
import { noErrors } from '../admin/http-errors';
import type { FieldMessages } from '../shared/field-errors';
import { settingsBody, settingsErrors, type SettingsField } from './settings-form';

/** Which part of the member's notification settings a form edits (the PUT replaces both together). */
export interface SettingsPart<D> {
  /** The draft a saved settings object starts the form with. */
  draftOf(saved: NotificationSettings): D;
  /** Whether the draft differs from what is saved. */
  changed(saved: NotificationSettings, draft: D): boolean;
  /** The draft as its part of the PUT body (the other part is sent as saved). */
  part(draft: D): Parameters<typeof settingsBody>[1];
}

/**
 * The state of a form over one part of the settings (the digest schedule, the quiet hours): a draft that
 * follows the saved settings, whether it changed, the save in flight, the 400's messages by field and the
 * "saved" note. Both sections of the page use it, so the digest and the quiet hours save the same way.
 */
export class SettingsPartEditor<D extends object> {
  readonly draft;
  readonly dirty: Signal<boolean>;
  readonly saving = signal(false);
  readonly errors = signal<FieldMessages<SettingsField>>(noErrors<SettingsField>());
  readonly savedNote = signal(false);

  constructor(
    private readonly saved: Signal<NotificationSettings | undefined>,
    private readonly kind: SettingsPart<D>,
    private readonly save: (body: NotificationSettingsInput) => Observable<NotificationSettings>,
    private readonly onSaved: (settings: NotificationSettings) => void,
  ) {
    this.draft = linkedSignal<NotificationSettings | undefined, D | undefined>({
      source: saved,
      computation: (settings) => (settings ? kind.draftOf(settings) : undefined),
    });
    this.dirty = computed(() => {
      const settings = this.saved();
      const draft = this.draft();
      return settings !== undefined && draft !== undefined && kind.changed(settings, draft);
    });
  }

  edit(change: Partial<D>): void {
    this.draft.update((draft) => (draft ? { ...draft, ...change } : draft));
    this.savedNote.set(false);
  }

  submit(event: Event): void {
    event.preventDefault();
    const saved = this.saved();
    const draft = this.draft();
    if (!saved || !draft) return;
    this.saving.set(true);
    this.errors.set(noErrors());
    this.savedNote.set(false);
    this.save(settingsBody(saved, this.kind.part(draft))).subscribe({
      next: (settings) => {
        this.saving.set(false);
        this.onSaved(settings);
        this.savedNote.set(true);
      },
      error: (error: unknown) => {
        this.saving.set(false);
        this.errors.set(settingsErrors(error));
      },
    });
  }
}
