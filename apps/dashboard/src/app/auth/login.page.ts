import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { Router } from '@angular/router';
import type { SsoErrorCode } from '@uptake/contracts';
import { errorMessage, UptakeApi } from '../api/uptake-api.service';
import { isLocale, rememberLocale, type Locale } from '../../locale/locale';
import { Language } from '../shell/language';

/** What the sign-in page says for each `?error=` an SSO sign-in comes back with. */
export const SSO_ERROR_MESSAGES: Record<SsoErrorCode, string> = {
  sso_not_configured: $localize`:@@auth.login.ssoNotConfigured:Single sign-on is not set up for this organisation. Check the organisation name.`,
  sso_return_to_invalid: $localize`:@@auth.login.ssoReturnToInvalid:The page to return to is not part of Uptake. Start the sign-in again.`,
  sso_state_invalid: $localize`:@@auth.login.ssoStateInvalid:The sign-in took too long or was opened in another browser. Start it again.`,
  sso_denied: $localize`:@@auth.login.ssoDenied:Your identity provider did not sign you in (cancelled, or Uptake is not assigned to you).`,
  sso_provider_unavailable: $localize`:@@auth.login.ssoProviderUnavailable:Your identity provider could not be reached. Try again later or ask your admin.`,
  sso_token_invalid: $localize`:@@auth.login.ssoTokenInvalid:Your identity provider’s answer could not be verified. Ask your admin to check the SSO settings.`,
  sso_email_missing: $localize`:@@auth.login.ssoEmailMissing:Your identity provider sent no e-mail address. Ask your admin to add the email scope.`,
  sso_email_domain: $localize`:@@auth.login.ssoEmailDomain:Your e-mail domain is not allowed for this organisation.`,
  sso_email_unverified: $localize`:@@auth.login.ssoEmailUnverified:Your identity provider has not verified your e-mail, so it cannot be linked to an Uptake account.`,
  sso_account_conflict: $localize`:@@auth.login.ssoAccountConflict:This e-mail already belongs to another sign-in of your identity provider. Ask your admin.`,
  sso_account_disabled: $localize`:@@auth.login.ssoAccountDisabled:Your Uptake account is disabled.`,
  sso_failed: $localize`:@@auth.login.ssoFailed:Single sign-on failed. Try again.`,
};

/** An organisation's short name as it appears in addresses (the API refuses anything else). */
const SLUG = /^[a-z0-9][a-z0-9-]{0,62}$/;

@Component({
  selector: 'up-login-page',
  imports: [FormsModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <main class="login">
      <form class="card" (ngSubmit)="submit()" data-testid="login-form">
        <h1 i18n="@@auth.login.brand">Uptake</h1>
        <p class="muted" i18n="@@auth.login.intro">Sign in to follow your rollout.</p>
        <label>
          <ng-container i18n="@@auth.login.email">E-mail</ng-container>
          <input
            name="email"
            type="email"
            autocomplete="username"
            required
            [(ngModel)]="email"
            data-testid="login-email"
          />
        </label>
        <label>
          <ng-container i18n="@@auth.login.password">Password</ng-container>
          <input
            name="password"
            type="password"
            autocomplete="current-password"
            required
            [(ngModel)]="password"
            data-testid="login-password"
          />
        </label>
        @if (loginError()) {
          <p class="error" role="alert" data-testid="error-banner">{{ loginError() }}</p>
        }
        <button type="submit" [disabled]="busy()" data-testid="login-submit">
          @if (busy()) {
            <ng-container i18n="@@auth.login.signingIn">Signing in…</ng-container>
          } @else {
            <ng-container i18n="@@auth.login.signIn">Sign in</ng-container>
          }
        </button>
      </form>
      <section class="card sso" aria-labelledby="sso-heading">
        <h2 id="sso-heading" i18n="@@auth.login.sso">Single sign-on</h2>
        @if (ssoError()) {
          <p class="error" role="alert" data-testid="sso-error">{{ ssoError() }}</p>
        }
        <label>
          <ng-container i18n="@@auth.login.organisation">Organisation</ng-container>
          <input
            name="organisation"
            autocomplete="organization"
            placeholder="e.g. acme"
            i18n-placeholder="@@auth.login.organisationPlaceholder"
            [ngModel]="organisation()"
            (ngModelChange)="organisation.set($event)"
            data-testid="sso-organisation"
          />
        </label>
        @if (ssoUrl(); as url) {
          <a class="button" [href]="url" data-testid="sso-start" i18n="@@auth.login.ssoStart"
            >Sign in with SSO</a
          >
        } @else {
          <button
            type="button"
            disabled
            data-testid="sso-start-disabled"
            i18n="@@auth.login.ssoStartDisabled"
          >
            Sign in with SSO
          </button>
        }
      </section>
    </main>
  `,
  styles: `
    .login {
      min-height: 100vh;
      display: grid;
      place-items: center;
      align-content: center;
      gap: 1rem;
      padding: 1rem;
    }
    form,
    .sso {
      width: min(24rem, 100%);
      display: grid;
      gap: 1rem;
    }
    h1 {
      margin: 0;
      color: var(--accent);
    }
    h2 {
      margin: 0;
      font-size: 1rem;
    }
    a.button {
      text-align: center;
    }
    label {
      display: grid;
      gap: 0.35rem;
      font-weight: 600;
    }
  `,
})
export class LoginPage {
  private readonly api = inject(UptakeApi);
  private readonly router = inject(Router);
  private readonly language = inject(Language);

  /** Where to go after signing in (set by the guard). */
  readonly returnUrl = input<string>();

  /** `?error=<code>` of an SSO sign-in that came back without a session. */
  readonly error = input<string>();

  protected readonly organisation = signal('');
  /** The API's start URL for the organisation typed in, back to returnUrl afterwards; null until it is a slug. */
  protected readonly ssoUrl = computed(() => {
    const slug = this.organisation().trim().toLowerCase();
    if (!SLUG.test(slug)) return null;
    const returnTo = encodeURIComponent(this.returnUrl() || '/');
    return `/api/auth/sso/${slug}/start?returnTo=${returnTo}`;
  });
  protected readonly ssoError = computed(() => {
    const code = this.error();
    if (!code) return null;
    return Object.hasOwn(SSO_ERROR_MESSAGES, code)
      ? SSO_ERROR_MESSAGES[code as SsoErrorCode]
      : SSO_ERROR_MESSAGES.sso_failed;
  });

  protected email = '';
  protected password = '';
  protected readonly busy = signal(false);
  protected readonly loginError = signal<string | null>(null);

  /**
   * On to the page asked for: in the app when the user reads the language this page is in, else through a
   * reload, as translations are loaded before the app starts.
   */
  private signedIn(locale: Locale | undefined): void {
    const target = this.returnUrl() || '/';
    if (!isLocale(locale) || locale === this.language.current) {
      void this.router.navigateByUrl(target);
      return;
    }
    rememberLocale(locale);
    this.language.navigate(target);
  }

  protected submit(): void {
    this.busy.set(true);
    this.loginError.set(null);
    this.api.login(this.email, this.password).subscribe({
      next: (me) => this.signedIn(me.locale),
      error: (error: unknown) => {
        this.loginError.set(errorMessage(error));
        this.busy.set(false);
      },
    });
  }
}
