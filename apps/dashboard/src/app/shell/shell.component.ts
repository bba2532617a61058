import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { Router, RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import { errorMessage, UptakeApi } from '../api/uptake-api.service';
import { isLocale } from '../../locale/locale';
import { Language, LANGUAGES } from './language';
import { navigationFor, OrganisationContext } from './organisation-context';

/**
 * The frame of every signed-in page: brand, organisation picker, navigation for the user's role, the user's
 * language, sign-out.
 */
@Component({
  selector: 'up-shell',
  imports: [RouterOutlet, RouterLink, RouterLinkActive],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './shell.component.html',
  styleUrl: './shell.component.css',
})
export class ShellComponent {
  private readonly router = inject(Router);
  private readonly api = inject(UptakeApi);
  protected readonly context = inject(OrganisationContext);
  protected readonly navigation = computed(() => navigationFor(this.context.role()));
  private readonly language = inject(Language);
  protected readonly languages = LANGUAGES;
  protected readonly currentLocale = this.language.current;
  /** Only a signed-in person has a profile to keep a language in (an API token has none). */
  protected readonly canChooseLanguage = computed(
    () => this.context.me.hasValue() && this.context.me.value().kind === 'session',
  );
  protected readonly languageError = signal<string | null>(null);

  protected chooseLanguage(value: string): void {
    if (!isLocale(value) || value === this.currentLocale) return;
    this.languageError.set(null);
    this.language.choose(value).subscribe({
      next: () => this.language.reload(),
      error: (error: unknown) => this.languageError.set(errorMessage(error)),
    });
  }

  protected signOut(): void {
    const toLogin = () => void this.router.navigate(['/login']);
    this.api.logout().subscribe({ complete: toLogin, error: toLogin });
  }
}
