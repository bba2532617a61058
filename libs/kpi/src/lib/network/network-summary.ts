import { distinctPairs, numberNetwork, type NumberedNetwork } from './numbered-network';
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
 * Shape of the whole person network in a period, on the undirected simple graph of people (one edge per
 * pair that interacted in either direction, as the specs' `buildPersonGraph` builds it). Self-interactions are ignored
 * (see `countedInteractions`).
 *
 * Computed on numbered people rather than on a graphology graph: distinct pairs are counted with one numeric
 * key each and components are found by union–find. On a 110k-pair network
 * building the graph object was most of the network report's time; the figures are the same (the spec
 * compares them with the graph's on random networks).
 */
export function networkSummary(interactions: Iterable<Interaction>): NetworkSummary {
  return summaryOf(numberNetwork(interactions));
}

/** `networkSummary` on an already numbered network (its people without interactions do not count). */
export function summaryOf(network: NumberedNetwork): NetworkSummary {
  const { actors, targets, counts } = network;
  const numbers = network.ids.length;
  const involved = new Uint8Array(numbers);
  const components = new UnionFind(numbers);
  let total = 0;
  for (let i = 0; i < counts.length; i++) {
    involved[actors[i]] = 1;
    involved[targets[i]] = 1;
    total += counts[i];
    components.union(actors[i], targets[i]);
  }
  let people = 0;
  for (let person = 0; person < numbers; person++) people += involved[person];
  const edges = distinctPairs(network).size;
  const sizes = components.sizes(involved);
  return {
    people,
    edges,
    interactions: total,
    density: people < 2 ? 0 : (2 * edges) / (people * (people - 1)),
    averageDegree: people === 0 ? 0 : (2 * edges) / people,
    components: sizes.length,
    // reduce, not Math.max(...sizes): a spread of many components would overflow the call stack.
    largestComponentShare: people === 0 ? 0 : sizes.reduce((a, b) => Math.max(a, b), 0) / people,
  };
}

/** Disjoint sets over 0..n-1 with union by size and path halving (near-constant time per operation). */
class UnionFind {
  private readonly parent: Int32Array;
  private readonly size: Int32Array;

  constructor(n: number) {
    this.parent = Int32Array.from({ length: n }, (_, i) => i);
    this.size = new Int32Array(n).fill(1);
  }

  private root(x: number): number {
    let node = x;
    while (this.parent[node] !== node) {
      this.parent[node] = this.parent[this.parent[node]];
      node = this.parent[node];
    }
    return node;
  }

  union(a: number, b: number): void {
    let rootA = this.root(a);
    let rootB = this.root(b);
    if (rootA === rootB) return;
    if (this.size[rootA] < this.size[rootB]) [rootA, rootB] = [rootB, rootA];
    this.parent[rootB] = rootA;
    this.size[rootA] += this.size[rootB];
  }

  /** The size of every set whose root is `included` (a set is all included or all not). */
  sizes(included: Uint8Array): number[] {
    const sizes: number[] = [];
    for (let node = 0; node < this.parent.length; node++) {
      if (this.parent[node] === node && included[node]) sizes.push(this.size[node]);
    }
    return sizes;
  }
}
