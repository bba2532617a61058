import type { ParticipationPoint, SuppressionReason } from '@uptake/contracts';
import {
  complementaryHidden,
  kOf,
  publishCount,
  withheld,
  type DisclosureRule,
  type PeopleCount,
} from './disclosure/cell-key';

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

export interface ParticipationCounts<T = PeopleCount> {
  creators: T;
  contributors: T;
  readers: T;
  inactive: T;
}

const CLASSES = ['creators', 'contributors', 'readers', 'inactive'] as const;

/**
 * A period's participation with the k rule applied: all withheld below k eligible, else each class on its own,
 * with complementary suppression (the four classes add up to `eligible`, so one withheld class would
 * otherwise be the total minus the others).
 */
export function protectedParticipationPoint(
  period: { start: string; end: string },
  eligible: number | PeopleCount,
  counts: ParticipationCounts<number | PeopleCount>,
  rule: DisclosureRule,
): ParticipationPoint {
  const eligibleCount = typeof eligible === 'number' ? eligible : eligible.count;
  if (isSuppressed(eligibleCount, rule)) {
    return {
      ...period,
      eligible: null,
      creators: null,
      contributors: null,
      readers: null,
      inactive: null,
      suppressed: suppressionReason(rule),
    };
  }
  const sizes = CLASSES.map((name) => {
    const count = counts[name];
    return typeof count === 'number' ? count : count.count;
  });
  const hidden = complementaryHidden(sizes, rule);
  const [creators, contributors, readers, inactive] = CLASSES.map((name, index) =>
    hidden[index] ? null : protect(counts[name], rule),
  );
  const point: ParticipationPoint = {
    ...period,
    eligible: protect(eligible, rule),
    creators,
    contributors,
    readers,
    inactive,
  };
  if (hidden.some(Boolean)) point.suppressed = suppressionReason(rule);
  return point;
}
