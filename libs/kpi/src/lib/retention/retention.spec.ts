import { churn, retentionCohorts } from '../../testing';
import {
  bitsOf,
  daysWithin,
  RANDOM_RULES,
  RANDOM_SEEDS,
  randomCases,
} from '../../testing/fixtures/random-population';
import { DAYS, MEMBERS, RANGE } from '../../testing/fixtures/three-weeks';
import { addDays } from '../core/periods';
import { churnByUnit, churnFromBits, retentionCohortsFromBits, type ChurnFigures } from './retention';

describe('retention and churn', () => {
  it('follows weekly cohorts by week of first activity', () => {
    // a, b, d and e all started in the week of 03-02; only a came back in weeks 1 and 2
    expect(retentionCohorts(MEMBERS, DAYS, RANGE, 1)).toEqual([
      { week: '2026-03-02', size: 4, retained: [1, 0.25, 0.25] },
    ]);
    expect(retentionCohorts(MEMBERS, DAYS, RANGE, 5)).toEqual([
      {
        week: '2026-03-02',
        size: null,
        retained: [null, null, null],
        suppressed: { code: 'below-k', minGroupSize: 5 },
      },
    ]);
  });

  it('counts tried-and-stopped and reactivated people, also per unit', () => {
    // silent for 1 week: cutoff 03-15. Activated by then: a, b, d, e; silent since: b, d, e.
    // a came back on 03-20 after 11 silent days (> 7): reactivated.
    const { total, byUnit } = churn(MEMBERS, DAYS, RANGE, 1);
    const counts = (figures: ChurnFigures | undefined) =>
      figures && {
        activated: figures.activated.count,
        triedAndStopped: figures.triedAndStopped.count,
        reactivated: figures.reactivated.count,
      };
    expect(counts(total)).toEqual({ activated: 4, triedAndStopped: 3, reactivated: 1 });
    expect(counts(byUnit.get('U1'))).toEqual({ activated: 2, triedAndStopped: 1, reactivated: 1 });
    expect(counts(byUnit.get('U2'))).toEqual({ activated: 1, triedAndStopped: 1, reactivated: 0 });
    const names = new Map([
      ['U1', 'Sales'],
      ['U2', 'Finance'],
    ]);
    expect(churnByUnit(byUnit, names, 1)).toEqual([
      { orgUnitId: 'U2', name: 'Finance', activated: 1, triedAndStopped: 1, rate: 1 },
      { orgUnitId: null, name: 'No unit in the directory', activated: 1, triedAndStopped: 1, rate: 1 },
      { orgUnitId: 'U1', name: 'Sales', activated: 2, triedAndStopped: 1, rate: 0.5 },
    ]);
    expect(churnByUnit(byUnit, names, 2)[2]).toEqual({
      orgUnitId: 'U1',
      name: 'Sales',
      activated: 2,
      triedAndStopped: null,
      rate: null,
      suppressed: { code: 'below-k', minGroupSize: 2 },
    });
  });
});

describe('retention over activity bits equals the one over person-days', () => {
  for (const seed of RANDOM_SEEDS) {
    it(`population ${seed}`, () => {
      for (const { members, days, from, to, range } of randomCases(seed)) {
        for (const k of RANDOM_RULES) {
          expect(retentionCohortsFromBits(members, bitsOf(days, from, to), range, k)).toEqual(
            retentionCohorts(members, daysWithin(days, from, to), range, k),
          );
        }
        for (const silentWeeks of [1, 4, 9]) {
          const since = addDays(from, -silentWeeks * 7);
          // the bits say who fell silent: members need no last active day
          const withoutLastDay = members.map((member) => ({ ...member, lastActiveDay: null }));
          expect(churnFromBits(withoutLastDay, bitsOf(days, since, to), range, silentWeeks)).toEqual(
            churn(members, daysWithin(days, since, to), range, silentWeeks),
          );
        }
      }
    });
  }
});
