import betweennessCentrality from 'graphology-metrics/centrality/betweenness';

import { seededRandom } from '../core/seeded-random';
import { buildPersonGraph } from '../../testing';
import { brokers, brokersResult } from './brokers';
import type { Interaction } from './types';

const link = (actor: string, target: string, count = 1): Interaction => ({ actor, target, count });

describe('brokers', () => {
  it('ranks the middle of a path a–b–c–d–e first', () => {
    // n = 5: normalization 2/((n-1)(n-2)) = 2/12 over unordered pairs.
    // c is on the paths a–d, a–e, b–d, b–e: 4 pairs -> 4 * 2/12 = 2/3.
    // b is on a–c, a–d, a–e (3 pairs) -> 1/2; d likewise; the ends a, e broker nothing.
    // The heavy a–b count changes nothing: weights are ignored.
    const result = brokers([link('a', 'b', 100), link('b', 'c'), link('c', 'd'), link('e', 'd')], {
      top: 10,
    });

    expect(result.map((broker) => broker.person)).toEqual(['c', 'b', 'd']);
    expect(result[0].betweenness).toBeCloseTo(2 / 3, 12);
    expect(result[1].betweenness).toBeCloseTo(1 / 2, 12);
    expect(result[2].betweenness).toBeCloseTo(1 / 2, 12);
    expect(result.map((broker) => broker.degree)).toEqual([2, 2, 2]);
  });

  it('gives the centre of a star a normalized betweenness of 1', () => {
    // n = 5: the centre is on all C(4, 2) = 6 leaf pairs -> 6 * 2/(4 * 3) = 1. Leaves broker nothing.
    const result = brokers([link('hub', 'l1'), link('l2', 'hub'), link('hub', 'l3', 7), link('l4', 'hub')], {
      top: 3,
    });

    expect(result).toHaveLength(1);
    expect(result[0].person).toBe('hub');
    expect(result[0].betweenness).toBeCloseTo(1, 12);
    expect(result[0].degree).toBe(4);
  });

  it('puts the endpoints of a bridge between two triangles on top', () => {
    // Triangles {a, b, c} and {d, e, f}, bridge c–d; n = 6, normalization 2/(5 * 4) = 1/10.
    // c is on every path from {a, b} to {d, e, f}: 2 * 3 = 6 pairs -> 6/10; d symmetrically.
    // Tie on betweenness and degree (3): id order.
    const triangles = [
      link('a', 'b', 50),
      link('b', 'c', 50),
      link('c', 'a', 50),
      link('d', 'e', 50),
      link('e', 'f', 50),
      link('f', 'd', 50),
    ];
    const result = brokers([...triangles, link('d', 'c')], { top: 2 });

    expect(result.map(({ person, degree }) => ({ person, degree }))).toEqual([
      { person: 'c', degree: 3 },
      { person: 'd', degree: 3 },
    ]);
    expect(result[0].betweenness).toBeCloseTo(0.6, 12);
    expect(result[1].betweenness).toBeCloseTo(0.6, 12);
  });

  it('ignores interaction counts, so a busy side of a square does not capture the paths', () => {
    // Square a–b–c–d–a. Unweighted, a–c has two shortest paths (via b and via d), each counting 1/2,
    // and so does b–d: everyone gets 1/2 -> 1/2 * 2/(3 * 2) = 1/6. With 1/count distances the heavy
    // a–b–c side would take all of a–c for b.
    const result = brokers([link('a', 'b', 90), link('b', 'c', 90), link('c', 'd'), link('d', 'a')], {
      top: 4,
    });

    expect(result.map((broker) => broker.person)).toEqual(['a', 'b', 'c', 'd']);
    for (const broker of result) expect(broker.betweenness).toBeCloseTo(1 / 6, 12);
  });

  it('merges both directions into one tie and ignores self-interactions', () => {
    // x–y–z path once directions are merged: y is on the single pair x–z -> 1 * 2/(2 * 1) = 1.
    const result = brokers([link('x', 'y'), link('y', 'x'), link('y', 'z'), link('y', 'y', 40)], { top: 5 });

    expect(result).toHaveLength(1);
    expect(result[0]).toMatchObject({ person: 'y', degree: 2 });
    expect(result[0].betweenness).toBeCloseTo(1, 12);
  });

  it('returns nothing for empty input, a lone pair or top 0, and rejects an invalid top', () => {
    expect(brokers([], { top: 5 })).toEqual([]);
    expect(brokers([link('a', 'b', 3)], { top: 5 })).toEqual([]);
    expect(brokers([link('a', 'b'), link('b', 'c')], { top: 0 })).toEqual([]);
    expect(() => brokers([], { top: -1 })).toThrow(RangeError);
    expect(() => brokers([], { top: 1.5 })).toThrow(RangeError);
  });
});

function randomInteractions(seed: number, people: number, rows: number): Interaction[] {
  const random = seededRandom(seed);
  return Array.from({ length: rows }, () =>
    link(`p${Math.floor(random() * people)}`, `p${Math.floor(random() * people)}`, Math.floor(random() * 4)),
  );
}

describe('brokers on random networks', () => {
  it("gives graphology-metrics' betweenness and degree to every broker, in rank order", () => {
    // sparse (several components, leaves), dense (many equal shortest paths), repeated pairs, self-interactions
    for (const [seed, people, rows] of [
      [1, 6, 5],
      [2, 40, 30],
      [3, 40, 500],
      [4, 150, 220],
      [5, 300, 2500],
    ]) {
      const interactions = randomInteractions(seed, people, rows);
      const graph = buildPersonGraph(interactions);
      const expected: Record<string, number> =
        graph.order < 3 ? {} : betweennessCentrality(graph, { getEdgeWeight: null, normalized: true });
      const result = brokersResult(interactions, { top: people });
      expect(result.sources).toBe(graph.order);
      expect(result.people).toBe(graph.order);
      const positive = Object.keys(expected).filter((person) => expected[person] > 1e-12);
      expect(result.brokers.map((broker) => broker.person).sort()).toEqual(positive.sort());
      for (const broker of result.brokers) {
        expect(broker.betweenness).toBeCloseTo(expected[broker.person], 10);
        expect(broker.degree).toBe(graph.degree(broker.person));
      }
      for (let i = 1; i < result.brokers.length; i++) {
        const [before, after] = [result.brokers[i - 1], result.brokers[i]];
        expect(before.betweenness).toBeGreaterThanOrEqual(after.betweenness - 1e-9);
        if (Math.abs(before.betweenness - after.betweenness) < 1e-12) {
          expect(before.degree).toBeGreaterThanOrEqual(after.degree);
        }
      }
    }
  });
});

describe('brokers above the work bound', () => {
  const interactions = randomInteractions(9, 400, 1600);
  const graph = buildPersonGraph(interactions);
  const entries = 2 * graph.size;
  const exact: Record<string, number> = betweennessCentrality(graph, {
    getEdgeWeight: null,
    normalized: true,
  });

  it('is exact while people × adjacency entries stays within the budget', () => {
    const result = brokersResult(interactions, { top: 5, budget: graph.order * entries });
    expect(result.sources).toBe(graph.order);
    expect(result.brokers[0].betweenness).toBeCloseTo(exact[result.brokers[0].person], 10);
  });

  it('searches from as many sources as the budget allows and estimates from them, the same way every time', () => {
    const budget = Math.floor((graph.order * entries) / 4);
    const result = brokersResult(interactions, { top: 20, budget });
    expect(result.people).toBe(graph.order);
    expect(result.sources).toBe(Math.floor(budget / entries));
    expect(result.sources * entries).toBeLessThanOrEqual(budget);
    expect(brokersResult(interactions, { top: 20, budget })).toEqual(result);
    // An unbiased estimate from a quarter of the sources: the exact top brokers stay near the top, and the
    // estimates are close to the exact values (a scale error, e.g. forgetting people / sources, is 4× off).
    const exactTop = Object.keys(exact)
      .sort((a, b) => exact[b] - exact[a])
      .slice(0, 5);
    const estimatedTop = new Set(result.brokers.map((broker) => broker.person));
    expect(exactTop.filter((person) => estimatedTop.has(person)).length).toBeGreaterThanOrEqual(4);
    const totalExact = result.brokers.reduce((sum, broker) => sum + exact[broker.person], 0);
    const totalEstimated = result.brokers.reduce((sum, broker) => sum + broker.betweenness, 0);
    expect(totalEstimated / totalExact).toBeGreaterThan(0.8);
    expect(totalEstimated / totalExact).toBeLessThan(1.25);
  });

  it('bounds the work of a network far too large for an exact count', () => {
    // about 20,000 people and 45,000 pairs (a quarter of the rows count 0): exact would be 20,000 searches over
    // some 90,000 adjacency entries each; the budget allows about 55
    const large = randomInteractions(11, 20_000, 60_000);
    const result = brokersResult(large, { top: 3, budget: 5_000_000 });
    expect(result.people).toBeGreaterThan(19_000);
    expect(result.sources).toBeLessThan(100);
    expect(result.sources).toBeGreaterThan(0);
    expect(result.brokers).toHaveLength(3);
  });

  it('rejects a budget that is not positive', () => {
    expect(() => brokersResult(interactions, { top: 1, budget: 0 })).toThrow(RangeError);
  });
});
