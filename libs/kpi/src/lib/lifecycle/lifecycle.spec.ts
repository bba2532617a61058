import type { KpiScope, LifecycleWeek } from '@uptake/contracts';
import { activityBitsOf } from '../../testing';
import type { PersonDay } from '../core/person-days';
import { lifecycleFrames, lifecycleReportOf, lifecycleWindow, type LifecyclePerson } from './lifecycle';

const scope: KpiScope = {
  organisationId: '00000000-0000-4000-8000-000000000001',
  from: '2026-03-09',
  to: '2026-03-25',
  granularity: 'week',
  orgUnitId: null,
  groupId: null,
  minGroupSize: 2,
  perturbation: false,
};

const activeOn = (personId: string, ...days: string[]): PersonDay[] =>
  days.map((day) => ({ day, personId, events: 1, creations: 0, responses: 0, reactions: 0, reads: 1 }));

/*
 * Weeks: 03-09 (before it 03-02..03-08), 03-16, 03-23 (cut at the range's end, Wednesday 03-25).
 *   a: first active in January; active every week                 → retained, retained, retained
 *   b: first active in January; 03-04, 03-18                       → dormant, reactivated, dormant
 *   c: first active 03-11; 03-11, 03-12, 03-19                     → new, retained, dormant
 *   d: first active 03-17; 03-17, 03-24                            → –, new, retained
 *   e: first active in December; 03-10, 03-23                      → reactivated, dormant, reactivated
 *   g: first active in February; 03-05                             → dormant, –, –
 *   h: first active 03-09; 03-09                                   → new, dormant, –
 *   z: never active (or only after the range: first day unknown by then)
 */
const PEOPLE: LifecyclePerson[] = [
  { id: 'a', recordKey: 0, firstActiveDay: '2026-01-10' },
  { id: 'b', recordKey: 0, firstActiveDay: '2026-01-05' },
  { id: 'c', recordKey: 0, firstActiveDay: '2026-03-11' },
  { id: 'd', recordKey: 0, firstActiveDay: '2026-03-17' },
  { id: 'e', recordKey: 0, firstActiveDay: '2025-12-01' },
  { id: 'g', recordKey: 0, firstActiveDay: '2026-02-20' },
  { id: 'h', recordKey: 0, firstActiveDay: '2026-03-09' },
  { id: 'z', recordKey: 0, firstActiveDay: null },
];
const DAYS: PersonDay[] = [
  ...activeOn('a', '2026-03-03', '2026-03-10', '2026-03-17', '2026-03-24'),
  ...activeOn('b', '2026-03-04', '2026-03-18'),
  ...activeOn('c', '2026-03-11', '2026-03-12', '2026-03-19'),
  ...activeOn('d', '2026-03-17', '2026-03-24'),
  ...activeOn('e', '2026-03-10', '2026-03-23'),
  ...activeOn('g', '2026-03-05'),
  ...activeOn('h', '2026-03-09'),
  // after the range's end: never counted
  ...activeOn('z', '2026-03-26'),
];

function report(rule: number, people = PEOPLE, days = DAYS) {
  const window = lifecycleWindow(scope.from, scope.to);
  return lifecycleReportOf(scope, people, activityBitsOf(window.start, '2026-03-31', days), rule);
}

const BELOW_K = { code: 'below-k', minGroupSize: 2 } as const;

describe('lifecycle frames', () => {
  it('uses whole ISO weeks from the Monday on or before the first day, cut at the last day', () => {
    expect(lifecycleFrames('2026-03-11', '2026-03-25')).toEqual([
      {
        week: { start: '2026-03-09', end: '2026-03-15' },
        previous: { start: '2026-03-02', end: '2026-03-08' },
      },
      {
        week: { start: '2026-03-16', end: '2026-03-22' },
        previous: { start: '2026-03-09', end: '2026-03-15' },
      },
      {
        week: { start: '2026-03-23', end: '2026-03-25' },
        previous: { start: '2026-03-16', end: '2026-03-22' },
      },
    ]);
    expect(lifecycleWindow('2026-03-11', '2026-03-25')).toEqual({ start: '2026-03-02', end: '2026-03-25' });
  });
});

describe('lifecycleReportOf', () => {
  it('splits each week into new, retained, reactivated and dormant people (exact figures)', () => {
    const weeks = report(1).weeks;
    expect(weeks).toEqual<LifecycleWeek[]>([
      // active a c e h = 4, the week before a b g = 3
      { week: '2026-03-09', active: 4, new: 2, retained: 1, reactivated: 1, dormant: 2, netChange: 1 },
      // active a b c d = 4, before a c e h = 4
      { week: '2026-03-16', active: 4, new: 1, retained: 2, reactivated: 1, dormant: 2, netChange: 0 },
      // active a d e = 3, before a b c d = 4 (z's day after the range does not count)
      { week: '2026-03-23', active: 3, new: 0, retained: 2, reactivated: 1, dormant: 2, netChange: -1 },
    ]);
    for (const week of weeks) {
      // new + retained + reactivated = active; netChange = new + reactivated − dormant
      expect(week.new! + week.retained! + week.reactivated!).toBe(week.active);
      expect(week.new! + week.reactivated! - week.dormant!).toBe(week.netChange);
    }
  });

  it('withholds parts below k and the parts they could be recovered from', () => {
    expect(report(2).weeks).toEqual<LifecycleWeek[]>([
      // parts [2, 1, 1 | 2]: retained and reactivated (1 each) are withheld, 2 people together; retained
      // also sits in the week before's 3 = retained + dormant, so dormant is withheld with it.
      {
        week: '2026-03-09',
        active: 4,
        new: 2,
        retained: null,
        reactivated: null,
        dormant: null,
        netChange: 1,
        suppressed: BELOW_K,
      },
      // [1, 2, 1 | 2]: new and reactivated (1 each) hold 2 people together: enough.
      {
        week: '2026-03-16',
        active: 4,
        new: null,
        retained: 2,
        reactivated: null,
        dormant: 2,
        netChange: 0,
        suppressed: BELOW_K,
      },
      // [0, 2, 1 | 2]: reactivated (1) is withheld and retained (the smallest other part) with it.
      {
        week: '2026-03-23',
        active: 3,
        new: 0,
        retained: null,
        reactivated: null,
        dormant: 2,
        netChange: -1,
        suppressed: BELOW_K,
      },
    ]);
  });

  it('withholds a week whose active people are below k, and its net change', () => {
    const last = report(4).weeks[2];
    // active 3 < 4: new, retained, reactivated go with it; retained + dormant = 2 + 2 → dormant as well
    expect(last).toEqual({
      week: '2026-03-23',
      active: null,
      new: null,
      retained: null,
      reactivated: null,
      dormant: null,
      netChange: null,
      suppressed: { code: 'below-k', minGroupSize: 4 },
    });
  });

  it('has zero weeks without activity', () => {
    expect(report(2, PEOPLE, []).weeks.map((week) => [week.week, week.active, week.netChange])).toEqual([
      ['2026-03-09', 0, 0],
      ['2026-03-16', 0, 0],
      ['2026-03-23', 0, 0],
    ]);
    expect(report(2, [], []).weeks[0]).toEqual({
      week: '2026-03-09',
      active: 0,
      new: 0,
      retained: 0,
      reactivated: 0,
      dormant: 0,
      netChange: 0,
    });
  });
});
