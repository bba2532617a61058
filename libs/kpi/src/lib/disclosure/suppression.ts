import type { SuppressionReason } from '@uptake/contracts';
import { kOf, publishCount, withheld, type DisclosureRule, type PeopleCount } from './cell-key';

/**
 * Privacy rule of Uptake: an aggregate computed over fewer than k distinct people is never shown, and counts
 * of k or more are perturbed by the cell-key method (see disclosure/cell-key.ts) unless the organisation
 * turned it off. Zero people is shown as zero: it discloses nothing about any person, and hiding it would
 * make quiet days (weekends) indistinguishable from small groups.
 */
export function isSuppressed(distinctPeople: number, rule: DisclosureRule): boolean {
  return withheld(distinctPeople, rule);
}

export function suppressionReason(rule: DisclosureRule): SuppressionReason {
  return { code: 'below-k', minGroupSize: kOf(rule) };
}

/**
 * A count of people as published: null when it rests on 1..k-1 people, else the cell's (perturbed) count.
 * A bare number has no cell key and is published exactly (only figures that are not about a set of people,
 * or tests of the k rule, pass one).
 */
export function protect(count: number | PeopleCount, rule: DisclosureRule): number | null {
  if (typeof count === 'number') return withheld(count, rule) ? null : count;
  return publishCount(count, rule);
}
