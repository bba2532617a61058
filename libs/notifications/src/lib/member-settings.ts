import {
  DEFAULT_DIGEST,
  isLocale,
  type DigestSchedule,
  type Locale,
  type QuietHours,
} from '@uptake/contracts';
import type { NotificationMember, NotificationSetting } from '@uptake/persistence';

/** A member's digest schedule: their row, or the defaults (on, weekly, Monday 08:00) when they have none. */
export function digestScheduleOf(setting: NotificationSetting | null): DigestSchedule {
  if (!setting) return { ...DEFAULT_DIGEST };
  return {
    enabled: setting.digestEnabled,
    frequency: setting.digestFrequency,
    dayOfWeek: setting.digestDayOfWeek,
    time: setting.digestTime,
  };
}

export function quietHoursOf(setting: NotificationSetting | null): QuietHours | null {
  return setting?.quietStart && setting.quietEnd
    ? { start: setting.quietStart, end: setting.quietEnd }
    : null;
}

/**
 * The language a member reads digests and alerts in: `COALESCE(users.locale, organisations.default_locale,
 * 'en')` as the repository selects it, and English for anything this build has no catalogue for.
 */
export function memberLocale(member: Pick<NotificationMember, 'locale'>): Locale {
  return isLocale(member.locale) ? member.locale : 'en';
}
