/**
 * A zone name as the tz database spells it (Area/Location, or UTC): Intl also takes offsets such as "+01:00"
 * and names in any case, which Postgres would read differently (a POSIX offset has the opposite sign) or
 * store in another spelling.
 */
const TZ_NAME = /^[A-Z][A-Za-z0-9_+-]{0,29}(\/[A-Za-z0-9_+-]{1,30}){0,2}$/;

/** Whether `value` names an IANA time zone this runtime's ICU knows (Europe/Berlin, America/New_York, UTC). */
export function isIanaTimeZone(value: unknown): value is string {
  if (typeof value !== 'string' || !TZ_NAME.test(value)) return false;
  // Links such as UTC, Europe/Kyiv or US/Eastern are valid too, so ask Intl rather than its canonical list.
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

/** How a bad zone is described (after the field's name). */
export const TIME_ZONE_MESSAGE = 'must be an IANA time zone such as Europe/Berlin or UTC';
