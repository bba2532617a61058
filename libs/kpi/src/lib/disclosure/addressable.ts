import { kOf, type DisclosureRule } from './cell-key';

/**
 * Head counts of a population a user asked for and of the populations it could be compared with by
 * subtraction: the whole organisation, the org unit's parent subtree, for an org unit ∩ group filter each side
 * on its own, and for a group the nearest other group.
 */
export interface PopulationSizes {
  /** The people the figures would be about. */
  population: number;
  organisation: number;
  /** The parent subtree of the filtered org unit, when there is one. */
  parentUnit?: number;
  /** The org unit subtree alone and the group alone, when both are filtered on. */
  unitAlone?: number;
  groupAlone?: number;
  /** The other group (a community, a phase's cohort) nearest to the filtered group, when 1..k-1 away. */
  nearestGroup?: { name: string; difference: number };
}

function small(count: number, k: number): boolean {
  return count > 0 && count < k;
}

/**
 * The minimum population and minimum difference rules: a population of 1..k-1 people cannot be addressed at
 * all, nor one that differs from another addressable population by 1..k-1 people (the difference of two
 * figures would be about those people). Returns why the population is refused, or null.
 */
export function populationRefusal(sizes: PopulationSizes, rule: DisclosureRule): string | null {
  const k = kOf(rule);
  if (small(sizes.population, k)) return `it holds ${sizes.population} people, fewer than k = ${k}`;
  const differences: [string, number | undefined][] = [
    ['the whole organisation', sizes.organisation],
    ['the parent org unit', sizes.parentUnit],
    ['the org unit on its own', sizes.unitAlone],
    ['the group on its own', sizes.groupAlone],
  ];
  for (const [other, size] of differences) {
    if (size !== undefined && small(size - sizes.population, k)) {
      return `it differs from ${other} by ${size - sizes.population} people, fewer than k = ${k}`;
    }
  }
  if (sizes.nearestGroup) {
    const { name, difference } = sizes.nearestGroup;
    if (small(difference, k))
      return `it differs from the group "${name}" by ${difference} people, fewer than k = ${k}`;
  }
  return null;
}
