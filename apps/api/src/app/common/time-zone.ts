/**
 * A zone name as the tz database spells it (Area/Location, or UTC): Intl also takes offsets such as "+01:00"
 * and names in any case, which Postgres would read differently (a POSIX offset has the opposite sign) or
 * store in another spelling.
 */
const TZ_NAME = /^[A-Z][A-Za-z0-9_+-]{0,29}(\/[A-Za-z0-9_+-]{1,30}){0,2}$/;
const CANONICAL_ZONES = new Set(Intl.supportedValuesOf('timeZone'));

/** Whether `value` names an IANA time zone that this Node's ICU knows. */
export function isIanaTimeZone(value: unknown): value is string {
  if (typeof value !== 'string' || !TZ_NAME.test(value)) return false;
  if (CANONICAL_ZONES.has(value)) return true;
  // Links such as UTC, Europe/Kyiv or US/Eastern are not listed (only canonical names are) but are valid.
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

/** How a bad zone is described (after the field's name). */
export const TIME_ZONE_MESSAGE = 'must be an IANA time zone such as Europe/Berlin or UTC';
