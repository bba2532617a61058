import { ChangeDetectionStrategy, Component, inject, signal, type OnInit } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { Router } from '@angular/router';
import { errorMessage, UptakeApi, type InvitationPreview } from '../api/uptake-api.service';

const ROLE_NAMES: Record<InvitationPreview['role'], string> = {
  admin: $localize`:@@auth.invitation.role.admin:admin`,
  change_manager: $localize`:@@auth.invitation.role.changeManager:change manager`,
  executive: $localize`:@@auth.invitation.role.executive:executive`,
  connector_maintainer: $localize`:@@auth.invitation.role.connectorMaintainer:connector maintainer`,
};

/** Minimum length the API requires of a new password. */
const MIN_PASSWORD = 12;

/**
 * The page behind an invitation e-mail's link (/invitation#token=…). The token is in the fragment, which
 * the browser never sends to a server; it is read once and dropped from the address bar.
 */
@Component({
  selector: 'up-invitation-page',
  imports: [FormsModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <main class="invitation">
      <form class="card" (ngSubmit)="accept()" data-testid="invitation-form">
        <h1 i18n="@@auth.invitation.brand">Uptake</h1>
        @if (preview(); as invitation) {
          <p data-testid="invitation-summary" i18n="@@auth.invitation.summary">
            Join <strong>{{ invitation.organisationName }}</strong> as {{ roleName(invitation.role) }} with
            <strong>{{ invitation.email }}</strong>.
          </p>
          @if (!invitation.accountExists) {
            <p class="muted" i18n="@@auth.invitation.choosePassword">
              Choose the password of your new account (at least {{ minPassword }} characters).
            </p>
            <label>
              <ng-container i18n="@@auth.invitation.newPassword">New password</ng-container>
              <input
                name="password"
                type="password"
                autocomplete="new-password"
                required
                [(ngModel)]="password"
                data-testid="invitation-password"
              />
            </label>
            <label>
              <ng-container i18n="@@auth.invitation.repeat">Repeat it</ng-container>
              <input
                name="repeat"
                type="password"
                autocomplete="new-password"
                required
                [(ngModel)]="repeat"
                data-testid="invitation-repeat"
              />
            </label>
          } @else if (!invitation.signedInAsInvitee) {
            <p class="muted" i18n="@@auth.invitation.confirmAccount">
              You have an account: confirm it is yours with its password.
            </p>
            <label>
              <ng-container i18n="@@auth.invitation.passwordOf"
                >Password of {{ invitation.email }}</ng-container
              >
              <input
                name="password"
                type="password"
                autocomplete="current-password"
                required
                [(ngModel)]="password"
                data-testid="invitation-password"
              />
            </label>
          }
          <button type="submit" [disabled]="busy()" data-testid="invitation-accept">
            @if (busy()) {
              <ng-container i18n="@@auth.invitation.joining">Joining…</ng-container>
            } @else {
              <ng-container i18n="@@auth.invitation.accept">Accept the invitation</ng-container>
            }
          </button>
        } @else if (!error()) {
          <p class="muted" i18n="@@auth.invitation.reading">Reading the invitation…</p>
        }
        @if (error()) {
          <p class="error" role="alert" data-testid="error-banner">{{ error() }}</p>
        }
      </form>
    </main>
  `,
  styles: `
    .invitation {
      min-height: 100vh;
      display: grid;
      place-items: center;
      padding: 1rem;
    }
    form {
      width: min(26rem, 100%);
      display: grid;
      gap: 1rem;
    }
    h1 {
      margin: 0;
      color: var(--accent);
    }
    label {
      display: grid;
      gap: 0.35rem;
      font-weight: 600;
    }
  `,
})
export class InvitationPage implements OnInit {
  private readonly api = inject(UptakeApi);
  private readonly router = inject(Router);

  protected readonly minPassword = MIN_PASSWORD;
  protected readonly preview = signal<InvitationPreview | null>(null);
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);
  protected password = '';
  protected repeat = '';
  private token = '';

  ngOnInit(): void {
    this.token = new URLSearchParams(window.location.hash.slice(1)).get('token') ?? '';
    history.replaceState(history.state, '', window.location.pathname);
    if (!this.token) {
      this.error.set(
        $localize`:@@auth.invitation.noToken:This page needs the link from your invitation e-mail.`,
      );
      return;
    }
    this.api.lookupInvitation(this.token).subscribe({
      next: (preview) => this.preview.set(preview),
      error: (error: unknown) => this.error.set(errorMessage(error)),
    });
  }

  protected roleName(role: InvitationPreview['role']): string {
    return ROLE_NAMES[role];
  }

  protected accept(): void {
    const invitation = this.preview();
    if (!invitation) return;
    if (!invitation.accountExists && this.password !== this.repeat) {
      this.error.set($localize`:@@auth.invitation.passwordsDiffer:The two passwords differ.`);
      return;
    }
    this.busy.set(true);
    this.error.set(null);
    const password = invitation.signedInAsInvitee ? undefined : this.password;
    this.api.acceptInvitation(this.token, password).subscribe({
      next: (accepted) =>
        void this.router.navigate(['/overview'], { queryParams: { org: accepted.organisationId } }),
      error: (error: unknown) => {
        this.error.set(errorMessage(error));
        this.busy.set(false);
      },
    });
  }
}
