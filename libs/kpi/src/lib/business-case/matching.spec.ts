import { matchingDiagnosticsSchema } from '@uptake/contracts';
import { seededRandom } from '../core/seeded-random';
import {
  matchComparison,
  md5Order,
  preMeansOf,
  publishMatching,
  type MatchingResult,
  type MatchPerson,
  type Stratum,
} from './matching';

/*
 * md5 order of the ids used below (md5 hex of the id):
 *   t3 0b88…, t2 0f82…, t4 1051…, t1 83f1…, t5 df21…   (treated are matched in this order)
 *   a 0cc1…, c 4a8a…, d 8277…, f 8fa1…, b 92eb…        (at equal distance the first of these wins)
 * Two "anchor" candidates of a kind no treated person has (division, 0 and 20) widen the pooled SD so that
 * the caliper is a round-ish number; they are never matched.
 */
const person = (id: string, stratum: Partial<Stratum>, preMean: number): MatchPerson => ({
  id,
  stratum: { unitKind: 'department', level: 2, location: 'AMS', ...stratum },
  preMean,
});
const anchors = [
  person('z1', { unitKind: 'division', level: null, location: null }, 0),
  person('z2', { unitKind: 'division', level: null, location: null }, 20),
];
const pairsOf = (result: MatchingResult) =>
  result.pairs.map((pair) => [pair.treated, pair.comparison, pair.tier]);

describe('md5Order', () => {
  it('is the md5 hex of the id, as md5(id::text) in SQL', () => {
    expect(md5Order('t1')).toBe('83f1535f99ab0bf4e9d02dfd85d3e3f7');
    expect(md5Order('a')).toBe('0cc175b9c0f1b6a831c399e269772661');
  });
});

describe('matchComparison', () => {
  it('matches within the exact stratum, the nearest pre mean first', () => {
    const result = matchComparison(
      [person('t1', {}, 10)],
      [
        person('a', {}, 13),
        person('b', {}, 10.5),
        person('c', { level: 3 }, 10), // nearer, but another level
        person('d', { unitKind: 'team' }, 10), // nearer, but another kind of unit
        ...anchors,
      ],
    );
    // candidates 13, 10.5, 10, 10, 0, 20: mean 63.5 / 6 = 10.5833, squares 5.84 + 0.007 + 0.34 + 0.34 + 112.01
    // + 88.67 = 207.21, variance 207.21 / 5 = 41.442; one treated person: variance 0.
    // pooled SD √((0 + 41.442) / 2) = 4.552, caliper 0.25 × 4.552 = 1.138; b is 0.5 away, a 3.
    expect(result.pooledSd).toBeCloseTo(4.552, 3);
    expect(result.caliper).toBeCloseTo(1.138, 3);
    expect(result.pairs).toEqual([{ treated: 't1', comparison: 'b', tier: 'exact', distance: 0.5 }]);
    expect(result.unmatched).toEqual([]);
  });

  it('drops a treated person whose stratum has candidates only beyond the caliper, without coarsening', () => {
    const result = matchComparison(
      [person('t1', {}, 10), person('t2', { level: 3 }, 10.5)],
      [person('a', {}, 16), person('b', { level: 3 }, 10), ...anchors],
    );
    // treated 10, 10.5: variance 0.125; candidates 16, 10, 0, 20: mean 11.5, squares 20.25 + 2.25 + 132.25
    // + 72.25 = 227, variance 75.667. Pooled SD √((0.125 + 75.667) / 2) = 6.156, caliper 1.539.
    // Order t2, t1. t2 (level 3) takes b (0.5 away). t1's stratum (level 2) has a, 6 away: beyond the
    // caliper, so t1 is dropped (b would have been 0 away, but it is another level, and taken anyway).
    expect(result.caliper).toBeCloseTo(1.539, 3);
    expect(pairsOf(result)).toEqual([['t2', 'b', 'exact']]);
    expect(result.unmatched).toEqual([{ id: 't1', reason: 'beyondCaliper' }]);
    // and alone, t1 is still dropped: its stratum has a candidate (a), so it is not coarsened to b
    const alone = matchComparison(
      [person('t1', {}, 10)],
      [person('a', {}, 16), person('b', { level: 3 }, 10), ...anchors],
    );
    expect(alone.unmatched).toEqual([{ id: 't1', reason: 'beyondCaliper' }]);
  });

  it('drops the level, then the location, when a stratum has no candidate; then gives up', () => {
    const result = matchComparison(
      [
        person('t1', { level: 5 }, 10), // no department/5/AMS: department/AMS
        person('t2', { level: 5, location: 'ROT' }, 10), // no department/ROT either: department only
        person('t3', { unitKind: 'team', level: 1 }, 10), // no team at all
      ],
      [person('a', {}, 10.4), person('b', { location: 'UTR' }, 9.8), ...anchors],
    );
    // treated variance 0; candidates 10.4, 9.8, 0, 20: mean 10.05, squares 0.1225 + 0.0625 + 101.0025
    // + 99.0025 = 200.19, variance 66.73; pooled SD √(66.73 / 2) = 5.776, caliper 1.444.
    // Order t3, t2, t1: t3 has no team candidate; t2 on the kind only takes b (0.2 away, a is 0.4);
    // t1 without the level takes a (department, AMS; 0.4 away).
    expect(result.caliper).toBeCloseTo(1.444, 3);
    expect(pairsOf(result)).toEqual([
      ['t2', 'b', 'kindOnly'],
      ['t1', 'a', 'withoutLevel'],
    ]);
    expect(result.unmatched).toEqual([{ id: 't3', reason: 'noCandidate' }]);
  });

  it('takes each candidate once, in md5 order of the treated, and reports the balance', () => {
    const treated = [person('t1', {}, 10.1), person('t2', {}, 10)];
    const candidates = [person('a', {}, 10.05), person('b', {}, 11), ...anchors];
    const result = matchComparison(treated, candidates);
    // treated 10, 10.1: variance 0.005; candidates 10.05, 11, 0, 20: mean 10.2625, variance 66.909.
    // Pooled SD √((0.005 + 66.909) / 2) = 5.7842, caliper 1.446.
    // t2 comes first and takes a (0.05 away); t1 would prefer a (0.05) too, gets b (0.9 away).
    expect(result.pairs).toEqual([
      { treated: 't2', comparison: 'a', tier: 'exact', distance: expect.closeTo(0.05, 10) },
      { treated: 't1', comparison: 'b', tier: 'exact', distance: expect.closeTo(0.9, 10) },
    ]);
    expect(result.pooledSd).toBeCloseTo(5.7842, 4);
    // SMD before: (mean treated 10.05 − mean candidates 10.2625) / 5.7842 = −0.0367;
    // after: (10.05 − mean of a, b 10.525) / 5.7842 = −0.0821 (the anchors are gone, b is further)
    expect(result.standardizedMeanDifference.before).toBeCloseTo(-0.0367, 4);
    expect(result.standardizedMeanDifference.after).toBeCloseTo(-0.0821, 4);
    expect(result).toMatchObject({ treatedPeople: 2, candidatePeople: 4 });
    // the same people in any order give the same matching
    expect(matchComparison([...treated].reverse(), [...candidates].reverse())).toEqual(result);
  });

  it('breaks equal distances by md5 order, and matches null strata only with null', () => {
    const result = matchComparison(
      [person('t1', { level: null }, 10), person('t2', {}, 10.5)],
      [
        person('c', { level: null }, 9),
        person('a', { level: null }, 11), // 1 away like c: a is first in md5 order
        person('f', {}, 10.5),
        person('d', {}, 10.5), // same value as f: d is first in md5 order
        ...anchors,
      ],
    );
    // treated 10, 10.5: variance 0.125; candidates 9, 11, 10.5, 10.5, 0, 20: mean 10.1667, squares
    // 1.361 + 0.694 + 0.111 + 0.111 + 103.36 + 96.69 = 202.33, variance 40.467; pooled SD √(40.592 / 2) =
    // 4.505, caliper 1.126: both 1-away candidates qualify. Order t2 (takes d), t1 (takes a).
    expect(result.caliper).toBeCloseTo(1.126, 3);
    expect(pairsOf(result)).toEqual([
      ['t2', 'd', 'exact'],
      ['t1', 'a', 'exact'],
    ]);
  });

  it('is empty without treated people, and matches nobody without candidates', () => {
    const none = matchComparison([], [person('a', {}, 1)]);
    expect(none).toMatchObject({ pairs: [], unmatched: [], treatedPeople: 0, candidatePeople: 1 });
    expect(none.standardizedMeanDifference).toEqual({ before: null, after: null });
    const alone = matchComparison([person('t1', {}, 1), person('t2', {}, 3)], []);
    expect(alone.unmatched).toEqual([
      { id: 't2', reason: 'noCandidate' },
      { id: 't1', reason: 'noCandidate' },
    ]);
    // treated 1, 3: variance 2, candidates none: pooled SD √(2 / 2) = 1
    expect(alone.pooledSd).toBe(1);
    expect(alone.standardizedMeanDifference).toEqual({ before: null, after: null });
  });

  it('refuses a person who is both treated and a candidate, and pre means that are not numbers', () => {
    expect(() => matchComparison([person('t1', {}, 1)], [person('t1', {}, 1)])).toThrow('both treated');
    expect(() => matchComparison([person('t1', {}, NaN)], [])).toThrow('not a number');
  });
});

/** The same greedy matching by brute force (every candidate scanned per treated person): the reference. */
function naiveMatching(treated: MatchPerson[], candidates: MatchPerson[], caliper: number) {
  const order = (people: MatchPerson[]) =>
    [...people].sort((x, y) => (md5Order(x.id) < md5Order(y.id) ? -1 : 1));
  const pool = order(candidates);
  const used = new Set<string>();
  const keys = [
    (s: Stratum) => JSON.stringify([s.unitKind, s.level, s.location]),
    (s: Stratum) => JSON.stringify([s.unitKind, s.location]),
    (s: Stratum) => JSON.stringify([s.unitKind]),
  ];
  const tiers = ['exact', 'withoutLevel', 'kindOnly'];
  const pairs: string[][] = [];
  const unmatched: string[][] = [];
  for (const t of order(treated)) {
    let outcome = 'noCandidate';
    for (let tier = 0; tier < 3; tier++) {
      const open = pool.filter((c) => !used.has(c.id) && keys[tier](c.stratum) === keys[tier](t.stratum));
      if (open.length === 0) continue;
      // the first of the nearest in md5 order (pool is in md5 order; strict < keeps the first)
      let best = open[0];
      for (const c of open) {
        if (Math.abs(c.preMean - t.preMean) < Math.abs(best.preMean - t.preMean)) best = c;
      }
      if (Math.abs(best.preMean - t.preMean) > caliper) outcome = 'beyondCaliper';
      else {
        used.add(best.id);
        pairs.push([t.id, best.id, tiers[tier]]);
        outcome = 'matched';
      }
      break;
    }
    if (outcome !== 'matched') unmatched.push([t.id, outcome]);
  }
  return { pairs, unmatched };
}

describe('matchComparison against brute force', () => {
  it('gives the same pairs on random populations with many ties', () => {
    const random = seededRandom(16);
    const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)];
    for (let run = 0; run < 30; run++) {
      const make = (prefix: string, n: number) =>
        Array.from({ length: n }, (_, i) =>
          person(
            `${prefix}${run}-${i}`,
            {
              unitKind: pick(['department', 'team', null]),
              level: pick([1, 2, null]),
              location: pick(['AMS', 'ROT', null]),
            },
            // quarters of 0..4: many equal pre means, as with weekly 0/1 metrics
            Math.round(random() * 16) / 4,
          ),
        );
      const treated = make('t', 10 + Math.floor(random() * 30));
      const candidates = make('c', 10 + Math.floor(random() * 60));
      const result = matchComparison(treated, candidates);
      const naive = naiveMatching(treated, candidates, result.caliper);
      expect(pairsOf(result)).toEqual(naive.pairs);
      expect(result.unmatched.map((u) => [u.id, u.reason])).toEqual(naive.unmatched);
      expect(result.pairs.length + result.unmatched.length).toBe(treated.length);
      // without replacement: no candidate twice
      expect(new Set(result.pairs.map((pair) => pair.comparison)).size).toBe(result.pairs.length);
    }
  });
});

describe('preMeansOf', () => {
  it('means each person’s weeks inside the window, leaving out people without one', () => {
    const rows = [
      { person: 'p', group: 'treated' as const, week: '2026-03-02', value: 2 },
      { person: 'p', group: 'treated' as const, week: '2026-03-09', value: 5 },
      { person: 'p', group: 'treated' as const, week: '2026-03-16', value: 100 }, // after the window
      { person: 'q', group: 'comparison' as const, week: '2026-03-16', value: 1 },
    ];
    // p: (2 + 5) / 2 = 3.5; q has no week in 03-02..03-15
    expect(preMeansOf(rows, { from: '2026-03-02', to: '2026-03-15' })).toEqual(new Map([['p', 3.5]]));
  });
});

describe('publishMatching', () => {
  const result = (exact: number, withoutLevel: number, beyondCaliper: number): MatchingResult => {
    const pairs = [
      ...Array.from({ length: exact }, (_, i) => ({
        treated: `e${i}`,
        comparison: `ce${i}`,
        tier: 'exact' as const,
        distance: 0,
      })),
      ...Array.from({ length: withoutLevel }, (_, i) => ({
        treated: `w${i}`,
        comparison: `cw${i}`,
        tier: 'withoutLevel' as const,
        distance: 0,
      })),
    ];
    return {
      pairs,
      unmatched: Array.from({ length: beyondCaliper }, (_, i) => ({
        id: `u${i}`,
        reason: 'beyondCaliper' as const,
      })),
      pooledSd: 2,
      caliper: 0.5,
      treatedPeople: exact + withoutLevel + beyondCaliper,
      candidatePeople: 40,
      standardizedMeanDifference: { before: 0.3, after: 0.02 },
    };
  };

  it('publishes the counts and the balance when every part is empty or at least k', () => {
    const published = publishMatching(result(30, 5, 6), new Map(), 5);
    expect(matchingDiagnosticsSchema.parse(published)).toEqual(published);
    expect(published).toMatchObject({
      treated: 41, // 30 + 5 + 6
      matched: { exact: 30, withoutLevel: 5, kindOnly: 0 },
      unmatched: { beyondCaliper: 6, noCandidate: 0 },
      caliper: 0.5,
      standardizedMeanDifference: { before: 0.3, after: 0.02 },
    });
    expect(published.suppressed).toBeUndefined();
  });

  it('withholds a part below k and the next smallest part, so neither follows by subtraction', () => {
    // k = 3; parts 5 exact, 1 without level, 0, 3 beyond the caliper, 0: the 1 is withheld, and with 1 < 3
    // people withheld the smallest other non-zero part (the 3) goes too.
    const published = publishMatching(result(5, 1, 3), new Map(), 3);
    expect(published).toMatchObject({
      treated: 9,
      matched: { exact: 5, withoutLevel: null, kindOnly: 0 },
      unmatched: { beyondCaliper: null, noCandidate: 0 },
      suppressed: { code: 'below-k', minGroupSize: 3 },
    });
  });

  it('withholds the balance over fewer than k pairs or people', () => {
    // 2 pairs < k = 5: the SMD after matching rests on 2 + 2 people; the treated count (2 + 4 = 6) is shown
    const published = publishMatching(result(2, 0, 4), new Map(), 5);
    expect(published.standardizedMeanDifference).toEqual({ before: 0.3, after: null });
    expect(published.matched.exact).toBeNull();
    expect(published.unmatched.beyondCaliper).toBeNull();
    expect(published.treated).toBe(6);
    // with nobody treated, nothing is withheld: every count is 0 and the balance has no people
    const empty = publishMatching({ ...result(0, 0, 0), candidatePeople: 0 }, new Map(), 5);
    expect(empty).toMatchObject({ treated: 0, caliper: null, matched: { exact: 0 } });
    expect(empty.suppressed).toBeUndefined();
  });
});
