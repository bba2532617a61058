import { z } from 'zod';
import { uuid } from './fields';

/** What a member may do in an organisation (see the API's role policy per route). */
export const ROLES = ['admin', 'change_manager', 'executive', 'connector_maintainer'] as const;
export type Role = (typeof ROLES)[number];

export const organisationSummarySchema = z.object({
  id: uuid(),
  name: z.string(),
  slug: z.string(),
  minGroupSize: z.number().describe('k: aggregates over fewer distinct people than this are suppressed'),
  perturbation: z
    .boolean()
    .describe(
      'Counts are perturbed by the cell-key method (at most ±2 people, the same figure for the same people every time)',
    ),
  people: z.number().describe('People currently in the directory (not left)'),
});
export type OrganisationSummary = z.infer<typeof organisationSummarySchema>;
