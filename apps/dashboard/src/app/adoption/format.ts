/** Text for figures the API withholds: never shown as 0, always with the reason. */
export function hiddenLabel(minGroupSize: number): string {
  return `hidden (< ${minGroupSize} people)`;
}

/** A 0..1 share as a percentage ("39.8%"), or the hidden label when withheld. */
export function formatShare(value: number | null, minGroupSize: number, digits = 1): string {
  return value === null ? hiddenLabel(minGroupSize) : `${(value * 100).toFixed(digits)}%`;
}

/** A count with thousands separators ("1,089"), or the hidden label when withheld. */
export function formatCount(value: number | null, minGroupSize: number): string {
  return value === null ? hiddenLabel(minGroupSize) : Math.round(value).toLocaleString('en-US');
}

/** A ratio such as posts per active person, to two decimals, or the hidden label when withheld. */
export function formatRatio(value: number | null, minGroupSize: number): string {
  return value === null ? hiddenLabel(minGroupSize) : value.toFixed(2);
}

/** Hours, shown as minutes below one hour and as days from 48 hours on. */
export function formatHours(value: number | null, minGroupSize: number): string {
  if (value === null) return hiddenLabel(minGroupSize);
  if (value < 1) return `${Math.round(value * 60)} min`;
  if (value >= 48) return `${(value / 24).toFixed(1)} days`;
  return `${value.toFixed(1)} h`;
}

/** Whole days between two ISO dates shifted, in UTC so time zones and daylight saving do not matter. */
export function addDays(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** "7 Apr 2026" for an ISO date. */
export function formatDay(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  return date.toLocaleDateString('en-GB', {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  });
}

/** Per-point ECharts value: null stays null, so a withheld figure is a gap, not a zero. */
export function percentOrNull(value: number | null): number | null {
  return value === null ? null : Math.round(value * 1000) / 10;
}

/** Days from one ISO date to another (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}
