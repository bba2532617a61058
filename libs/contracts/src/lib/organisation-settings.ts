/** Bounds of the organisation settings (checked by the API, used by the dashboard's form). */
export const ORGANISATION_SETTINGS_LIMITS = {
  nameMaxLength: 120,
  minGroupSize: { min: 2, max: 100 },
  workingDaysPerYear: { min: 1, max: 366 },
  defaultHourlyCost: { min: 0, max: 10_000 },
} as const;

/** GET/PATCH /organisations/:id/settings. The disclosure switch (perturbation) is deliberately not here. */
export interface OrganisationSettings {
  id: string;
  name: string;
  /** IANA zone of day and week boundaries in every KPI. */
  timeZone: string;
  /** k: aggregates over fewer distinct people are withheld. */
  minGroupSize: number;
  /** Value model default of goals that set none. */
  workingDaysPerYear: number;
  /** Value model default of goals that set none, in the goals' currency. */
  defaultHourlyCost: number;
}

export type OrganisationSettingsField = Exclude<keyof OrganisationSettings, 'id'>;

/** The body of PATCH …/settings: the fields to change (unknown fields are refused). */
export type OrganisationSettingsPatch = Partial<Pick<OrganisationSettings, OrganisationSettingsField>>;

/** The answer to PATCH …/settings. */
export interface OrganisationSettingsChange {
  settings: OrganisationSettings;
  /** The fields whose value changed (empty when the body held the current values). */
  changed: OrganisationSettingsField[];
  /** The rollup refresh queued because the time zone changed (null otherwise, or without events). */
  rollupRefresh: { from: string; to: string } | null;
}
