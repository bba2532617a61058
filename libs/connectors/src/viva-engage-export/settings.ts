import { z } from 'zod';

export const vivaEngageExportSettings = z.strictObject({
  /**
   * Whether Users.csv also feeds the directory (people, departments, locations, join and leave days). Only for
   * an organisation without an HR file: the directory is the truth for people's attributes, so a second
   * source of them would overwrite the HR file's. `never` (default): Users.csv only maps user ids to e-mail
   * addresses.
   */
  directory: z
    .enum(['never', 'users-csv'])
    .default('never')
    .describe('users-csv: Users.csv becomes the directory (only when the organisation has no HR file)'),
  /**
   * `upload` (default, and what every source saved before this setting means): each run reads an uploaded zip.
   * `api`: a sync (scheduled or "Sync now") downloads the exports since the last one from the Data Export API
   * with a verified admin's token; an uploaded zip is still read as an upload.
   */
  mode: z
    .enum(['upload', 'api'])
    .default('upload')
    .describe(
      "upload: read uploaded export zips; api: syncs download the exports since the last one from Viva Engage's Data Export API (verified admin token)",
    ),
  exportUrl: z
    .url()
    .default('https://www.yammer.com/api/v1/export')
    .describe('The Data Export API (mode api)'),
  lookbackDays: z
    .number()
    .int()
    .min(1)
    .max(3_650)
    .default(30)
    .describe('How far back the first API export goes; later ones start where the last one ended'),
  windowDays: z
    .number()
    .int()
    .min(1)
    .max(31)
    .default(1)
    .describe('Days one API export covers (Microsoft recommends daily exports)'),
  maxExportsPerRun: z
    .number()
    .int()
    .min(1)
    .max(366)
    .default(31)
    .describe('API exports one sync downloads at most; the next sync continues where it stopped'),
});
export type VivaEngageExportSettings = z.infer<typeof vivaEngageExportSettings>;

/** No credentials for uploads; mode api needs a verified admin's token for the Data Export API. */
export const vivaEngageExportCredentials = z.strictObject({
  token: z
    .string()
    .trim()
    .regex(/^\S{8,}$/, "must be a verified admin's Yammer token (developer token or Entra ID access token)")
    .optional()
    .describe("A verified admin's Yammer token (mode api only)"),
});
export type VivaEngageExportCredentials = z.infer<typeof vivaEngageExportCredentials>;
