import { UndirectedGraph } from 'graphology';
import { countedInteractions } from '../lib/network/interactions';
import type { Interaction } from '../lib/network/types';

/** Edge attributes of the person graph: interactions summed over both directions. */
export interface PersonEdge {
  interactions: number;
}

/**
 * The network specs' reference: the person graph as a graphology graph, which graphology-metrics (betweenness,
 * density) and a plain breadth-first search read. The network KPIs compute on numbered people instead.
 *
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
