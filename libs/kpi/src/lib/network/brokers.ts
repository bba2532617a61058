import { seededRandom } from '../core/seeded-random';
import { assertTop, compareIds, compareScoresDescending } from './compare';
import { distinctPairs, numberNetwork, type NumberedNetwork } from './numbered-network';
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
  /** Work bound: shortest-path searches × adjacency entries (default BETWEENNESS_BUDGET). */
  budget?: number;
}

/** The brokers and the searches their betweenness rests on. */
export interface BrokersResult {
  brokers: Broker[];
  /** People in the graph. */
  people: number;
  /** Breadth-first searches run: `people` when exact, fewer when estimated from a sample of sources. */
  sources: number;
}

/**
 * The work one brokers answer may take: breadth-first searches × adjacency entries (each search reads every
 * entry twice). Exact betweenness costs people × entries; at 2.8 ns per entry and pass on this 2-core machine
 * 150 million is about 0.85 s of one core, so the 10M bench's 90-day network (2,000 people, 62,786 entries:
 * 126 million) is still exact, while a 50,000-person network with 500,000 pairs (5·10^10, about two minutes of
 * a blocked API process) is estimated from 150 sources.
 */
export const BETWEENNESS_BUDGET = 150_000_000;

/** The `top` brokers (see `brokersResult`). */
export function brokers(interactions: Iterable<Interaction>, options: BrokersOptions): Broker[] {
  return brokersResult(interactions, options).brokers;
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
 * Exact (Brandes: one breadth-first search from every person) while people × adjacency entries stays within
 * the budget; above it, estimated from the searches of a sample of sources scaled by people / sources
 * (Brandes & Pich 2007, the estimator networkx's `k` uses), so one request's work is bounded whatever the
 * network's size. The sample is a seeded shuffle of the people in id order: the same network always gives
 * the same estimate.
 *
 * People with zero betweenness broker nothing and are never returned, even if fewer than `top`
 * remain. Self-interactions are ignored (see `countedInteractions`).
 */
export function brokersResult(interactions: Iterable<Interaction>, options: BrokersOptions): BrokersResult {
  assertTop(options.top);
  const budget = options.budget ?? BETWEENNESS_BUDGET;
  if (!(budget > 0)) throw new RangeError(`budget must be positive, got ${budget}`);
  const network = numberNetwork(interactions);
  const people = network.ids.length;
  // Below 3 people no one can sit between two others.
  if (people < 3) return { brokers: [], people, sources: people };
  const graph = personGraph(network);
  const entries = Math.max(1, graph.neighbours.length);
  const sources = people * entries <= budget ? people : Math.max(1, Math.floor(budget / entries));
  const centrality = betweenness(graph, sampleSources(network.ids, sources));
  // Summed over ordered pairs (every source), so 1/((n-1)(n-2)) equals the textbook 2/((n-1)(n-2)) over
  // unordered pairs (star centre = 1); an estimate scales its sources' sum up to all of them.
  const scale = people / sources / ((people - 1) * (people - 2));
  const ranked: Broker[] = [];
  for (let person = 0; person < people; person++) {
    const score = centrality[person] * scale;
    if (score <= 1e-12) continue;
    ranked.push({
      person: network.ids[person],
      betweenness: score,
      degree: graph.offsets[person + 1] - graph.offsets[person],
    });
  }
  ranked.sort(
    (a, b) =>
      compareScoresDescending(a.betweenness, b.betweenness) ||
      b.degree - a.degree ||
      compareIds(a.person, b.person),
  );
  return { brokers: ranked.slice(0, options.top), people, sources };
}

/** `count` person numbers: all of them in order, or a seeded shuffle's first `count` of the people in id order. */
function sampleSources(ids: readonly string[], count: number): Int32Array {
  const byId = Int32Array.from(ids.keys()).sort((a, b) => compareIds(ids[a], ids[b]));
  if (count >= ids.length) return byId;
  const random = seededRandom(0x5eed);
  for (let i = 0; i < count; i++) {
    const j = i + Math.floor(random() * (byId.length - i));
    [byId[i], byId[j]] = [byId[j], byId[i]];
  }
  return byId.subarray(0, count);
}

/** An undirected simple graph in compressed rows: the neighbours of v are neighbours[offsets[v]..offsets[v+1]). */
interface CompressedGraph {
  offsets: Int32Array;
  neighbours: Int32Array;
}

/** One edge per pair of people who interacted in either direction (direction and counts dropped). */
function personGraph(network: NumberedNetwork): CompressedGraph {
  const people = network.ids.length;
  const pairs = distinctPairs(network);
  const offsets = new Int32Array(people + 1);
  for (const pair of pairs) {
    offsets[Math.floor(pair / people) + 1]++;
    offsets[(pair % people) + 1]++;
  }
  for (let person = 0; person < people; person++) offsets[person + 1] += offsets[person];
  const neighbours = new Int32Array(offsets[people]);
  const filled = offsets.slice(0, people);
  for (const pair of pairs) {
    const a = Math.floor(pair / people);
    const b = pair % people;
    neighbours[filled[a]++] = b;
    neighbours[filled[b]++] = a;
  }
  return { offsets, neighbours };
}

/**
 * Brandes' algorithm (2001) for unweighted graphs, from the given sources: one breadth-first search per source
 * counts the shortest paths, then the dependencies are accumulated in reverse search order. From every person
 * each unordered pair is counted twice. On typed arrays, as fast as graphology-metrics' implementation (700
 * against 723 ms on the 10M bench's 90-day network), which cannot search from a sample of sources.
 */
function betweenness({ offsets, neighbours }: CompressedGraph, sources: Int32Array): Float64Array {
  const people = offsets.length - 1;
  const centrality = new Float64Array(people);
  const distance = new Int32Array(people).fill(-1);
  const paths = new Float64Array(people);
  const dependency = new Float64Array(people);
  const order = new Int32Array(people);
  for (const source of sources) {
    distance[source] = 0;
    paths[source] = 1;
    let head = 0;
    let tail = 0;
    order[tail++] = source;
    while (head < tail) {
      const v = order[head++];
      const next = distance[v] + 1;
      const pathsOfV = paths[v];
      for (let edge = offsets[v]; edge < offsets[v + 1]; edge++) {
        const w = neighbours[edge];
        if (distance[w] < 0) {
          distance[w] = next;
          order[tail++] = w;
        }
        if (distance[w] === next) paths[w] += pathsOfV;
      }
    }
    for (let i = tail - 1; i > 0; i--) {
      const w = order[i];
      const previous = distance[w] - 1;
      const share = (1 + dependency[w]) / paths[w];
      for (let edge = offsets[w]; edge < offsets[w + 1]; edge++) {
        const v = neighbours[edge];
        if (distance[v] === previous) dependency[v] += paths[v] * share;
      }
      centrality[w] += dependency[w];
    }
    // reset only what this search reached
    for (let i = 0; i < tail; i++) {
      const v = order[i];
      distance[v] = -1;
      paths[v] = 0;
      dependency[v] = 0;
    }
  }
  return centrality;
}
