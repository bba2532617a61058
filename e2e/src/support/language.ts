import type { Page } from 'playwright-core';

/**
 * The dashboard's languages as the persona suites run them: each read-only main path runs once per language
 * (e2e/src/demo-product.e2e-spec.ts), expecting that language's labels and its way of writing figures.
 * The language is the signed-in user's (PATCH /api/auth/me {locale}), as the shell's language switch sets it.
 */
export interface Language {
  code: 'en' | 'nl';
  /** The Intl locale the dashboard formats figures and dates with (INTL_LOCALES of @uptake/contracts). */
  intl: 'en-GB' | 'nl-NL';
  /** For test names: "(English)", "(Nederlands)". */
  name: string;
}

export const ENGLISH: Language = { code: 'en', intl: 'en-GB', name: 'English' };
export const DUTCH: Language = { code: 'nl', intl: 'nl-NL', name: 'Nederlands' };
export const LANGUAGES: readonly Language[] = [ENGLISH, DUTCH];

/** The text for the language: `pick(lang, { en: 'Achieved', nl: 'Bereikt' })`. */
export function pick<T>(lang: Language, texts: Record<Language['code'], T>): T {
  return texts[lang.code];
}

/** White space as `text()` leaves it: Intl writes "€ 1.234" with a no-break space. */
const collapse = (value: string) => value.replace(/\s+/g, ' ').trim();

/**
 * A share as the dashboard's formatShare writes it: 0.4213 -> "42.1%" / "42,1%"; one decimal at most, or
 * always one with `trailingZeros` (0.5 -> "50.0%" / "50,0%", as reports that withhold small groups do).
 */
export function share(lang: Language, value: number, trailingZeros = false): string {
  const number = new Intl.NumberFormat(lang.intl, {
    minimumFractionDigits: trailingZeros ? 1 : 0,
    maximumFractionDigits: 1,
  }).format(Math.round(value * 1000) / 10);
  return `${number}%`;
}

/** A whole number with the language's thousands separator: 1234 -> "1,234" / "1.234". */
export function count(lang: Language, value: number): string {
  return collapse(new Intl.NumberFormat(lang.intl, { maximumFractionDigits: 0 }).format(value));
}

/** A money amount without cents, as formatMoney writes it: "€92,400" / "€ 92.400". */
export function money(lang: Language, amount: number, currency: string): string {
  return collapse(
    new Intl.NumberFormat(lang.intl, {
      style: 'currency',
      currency,
      currencyDisplay: 'narrowSymbol',
      maximumFractionDigits: 0,
    }).format(amount),
  );
}

/**
 * Makes `lang` the language of the user signed in on `page` (its session cookie), for the pages it loads
 * from now on: English is the default (no choice saved), Dutch a saved choice. Reloads the current page, as
 * the language switch does, when it shows the app.
 */
export async function useLanguage(page: Page, baseUrl: string, lang: Language): Promise<void> {
  const response = await page.request.patch(`${baseUrl}/api/auth/me`, {
    headers: { origin: new URL(baseUrl).origin, 'x-uptake-request': '1' },
    data: { locale: lang.code === 'en' ? null : lang.code },
  });
  if (!response.ok())
    throw new Error(`PATCH /api/auth/me: HTTP ${response.status()} ${await response.text()}`);
  const body = (await response.json()) as { locale: string };
  if (body.locale !== lang.code) throw new Error(`the user's language is ${body.locale}, not ${lang.code}`);
  await page
    .evaluate((code) => localStorage.setItem('uptake.locale', code), lang.code)
    .catch(() => undefined);
  if (page.url().startsWith(baseUrl)) {
    await page.reload();
    await page.waitForFunction((code) => document.documentElement.lang === code, lang.code, {
      timeout: 30_000,
    });
  }
}
