import { z } from 'zod';
import { calendarDay, day, text } from './fields';
import { suppressedSchema } from './privacy';

/** An absolute http(s) URL whose host name has a top-level domain (as class-validator's isURL required). */
const WEB_URL = /^(https?|ftp):\/\/([^\s/?#@]+@)?[^\s/?#@:]+\.[a-z]{2,}\.?(:\d{1,5})?([/?#]\S*)?$/i;

/** PUT /organisations/:id/governance/guidelines: publish a version (the same version again corrects it). */
export const guidelinesSchema = z.strictObject({
  version: text({ min: 1, max: 40 }).meta({ example: '2.0' }),
  title: text({ min: 1, max: 200 }).meta({ example: 'Working out loud: how we use Viva Engage' }),
  publishedOn: calendarDay().describe('From EVENT_EARLIEST_DATE up to 10 years ahead'),
  url: text({ max: 2048 }).regex(WEB_URL, { error: 'must be an absolute http(s) URL' }).nullish(),
});
export type GuidelinesRequest = z.infer<typeof guidelinesSchema>;

export const acknowledgementSchema = z.strictObject({
  person: text({ min: 1, max: 320 }).meta({
    description: 'The person as the directory knows them (e-mail, or the HR id used by the directory import)',
    example: 'ada@example.com',
  }),
  acknowledgedOn: calendarDay().optional().describe('From EVENT_EARLIEST_DATE up to tomorrow (UTC)'),
});
export type Acknowledgement = z.infer<typeof acknowledgementSchema>;

/** An export of the LMS or intranet: who acknowledged which version. Identities are hashed at once. */
export const acknowledgementsImportSchema = z.strictObject({
  version: text({ min: 1, max: 40 }).meta({ example: '2.0' }),
  people: z
    .array(acknowledgementSchema, { error: 'must be an array' })
    .max(100_000, { error: 'must contain no more than 100000 elements' }),
});
export type AcknowledgementsImport = z.infer<typeof acknowledgementsImportSchema>;

export const acknowledgementsResultSchema = z.object({
  version: z.string(),
  received: z.number().describe('Rows received'),
  matched: z.number().describe('Rows matched to a person of the organisation and stored'),
  unknown: z.number().describe('Rows naming nobody known to Uptake (not stored)'),
});
export type AcknowledgementsResult = z.infer<typeof acknowledgementsResultSchema>;

/** Usage guidelines of the social network and who acknowledged them (imported from an HR or LMS export). */
export const governanceReportSchema = z.object({
  guidelines: z
    .object({ version: z.string(), title: z.string(), publishedOn: day, url: z.string().nullable() })
    .nullable()
    .describe('The latest published guidelines version'),
  eligible: z.number().nullable().describe('Eligible people (directory) of the organisation'),
  acknowledged: z.number().nullable().describe('Of those, people who acknowledged the current version'),
  share: z.number().nullable(),
  suppressed: suppressedSchema,
});
export type GovernanceReport = z.infer<typeof governanceReportSchema>;
