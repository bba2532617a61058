import { isLocale, type Locale } from '@uptake/contracts';

/**
 * How the dashboard's language is chosen (the languages are those of @uptake/contracts). English is the source
 * (the text in the templates); Dutch comes from the translations in ./nl. Free of Angular, so main.ts can
 * decide the language before anything of the app is loaded.
 */
export { INTL_LOCALES, isLocale, LOCALES, type Locale } from '@uptake/contracts';

/** Where the last used language is kept, for the sign-in page (before the API can say whose it is). */
export const LOCALE_STORAGE_KEY = 'uptake.locale';

/**
 * The language to show: the signed-in user's effective one (their choice, else the organisation's default, as
 * the API decides), else the last one used in this browser, else the browser's own language, else English.
 */
export function chooseLocale(
  me: { locale?: unknown } | null,
  stored: string | null,
  navigatorLanguage: string | undefined,
): Locale {
  if (me && isLocale(me.locale)) return me.locale;
  if (isLocale(stored)) return stored;
  return navigatorLanguage?.toLowerCase().startsWith('nl') ? 'nl' : 'en';
}

/** The last used language from localStorage; null when there is none or storage is unavailable. */
export function storedLocale(
  storage: Pick<Storage, 'getItem'> | undefined = globalThis.localStorage,
): string | null {
  try {
    return storage?.getItem(LOCALE_STORAGE_KEY) ?? null;
  } catch {
    return null;
  }
}

/** Remembers the language for the next visit (ignored where storage is blocked: the API still knows it). */
export function rememberLocale(
  locale: Locale,
  storage: Pick<Storage, 'setItem'> | undefined = globalThis.localStorage,
): void {
  try {
    storage?.setItem(LOCALE_STORAGE_KEY, locale);
  } catch {
    // Private mode or a blocked storage: the language still comes from the user's profile once signed in.
  }
}
