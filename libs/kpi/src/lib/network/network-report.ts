import type { BoundaryCrossing, NetworkReport, NetworkUnit } from '@uptake/contracts';
import { PeopleCell, publishMagnitude, type DisclosureRule, type PeopleCount } from '../disclosure/cell-key';
import { isSuppressed, protect, suppressionReason } from '../disclosure/suppression';
import { championsOf } from './champions';
import { BOUNDARY_KINDS, crossBoundarySharesOf } from './cross-boundary';
import type { NetworkPerson } from './network-data';
import { summaryOf } from './network-summary';
import { involvementOf, numberNetwork } from './numbered-network';
import type { Interaction } from './types';
import { unitInteractionMatrixOf } from './unit-matrix';

/** Innovators and early adopters (Rogers: 2.5% + 13.5%): the pool champions come from. */
export const EARLY_ADOPTER_SHARE = 0.16;
/** Champions counted per unit in the aggregate view. */
export const CHAMPIONS_CONSIDERED = 50;

/**
 * The aggregate network view anyone reading KPIs may see: no person appears. Shares, units and links
 * resting on 1..k-1 people are withheld (a link with one person on a side would show that person's activity).
 */
export function networkReport(
  interactions: readonly Interaction[],
  people: ReadonlyMap<string, NetworkPerson>,
  unitNames: ReadonlyMap<string, string>,
  k: DisclosureRule,
): Omit<NetworkReport, 'scope'> {
  const reason = suppressionReason(k);
  // Numbered once: every part below reads the same typed arrays (see NumberedNetwork).
  const network = numberNetwork(interactions, people);
  const recordKeyOf = (person: number) => people.get(network.ids[person])?.recordKey ?? 0;
  const summary = summaryOf(network);
  const summaryHidden = isSuppressed(summary.people, k);
  const involvement = involvementOf(network);
  const summaryCell = new PeopleCell();
  let mostInvolved = 0;
  involvement.forEach((total, person) => {
    if (total === 0) return;
    summaryCell.add(recordKeyOf(person));
    mostInvolved = Math.max(mostInvolved, total);
  });
  const shares = crossBoundarySharesOf(network);
  const crossing = Object.fromEntries(
    BOUNDARY_KINDS.map((kind): [string, BoundaryCrossing] => {
      const boundary = shares.boundaries[kind];
      return isSuppressed(boundary.distinctPeople, k)
        ? [kind, { share: null, interactions: null, people: null, suppressed: reason }]
        : [
            kind,
            {
              share: boundary.share,
              interactions: boundary.comparableInteractions,
              people: boundary.distinctPeople,
            },
          ];
    }),
  ) as NetworkReport['crossing'];

  const championUnits = new Map<string, number>();
  for (const champion of championsOf(network, {
    earlyShare: EARLY_ADOPTER_SHARE,
    top: CHAMPIONS_CONSIDERED,
  })) {
    const unit = people.get(champion.person)?.unit;
    if (unit) championUnits.set(unit, (championUnits.get(unit) ?? 0) + 1);
  }

  const matrix = unitInteractionMatrixOf(network, recordKeyOf);
  const magnitude = (total: number, top: number, cell: PeopleCount) =>
    Math.round(publishMagnitude(total, top, cell, k));
  // A link is shown only when both sides hold k people; the rest would be readable as a unit's total
  // minus its shown links, so a unit's outgoing and incoming interactions are the sums of its shown links.
  const visible = matrix.links
    .filter((link) => !isSuppressed(link.actors, k) && !isSuppressed(link.targets, k))
    .map((link) => ({
      source: link.source,
      target: link.target,
      interactions: link.cells ? magnitude(link.interactions, link.cells.top, link.cells.actors) : 0,
    }));
  const shownOutgoing = new Map<string, number>();
  const shownIncoming = new Map<string, number>();
  for (const link of visible) {
    shownOutgoing.set(link.source, (shownOutgoing.get(link.source) ?? 0) + link.interactions);
    shownIncoming.set(link.target, (shownIncoming.get(link.target) ?? 0) + link.interactions);
  }
  const units = matrix.units.map((node): NetworkUnit => {
    const name = unitNames.get(node.unit) ?? node.unit;
    if (isSuppressed(node.people, k)) {
      return {
        orgUnitId: node.unit,
        name,
        people: null,
        internalInteractions: null,
        outgoingInteractions: null,
        incomingInteractions: null,
        champions: null,
        suppressed: reason,
      };
    }
    const championCount = championUnits.get(node.unit) ?? 0;
    const cells = node.cells ?? { people: { count: node.people, key: 0 }, top: 0 };
    return {
      orgUnitId: node.unit,
      name,
      people: protect(cells.people, k),
      internalInteractions: magnitude(node.internalInteractions, cells.top, cells.people),
      outgoingInteractions: shownOutgoing.get(node.unit) ?? 0,
      incomingInteractions: shownIncoming.get(node.unit) ?? 0,
      champions: isSuppressed(championCount, k) ? null : championCount,
      ...(isSuppressed(championCount, k) ? { suppressed: reason } : {}),
    };
  });
  return {
    summary: summaryHidden
      ? {
          people: null,
          interactions: null,
          density: null,
          averageDegree: null,
          components: null,
          largestComponentShare: null,
        }
      : {
          people: protect(summaryCell, k),
          interactions: magnitude(summary.interactions, mostInvolved, summaryCell),
          density: summary.density,
          averageDegree: summary.averageDegree,
          components: summary.components,
          largestComponentShare: summary.largestComponentShare,
        },
    crossing,
    units,
    links: visible,
    hiddenLinks: matrix.links.length - visible.length,
    ...(summaryHidden ? { suppressed: reason } : {}),
  };
}
