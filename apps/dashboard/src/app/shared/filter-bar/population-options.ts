import type { GroupKind, GroupView, OrgUnitView } from '@uptake/contracts';

/** One line of the org-unit select: the unit, its depth in the tree and a label indented to match. */
export interface OrgUnitOption {
  id: string;
  depth: number;
  label: string;
}

/** Non-breaking spaces, because browsers collapse ordinary spaces at the start of an <option>. */
const INDENT = '\u00a0\u00a0\u00a0';

/**
 * The organisation's structure as a depth-first list (siblings by name), for an indented <select>.
 * A unit whose parent is missing from the list is shown as a root, so no unit ever disappears from the filter;
 * a (corrupt) cycle is cut where it would repeat a unit.
 */
export function orgUnitOptions(units: readonly OrgUnitView[]): OrgUnitOption[] {
  const known = new Set(units.map((unit) => unit.id));
  const children = new Map<string | null, OrgUnitView[]>();
  for (const unit of units) {
    const parent = unit.parentId !== null && known.has(unit.parentId) ? unit.parentId : null;
    children.set(parent, [...(children.get(parent) ?? []), unit]);
  }
  for (const list of children.values()) list.sort((a, b) => a.name.localeCompare(b.name));

  const options: OrgUnitOption[] = [];
  const visited = new Set<string>();
  const visit = (unit: OrgUnitView, depth: number): void => {
    if (visited.has(unit.id)) return;
    visited.add(unit.id);
    options.push({ id: unit.id, depth, label: INDENT.repeat(depth) + unit.name });
    for (const child of children.get(unit.id) ?? []) visit(child, depth + 1);
  };
  for (const root of children.get(null) ?? []) visit(root, 0);
  // Units only reachable through a cycle have no root above them: list them at the top level.
  for (const unit of units) visit(unit, 0);
  return options;
}

/** A labelled set of groups for an <optgroup>. */
export interface GroupSection {
  label: string;
  groups: { id: string; name: string }[];
}

/** Cohorts (rollout phases) first, as they are what people compare most; then the source's own groups. */
const GROUP_SECTIONS: { kind: GroupKind; label: string }[] = [
  { kind: 'cohort', label: $localize`:@@shared.groups.cohorts:Rollout cohorts` },
  { kind: 'community', label: $localize`:@@shared.groups.communities:Communities` },
  { kind: 'team', label: $localize`:@@shared.groups.teams:Teams` },
  { kind: 'channel', label: $localize`:@@shared.groups.channels:Channels` },
  { kind: 'group', label: $localize`:@@shared.groups.groups:Groups` },
];

/** Groups in sections by kind, each sorted by name; empty sections are left out. */
export function groupSections(groups: readonly GroupView[]): GroupSection[] {
  return GROUP_SECTIONS.map(({ kind, label }) => ({
    label,
    groups: groups
      .filter((group) => group.kind === kind)
      .map(({ id, name }) => ({ id, name }))
      .sort((a, b) => a.name.localeCompare(b.name)),
  })).filter((section) => section.groups.length > 0);
}
