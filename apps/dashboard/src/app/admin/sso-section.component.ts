import { DatePipe } from '@angular/common';
import { httpResource } from '@angular/common/http';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  input,
  linkedSignal,
  signal,
} from '@angular/core';
import type { SsoSettings } from '@uptake/contracts';
import { AdminApi } from '../api/admin-api';
import { errorMessage } from '../api/uptake-api.service';
import { formErrors, noErrors, statusOf } from './http-errors';
import { ROLE_OPTIONS, roleName, type Role } from './roles';
import {
  duplicateMappingValues,
  MAX_MAPPING_ROWS,
  redirectUriOf,
  SSO_FIELDS,
  ssoBody,
  ssoDraftOf,
  type SsoDraft,
  type SsoField,
} from './sso';

type TextField = 'issuer' | 'clientId' | 'clientSecret' | 'scopes' | 'roleClaim' | 'allowedEmailDomains';

/**
 * The organisation's single sign-on (OpenID Connect): the provider, the client, how roles are given, which
 * e-mail domains may sign in, and whether passwords still reach the organisation. The client secret is
 * write-only (left empty, the stored one is kept). The API checks every field; its 400s appear next to the
 * field they name.
 */
@Component({
  selector: 'up-sso-section',
  imports: [DatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './sso-section.component.html',
  styleUrl: './admin-section.css',
})
export class SsoSectionComponent {
  private readonly api = inject(AdminApi);

  readonly organisationId = input.required<string>();

  protected readonly roles = ROLE_OPTIONS;
  protected readonly roleName = roleName;
  protected readonly keepSecretPlaceholder = $localize`:@@admin.sso.field.clientSecret.keep:leave empty to keep the stored one`;
  protected readonly requiredPlaceholder = $localize`:@@admin.sso.field.required:required`;
  protected readonly maxRows = MAX_MAPPING_ROWS;

  protected readonly settings = httpResource<SsoSettings>(() => AdminApi.ssoUrl(this.organisationId()));
  /** 404: not set up, which is not an error (the form starts from the defaults). */
  protected readonly notSetUp = computed(() => statusOf(this.settings.error()) === 404);
  protected readonly loadError = computed(() => {
    const error = this.settings.error();
    return error && !this.notSetUp() ? errorMessage(error) : null;
  });
  protected readonly saved = computed(() => (this.settings.hasValue() ? this.settings.value() : undefined));
  protected readonly ready = computed(() => this.saved() !== undefined || this.notSetUp());
  protected readonly redirect = computed(() => redirectUriOf(this.saved(), location.origin));

  protected readonly draft = linkedSignal<SsoSettings | undefined, SsoDraft>({
    source: this.saved,
    computation: (saved) => ssoDraftOf(saved),
  });
  protected readonly duplicates = computed(() => duplicateMappingValues(this.draft().roleMapping));
  protected readonly saving = signal(false);
  protected readonly errors = signal(noErrors<SsoField>());
  protected readonly savedNote = signal<string | null>(null);

  protected edit(field: TextField, value: string): void {
    this.draft.update((draft) => ({ ...draft, [field]: value }));
    this.savedNote.set(null);
  }

  protected setDefaultRole(role: Role): void {
    this.draft.update((draft) => ({ ...draft, defaultRole: role }));
  }

  protected setLocalPasswords(allowed: boolean): void {
    this.draft.update((draft) => ({ ...draft, localPasswords: allowed }));
  }

  protected addMapping(): void {
    this.draft.update((draft) =>
      draft.roleMapping.length >= MAX_MAPPING_ROWS
        ? draft
        : { ...draft, roleMapping: [...draft.roleMapping, { value: '', role: 'executive' }] },
    );
  }

  protected editMapping(index: number, change: { value?: string; role?: Role }): void {
    this.draft.update((draft) => ({
      ...draft,
      roleMapping: draft.roleMapping.map((row, i) => (i === index ? { ...row, ...change } : row)),
    }));
  }

  protected removeMapping(index: number): void {
    this.draft.update((draft) => ({
      ...draft,
      roleMapping: draft.roleMapping.filter((_, i) => i !== index),
    }));
  }

  protected submit(event: Event): void {
    event.preventDefault();
    if (this.duplicates().length > 0) return;
    this.saving.set(true);
    this.errors.set(noErrors());
    this.savedNote.set(null);
    const created = this.saved() === undefined;
    this.api.putSso(this.organisationId(), ssoBody(this.draft())).subscribe({
      next: (settings) => {
        this.saving.set(false);
        this.settings.set(settings);
        this.savedNote.set(
          created
            ? $localize`:@@admin.sso.saved.created:Single sign-on is set up. Register the redirect URI below at the provider, then try a sign-in.`
            : $localize`:@@admin.sso.saved.updated:Single sign-on settings saved.`,
        );
      },
      error: (error: unknown) => {
        this.saving.set(false);
        this.errors.set(formErrors(error, SSO_FIELDS));
      },
    });
  }

  protected readonly confirmingDelete = signal(false);
  protected readonly deleteError = signal<string | null>(null);

  protected remove(): void {
    this.confirmingDelete.set(false);
    this.deleteError.set(null);
    this.saving.set(true);
    this.api.deleteSso(this.organisationId()).subscribe({
      next: () => {
        this.saving.set(false);
        this.errors.set(noErrors());
        this.savedNote.set(
          $localize`:@@admin.sso.saved.deleted:Single sign-on is off: members sign in with their passwords again.`,
        );
        this.settings.reload();
      },
      error: (error: unknown) => {
        this.saving.set(false);
        this.deleteError.set(errorMessage(error));
      },
    });
  }
}
