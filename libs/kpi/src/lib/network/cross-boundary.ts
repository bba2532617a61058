import { countedInteractions } from './interactions';
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

const attributeOf: Record<BoundaryKind, (person: PersonAttributes | undefined) => string | number | null> = {
  department: (person) => person?.unit ?? null,
  hierarchyLevel: (person) => person?.level ?? null,
  legacyCompany: (person) => person?.legacyCompany ?? null,
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
  let totalInteractions = 0;
  // Per person, one bit per boundary kind on which they took part in a comparable interaction (and the
  // person's presence as the key): one map write per person and interaction instead of a set per kind.
  const involvement = new Map<string, number>();
  const tallies = BOUNDARY_KINDS.map(() => ({ crossing: 0, comparable: 0 }));

  for (const { actor, target, count } of countedInteractions(interactions)) {
    totalInteractions += count;
    const actorAttributes = people.get(actor);
    const targetAttributes = people.get(target);
    let bits = 0;
    BOUNDARY_KINDS.forEach((kind, index) => {
      const actorValue = attributeOf[kind](actorAttributes);
      const targetValue = attributeOf[kind](targetAttributes);
      if (actorValue === null || targetValue === null) return;
      const tally = tallies[index];
      tally.comparable += count;
      if (actorValue !== targetValue) tally.crossing += count;
      bits |= 1 << index;
    });
    involvement.set(actor, (involvement.get(actor) ?? 0) | bits);
    involvement.set(target, (involvement.get(target) ?? 0) | bits);
  }

  const involved = BOUNDARY_KINDS.map(() => 0);
  for (const bits of involvement.values()) {
    BOUNDARY_KINDS.forEach((_kind, index) => {
      if (bits & (1 << index)) involved[index]++;
    });
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

  return { totalInteractions, distinctPeople: involvement.size, boundaries };
}
