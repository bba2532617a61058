import { adoptionSeries } from '../../testing';
import {
  bitsOf,
  daysWithin,
  RANDOM_RULES,
  RANDOM_SEEDS,
  randomCases,
} from '../../testing/fixtures/random-population';
import { DAYS, MEMBERS, WEEKS, day, member } from '../../testing/fixtures/three-weeks';
import { GRANULARITIES, periodsBetween } from '../core/periods';
import { adoptionSeriesFromBits, lookbackStart } from './adoption';

describe('adoptionSeries', () => {
  it('counts eligible (listed, employed on the period end), active, activated and DAU/WAU/MAU by hand', () => {
    const [w1, w2, w3] = adoptionSeries(MEMBERS, DAYS, WEEKS, 1);
    // week 1: eligible on 03-08 = a, b (c not yet, d left, e not listed); active = a, b, d, e
    // daily actives 2 + 1 + 1 over 7 days = 4/7; stickiness = (4/7) / 4
    expect(w1).toEqual({
      start: '2026-03-02',
      end: '2026-03-08',
      eligible: 2,
      active: 4,
      activated: 2,
      adoptionRate: 1,
      averageDailyActive: 4 / 7,
      weeklyActive: 4,
      monthlyActive: 4,
      stickiness: 1 / 7,
      // nobody here joined anything without being active (see the next test)
      joinedOnly: 0,
    });
    // week 2: c has joined (eligible 3) but never came: adoption 2/3; only a active (1/7 a day)
    expect(w2).toMatchObject({ eligible: 3, active: 1, activated: 2, adoptionRate: 2 / 3, weeklyActive: 1 });
    expect(w2.averageDailyActive).toBeCloseTo(1 / 7);
    // the 28 days ending 03-22 still see a, b, d and e
    expect(w3).toMatchObject({ eligible: 3, active: 1, monthlyActive: 4, stickiness: 1 / 7 / 4 });
  });

  it('counts eligible people who joined but were never active, and never as active or activated', () => {
    // f joined a channel on 03-03 and never did anything else; g joined on 03-03 and first posted on 03-10
    // (a join is recorded, not activity: neither is active in week 1, g is activated from week 2 on)
    const members = [
      ...MEMBERS,
      member('f', { firstJoinedDay: '2026-03-03' }),
      member('g', {
        firstJoinedDay: '2026-03-03',
        firstActiveDay: '2026-03-10',
        lastActiveDay: '2026-03-10',
      }),
    ];
    const days = [...DAYS, day('2026-03-10', 'g', { events: 1, creations: 1 })];
    const [w1, w2] = adoptionSeries(members, days, WEEKS, 1);
    // week 1: eligible a, b, f, g (4); activated a, b (2): f and g only joined
    expect(w1).toMatchObject({ eligible: 4, active: 4, activated: 2, adoptionRate: 0.5, joinedOnly: 2 });
    // week 2: eligible a, b, c, f, g (5); activated a, b, g (3); joined only: f; c was never seen
    expect(w2).toMatchObject({ eligible: 5, activated: 3, adoptionRate: 3 / 5, joinedOnly: 1 });
    // k = 2: week 1 shows f and g (2; never seen 4 - 2 - 2 = 0); week 2 withholds f alone (1 person)
    const [k1, k2] = adoptionSeries(members, days, WEEKS, 2);
    expect(k1.joinedOnly).toBe(2);
    expect(k2.joinedOnly).toBeNull();
  });

  it('withholds figures resting on fewer than k people, saying why', () => {
    const [w1, w2] = adoptionSeries(MEMBERS, DAYS, WEEKS, 2);
    expect(w1.suppressed).toBeUndefined();
    expect(w2).toMatchObject({
      eligible: 3,
      active: null,
      averageDailyActive: null,
      weeklyActive: null,
      stickiness: null,
      activated: 2,
      monthlyActive: 4,
      suppressed: { code: 'below-k', minGroupSize: 2 },
    });
    // a population smaller than k shows nothing at all
    const [tiny] = adoptionSeries(MEMBERS.slice(0, 2), DAYS, WEEKS, 5);
    expect(tiny).toMatchObject({ eligible: null, active: null, adoptionRate: null });
  });
});

describe('adoption over activity bits equals the one over person-days', () => {
  for (const seed of RANDOM_SEEDS) {
    it(`population ${seed}`, () => {
      for (const { members, days, from, to } of randomCases(seed)) {
        for (const k of RANDOM_RULES) {
          for (const granularity of GRANULARITIES) {
            const periods = periodsBetween(from, to, granularity);
            const lookback = lookbackStart(from);
            expect(adoptionSeriesFromBits(members, bitsOf(days, lookback, to), periods, k)).toEqual(
              adoptionSeries(members, daysWithin(days, lookback, to), periods, k),
            );
          }
        }
      }
    });
  }
});
