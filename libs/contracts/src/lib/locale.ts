import { z } from 'zod';
import { got } from './fields';

/**
 * The languages of the dashboard, digests, alerts and exports. English is the source language; a string with
 * no translation shows in English. API error messages (validation) stay English in every locale: they name
 * fields and values a developer or an admin acts on, and a translated copy could drift from the code.
 */
export const LOCALES = ['en', 'nl'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'en';

/** The Intl locale each language formats numbers, dates and currencies with. */
export const INTL_LOCALES: Record<Locale, string> = { en: 'en-GB', nl: 'nl-NL' };

export const localeSchema = z
  .enum(LOCALES, { error: (issue) => `must be one of ${LOCALES.join(', ')} (got ${got(issue.input)})` })
  .meta({ example: 'nl' });

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/** The language someone reads: their own choice, else their organisation's default, else English. */
export function effectiveLocale(
  preferred: Locale | null | undefined,
  organisationDefault?: Locale | null,
): Locale {
  return preferred ?? organisationDefault ?? DEFAULT_LOCALE;
}
