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
});
export type VivaEngageExportSettings = z.infer<typeof vivaEngageExportSettings>;
