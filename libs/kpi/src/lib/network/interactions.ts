import type { Interaction } from './types';

/**
 * The interactions every network metric counts: self-interactions (replying to or reacting to one's
 * own post) are dropped because they link nobody to anybody, and zero counts are dropped because they
 * are not interactions. Negative or non-finite counts are a data bug upstream, so they throw rather
 * than silently skew the metrics.
 */
export function countedInteractions(interactions: Iterable<Interaction>): Interaction[] {
  const counted: Interaction[] = [];
  for (const interaction of interactions) {
    const { actor, target, count } = interaction;
    if (!Number.isFinite(count) || count < 0) {
      throw new RangeError(`Interaction ${actor} -> ${target} has an invalid count: ${count}`);
    }
    if (actor === target || count === 0) continue;
    counted.push(interaction);
  }
  return counted;
}
