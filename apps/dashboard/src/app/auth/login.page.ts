import { ChangeDetectionStrategy, Component, inject, input, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { Router } from '@angular/router';
import { errorMessage, UptakeApi } from '../api/uptake-api.service';

@Component({
  selector: 'up-login-page',
  imports: [FormsModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <main class="login">
      <form class="card" (ngSubmit)="submit()" data-testid="login-form">
        <h1>Uptake</h1>
        <p class="muted">Sign in to follow your rollout.</p>
        <label>
          E-mail
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
          Password
          <input
            name="password"
            type="password"
            autocomplete="current-password"
            required
            [(ngModel)]="password"
            data-testid="login-password"
          />
        </label>
        @if (error()) {
          <p class="error" role="alert" data-testid="error-banner">{{ error() }}</p>
        }
        <button type="submit" [disabled]="busy()" data-testid="login-submit">
          {{ busy() ? 'Signing in…' : 'Sign in' }}
        </button>
      </form>
    </main>
  `,
  styles: `
    .login {
      min-height: 100vh;
      display: grid;
      place-items: center;
      padding: 1rem;
    }
    form {
      width: min(24rem, 100%);
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
export class LoginPage {
  private readonly api = inject(UptakeApi);
  private readonly router = inject(Router);

  /** Where to go after signing in (set by the guard). */
  readonly returnUrl = input<string>();

  protected email = '';
  protected password = '';
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);

  protected submit(): void {
    this.busy.set(true);
    this.error.set(null);
    this.api.login(this.email, this.password).subscribe({
      next: () => void this.router.navigateByUrl(this.returnUrl() || '/'),
      error: (error: unknown) => {
        this.error.set(errorMessage(error));
        this.busy.set(false);
      },
    });
  }
}
