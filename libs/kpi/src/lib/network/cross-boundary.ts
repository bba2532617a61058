import { attributeNumbers, numberNetwork, type NumberedNetwork } from './numbered-network';
import type { Interaction, PeopleAttributes, PersonAttributes } from './types';

/**
 * Boundaries an interaction can cross. `hierarchyLevel` crossings are vertical communication
 * (between different levels); the other two are horizontal silos (departments, merged companies).
 */
export type BoundaryKind = 'department' | 'hierarchyLevel' | 'legacyCompany';

export const BOUNDARY_KINDS: readonly BoundaryKind[] = ['department', 'hierarchyLevel', 'legacyCompany'];

export interface BoundaryShare {
  /** Interactions (weighted by count) whose two people differ on this attribute. */
  crossingInteractions: number;
  /** Interactions (weighted by count) where both people's value is known: the denominator. */
  comparableInteractions: number;
  /** crossing / comparable; null when nothing is comparable (a 0 would claim "no crossing"). */
  share: number | null;
  /** Distinct people in the comparable interactions, for the caller's minimum-group-size rule. */
  distinctPeople: number;
}

export interface CrossBoundaryShares {
  /** All counted interactions (weighted), comparable or not: shows how much the attributes cover. */
  totalInteractions: number;
  /** Distinct people in all counted interactions. */
  distinctPeople: number;
  boundaries: Record<BoundaryKind, BoundaryShare>;
}

const attributeOf: Record<BoundaryKind, (person: PersonAttributes) => string | number | null> = {
  department: (person) => person.unit ?? null,
  hierarchyLevel: (person) => person.level ?? null,
  legacyCompany: (person) => person.legacyCompany ?? null,
};

/**
 * Share of interactions crossing each boundary. An interaction where either person's value is
 * unknown (null, or the person is missing from `people`) is left out of that boundary's numerator
 * and denominator: counting it as "same" or "different" would bias the share either way, so the
 * share describes only the interactions it can judge. Self-interactions are ignored (see
 * `countedInteractions`).
 */
export function crossBoundaryShares(
  interactions: Iterable<Interaction>,
  people: PeopleAttributes,
): CrossBoundaryShares {
  return crossBoundarySharesOf(numberNetwork(interactions, people));
}

/** `crossBoundaryShares` on an already numbered network. */
export function crossBoundarySharesOf(network: NumberedNetwork): CrossBoundaryShares {
  const values = BOUNDARY_KINDS.map((kind) => attributeNumbers(network, attributeOf[kind]).byPerson);
  // Per person, one bit per boundary kind on which they took part in a comparable interaction, and a bit
  // for taking part at all.
  const involvement = new Uint8Array(network.ids.length);
  const present = 1 << BOUNDARY_KINDS.length;
  const tallies = BOUNDARY_KINDS.map(() => ({ crossing: 0, comparable: 0 }));
  let totalInteractions = 0;
  const { actors, targets, counts } = network;
  for (let i = 0; i < counts.length; i++) {
    const actor = actors[i];
    const target = targets[i];
    const count = counts[i];
    totalInteractions += count;
    let bits = present;
    for (let kind = 0; kind < values.length; kind++) {
      const actorValue = values[kind][actor];
      const targetValue = values[kind][target];
      if (actorValue < 0 || targetValue < 0) continue;
      const tally = tallies[kind];
      tally.comparable += count;
      if (actorValue !== targetValue) tally.crossing += count;
      bits |= 1 << kind;
    }
    involvement[actor] |= bits;
    involvement[target] |= bits;
  }

  const involved = BOUNDARY_KINDS.map(() => 0);
  let distinctPeople = 0;
  for (const bits of involvement) {
    if (!bits) continue;
    distinctPeople++;
    for (let kind = 0; kind < involved.length; kind++) if (bits & (1 << kind)) involved[kind]++;
  }
  const boundaries = Object.fromEntries(
    BOUNDARY_KINDS.map((kind, index) => {
      const { crossing, comparable } = tallies[index];
      const share: BoundaryShare = {
        crossingInteractions: crossing,
        comparableInteractions: comparable,
        share: comparable > 0 ? crossing / comparable : null,
        distinctPeople: involved[index],
      };
      return [kind, share];
    }),
  ) as Record<BoundaryKind, BoundaryShare>;

  return { totalInteractions, distinctPeople, boundaries };
}
