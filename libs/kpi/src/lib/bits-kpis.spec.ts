import type { DisclosureRule } from './disclosure/cell-key';
import { ActivityBits, anyIn, countIn, monthMasksOf, setBits } from './activity-bits';
import {
  adoptionSeriesFromBits,
  churnFromBits,
  participationSeriesFromBits,
  participationSummaryFromBits,
  retentionCohortsFromBits,
} from './bits-kpis';
import { lookbackStart } from './kpi-data';
import { addDays, GRANULARITIES, periodsBetween } from './periods';
import {
  adoptionSeries,
  churn,
  participationSeries,
  participationSummary,
  retentionCohorts,
  type Member,
  type PersonDay,
} from './people-kpis';

/** mulberry32: seeded, so every run draws the same populations. */
function seeded(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A random population and its person-days over ~5 months (month ends, leap day, year change). */
function population(seed: number): { members: Member[]; days: PersonDay[] } {
  const random = seeded(seed);
  const first = '2027-12-20';
  const span = 150;
  const members: Member[] = [];
  const days: PersonDay[] = [];
  const people = 5 + Math.floor(random() * 40);
  for (let p = 0; p < people; p++) {
    const id = `p${p}`;
    const rate = random() < 0.2 ? 0 : random() * 0.6;
    let firstActive: string | null = null;
    let lastActive: string | null = null;
    const start = Math.floor(random() * span);
    const stop = start + Math.floor(random() * (span - start + 1));
    for (let d = start; d < stop; d++) {
      if (random() >= rate) continue;
      const day = addDays(first, d);
      const kind = random();
      const creations = kind < 0.15 ? 1 + Math.floor(random() * 3) : 0;
      const responses = kind >= 0.15 && kind < 0.35 ? 1 : random() < 0.1 ? 2 : 0;
      const reactions = kind >= 0.35 && kind < 0.6 ? 1 + Math.floor(random() * 2) : 0;
      const reads = 1 + Math.floor(random() * 4);
      days.push({
        day,
        personId: id,
        events: creations + responses + reactions + reads,
        creations,
        responses,
        reactions,
        reads,
      });
      firstActive ??= day;
      lastActive = day;
    }
    const listed = random() < 0.85;
    members.push({
      id,
      listed,
      startDate: listed && random() < 0.2 ? addDays(first, Math.floor(random() * span)) : null,
      endDate: listed && random() < 0.2 ? addDays(first, Math.floor(random() * span)) : null,
      firstActiveDay: firstActive,
      lastActiveDay: lastActive,
      orgUnitId: random() < 0.1 ? null : `U${Math.floor(random() * 4)}`,
      recordKey: Math.floor(random() * 2 ** 32),
      // Some joined a channel (before, after or without any activity): the "joined only" figure.
      firstJoinedDay: random() < 0.4 ? addDays(first, Math.floor(random() * span)) : null,
    });
  }
  return { members, days };
}

/** Members as loadMembers returns them for a range ending on `to` (last active day up to `to`). */
function until(members: Member[], days: PersonDay[], to: string): Member[] {
  return members.map((member) => {
    const seen = days.filter((d) => d.personId === member.id && d.day <= to).map((d) => d.day);
    return { ...member, lastActiveDay: seen.length > 0 ? seen[seen.length - 1] : null };
  });
}

const within = (days: PersonDay[], from: string, to: string) =>
  days.filter((d) => d.day >= from && d.day <= to);

const bitsOf = (days: PersonDay[], from: string, to: string) =>
  ActivityBits.fromMonths(from, to, monthMasksOf(within(days, from, to)));

describe('activity bit sets', () => {
  it('answer range questions like a scan of the days', () => {
    const random = seeded(7);
    const bits = new Uint32Array(5);
    const set = new Set<number>();
    for (let i = 0; i < 50; i++) {
      const index = Math.floor(random() * 160);
      set.add(index);
      bits[index >>> 5] |= 1 << (index & 31);
    }
    for (let i = 0; i < 500; i++) {
      const a = Math.floor(random() * 160);
      const b = a + Math.floor(random() * (160 - a));
      const inside = [...set].filter((x) => x >= a && x <= b).length;
      expect(countIn(bits, [a, b])).toBe(inside);
      expect(anyIn(bits, [a, b])).toBe(inside > 0);
    }
    expect(setBits(bits)).toEqual([...set].sort((x, y) => x - y));
    expect(anyIn(bits, null)).toBe(false);
  });
});

describe('KPIs over activity bits equal the ones over person-days', () => {
  const ranges: [string, string][] = [
    ['2028-01-01', '2028-03-31'],
    ['2028-01-13', '2028-04-02'],
    ['2027-12-20', '2028-05-17'],
    ['2028-02-29', '2028-02-29'],
    ['2028-02-03', '2028-03-05'],
  ];
  for (const seed of [1, 2, 3, 4, 5, 6]) {
    it(`population ${seed}`, () => {
      const { members: all, days } = population(seed);
      for (const [from, to] of ranges) {
        const members = until(all, days, to);
        const range = { start: from, end: to };
        // Bare k: exact figures; with perturbation both computations must perturb the same cells alike.
        const rules: DisclosureRule[] = [1, 2, 5, { k: 5, perturbation: true }];
        for (const k of rules) {
          for (const granularity of GRANULARITIES) {
            const periods = periodsBetween(from, to, granularity);
            const lookback = lookbackStart(from);
            expect(adoptionSeriesFromBits(members, bitsOf(days, lookback, to), periods, k)).toEqual(
              adoptionSeries(members, within(days, lookback, to), periods, k),
            );
            expect(participationSeriesFromBits(members, bitsOf(days, from, to), periods, k)).toEqual(
              participationSeries(members, within(days, from, to), periods, k),
            );
          }
          const events = new Map<string, number>();
          for (const d of within(days, from, to))
            events.set(d.personId, (events.get(d.personId) ?? 0) + d.events);
          expect(participationSummaryFromBits(members, bitsOf(days, from, to), events, range, k)).toEqual(
            participationSummary(members, within(days, from, to), range, k),
          );
          expect(retentionCohortsFromBits(members, bitsOf(days, from, to), range, k)).toEqual(
            retentionCohorts(members, within(days, from, to), range, k),
          );
        }
        for (const silentWeeks of [1, 4, 9]) {
          const since = addDays(from, -silentWeeks * 7);
          // the bits say who fell silent: members need no last active day
          const withoutLastDay = members.map((member) => ({ ...member, lastActiveDay: null }));
          expect(churnFromBits(withoutLastDay, bitsOf(days, since, to), range, silentWeeks)).toEqual(
            churn(members, within(days, since, to), range, silentWeeks),
          );
        }
      }
    });
  }
});
