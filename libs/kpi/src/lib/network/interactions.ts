import { UndirectedGraph } from 'graphology';

import type { Interaction } from './types';

/** Edge attributes of the person graph: interactions summed over both directions. */
export interface PersonEdge {
  interactions: number;
}

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

/**
 * Undirected simple graph of people: one edge per pair that interacted in either direction, carrying
 * the summed count. Direction is dropped because who replied to whom does not change whether two
 * people are connected, which is what reach, brokerage and components are about.
 */
export function buildPersonGraph(interactions: Iterable<Interaction>): UndirectedGraph<object, PersonEdge> {
  const graph = new UndirectedGraph<object, PersonEdge>();
  for (const { actor, target, count } of countedInteractions(interactions)) {
    graph.mergeNode(actor);
    graph.mergeNode(target);
    graph.updateEdge(actor, target, (edge) => ({ interactions: (edge.interactions ?? 0) + count }));
  }
  return graph;
}
