import type { KpiScope } from '@uptake/contracts';
import { proportionDifferenceInterval, wilsonInterval } from '../core/intervals';
import { MAX_BREAKDOWN_ROWS, topUnitsOf, type DirectoryUnit } from '../core/top-units';
import { firstPostReportOf, retentionMeasurable, type Newcomer } from './first-post';

// Nine weeks: 2026-01-05 .. 2026-03-08 (a Sunday).
const scope: KpiScope = {
  organisationId: '00000000-0000-4000-8000-000000000001',
  from: '2026-01-05',
  to: '2026-03-08',
  granularity: 'week',
  orgUnitId: null,
  groupId: null,
  minGroupSize: 2,
  perturbation: false,
};

const UNITS = topUnitsOf(
  [
    { id: 'org', name: 'Demo Company', kind: 'organisation', path: '/org/' },
    { id: 'sales', name: 'Sales', kind: 'division', path: '/org/sales/' },
    { id: 'finance', name: 'Finance', kind: 'division', path: '/org/finance/' },
  ] satisfies DirectoryUnit[],
  null,
);
const GROUPS = new Map([
  ['g1', 'Ask IT'],
  ['g2', 'Random'],
]);

function newcomer(
  id: string,
  firstPostDay: string,
  orgUnitId: string | null,
  groupId: string | null,
  answered: boolean,
  activeInWeek4: boolean,
  activeInWeek8: boolean,
): Newcomer {
  return { id, recordKey: 0, orgUnitId, groupId, firstPostDay, answered, activeInWeek4, activeInWeek8 };
}

/*
 * Week 4 ends 28 days after the first post (all of these by 03-08: 01-14 + 28 = 02-11); week 8 ends 56 days
 * after it, by 03-08 only for first posts up to 01-11 (01-13 + 56 = 03-10 is too late).
 *   answered:   a1 a2 a3 (week of 01-05), a4 a5 (week of 01-12)
 *   unanswered: u1 u2 (week of 01-05), u3 (week of 01-12)
 */
const NEWCOMERS: Newcomer[] = [
  newcomer('a1', '2026-01-05', 'sales', 'g1', true, true, true),
  newcomer('a2', '2026-01-06', 'sales', 'g1', true, true, false),
  newcomer('a3', '2026-01-07', 'finance', 'g2', true, true, true),
  newcomer('a4', '2026-01-13', 'finance', 'g1', true, false, true),
  newcomer('a5', '2026-01-14', 'sales', null, true, true, false),
  newcomer('u1', '2026-01-05', 'sales', 'g2', false, true, false),
  newcomer('u2', '2026-01-08', 'finance', 'g2', false, true, false),
  newcomer('u3', '2026-01-12', null, 'g1', false, false, false),
];

const BELOW_K = { code: 'below-k', minGroupSize: 2 } as const;
const WEEKS = ['01-05', '01-12', '01-19', '01-26', '02-02', '02-09', '02-16', '02-23', '03-02'];

const rate = (retained: number, people: number) => {
  const interval = wilsonInterval(retained, people);
  return { rate: retained / people, low: interval.low, high: interval.high, people };
};
const difference = (x1: number, n1: number, x2: number, n2: number) => {
  const interval = proportionDifferenceInterval(x1, n1, x2, n2);
  return { difference: interval.estimate, low: interval.low, high: interval.high };
};

describe('retentionMeasurable', () => {
  it('counts week 4 and week 8 only once they have ended by the range’s end', () => {
    const first = newcomer('x', '2026-01-13', null, null, true, true, true);
    expect(retentionMeasurable(first, 4, '2026-02-10')).toBe(true); // 01-13 + 28 = 02-10
    expect(retentionMeasurable(first, 4, '2026-02-09')).toBe(false);
    expect(retentionMeasurable(first, 8, '2026-03-08')).toBe(false); // 01-13 + 56 = 03-10
  });
});

describe('firstPostReportOf', () => {
  it('compares the retention of newcomers whose first post was answered with the others', () => {
    // k = 1: every figure published, to check the arithmetic (the k = 2 cases below check what is withheld)
    const report = firstPostReportOf({ ...scope, minGroupSize: 1 }, NEWCOMERS, UNITS, GROUPS, 1);
    // week 4: answered a1 a2 a3 a5 of 5; unanswered u1 u2 of 3
    // week 8 (first posts by 01-11): answered a1 a3 of a1 a2 a3; unanswered none of u1 u2
    expect(report.answered).toEqual({ people: 5, retained4Weeks: rate(4, 5), retained8Weeks: rate(2, 3) });
    expect(report.unanswered).toEqual({ people: 3, retained4Weeks: rate(2, 3), retained8Weeks: rate(0, 2) });
    expect(report.answered.retained4Weeks.rate).toBe(0.8);
    expect(report.difference4Weeks).toEqual(difference(4, 5, 2, 3));
    expect(report.difference4Weeks.difference).toBeCloseTo(0.8 - 2 / 3, 12);
    expect(report.difference8Weeks).toEqual(difference(2, 3, 0, 2));
    // 5 of 8 first posts answered within 24 h
    expect(report.answeredWithin24h).toBe(0.625);
  });

  it('breaks the leading indicator down by week, unit and community, withholding below k', () => {
    const report = firstPostReportOf(scope, NEWCOMERS, UNITS, GROUPS, 2);
    // week of 01-05: a1 a2 a3 u1 u2 → 3/5; week of 01-12: a4 a5 u3 → 2/3, withheld: beside its 3 first posts
    // it would say that one (u3) went unanswered; the other weeks are empty
    expect(report.byWeek).toEqual(
      WEEKS.map((week, index) => ({
        week: `2026-${week}`,
        firstPosts: [5, 3][index] ?? 0,
        answeredWithin24h: [0.6][index] ?? null,
        ...(index === 1 ? { suppressed: BELOW_K } : {}),
      })),
    );
    // Units [Sales 4 (3 answered), Finance 3 (2), none 1 (0)]: the 1 is withheld and Finance with it.
    expect(report.byUnit).toEqual([
      {
        orgUnitId: 'finance',
        name: 'Finance',
        firstPosts: null,
        answeredWithin24h: null,
        suppressed: BELOW_K,
      },
      {
        orgUnitId: null,
        name: 'No unit in the directory',
        firstPosts: null,
        answeredWithin24h: null,
        suppressed: BELOW_K,
      },
      // 3 of 4 answered: the one unanswered (u1) is 1 person, so the share is withheld
      { orgUnitId: 'sales', name: 'Sales', firstPosts: 4, answeredWithin24h: null, suppressed: BELOW_K },
    ]);
    // Communities [Ask IT 4 (3 answered), Random 3 (1)] and a5's first post in none (1, never shown):
    // the unshown 1 could be recovered from the total, so Random (the smallest) is withheld too.
    expect(report.byCommunity).toEqual([
      { groupId: 'g1', name: 'Ask IT', firstPosts: 4, answeredWithin24h: null, suppressed: BELOW_K },
      { groupId: 'g2', name: 'Random', firstPosts: null, answeredWithin24h: null, suppressed: BELOW_K },
    ]);
    expect(report.suppressed).toEqual(BELOW_K);
  });

  it('publishes every figure when nothing rests on fewer than k people', () => {
    const report = firstPostReportOf(scope, NEWCOMERS, UNITS, GROUPS, 1);
    expect(report.byUnit.map((unit) => [unit.name, unit.firstPosts, unit.answeredWithin24h])).toEqual([
      ['Finance', 3, 2 / 3],
      ['No unit in the directory', 1, 0],
      ['Sales', 4, 0.75],
    ]);
    expect(report.byCommunity.map((row) => row.answeredWithin24h)).toEqual([0.75, 1 / 3]);
    expect(report.suppressed).toBeUndefined();
  });

  it('withholds everything when the newcomers are below k', () => {
    const report = firstPostReportOf(scope, NEWCOMERS, UNITS, GROUPS, 9);
    const withheld = { rate: null, low: null, high: null, people: null };
    expect(report.answered).toEqual({ people: null, retained4Weeks: withheld, retained8Weeks: withheld });
    expect(report.unanswered).toEqual({ people: null, retained4Weeks: withheld, retained8Weeks: withheld });
    expect(report.difference4Weeks).toEqual({ difference: null, low: null, high: null });
    expect(report.answeredWithin24h).toBeNull();
    expect(report.byWeek.slice(0, 3).map((week) => [week.firstPosts, week.answeredWithin24h])).toEqual([
      [null, null],
      [null, null],
      [0, null],
    ]);
    expect(report.suppressed).toEqual({ code: 'below-k', minGroupSize: 9 });
  });

  it('withholds a rate whose retained people are below k, and the difference with it', () => {
    // k = 3: the unanswered group's 3 people are shown, but 2 retained at week 4 (and the 1 who was not)
    // are withheld.
    const report = firstPostReportOf(scope, NEWCOMERS, UNITS, GROUPS, 3);
    expect(report.unanswered.retained4Weeks).toEqual({ rate: null, low: null, high: null, people: 3 });
    expect(report.difference4Weeks).toEqual({ difference: null, low: null, high: null });
    // 4 of the answered 5 retained: the one who was not is below k as well
    expect(report.answered.retained4Weeks).toEqual({ rate: null, low: null, high: null, people: 5 });
  });

  it('is empty without newcomers', () => {
    const report = firstPostReportOf(scope, [], UNITS, GROUPS, 2);
    const none = { rate: null, low: null, high: null, people: 0 };
    expect(report).toEqual({
      scope,
      answered: { people: 0, retained4Weeks: none, retained8Weeks: none },
      unanswered: { people: 0, retained4Weeks: none, retained8Weeks: none },
      difference4Weeks: { difference: null, low: null, high: null },
      difference8Weeks: { difference: null, low: null, high: null },
      answeredWithin24h: null,
      byWeek: WEEKS.map((week) => ({ week: `2026-${week}`, firstPosts: 0, answeredWithin24h: null })),
      byUnit: [],
      byCommunity: [],
    });
  });

  it(`lists at most ${MAX_BREAKDOWN_ROWS} communities, the largest`, () => {
    const many = Array.from({ length: MAX_BREAKDOWN_ROWS + 5 }, (_, index) =>
      newcomer(`n${index}`, '2026-01-05', null, `g${String(index).padStart(3, '0')}`, true, false, false),
    );
    // g000 has a second newcomer: it is the largest and must stay
    many.push(newcomer('extra', '2026-01-06', null, 'g000', false, false, false));
    const report = firstPostReportOf(scope, many, UNITS, new Map(), 1);
    expect(report.byCommunity).toHaveLength(MAX_BREAKDOWN_ROWS);
    expect(report.byCommunity[0]).toEqual({
      groupId: 'g000',
      name: 'g000',
      firstPosts: 2,
      answeredWithin24h: 0.5,
    });
  });
});
