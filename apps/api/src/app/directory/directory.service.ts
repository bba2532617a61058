import { Injectable } from '@nestjs/common';
import type { GroupView, OrgUnitView } from '@uptake/contracts';
import { complementaryHidden, organisationDisclosure, protect, type Disclosure } from '@uptake/kpi';
import { DirectoryRepository } from '@uptake/persistence';
import { OrganisationsService } from '../organisations/organisations.service';

/** The organisation's structure and groups, for filters and labels; head counts below k are withheld. */
@Injectable()
export class DirectoryService {
  constructor(
    private readonly organisations: OrganisationsService,
    private readonly directory: DirectoryRepository,
  ) {}

  async orgUnits(organisationId: string): Promise<OrgUnitView[]> {
    const rule = organisationDisclosure(await this.organisations.get(organisationId));
    const rows = await this.directory.orgUnitHeadCounts(organisationId);
    const hidden = hiddenInTree(rows, rule);
    return rows.map((row) => ({
      id: row.id,
      parentId: row.parent_id,
      name: row.name,
      kind: row.kind,
      people: hidden.has(row.id) ? null : protect({ count: row.people, key: row.key }, rule),
    }));
  }

  async groups(organisationId: string): Promise<GroupView[]> {
    const rule = organisationDisclosure(await this.organisations.get(organisationId));
    const rows = await this.directory.groupHeadCounts(organisationId);
    return rows.map((row) => ({
      id: row.id,
      name: row.name,
      kind: row.kind,
      sourceId: row.source_id,
      members: protect({ count: row.members, key: row.key }, rule),
    }));
  }
}

/**
 * Units withheld: 1..k-1 people, plus (for exact figures) complementary suppression among siblings — a unit's head count is its
 * own people plus its children's, so when the withheld children and the unit's own people (never shown)
 * hold 1..k-1 people together, the smallest shown children are withheld too.
 */
function hiddenInTree(
  rows: readonly { id: string; parent_id: string | null; people: number; direct: number }[],
  rule: Disclosure,
): Set<string> {
  const children = new Map<string | null, { id: string; people: number }[]>();
  for (const row of rows) children.set(row.parent_id, [...(children.get(row.parent_id) ?? []), row]);
  const hidden = new Set<string>();
  for (const row of rows) if (row.people > 0 && row.people < rule.k) hidden.add(row.id);
  // Perturbed head counts cannot be subtracted exactly: the sum of the children's noises hides the rest.
  if (rule.perturbation) return hidden;
  for (const parent of rows) {
    const siblings = children.get(parent.id) ?? [];
    if (siblings.length === 0) continue;
    const parts = [parent.direct, ...siblings.map((child) => child.people)];
    const unpublished = [true, ...siblings.map((child) => hidden.has(child.id))];
    const withheld = complementaryHidden(parts, rule, unpublished);
    siblings.forEach((child, index) => {
      if (withheld[index + 1]) hidden.add(child.id);
    });
  }
  return hidden;
}
