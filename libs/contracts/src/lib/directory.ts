import { z } from 'zod';
import { uuid } from './fields';

/** Kinds of node in an organisation's structure; 'legacy_company' marks the companies before a merger. */
export const ORG_UNIT_KINDS = [
  'organisation',
  'division',
  'department',
  'team',
  'legacy_company',
  'location',
  'other',
] as const;
export type OrgUnitKind = (typeof ORG_UNIT_KINDS)[number];

/** Kinds of group: containers of activity, or (cohort) a set of people defined in Uptake such as a pilot. */
export const GROUP_KINDS = ['channel', 'community', 'team', 'group', 'cohort'] as const;
export type GroupKind = (typeof GROUP_KINDS)[number];

/** GET /organisations/:id/org-units: the organisation's structure (for filters and labels). */
export const orgUnitViewSchema = z.object({
  id: uuid(),
  parentId: uuid().nullable(),
  name: z.string(),
  kind: z.enum(ORG_UNIT_KINDS),
  people: z.number().nullable().describe('People in the subtree (directory); null below k'),
});
export type OrgUnitView = z.infer<typeof orgUnitViewSchema>;

/** GET /organisations/:id/groups: channels, communities and cohorts (pilot groups) to filter on. */
export const groupViewSchema = z.object({
  id: uuid(),
  name: z.string(),
  kind: z.enum(GROUP_KINDS),
  sourceId: uuid().nullable().describe('null for cohorts defined in Uptake (rollout phases)'),
  members: z.number().nullable().describe('null below k'),
});
export type GroupView = z.infer<typeof groupViewSchema>;
