import { periodsBetween, weekStart } from './periods';
import {
  adoptionSeries,
  churn,
  churnByUnit,
  participationSeries,
  participationSummary,
  personSummaries,
  retentionCohorts,
  type ChurnFigures,
  type Member,
  type PersonDay,
} from './people-kpis';

/*
 * A hand-built population over three ISO weeks (2026-03-02 is a Monday):
 *   a  listed, unit U1, active 03-02 (post, reply, reaction), 03-09 (2 reads), 03-20 (reaction)
 *   b  listed, unit U1, active 03-03 (reaction)
 *   c  listed, unit U2, joined 03-10, never active
 *   d  listed, unit U2, left 03-05, active 03-02 (read)
 *   e  not in the directory (seen only in activity), active 03-04 (2 posts)
 */
const member = (id: string, overrides: Partial<Member>): Member => ({
  id,
  listed: true,
  startDate: null,
  endDate: null,
  firstActiveDay: null,
  lastActiveDay: null,
  orgUnitId: null,
  recordKey: 0,
  ...overrides,
});
const MEMBERS: Member[] = [
  member('a', { orgUnitId: 'U1', firstActiveDay: '2026-03-02', lastActiveDay: '2026-03-20' }),
  member('b', { orgUnitId: 'U1', firstActiveDay: '2026-03-03', lastActiveDay: '2026-03-03' }),
  member('c', { orgUnitId: 'U2', startDate: '2026-03-10' }),
  member('d', {
    orgUnitId: 'U2',
    endDate: '2026-03-05',
    firstActiveDay: '2026-03-02',
    lastActiveDay: '2026-03-02',
  }),
  member('e', { listed: false, firstActiveDay: '2026-03-04', lastActiveDay: '2026-03-04' }),
];
const day = (d: string, personId: string, f: Partial<PersonDay>): PersonDay => ({
  day: d,
  personId,
  events: 0,
  creations: 0,
  responses: 0,
  reactions: 0,
  reads: 0,
  ...f,
});
const DAYS: PersonDay[] = [
  day('2026-03-02', 'a', { events: 3, creations: 1, responses: 1, reactions: 1 }),
  day('2026-03-09', 'a', { events: 2, reads: 2 }),
  day('2026-03-20', 'a', { events: 1, reactions: 1 }),
  day('2026-03-03', 'b', { events: 1, reactions: 1 }),
  day('2026-03-02', 'd', { events: 1, reads: 1 }),
  day('2026-03-04', 'e', { events: 2, creations: 2 }),
];
const RANGE = { start: '2026-03-02', end: '2026-03-22' };
const WEEKS = periodsBetween(RANGE.start, RANGE.end, 'week');

describe('periods', () => {
  it('cuts ISO weeks (Monday to Sunday) and calendar months, clipping the ends to the range', () => {
    expect(weekStart('2026-03-08')).toBe('2026-03-02');
    expect(weekStart('2026-03-09')).toBe('2026-03-09');
    expect(periodsBetween('2026-03-04', '2026-03-17', 'week')).toEqual([
      { start: '2026-03-04', end: '2026-03-08' },
      { start: '2026-03-09', end: '2026-03-15' },
      { start: '2026-03-16', end: '2026-03-17' },
    ]);
    expect(periodsBetween('2026-01-30', '2026-03-02', 'month')).toEqual([
      { start: '2026-01-30', end: '2026-01-31' },
      { start: '2026-02-01', end: '2026-02-28' },
      { start: '2026-03-01', end: '2026-03-02' },
    ]);
    expect(periodsBetween('2026-03-02', '2026-03-03', 'day')).toHaveLength(2);
  });
});

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

describe('personSummaries', () => {
  it('lists each member with persona and totals over the range, most active first', () => {
    const rows = personSummaries(MEMBERS, DAYS, RANGE);
    expect(rows.map((row) => [row.personId, row.persona, row.events, row.activeDays])).toEqual([
      ['a', 'creator', 6, 3],
      ['e', 'creator', 2, 1],
      ['b', 'reactor', 1, 1],
      ['d', 'observer', 1, 1],
      ['c', null, 0, 0],
    ]);
  });
});
