import { participationSeries, participationSummary } from '../../testing';
import {
  bitsOf,
  daysWithin,
  RANDOM_RULES,
  RANDOM_SEEDS,
  randomCases,
} from '../../testing/fixtures/random-population';
import { DAYS, MEMBERS, RANGE, WEEKS } from '../../testing/fixtures/three-weeks';
import { GRANULARITIES, periodsBetween } from '../core/periods';
import { participationSeriesFromBits, participationSummaryFromBits } from './participation';

describe('participation', () => {
  it('splits eligible people into creators, contributors, readers and inactive per period', () => {
    const [w1, w2] = participationSeries(MEMBERS, DAYS, WEEKS, 1);
    expect(w1).toMatchObject({ eligible: 2, creators: 1, contributors: 1, readers: 0, inactive: 0 });
    // week 2: a only read; b and the newcomer c did nothing
    expect(w2).toMatchObject({ eligible: 3, creators: 0, contributors: 0, readers: 1, inactive: 2 });
    const [k2] = participationSeries(MEMBERS, DAYS, WEEKS, 2);
    expect(k2).toMatchObject({ creators: null, contributors: null, readers: 0, inactive: 0 });
  });

  it('derives personas and concentration over the range', () => {
    // events per active person: a 6, e 2, b 1, d 1 (total 10); the top 1% and 10% are one person: 6/10
    expect(participationSummary(MEMBERS, DAYS, RANGE, 1)).toEqual({
      personas: { creator: 2, responder: 0, reactor: 1, observer: 1 },
      concentration: { top1Percent: 0.6, top10Percent: 0.6, activePeople: 4 },
    });
    // with k = 2, one person's share and single-person personas are withheld
    expect(participationSummary(MEMBERS, DAYS, RANGE, 2)).toEqual({
      personas: { creator: 2, responder: 0, reactor: null, observer: null },
      concentration: { top1Percent: null, top10Percent: null, activePeople: 4 },
      suppressed: { code: 'below-k', minGroupSize: 2 },
    });
  });
});

describe('participation over activity bits equals the one over person-days', () => {
  for (const seed of RANDOM_SEEDS) {
    it(`population ${seed}`, () => {
      for (const { members, days, from, to, range } of randomCases(seed)) {
        for (const k of RANDOM_RULES) {
          for (const granularity of GRANULARITIES) {
            const periods = periodsBetween(from, to, granularity);
            expect(participationSeriesFromBits(members, bitsOf(days, from, to), periods, k)).toEqual(
              participationSeries(members, daysWithin(days, from, to), periods, k),
            );
          }
          const events = new Map<string, number>();
          for (const d of daysWithin(days, from, to))
            events.set(d.personId, (events.get(d.personId) ?? 0) + d.events);
          expect(participationSummaryFromBits(members, bitsOf(days, from, to), events, range, k)).toEqual(
            participationSummary(members, daysWithin(days, from, to), range, k),
          );
        }
      }
    });
  }
});
