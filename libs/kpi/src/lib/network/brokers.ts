import betweennessCentrality from 'graphology-metrics/centrality/betweenness';

import { assertTop, compareIds, compareScoresDescending } from './compare';
import { buildPersonGraph } from './interactions';
import type { Interaction } from './types';

export interface Broker {
  person: string;
  /**
   * Normalized betweenness in [0, 1]: share of the shortest paths between pairs of other people
   * that pass through this person (1 = centre of a star). Normalized over everyone in the period's
   * graph, including other components.
   */
  betweenness: number;
  /** Distinct people interacted with, in either direction. */
  degree: number;
}

export interface BrokersOptions {
  /** Maximum number of brokers returned. */
  top: number;
}

/**
 * People who bridge otherwise distant parts of the network, ranked by betweenness centrality on the
 * undirected person graph; ties by degree (more partners first), then by id.
 *
 * Interaction counts are deliberately ignored (every tie has length 1): brokerage is about being
 * the connection between groups, not about how much one chats, and with 1/count distances a single
 * very busy pair would capture the shortest paths and shift the ranking towards talkative people.
 * The unweighted measure is also the one people can check by hand on the graph.
 *
 * People with zero betweenness broker nothing and are never returned, even if fewer than `top`
 * remain. Self-interactions are ignored (see `countedInteractions`).
 */
export function brokers(interactions: Iterable<Interaction>, options: BrokersOptions): Broker[] {
  assertTop(options.top);
  const graph = buildPersonGraph(interactions);
  // Below 3 people no one can sit between two others; graphology also throws on an empty graph.
  if (graph.order < 3) return [];
  // graphology-metrics normalizes by 1/((n-1)(n-2)) after summing over ordered pairs, which for an
  // undirected graph equals the textbook 2/((n-1)(n-2)) over unordered pairs (star centre = 1).
  const centrality = betweennessCentrality(graph, { getEdgeWeight: null, normalized: true });

  return graph
    .mapNodes((person) => ({ person, betweenness: centrality[person], degree: graph.degree(person) }))
    .filter((broker) => broker.betweenness > 1e-12)
    .sort(
      (a, b) =>
        compareScoresDescending(a.betweenness, b.betweenness) ||
        b.degree - a.degree ||
        compareIds(a.person, b.person),
    )
    .slice(0, options.top);
}
