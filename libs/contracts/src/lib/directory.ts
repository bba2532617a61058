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
