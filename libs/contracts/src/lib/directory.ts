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
export interface OrgUnitView {
  id: string;
  parentId: string | null;
  name: string;
  kind: OrgUnitKind;
  /** People directly in the unit and its subtree (directory), null below k. */
  people: number | null;
}

/** GET /organisations/:id/groups: channels, communities and cohorts (pilot groups) to filter on. */
export interface GroupView {
  id: string;
  name: string;
  kind: GroupKind;
  /** The source the group came from, null for cohorts defined in Uptake (rollout phases). */
  sourceId: string | null;
  /** Members, null below k. */
  members: number | null;
}
