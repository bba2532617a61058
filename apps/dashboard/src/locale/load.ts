import { registerLocaleData } from '@angular/common';
import { loadTranslations } from '@angular/localize';
import type { Locale } from './locale';

/**
 * Makes the language current before the app is loaded: its translations for `$localize` (templates and the
 * app's own strings), Angular's locale data (plurals, pipes) and `<html lang>` for screen readers and
 * hyphenation. English is the source text, so it needs nothing loaded.
 */
export async function loadLocale(
  locale: Locale,
  root: HTMLElement = document.documentElement,
): Promise<void> {
  root.lang = locale;
  if (locale === 'en') return;
  const [{ NL }, { default: localeNl }] = await Promise.all([
    import('./nl'),
    import('@angular/common/locales/nl'),
  ]);
  loadTranslations(NL);
  registerLocaleData(localeNl);
}
