const QUOTED_VALUE_MAX = 40;

/** A value as shown in a reason: single-quoted, shortened (reasons are stored in clear in the quarantine). */
export function quoteValue(raw: unknown): string {
  const text = typeof raw === 'string' ? raw : JSON.stringify(raw);
  const short = text.length > QUOTED_VALUE_MAX ? `${text.slice(0, QUOTED_VALUE_MAX - 1)}…` : text;
  return `'${short}'`;
}
