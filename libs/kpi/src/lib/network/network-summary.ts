import type { UndirectedGraph } from 'graphology';
import { undirectedDensity } from 'graphology-metrics/graph/density';

import { buildPersonGraph } from './interactions';
import type { Interaction } from './types';

export interface NetworkSummary {
  /** Distinct people in counted interactions. */
  people: number;
  /** Distinct pairs of people who interacted, in either direction. */
  edges: number;
  /** Interactions (weighted by count). */
  interactions: number;
  /** edges / possible pairs, in [0, 1]; 0 below two people. */
  density: number;
  /** Mean number of distinct partners per person (2 * edges / people); 0 without people. */
  averageDegree: number;
  /** Number of connected components (groups nobody links together). */
  components: number;
  /** People in the largest component / people; 0 without people. */
  largestComponentShare: number;
}

/**
 * Shape of the whole person network in a period, on the undirected graph (see `buildPersonGraph`).
 * Self-interactions are ignored (see `countedInteractions`).
 */
export function networkSummary(interactions: Iterable<Interaction>): NetworkSummary {
  const graph = buildPersonGraph(interactions);
  const people = graph.order;
  const componentSizes = connectedComponentSizes(graph);
  let total = 0;
  graph.forEachEdge((_edge, attributes) => {
    total += attributes.interactions;
  });
  return {
    people,
    edges: graph.size,
    interactions: total,
    density: undirectedDensity(graph),
    averageDegree: people === 0 ? 0 : (2 * graph.size) / people,
    components: componentSizes.length,
    // reduce, not Math.max(...sizes): a spread of many components would overflow the call stack.
    largestComponentShare: people === 0 ? 0 : componentSizes.reduce((a, b) => Math.max(a, b), 0) / people,
  };
}

/**
 * Sizes of the connected components, by breadth-first search. graphology-components is not a
 * dependency of the workspace and graphology-metrics has no components, so a plain BFS (linear in
 * people + edges) does it.
 */
export function connectedComponentSizes(graph: UndirectedGraph): number[] {
  const seen = new Set<string>();
  const sizes: number[] = [];
  graph.forEachNode((start) => {
    if (seen.has(start)) return;
    seen.add(start);
    const queue = [start];
    for (let next = 0; next < queue.length; next++) {
      graph.forEachNeighbor(queue[next], (neighbor) => {
        if (seen.has(neighbor)) return;
        seen.add(neighbor);
        queue.push(neighbor);
      });
    }
    sizes.push(queue.length);
  });
  return sizes;
}
