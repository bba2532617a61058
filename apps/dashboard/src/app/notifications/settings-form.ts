import {
  type DigestFrequency,
  type NotificationSettings,
  type NotificationSettingsInput,
} from '@uptake/contracts';
import { formErrors } from '../admin/http-errors';
import type { FieldMessages } from '../shared/field-errors';

/** The fields of the digest and quiet-hours forms as the API's 400s name them. */
export const SETTINGS_FIELDS = [
  'digest.enabled',
  'digest.frequency',
  'digest.dayOfWeek',
  'digest.time',
  'quietHours.start',
  'quietHours.end',
  'quietHours',
] as const;
export type SettingsField = (typeof SETTINGS_FIELDS)[number];

export interface DigestDraft {
  enabled: boolean;
  frequency: DigestFrequency;
  dayOfWeek: number;
  time: string;
}

/** Quiet hours as the form holds them: off, or a start and an end (kept while off, to switch on again). */
export interface QuietHoursDraft {
  on: boolean;
  start: string;
  end: string;
}

export function digestDraftOf(settings: NotificationSettings): DigestDraft {
  return { ...settings.digest };
}

/** Off shows 22:00 to 07:00, the usual night, ready to switch on. */
export function quietHoursDraftOf(settings: NotificationSettings): QuietHoursDraft {
  return settings.quietHours
    ? { on: true, ...settings.quietHours }
    : { on: false, start: '22:00', end: '07:00' };
}

/**
 * The PUT body: the API replaces the digest schedule and the quiet hours together, so a form that changes
 * one sends the other as saved. The day of week goes along for a daily digest too (the API ignores it then,
 * and it is there again when switching back to weekly). An emptied time goes as typed: the API's message says
 * what a time must look like.
 */
export function settingsBody(
  saved: NotificationSettings,
  change: { digest?: DigestDraft; quietHours?: QuietHoursDraft },
): NotificationSettingsInput {
  const digest = change.digest ?? saved.digest;
  const quiet = change.quietHours;
  return {
    digest: {
      enabled: digest.enabled,
      frequency: digest.frequency,
      dayOfWeek: digest.dayOfWeek,
      time: digest.time.trim(),
    },
    quietHours: quiet ? (quiet.on ? { start: quiet.start, end: quiet.end } : null) : saved.quietHours,
  };
}

/** Whether a draft differs from what is saved (the save button is off until it does). */
export function digestChanged(saved: NotificationSettings, draft: DigestDraft): boolean {
  const digest = saved.digest;
  return (
    digest.enabled !== draft.enabled ||
    digest.frequency !== draft.frequency ||
    digest.dayOfWeek !== draft.dayOfWeek ||
    digest.time !== draft.time
  );
}

export function quietHoursChanged(saved: NotificationSettings, draft: QuietHoursDraft): boolean {
  const quiet = saved.quietHours;
  if (!quiet) return draft.on;
  return !draft.on || quiet.start !== draft.start || quiet.end !== draft.end;
}

/** A failed save's messages at the fields they name ("digest.time must be …", "quietHours.end start and …"). */
export function settingsErrors(error: unknown): FieldMessages<SettingsField> {
  return formErrors(error, SETTINGS_FIELDS);
}
