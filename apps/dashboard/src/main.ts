import { LOCALE_ID } from '@angular/core';
import { bootstrapApplication } from '@angular/platform-browser';
import { loadLocale } from './locale/load';
import { chooseLocale, rememberLocale, storedLocale } from './locale/locale';

/** The signed-in user (with their effective language), or null before sign-in or when the API is down. */
async function whoAmI(): Promise<{ locale?: unknown } | null> {
  try {
    const response = await fetch('/api/auth/me', { credentials: 'same-origin' });
    return response.ok ? ((await response.json()) as { locale?: unknown }) : null;
  } catch {
    return null;
  }
}

/**
 * Chooses the language before the app exists: the app's code is imported only after the translations are
 * loaded, so strings it builds when its modules load (navigation labels, chart names) are translated too.
 */
async function start(): Promise<void> {
  const me = await whoAmI();
  const locale = chooseLocale(me, storedLocale(), navigator.language);
  if (me) rememberLocale(locale);
  await loadLocale(locale);
  const [{ AppComponent }, { appConfig }, { setFormatLocale }] = await Promise.all([
    import('./app/app.component'),
    import('./app/app.config'),
    import('./app/shared/format'),
  ]);
  setFormatLocale(locale);
  await bootstrapApplication(AppComponent, {
    providers: [...appConfig.providers, { provide: LOCALE_ID, useValue: locale }],
  });
}

start().catch((error: unknown) => console.error(error));
