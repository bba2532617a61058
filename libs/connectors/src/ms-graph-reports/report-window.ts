const DAY_MS = 24 * 60 * 60 * 1000;

/** The days to ask for: `lookbackDays` days ending `lagDays` before today (UTC), oldest first. */
export function reportWindow(now: Date, lookbackDays: number, lagDays: number): string[] {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const last = today - lagDays * DAY_MS;
  return Array.from({ length: lookbackDays }, (_, index) =>
    new Date(last - (lookbackDays - 1 - index) * DAY_MS).toISOString().slice(0, 10),
  );
}

/**
 * The days of the window a sync reads: those after the last day read, and the `refreshDays` days up to it
 * again (reports lag 48 hours and more, and Microsoft republishes the last days with corrected counts). A
 * report never read is read for the whole window.
 */
export function daysToRead(
  window: readonly string[],
  lastRead: string | undefined,
  refreshDays: number,
): string[] {
  if (!lastRead) return [...window];
  const from = addDays(lastRead, 1 - refreshDays);
  return window.filter((day) => day >= from);
}

export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00.000Z`) + days * DAY_MS).toISOString().slice(0, 10);
}
