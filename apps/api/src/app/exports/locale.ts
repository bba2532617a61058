import { effectiveLocale, INTL_LOCALES, isLocale, type Locale } from '@uptake/contracts';
import type { UserRepository } from '@uptake/persistence';
import type { Request } from 'express';
import type { Principal } from '../auth/principal';

/**
 * The language of an export: the `locale` query parameter (already checked by the export's schema), else
 * the signed-in user's own choice, else the organisation's default (an API token has no user: the default).
 */
export async function exportLocale(
  users: Pick<UserRepository, 'locales'>,
  request: Pick<Request, 'query'>,
  principal: Principal,
  organisationId: string,
): Promise<Locale> {
  const requested = request.query['locale'];
  if (isLocale(requested)) return requested;
  const { preferred, organisationDefault } = await users.locales(
    principal.kind === 'session' ? principal.userId : null,
    organisationId,
  );
  return effectiveLocale(preferred, organisationDefault);
}

/** Numbers, shares, money and days written for people (documents, header lines), via Intl. */
export interface Formats {
  count(value: number): string;
  number(value: number): string;
  share(value: number): string;
  money(value: number, currency: string): string;
  hours(value: number): string;
  /** A calendar day `YYYY-MM-DD` (no time zone shift: it is a day, not an instant). */
  day(value: string): string;
  instant(value: Date): string;
}

export function formats(locale: Locale): Formats {
  const intl = INTL_LOCALES[locale];
  const count = new Intl.NumberFormat(intl, { maximumFractionDigits: 0 });
  const number = new Intl.NumberFormat(intl, { maximumFractionDigits: 2 });
  const share = new Intl.NumberFormat(intl, { style: 'percent', maximumFractionDigits: 1 });
  const hours = new Intl.NumberFormat(intl, { maximumFractionDigits: 1 });
  const day = new Intl.DateTimeFormat(intl, {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  });
  const instant = new Intl.DateTimeFormat(intl, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });
  return {
    count: (value) => count.format(value),
    number: (value) => number.format(value),
    share: (value) => share.format(value),
    money: (value, currency) =>
      new Intl.NumberFormat(intl, { style: 'currency', currency, maximumFractionDigits: 0 }).format(value),
    hours: (value) => hours.format(value),
    day: (value) => day.format(new Date(`${value.slice(0, 10)}T00:00:00Z`)),
    instant: (value) => `${instant.format(value)} UTC`,
  };
}
