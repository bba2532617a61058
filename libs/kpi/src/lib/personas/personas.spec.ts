import type { KpiScope } from '@uptake/contracts';
import { activityBitsOf } from '../../testing';
import type { PersonDay } from '../core/person-days';
import { topUnitsOf, type DirectoryUnit } from '../core/top-units';
import {
  habitualPeople,
  habitWindow,
  medianOf,
  personaOfBehaviour,
  personasReportOf,
  type BehaviourTotals,
  type PersonBehaviour,
} from './behaviour-personas';

const scope: KpiScope = {
  organisationId: '00000000-0000-4000-8000-000000000001',
  from: '2026-03-02',
  to: '2026-03-29',
  granularity: 'week',
  orgUnitId: null,
  groupId: null,
  minGroupSize: 2,
  perturbation: false,
};

// The company is the single root (kind organisation): its divisions are the top-level units.
const UNITS: DirectoryUnit[] = [
  { id: 'org', name: 'Demo Company', kind: 'organisation', path: '/org/' },
  { id: 'sales', name: 'Sales', kind: 'division', path: '/org/sales/' },
  { id: 'sales-north', name: 'Sales North', kind: 'department', path: '/org/sales/sales-north/' },
  { id: 'finance', name: 'Finance', kind: 'division', path: '/org/finance/' },
];

const CATALYST: BehaviourTotals = { threads: 2, answeredThreads: 1, replies: 0, received: 0 };
const ENGAGER: BehaviourTotals = { threads: 0, answeredThreads: 0, replies: 3, received: 1 };
const RESPONDER: BehaviourTotals = { threads: 0, answeredThreads: 0, replies: 4, received: 0 };
const BROADCASTER: BehaviourTotals = { threads: 3, answeredThreads: 1, replies: 2, received: 5 };
const OBSERVER: BehaviourTotals = { threads: 0, answeredThreads: 0, replies: 0, received: 7 };

function person(
  id: string,
  orgUnitId: string | null,
  totals: BehaviourTotals,
  events: number,
  habitual = false,
): PersonBehaviour {
  return { id, recordKey: 0, orgUnitId, ...totals, events, habitual };
}

/*
 * Sales (subtree, incl. Sales North): 3 catalysts, 2 engagers, 1 observer. Finance: 2 responders, 1 broadcaster.
 * No unit: 1 observer. 10 active people: catalyst 3, engager 2, responder 2, broadcaster 1, observer 2.
 * Events sorted: 1 1 2 3 4 4 4 5 12 20 → median (4 + 4) / 2 = 4 → power users have ≥ 12: s1 and f2.
 */
const PEOPLE: PersonBehaviour[] = [
  person('s1', 'sales', CATALYST, 20, true),
  person('s2', 'sales-north', CATALYST, 4),
  person('s3', 'sales', CATALYST, 4),
  person('s4', 'sales', ENGAGER, 4, true),
  person('s5', 'sales-north', ENGAGER, 5),
  person('s6', 'sales', OBSERVER, 1),
  person('f1', 'finance', RESPONDER, 3),
  person('f2', 'finance', RESPONDER, 12, true),
  person('f3', 'finance', BROADCASTER, 2),
  person('n1', null, OBSERVER, 1),
];

const BELOW_K = { code: 'below-k', minGroupSize: 2 } as const;

describe('personaOfBehaviour', () => {
  it('takes the first matching rule', () => {
    expect(personaOfBehaviour(CATALYST)).toBe('catalyst'); // 1 of 2 threads answered: at least half
    expect(personaOfBehaviour(BROADCASTER)).toBe('broadcaster'); // 1 of 3 answered, 2 replies < 3 threads
    expect(personaOfBehaviour(ENGAGER)).toBe('engager');
    expect(personaOfBehaviour(RESPONDER)).toBe('responder');
    expect(personaOfBehaviour(OBSERVER)).toBe('observer'); // reactions received, nothing given
  });

  it('lets the reply rules decide for a thread starter who replied at least as often as they posted', () => {
    // 1 of 3 threads answered (not a catalyst), 3 replies ≥ 3 threads (not a broadcaster)
    expect(personaOfBehaviour({ threads: 3, answeredThreads: 1, replies: 3, received: 2 })).toBe('engager');
    expect(personaOfBehaviour({ threads: 3, answeredThreads: 1, replies: 3, received: 0 })).toBe('responder');
    expect(personaOfBehaviour({ threads: 0, answeredThreads: 0, replies: 0, received: 0 })).toBe('observer');
  });
});

describe('habits', () => {
  it('looks at the 12 complete ISO weeks ending on or before the last day', () => {
    // 2026-03-29 is a Sunday: its week counts; 12 weeks back start on Monday 2026-01-05.
    expect(habitWindow('2026-03-29')).toEqual({ start: '2026-01-05', end: '2026-03-29' });
    // Wednesday 2026-03-25: its week is incomplete, so the window ends on Sunday 2026-03-22.
    expect(habitWindow('2026-03-25')).toEqual({ start: '2025-12-29', end: '2026-03-22' });
  });

  it('calls habitual who was active in at least 9 of those weeks', () => {
    const window = habitWindow('2026-03-29');
    const inWeeks = (personId: string, weeks: number[]): PersonDay[] =>
      weeks.map((week) => ({
        // the Wednesday of week `week` (0 = week of 2026-01-05)
        day: new Date(Date.parse('2026-01-07T00:00:00Z') + week * 7 * 86_400_000).toISOString().slice(0, 10),
        personId,
        events: 1,
        creations: 0,
        responses: 0,
        reactions: 0,
        reads: 1,
      }));
    const bits = activityBitsOf(window.start, window.end, [
      ...inWeeks('nine', [0, 1, 2, 3, 5, 6, 8, 10, 11]),
      ...inWeeks('eight', [0, 1, 2, 3, 5, 6, 8, 10]),
      ...inWeeks('twelve', [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]),
    ]);
    expect([...habitualPeople(bits, '2026-03-29')].sort()).toEqual(['nine', 'twelve']);
  });

  it('takes the median of the middle two for an even count', () => {
    expect(medianOf([20, 4, 4, 4, 5, 1, 3, 12, 2, 1])).toBe(4);
    expect(medianOf([3, 1, 2])).toBe(2);
    expect(medianOf([])).toBe(0);
  });
});

describe('personasReportOf', () => {
  it('publishes persona shares with complementary suppression, habits and personas per top-level unit', () => {
    const report = personasReportOf(scope, PEOPLE, topUnitsOf(UNITS, null), 2);
    // Persona counts [3, 2, 2, 1, 2]: the broadcaster (1) is withheld; 1 < k, so the smallest other part
    // (engager, 2) is withheld with it. Shares of 10: 0.3, 0.2, 0.2.
    expect(report.activePeople).toBe(10);
    expect(report.personas).toEqual({
      catalyst: 0.3,
      engager: null,
      responder: 0.2,
      broadcaster: null,
      observer: 0.2,
    });
    // habitual s1, s4, f2 = 3/10; power users s1, f2 = 2/10
    expect(report.habits).toEqual({ habitual: 0.3, powerUsers: 0.2, activePeople: 10 });
    /*
     * Units' active people [Sales 6, Finance 3, none 1]: the 1 is withheld, and Finance (3) with it.
     * Sales' cells [3, 2, 0, 0, 1]: the observer (1) is withheld, and the engagers (2) with it.
     * Columns: broadcaster [0, 1 withheld, 0] has no other non-zero cell to withhold.
     */
    expect(report.byUnit).toEqual([
      {
        orgUnitId: 'finance',
        name: 'Finance',
        activePeople: null,
        personas: { catalyst: null, engager: null, responder: null, broadcaster: null, observer: null },
        suppressed: BELOW_K,
      },
      {
        orgUnitId: null,
        name: 'No unit in the directory',
        activePeople: null,
        personas: { catalyst: null, engager: null, responder: null, broadcaster: null, observer: null },
        suppressed: BELOW_K,
      },
      {
        orgUnitId: 'sales',
        name: 'Sales',
        activePeople: 6,
        personas: { catalyst: 0.5, engager: null, responder: 0, broadcaster: 0, observer: null },
        suppressed: BELOW_K,
      },
    ]);
    expect(report.suppressed).toEqual(BELOW_K);
  });

  it('shows every figure when nothing rests on fewer than k people', () => {
    const report = personasReportOf(scope, PEOPLE, topUnitsOf(UNITS, null), 1);
    // 3/10, 2/10, 2/10, 1/10, 2/10; Finance: 2 responders and 1 broadcaster of 3
    expect(report.personas).toEqual({
      catalyst: 0.3,
      engager: 0.2,
      responder: 0.2,
      broadcaster: 0.1,
      observer: 0.2,
    });
    expect(report.byUnit[0]).toEqual({
      orgUnitId: 'finance',
      name: 'Finance',
      activePeople: 3,
      personas: { catalyst: 0, engager: 0, responder: 2 / 3, broadcaster: 1 / 3, observer: 0 },
    });
    expect(report.suppressed).toBeUndefined();
  });

  it('breaks a scope on an org unit down by its children', () => {
    const sales = PEOPLE.filter((p) => p.orgUnitId === 'sales' || p.orgUnitId === 'sales-north');
    const report = personasReportOf({ ...scope, orgUnitId: 'sales' }, sales, topUnitsOf(UNITS, 'sales'), 1);
    // Sales' own people (s1, s3, s4, s6) are the Sales row; s2 and s5 are in Sales North.
    expect(report.byUnit.map((unit) => [unit.name, unit.activePeople])).toEqual([
      ['Sales', 4],
      ['Sales North', 2],
    ]);
    expect(report.byUnit[1].personas).toEqual({
      catalyst: 0.5,
      engager: 0.5,
      responder: 0,
      broadcaster: 0,
      observer: 0,
    });
  });

  it('withholds everything below k', () => {
    const report = personasReportOf(scope, PEOPLE, topUnitsOf(UNITS, null), 11);
    expect(report.activePeople).toBeNull();
    expect(Object.values(report.personas)).toEqual([null, null, null, null, null]);
    expect(report.habits).toEqual({ habitual: null, powerUsers: null, activePeople: null });
    expect(report.byUnit.every((unit) => unit.activePeople === null && unit.suppressed)).toBe(true);
    expect(report.suppressed).toEqual({ code: 'below-k', minGroupSize: 11 });
  });

  it('is empty without active people', () => {
    expect(personasReportOf(scope, [], topUnitsOf(UNITS, null), 2)).toEqual({
      scope,
      activePeople: 0,
      personas: { catalyst: null, engager: null, responder: null, broadcaster: null, observer: null },
      habits: { habitual: null, powerUsers: null, activePeople: 0 },
      byUnit: [],
    });
  });
});
