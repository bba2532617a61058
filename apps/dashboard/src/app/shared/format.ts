import { INTL_LOCALES, type Locale } from '../../locale/locale';

/**
 * How the dashboard prints figures, dates and changes, in the language of the page (en-GB or nl-NL: "1,234.5"
 * or "1.234,5", "1 Dec 2026" or "1 dec 2026"). Every figure formatter takes the value and the same optional
 * {@link FormatOptions}.
 */
export interface FormatOptions {
  /**
   * Set for reports that withhold groups smaller than this: a null figure then says why ("hidden (< 5 people)")
   * instead of reading as 0. Without it a null figure reads "–".
   */
  minGroupSize?: number;
  /** Decimals shown (formatShare: up to 1 by default). */
  digits?: number;
  /** Keep trailing zeros ("50.0%" instead of "50%"), so a column of figures lines up. */
  trailingZeros?: boolean;
}

/** The Intl locale of the figures; main.ts sets it once, before the app starts (English until then). */
let intlLocale = INTL_LOCALES.en;

/** One Intl.NumberFormat per locale and style, built once: charts and tables format hundreds of figures. */
const numberFormats = new Map<string, Intl.NumberFormat>();

/** Sets the language of every figure and date (called by main.ts; by specs that render in Dutch). */
export function setFormatLocale(locale: Locale): void {
  intlLocale = INTL_LOCALES[locale];
}

/** A number in the page's language with at most `digits` decimals (and at least `minDigits`): 1234.5 -> "1,234.5". */
export function formatNumber(value: number, digits = 0, minDigits = 0): string {
  return numberFormat({ minimumFractionDigits: minDigits, maximumFractionDigits: digits }).format(value);
}

/** Text for figures the API withholds: never shown as 0, always with the reason. */
export function hiddenLabel(minGroupSize: number): string {
  return $localize`:@@shared.format.hidden:hidden (< ${minGroupSize}:k: people)`;
}

/** The options of a report's figures that withholds small groups: nulls say why, shares keep their decimals. */
export function withheldFigures(minGroupSize: number): FormatOptions {
  return { minGroupSize, trailingZeros: true };
}

/** A count with thousands separators: 1089 -> "1,089". */
export function formatCount(value: number | null, options: FormatOptions = {}): string {
  if (value === null) return missing(options);
  return formatNumber(Math.round(value));
}

/** A 0..1 share as a percentage: 0.4213 -> "42.1%", 0.5 -> "50%" (or "50.0%" with trailing zeros). */
export function formatShare(value: number | null, options: FormatOptions = {}): string {
  if (value === null) return missing(options);
  return percent(decimals(value * 100, options.digits ?? 1, options.trailingZeros));
}

/** A ratio such as posts per active person, always to two decimals: 1.8802 -> "1.88". */
export function formatRatio(value: number | null, options: FormatOptions = {}): string {
  return value === null ? missing(options) : formatNumber(value, 2, 2);
}

/** An amount of hours, such as time saved per year: 12.345 -> "12.3 h", 1234 -> "1,234 h". */
export function formatHours(value: number | null, options: FormatOptions = {}): string {
  if (value === null) return missing(options);
  return hours(decimals(value, 1, false));
}

/** A waiting time in hours, shown as minutes below one hour and as days from 48 hours on: 0.25 -> "15 min". */
export function formatWaitingTime(value: number | null, options: FormatOptions = {}): string {
  if (value === null) return missing(options);
  if (value < 1) return $localize`:@@shared.format.minutes:${Math.round(value * 60)}:minutes: min`;
  if (value >= 48) return $localize`:@@shared.format.days:${formatNumber(value / 24, 1, 1)}:days: days`;
  return hours(formatNumber(value, 1, 1));
}

/** A money amount without cents: ("EUR", 1234567) -> "€1,234,567" (Dutch "€ 1.234.567"); "$", not "US$". */
export function formatMoney(amount: number, currency: string): string {
  return numberFormat({
    style: 'currency',
    currency,
    currencyDisplay: 'narrowSymbol',
    maximumFractionDigits: 0,
  }).format(amount);
}

/** A change of a fraction in percentage points, signed: 0.031 -> "+3.1 pts". */
export function formatPointsChange(change: number): string {
  const points = Math.round(change * 1000) / 10;
  const size = `${signOf(points)}${decimals(Math.abs(points), 1, false)}`;
  return $localize`:@@shared.format.points:${size}:points: pts`;
}

/** A change of a count, signed with a real minus: -12 -> "−12", 0 -> "±0". */
export function formatCountChange(change: number): string {
  return `${signOf(change)}${formatCount(Math.abs(change))}`;
}

/** "2026-06-30" -> "30 Jun 2026" (dates are calendar days: read and printed in UTC so they never shift). */
export function formatDay(day: string): string {
  return formatInstantDay(`${day}T00:00:00Z`, 'UTC');
}

/**
 * The day of an instant ("2026-02-28T03:00:00Z" -> "28 Feb 2026"), in the browser's time zone unless one is
 * given, for timestamps the API sends (the day the user lived it).
 */
export function formatInstantDay(instant: string, timeZone?: string): string {
  return new Date(instant).toLocaleDateString(intlLocale, {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    ...(timeZone ? { timeZone } : {}),
  });
}

/** Whole days between two ISO dates shifted, in UTC so time zones and daylight saving do not matter. */
export function addDays(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** Days from one ISO date to another (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** Per-point ECharts value: null stays null, so a withheld figure is a gap, not a zero. */
export function percentOrNull(value: number | null): number | null {
  return value === null ? null : Math.round(value * 1000) / 10;
}

function missing(options: FormatOptions): string {
  return options.minGroupSize === undefined ? '–' : hiddenLabel(options.minGroupSize);
}

function decimals(value: number, digits: number, trailingZeros = false): string {
  return formatNumber(value, digits, trailingZeros ? digits : 0);
}

/** "42.1" -> "42.1%" (Dutch writes "42,1%" too: no space, as Dutch style guides and Intl's nl-NL do). */
function percent(number: string): string {
  return $localize`:@@shared.format.percent:${number}:number:%`;
}

function hours(number: string): string {
  return $localize`:@@shared.format.hours:${number}:hours: h`;
}

function numberFormat(options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${intlLocale}:${JSON.stringify(options)}`;
  let format = numberFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(intlLocale, options);
    numberFormats.set(key, format);
  }
  return format;
}

function signOf(value: number): string {
  if (value > 0) return '+';
  return value < 0 ? '\u2212' : '±';
}
