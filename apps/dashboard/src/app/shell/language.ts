import { HttpClient } from '@angular/common/http';
import { inject, Injectable, LOCALE_ID } from '@angular/core';
import type { Me, MePatch } from '@uptake/contracts';
import { map, type Observable } from 'rxjs';
import { isLocale, rememberLocale, type Locale } from '../../locale/locale';

/** The languages on offer, each named in its own language so everyone finds theirs. */
export const LANGUAGES: readonly { locale: Locale; name: string }[] = [
  { locale: 'en', name: 'English' },
  { locale: 'nl', name: 'Nederlands' },
];

/**
 * The signed-in user's language: the one the page shows, and changing it (saved in the user's profile through
 * PATCH /api/auth/me, remembered in this browser for the sign-in page, then the page reloads: translations
 * are loaded before the app starts).
 */
@Injectable({ providedIn: 'root' })
export class Language {
  private readonly http = inject(HttpClient);
  /** The page's language (LOCALE_ID is 'en' or 'nl' in the app; Angular's 'en-US' in specs). */
  readonly current: Locale = currentLocale(inject(LOCALE_ID));

  /** Saves the choice and answers the user as the API now sees them. */
  choose(locale: Locale): Observable<Me> {
    const body: MePatch = { locale };
    return this.http.patch<Me>('/api/auth/me', body).pipe(
      map((me) => {
        rememberLocale(me.locale);
        return me;
      }),
    );
  }

  /** Shows the page again in the language now chosen. */
  reload(): void {
    globalThis.location.reload();
  }

  /** Loads a page of the app afresh (in the language now remembered). */
  navigate(url: string): void {
    globalThis.location.assign(url);
  }
}

export function currentLocale(localeId: string): Locale {
  const language = localeId.slice(0, 2).toLowerCase();
  return isLocale(language) ? language : 'en';
}
