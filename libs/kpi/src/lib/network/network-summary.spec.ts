import { undirectedDensity } from 'graphology-metrics/graph/density';

import { seededRandom } from '../core/seeded-random';
import { buildPersonGraph } from '../../testing';
import { networkSummary } from './network-summary';
import type { Interaction } from './types';

const link = (actor: string, target: string, count = 1): Interaction => ({ actor, target, count });

const bridgedTriangles = [
  link('a', 'b', 2),
  link('b', 'c'),
  link('c', 'a'),
  link('c', 'd'),
  link('d', 'e'),
  link('e', 'f'),
  link('f', 'd'),
];

describe('networkSummary', () => {
  it('describes two triangles joined by a bridge', () => {
    // 6 people, 7 edges: density 7 / C(6, 2) = 7/15; average degree 2 * 7 / 6 = 7/3; one component.
    const result = networkSummary(bridgedTriangles);

    expect(result).toMatchObject({
      people: 6,
      edges: 7,
      interactions: 8,
      components: 1,
      largestComponentShare: 1,
    });
    expect(result.density).toBeCloseTo(7 / 15, 12);
    expect(result.averageDegree).toBeCloseTo(7 / 3, 12);
  });

  it('counts components and the share of the largest one', () => {
    // + separate pair g–h (both directions: one edge) and a self-interaction of i (ignored, i absent).
    // 8 people, 8 edges: density 8 / C(8, 2) = 2/7; average degree 16 / 8 = 2; components {a..f}, {g, h}.
    const result = networkSummary([
      ...bridgedTriangles,
      link('g', 'h', 3),
      link('h', 'g'),
      link('i', 'i', 5),
    ]);

    expect(result).toMatchObject({ people: 8, edges: 8, interactions: 12, averageDegree: 2, components: 2 });
    expect(result.density).toBeCloseTo(2 / 7, 12);
    expect(result.largestComponentShare).toBe(0.75);
  });

  it('gives a single pair a density of 1', () => {
    expect(networkSummary([link('a', 'b')])).toEqual({
      people: 2,
      edges: 1,
      interactions: 1,
      density: 1,
      averageDegree: 1,
      components: 1,
      largestComponentShare: 1,
    });
  });

  it('returns zeros for empty input', () => {
    expect(networkSummary([])).toEqual({
      people: 0,
      edges: 0,
      interactions: 0,
      density: 0,
      averageDegree: 0,
      components: 0,
      largestComponentShare: 0,
    });
  });
});

describe('networkSummary on random networks', () => {
  /** The same figures from a graphology graph and a breadth-first search: the reference. */
  function reference(interactions: Interaction[]) {
    const graph = buildPersonGraph(interactions);
    const seen = new Set<string>();
    const sizes: number[] = [];
    graph.forEachNode((start) => {
      if (seen.has(start)) return;
      seen.add(start);
      const queue = [start];
      for (let next = 0; next < queue.length; next++) {
        graph.forEachNeighbor(queue[next], (neighbor) => {
          if (!seen.has(neighbor)) {
            seen.add(neighbor);
            queue.push(neighbor);
          }
        });
      }
      sizes.push(queue.length);
    });
    let interactionsTotal = 0;
    graph.forEachEdge((_edge, attributes) => (interactionsTotal += attributes.interactions));
    return {
      people: graph.order,
      edges: graph.size,
      interactions: interactionsTotal,
      density: graph.order < 2 ? 0 : undirectedDensity(graph),
      averageDegree: graph.order === 0 ? 0 : (2 * graph.size) / graph.order,
      components: sizes.length,
      largestComponentShare: graph.order === 0 ? 0 : Math.max(0, ...sizes) / graph.order,
    };
  }

  it('gives the graph figures for sparse and dense networks with repeated pairs and self-interactions', () => {
    const random = seededRandom(17);
    for (const [people, rows] of [
      [5, 3],
      [30, 20],
      [30, 400],
      [200, 150],
      [500, 3000],
    ]) {
      const interactions = Array.from({ length: rows }, () =>
        link(
          `p${Math.floor(random() * people)}`,
          `p${Math.floor(random() * people)}`,
          Math.floor(random() * 4),
        ),
      );
      const expected = reference(interactions);
      const actual = networkSummary(interactions);
      expect({ ...actual, density: 0 }).toEqual({ ...expected, density: 0 });
      expect(actual.density).toBeCloseTo(expected.density, 12);
    }
  });
});
