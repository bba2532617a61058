/**
 * How the dashboard prints figures, dates and changes (English, like the rest of the dashboard). Every figure
 * formatter takes the value and the same optional {@link FormatOptions}.
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

/** Text for figures the API withholds: never shown as 0, always with the reason. */
export function hiddenLabel(minGroupSize: number): string {
  return `hidden (< ${minGroupSize} people)`;
}

/** The options of a report's figures that withholds small groups: nulls say why, shares keep their decimals. */
export function withheldFigures(minGroupSize: number): FormatOptions {
  return { minGroupSize, trailingZeros: true };
}

/** A count with thousands separators: 1089 -> "1,089". */
export function formatCount(value: number | null, options: FormatOptions = {}): string {
  if (value === null) return missing(options);
  return Math.round(value).toLocaleString('en-US');
}

/** A 0..1 share as a percentage: 0.4213 -> "42.1%", 0.5 -> "50%" (or "50.0%" with trailing zeros). */
export function formatShare(value: number | null, options: FormatOptions = {}): string {
  if (value === null) return missing(options);
  return `${decimals(value * 100, options.digits ?? 1, options.trailingZeros)}%`;
}

/** A ratio such as posts per active person, always to two decimals: 1.8802 -> "1.88". */
export function formatRatio(value: number | null, options: FormatOptions = {}): string {
  return value === null ? missing(options) : value.toFixed(2);
}

/** An amount of hours, such as time saved per year: 12.345 -> "12.3 h", 1234 -> "1,234 h". */
export function formatHours(value: number | null, options: FormatOptions = {}): string {
  if (value === null) return missing(options);
  return `${decimals(value, 1, false)} h`;
}

/** A waiting time in hours, shown as minutes below one hour and as days from 48 hours on: 0.25 -> "15 min". */
export function formatWaitingTime(value: number | null, options: FormatOptions = {}): string {
  if (value === null) return missing(options);
  if (value < 1) return `${Math.round(value * 60)} min`;
  if (value >= 48) return `${(value / 24).toFixed(1)} days`;
  return `${value.toFixed(1)} h`;
}

/** A money amount without cents: ("EUR", 1234567) -> "€1,234,567". */
export function formatMoney(amount: number, currency: string): string {
  return new Intl.NumberFormat('en-US', { style: 'currency', currency, maximumFractionDigits: 0 }).format(
    amount,
  );
}

/** A change of a fraction in percentage points, signed: 0.031 -> "+3.1 pts". */
export function formatPointsChange(change: number): string {
  const points = Math.round(change * 1000) / 10;
  return `${signOf(points)}${decimals(Math.abs(points), 1, false)} pts`;
}

/** A change of a count, signed with a real minus: -12 -> "−12", 0 -> "±0". */
export function formatCountChange(change: number): string {
  return `${signOf(change)}${formatCount(Math.abs(change))}`;
}

/** "2026-06-30" -> "30 Jun 2026" (dates are calendar days: read and printed in UTC so they never shift). */
export function formatDay(day: string): string {
  return new Date(`${day}T00:00:00Z`).toLocaleDateString('en-GB', {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
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

/** One Intl.NumberFormat per style, built once: charts and tables format hundreds of figures per render. */
const numberFormats = new Map<string, Intl.NumberFormat>();

function decimals(value: number, digits: number, trailingZeros = false): string {
  const key = `${digits}:${trailingZeros}`;
  let format = numberFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat('en-US', {
      minimumFractionDigits: trailingZeros ? digits : 0,
      maximumFractionDigits: digits,
    });
    numberFormats.set(key, format);
  }
  return format.format(value);
}

function signOf(value: number): string {
  if (value > 0) return '+';
  return value < 0 ? '\u2212' : '±';
}
