import type {
  OrganisationSettings,
  OrganisationSettingsField,
  OrganisationSettingsPatch,
} from '@uptake/contracts';

/** The fields of the settings form, in their order on the page (the API names them in its 400s). */
export const SETTINGS_FIELDS: readonly OrganisationSettingsField[] = [
  'name',
  'timeZone',
  'minGroupSize',
  'workingDaysPerYear',
  'defaultHourlyCost',
  'defaultLocale',
  'eventRetentionMonths',
];

const NUMERIC: ReadonlySet<OrganisationSettingsField> = new Set([
  'minGroupSize',
  'workingDaysPerYear',
  'defaultHourlyCost',
  'eventRetentionMonths',
]);
/** Fields whose empty input means null ("no limit"), not a value to check. */
const EMPTY_IS_NULL: ReadonlySet<OrganisationSettingsField> = new Set(['eventRetentionMonths']);

/** What the inputs hold: text, as typed. */
export type SettingsDraft = Record<OrganisationSettingsField, string>;

export function draftOf(settings: OrganisationSettings): SettingsDraft {
  return {
    name: settings.name,
    timeZone: settings.timeZone,
    minGroupSize: String(settings.minGroupSize),
    workingDaysPerYear: String(settings.workingDaysPerYear),
    defaultHourlyCost: String(settings.defaultHourlyCost),
    defaultLocale: settings.defaultLocale,
    eventRetentionMonths: settings.eventRetentionMonths === null ? '' : String(settings.eventRetentionMonths),
  };
}

/**
 * The PATCH body: only fields that differ from the saved settings. A number field holding something that is
 * not a number is sent as typed, so that the API's message (naming the field and the value) is shown. An
 * empty event retention is null: keep every event.
 */
export function changesOf(saved: OrganisationSettings, draft: SettingsDraft): OrganisationSettingsPatch {
  const patch: Record<string, string | number | null> = {};
  for (const field of SETTINGS_FIELDS) {
    const typed = draft[field].trim();
    const value =
      typed === '' && EMPTY_IS_NULL.has(field)
        ? null
        : NUMERIC.has(field) && typed !== '' && Number.isFinite(Number(typed))
          ? Number(typed)
          : typed;
    if (value !== saved[field]) patch[field] = value;
  }
  return patch as OrganisationSettingsPatch;
}

/** Every IANA zone this browser knows, for the time-zone field's suggestions (UTC is a link, not listed). */
export function timeZoneSuggestions(): string[] {
  return ['UTC', ...Intl.supportedValuesOf('timeZone')];
}
