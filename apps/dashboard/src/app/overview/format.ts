/** Number formatting shared by the overview's cards and charts (English, like the rest of the dashboard). */
const counts = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const decimals = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 });

export function formatCount(value: number): string {
  return counts.format(value);
}

/** A fraction as a percentage: 0.4213 -> "42.1%". */
export function formatShare(value: number): string {
  return `${decimals.format(value * 100)}%`;
}

/** A change of a fraction in percentage points, signed: 0.031 -> "+3.1 pts". */
export function formatPointsChange(change: number): string {
  const points = Math.round(change * 1000) / 10;
  return `${signOf(points)}${decimals.format(Math.abs(points))} pts`;
}

/** A change of a count, signed: -12 -> "−12". */
export function formatCountChange(change: number): string {
  return `${signOf(change)}${counts.format(Math.abs(change))}`;
}

/** A money amount without cents: ("EUR", 1234567) -> "€1,234,567". */
export function formatMoney(amount: number, currency: string): string {
  return new Intl.NumberFormat('en-US', { style: 'currency', currency, maximumFractionDigits: 0 }).format(
    amount,
  );
}

export function formatHours(hours: number): string {
  return `${decimals.format(hours)} h`;
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

function signOf(value: number): string {
  if (value > 0) return '+';
  return value < 0 ? '\u2212' : '±';
}
