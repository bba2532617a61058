import { z } from 'zod';

/** Why an aggregate was withheld. */
export const suppressionReasonSchema = z.object({
  code: z.literal('below-k'),
  /** Distinct people behind the aggregate is fewer than this. */
  minGroupSize: z.number().describe('k: the figure rests on fewer distinct people than this'),
});
export type SuppressionReason = z.infer<typeof suppressionReasonSchema>;

/** `suppressed` of a figure: present when some of its values are withheld. */
export const suppressedSchema = suppressionReasonSchema
  .optional()
  .describe('Present when some figures are withheld');
