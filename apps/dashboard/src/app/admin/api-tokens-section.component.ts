import { DatePipe } from '@angular/common';
import type { HttpResourceRef } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import type { ApiTokenView } from '@uptake/contracts';
import { AdminApi } from '../api/admin-api';
import { errorMessage } from '../api/uptake-api.service';
import { formErrors, noErrors } from './http-errors';
import { DEFAULT_INVITE_ROLE, ROLE_OPTIONS, roleName } from './roles';
import {
  TOKEN_FIELDS,
  tokenBody,
  tokenRows,
  type TokenDraft,
  type TokenField,
  type TokenRow,
} from './tokens';

const EMPTY_DRAFT: TokenDraft = { name: '', role: DEFAULT_INVITE_ROLE, expiresInDays: '' };

/** A token just created: its secret lives only in this signal until the admin closes the panel. */
interface NewSecret {
  name: string;
  token: string;
}

/**
 * API tokens for scripts and other systems: list, create (the secret shown this once, with a copy button)
 * and revoke. A token acts with the role chosen here.
 */
@Component({
  selector: 'up-api-tokens-section',
  imports: [DatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './api-tokens-section.component.html',
  styleUrl: './admin-section.css',
})
export class ApiTokensSectionComponent {
  private readonly api = inject(AdminApi);

  readonly organisationId = input.required<string>();
  readonly tokens = input.required<HttpResourceRef<ApiTokenView[] | undefined>>();

  protected readonly roles = ROLE_OPTIONS;
  protected readonly roleName = roleName;

  protected readonly rows = computed(() => {
    const tokens = this.tokens();
    return tokens.hasValue() ? tokenRows(tokens.value(), new Date()) : [];
  });
  protected readonly loadError = computed(() => {
    const error = this.tokens().error();
    return error ? errorMessage(error) : null;
  });

  protected readonly draft = signal<TokenDraft>(EMPTY_DRAFT);
  protected readonly creating = signal(false);
  protected readonly errors = signal(noErrors<TokenField>());
  protected readonly secret = signal<NewSecret | null>(null);
  protected readonly copied = signal<'yes' | 'failed' | null>(null);

  protected edit(field: keyof TokenDraft, value: string): void {
    this.draft.update((draft) => ({ ...draft, [field]: value }));
  }

  protected create(event: Event): void {
    event.preventDefault();
    this.creating.set(true);
    this.errors.set(noErrors());
    this.secret.set(null);
    this.copied.set(null);
    this.api.createApiToken(this.organisationId(), tokenBody(this.draft())).subscribe({
      next: (created) => {
        this.creating.set(false);
        this.secret.set({ name: created.name, token: created.token });
        this.draft.set(EMPTY_DRAFT);
        this.tokens().reload();
      },
      error: (error: unknown) => {
        this.creating.set(false);
        this.errors.set(formErrors(error, TOKEN_FIELDS));
      },
    });
  }

  protected async copy(token: string): Promise<void> {
    try {
      await navigator.clipboard.writeText(token);
      this.copied.set('yes');
    } catch {
      this.copied.set('failed');
    }
  }

  /** Forgets the secret: the page cannot show it again, nor can the API. */
  protected closeSecret(): void {
    this.secret.set(null);
    this.copied.set(null);
  }

  protected readonly confirmingRevoke = signal<string | null>(null);
  protected readonly revoking = signal<string | null>(null);
  protected readonly revokeError = signal<string | null>(null);

  protected revoke(row: TokenRow): void {
    this.confirmingRevoke.set(null);
    this.revoking.set(row.id);
    this.revokeError.set(null);
    this.api.revokeApiToken(this.organisationId(), row.id).subscribe({
      next: () => {
        this.revoking.set(null);
        this.tokens().reload();
      },
      error: (error: unknown) => {
        this.revoking.set(null);
        this.revokeError.set(`${row.name}: ${errorMessage(error)}`);
      },
    });
  }
}
