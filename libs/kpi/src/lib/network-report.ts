import type { BoundaryCrossing, NetworkReport, NetworkUnit } from '@uptake/contracts';
import type { NetworkPerson } from './kpi-data';
import {
  BOUNDARY_KINDS,
  champions,
  crossBoundaryShares,
  networkSummary,
  unitInteractionMatrix,
  type Interaction,
} from './network';
import { isSuppressed, suppressionReason } from './suppression';

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
  k: number,
): Omit<NetworkReport, 'scope'> {
  const reason = suppressionReason(k);
  const summary = networkSummary(interactions);
  const summaryHidden = isSuppressed(summary.people, k);
  const shares = crossBoundaryShares(interactions, people);
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
  for (const champion of champions(interactions, people, {
    earlyShare: EARLY_ADOPTER_SHARE,
    top: CHAMPIONS_CONSIDERED,
  })) {
    const unit = people.get(champion.person)?.unit;
    if (unit) championUnits.set(unit, (championUnits.get(unit) ?? 0) + 1);
  }

  const matrix = unitInteractionMatrix(interactions, people);
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
    return {
      orgUnitId: node.unit,
      name,
      people: node.people,
      internalInteractions: node.internalInteractions,
      outgoingInteractions: node.outgoingInteractions,
      incomingInteractions: node.incomingInteractions,
      champions: isSuppressed(championCount, k) ? null : championCount,
      ...(isSuppressed(championCount, k) ? { suppressed: reason } : {}),
    };
  });
  const visible = matrix.links.filter(
    (link) => !isSuppressed(link.actors, k) && !isSuppressed(link.targets, k),
  );
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
          people: summary.people,
          interactions: summary.interactions,
          density: summary.density,
          averageDegree: summary.averageDegree,
          components: summary.components,
          largestComponentShare: summary.largestComponentShare,
        },
    crossing,
    units,
    links: visible.map((link) => ({
      source: link.source,
      target: link.target,
      interactions: link.interactions,
    })),
    hiddenLinks: matrix.links.length - visible.length,
    ...(summaryHidden ? { suppressed: reason } : {}),
  };
}
