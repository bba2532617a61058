import { z } from 'zod';
import { got, instant, numberFrom, uuid } from './fields';
import { localeSchema } from './locale';
import { isIanaTimeZone, TIME_ZONE_MESSAGE } from './time-zone';

/** Bounds of the organisation settings (checked by the API, used by the dashboard's form). */
export const ORGANISATION_SETTINGS_LIMITS = {
  nameMaxLength: 120,
  minGroupSize: { min: 2, max: 100 },
  workingDaysPerYear: { min: 1, max: 366 },
  defaultHourlyCost: { min: 0, max: 10_000 },
  eventRetentionMonths: { min: 3, max: 120 },
} as const;
const LIMITS = ORGANISATION_SETTINGS_LIMITS;

const RETENTION_DESCRIPTION =
  'Months of activity events kept before the current month (in the time zone); older events and their ' +
  'KPI rollups are deleted by the worker daily. null keeps everything (the default).';

const TIME_ZONE_DESCRIPTION =
  'IANA zone (e.g. Europe/Berlin) of the day and week boundaries of every KPI. Changing it queues a refresh ' +
  "of the organisation's rollups over all its events; until it has run, KPIs show the old zone's days.";

/** GET/PATCH /organisations/:id/settings. The disclosure switch (perturbation) is deliberately not here. */
export const organisationSettingsSchema = z.object({
  id: uuid(),
  name: z.string().min(1).max(LIMITS.nameMaxLength),
  timeZone: z.string().meta({ example: 'Europe/Berlin' }).describe(TIME_ZONE_DESCRIPTION),
  minGroupSize: z
    .number()
    .min(LIMITS.minGroupSize.min)
    .max(LIMITS.minGroupSize.max)
    .describe('k: aggregates over fewer distinct people are withheld'),
  workingDaysPerYear: z
    .number()
    .min(LIMITS.workingDaysPerYear.min)
    .max(LIMITS.workingDaysPerYear.max)
    .describe("Business goals' value model: working days a year, for goals that set none"),
  defaultHourlyCost: z
    .number()
    .min(LIMITS.defaultHourlyCost.min)
    .max(LIMITS.defaultHourlyCost.max)
    .describe(
      "Business goals' value model: cost of an hour of work (in the goal's currency), for goals that set none",
    ),
  defaultLocale: localeSchema.describe(
    'Language of the dashboard, digests, alerts and exports for members who chose none',
  ),
  eventRetentionMonths: z
    .number()
    .min(LIMITS.eventRetentionMonths.min)
    .max(LIMITS.eventRetentionMonths.max)
    .nullable()
    .describe(RETENTION_DESCRIPTION),
});
export type OrganisationSettings = z.infer<typeof organisationSettingsSchema>;

export const ORGANISATION_SETTINGS_FIELDS = [
  'name',
  'timeZone',
  'minGroupSize',
  'workingDaysPerYear',
  'defaultHourlyCost',
  'defaultLocale',
  'eventRetentionMonths',
] as const;
export type OrganisationSettingsField = (typeof ORGANISATION_SETTINGS_FIELDS)[number];

/** Why a name is refused (it is trimmed first), or null: 1 to 120 characters, no control characters. */
function nameProblem(value: string): string | null {
  if (value.length === 0) return 'must not be empty';
  if (value.length > LIMITS.nameMaxLength)
    return `must be at most ${LIMITS.nameMaxLength} characters (got ${value.length})`;
  // Control characters would break titles, lists and exports.
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(value)) return `must not contain control characters (got ${got(value)})`;
  return null;
}

const organisationName = z
  .string({ error: (issue) => `must be text (got ${got(issue.input)})` })
  .trim()
  .superRefine((value, ctx) => {
    const problem = nameProblem(value);
    if (problem) ctx.addIssue({ code: 'custom', message: problem, input: value });
  })
  .meta({ minLength: 1, maxLength: LIMITS.nameMaxLength, example: 'Acme Ltd' })
  .describe('Trimmed; no control characters');

const timeZoneMessage = (issue: { input?: unknown }) => `${TIME_ZONE_MESSAGE} (got ${got(issue.input)})`;
/** Known to this runtime's ICU; the API checks Postgres knows it too. */
const timeZone = z
  .string({ error: timeZoneMessage })
  .refine(isIanaTimeZone, { error: timeZoneMessage })
  .meta({ example: 'Europe/Berlin' })
  .describe(TIME_ZONE_DESCRIPTION);

/**
 * The body of PATCH …/settings: only the fields to change. A field may be left out but not sent as null
 * (every setting has a value), except eventRetentionMonths, whose null means "keep every event"; unknown
 * fields (perturbation among them) are refused.
 */
export const organisationSettingsPatchSchema = z.strictObject({
  name: organisationName.optional(),
  timeZone: timeZone.optional(),
  minGroupSize: numberFrom(LIMITS.minGroupSize)
    .optional()
    .meta({ type: 'integer', example: 5 })
    .describe('k; changing it needs no refresh (cached reports are keyed by it)'),
  workingDaysPerYear: numberFrom(LIMITS.workingDaysPerYear)
    .optional()
    .meta({ type: 'integer', example: 220 }),
  defaultHourlyCost: numberFrom(LIMITS.defaultHourlyCost, 'amount')
    .optional()
    .meta({ example: 60 })
    .describe('A currency amount: at most 2 decimals'),
  defaultLocale: localeSchema.optional(),
  // The one setting that may be null: null removes the policy (keep everything).
  eventRetentionMonths: numberFrom(LIMITS.eventRetentionMonths)
    .meta({ type: 'integer' })
    .nullable()
    .optional()
    .meta({ example: 24 })
    .describe(RETENTION_DESCRIPTION),
});
export type OrganisationSettingsPatch = z.infer<typeof organisationSettingsPatchSchema>;

/** The answer to PATCH …/settings. */
export const organisationSettingsChangeSchema = z.object({
  settings: organisationSettingsSchema,
  changed: z
    .array(z.enum(ORGANISATION_SETTINGS_FIELDS))
    .describe('Fields whose value changed (audited); empty when the body held the current values'),
  rollupRefresh: z
    .object({
      from: instant.describe('Two days before the first event'),
      to: instant.describe('Two days after the last event'),
    })
    .nullable()
    .describe(
      'The rollup refresh queued on the recompute queue because the time zone changed (null otherwise or without events)',
    ),
});
export type OrganisationSettingsChange = z.infer<typeof organisationSettingsChangeSchema>;
