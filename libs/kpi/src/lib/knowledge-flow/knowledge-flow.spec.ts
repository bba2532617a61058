import { exactCount } from '../disclosure/cell-key';
import type { BoundaryTally, FlowCellRow, FlowShareRow, FlowUnitRow, ThreadTally } from './flow-rows';
import { boundaryShare, hiddenCellsOf, keptUnits, knowledgeFlow, publishThreads } from './knowledge-flow';

const K = 3;
const reason = { code: 'below-k', minGroupSize: K };

const tally = (threads: number, people: number, top = 1): ThreadTally => ({
  threads,
  people: exactCount(people),
  top,
});
const cell = (
  askerUnit: string | null,
  responderUnit: string | null,
  threads: number,
  authors: number,
  responders: number,
): FlowCellRow => ({
  askerUnit,
  responderUnit,
  byAuthors: tally(threads, authors),
  responders: exactCount(responders),
});
const unit = (
  id: string,
  started: ThreadTally,
  answersToOthers: ThreadTally,
  answeredByOthers: ThreadTally,
): FlowUnitRow => ({ unit: id, started, answersToOthers, answeredByOthers });
const boundary = (
  comparable: number,
  crossing: number,
  people: [crossingAuthors: number, crossingResponders: number, sameAuthors: number, sameResponders: number],
): BoundaryTally => ({
  comparable,
  crossing,
  crossingAuthors: people[0],
  crossingResponders: people[1],
  sameAuthors: people[2],
  sameResponders: people[3],
});
const NO_BOUNDARY = boundary(0, 0, [0, 0, 0, 0]);

/*
 * The matrix (asker → responder: threads, authors, responders), k = 3:
 *   A→A 10 (4, 3)   A→B 25 (3, 3)   B→A 12 (5, 4)   C→A 2 (2, 1)   C→B 7 (3, 3)   ?→A 3 (3, 3)
 * C→A is below k (2 authors, 1 responder). Complementary suppression, smaller side of each cell as its size:
 *   column A (other known askers): B→A 4, C→A 1 hidden → 1 < 3, so B→A is hidden too (answersToOthers of A
 *     minus the shown cells would give C→A);
 *   row C (other known responders): C→A 1 hidden, C→B 3 → 1 < 3, so C→B is hidden;
 *   column B: A→B 3, C→B 3 hidden → 3 ≥ 3, done; row A: A→B only, none hidden; row B: B→A alone, hidden;
 *   all cells: 1 + 4 + 3 = 8 hidden people ≥ 3.
 * Shown: A→A 10, A→B 25, ?→A 3 (the unknown asker is in no row); hidden: 3.
 */
const CELLS: FlowCellRow[] = [
  cell('B', 'A', 12, 5, 4),
  cell('A', 'A', 10, 4, 3),
  cell(null, 'A', 3, 3, 3),
  cell('C', 'B', 7, 3, 3),
  cell('A', 'B', 25, 3, 3),
  cell('C', 'A', 2, 2, 1),
];

/*
 * Units (started; answers to others; answered by others — threads, people):
 *   A: 37 = 10 + 25 + 2 unanswered (4 authors); 14 = B→A 12 + C→A 2 (4 responders); 25 (3 authors)
 *      → ratio 14 / 37; hidden expertise: 14 ≥ 10 but 14 < 2 × 37 → false
 *   B: 15 = 12 + 3 unanswered (5); 32 = A→B 25 + C→B 7 (3); 12 (5)
 *      → ratio 32 / 15 = 2.1333; 32 ≥ 10 and 32 ≥ 30 → hidden expertise
 *   C: 9 (3); 0 (0 people: 0 is shown); 9 (3) → ratio 0, not an expert
 *   E: 4 (2 authors: withheld); 11 (3); 0 → no ratio, no flag, suppressed
 *   F: 0 started; 12 (3); 0 → no ratio (nothing started) but 12 ≥ 10 and 12 ≥ 0 → hidden expertise
 * Order by started + answers: A 51, B 47, E 15, F 12, C 9.
 */
const UNITS: FlowUnitRow[] = [
  unit('C', tally(9, 3), tally(0, 0), tally(9, 3)),
  unit('F', tally(0, 0), tally(12, 3), tally(0, 0)),
  unit('A', tally(37, 4), tally(14, 4), tally(25, 3)),
  unit('E', tally(4, 2), tally(11, 3), tally(0, 0)),
  unit('B', tally(15, 5), tally(32, 3), tally(12, 5)),
];

/*
 * Whole range: 59 answered threads by 10 authors, 12 responders.
 *   department: 45 of 60 comparable cross (8 authors / 9 responders crossing, 4 / 3 staying) → 0.75
 *   company: the crossing part rests on 2 authors → withheld
 * January: 40 threads (6 authors, 5 responders); 10 of 40 cross departments (3/3 crossing, 5/4 staying)
 *   → 0.25; no thread with both companies known → null, not withheld.
 * February: nothing → 0 threads, no shares.
 * March: 25 threads of 2 authors → count and shares withheld.
 */
const SHARES: FlowShareRow[] = [
  {
    month: null,
    answered: tally(59, 10),
    responders: 12,
    department: boundary(60, 45, [8, 9, 4, 3]),
    company: boundary(50, 10, [2, 4, 9, 8]),
  },
  {
    month: '2026-01-01',
    answered: tally(40, 6),
    responders: 5,
    department: boundary(40, 10, [3, 3, 5, 4]),
    company: NO_BOUNDARY,
  },
  {
    month: '2026-03-01',
    answered: tally(25, 2),
    responders: 4,
    department: boundary(25, 25, [2, 4, 0, 0]),
    company: NO_BOUNDARY,
  },
];

const NAMES = new Map([
  ['A', 'Sales'],
  ['B', 'IT'],
  ['C', 'Legal'],
  ['E', 'Finance'],
]);

describe('knowledge flow', () => {
  const report = knowledgeFlow(
    { cells: CELLS, units: UNITS, shares: SHARES, from: '2026-01-10', to: '2026-03-05' },
    NAMES,
    K,
  );

  it('shows the cells both sides of which hold k people, and withholds the ones subtraction would give', () => {
    expect(report.cells).toEqual([
      { askerOrgUnitId: 'A', responderOrgUnitId: 'A', threads: 10 },
      { askerOrgUnitId: 'A', responderOrgUnitId: 'B', threads: 25 },
      { askerOrgUnitId: null, responderOrgUnitId: 'A', threads: 3 },
    ]);
    expect(report.hiddenCells).toBe(3);
    expect(hiddenCellsOf(CELLS, new Set(['A', 'B', 'C']), K)).toEqual([
      true,
      false,
      false,
      true,
      false,
      true,
    ]);
  });

  it('finds hidden expertise: twice as many answers to others as threads started, at least 10', () => {
    expect(report.units).toEqual([
      {
        orgUnitId: 'A',
        name: 'Sales',
        threadsStarted: 37,
        answersToOthers: 14,
        answeredByOthers: 25,
        expertiseRatio: 14 / 37,
        hiddenExpertise: false,
      },
      {
        orgUnitId: 'B',
        name: 'IT',
        threadsStarted: 15,
        answersToOthers: 32,
        answeredByOthers: 12,
        expertiseRatio: 32 / 15,
        hiddenExpertise: true,
      },
      {
        orgUnitId: 'E',
        name: 'Finance',
        threadsStarted: null,
        answersToOthers: 11,
        answeredByOthers: 0,
        expertiseRatio: null,
        hiddenExpertise: null,
        suppressed: reason,
      },
      // No name in the directory: the id stands in.
      {
        orgUnitId: 'F',
        name: 'F',
        threadsStarted: 0,
        answersToOthers: 12,
        answeredByOthers: 0,
        expertiseRatio: null,
        hiddenExpertise: true,
      },
      {
        orgUnitId: 'C',
        name: 'Legal',
        threadsStarted: 9,
        answersToOthers: 0,
        answeredByOthers: 9,
        expertiseRatio: 0,
        hiddenExpertise: false,
      },
    ]);
  });

  it('gives the shares over the range and per calendar month, withheld below k', () => {
    expect(report.answeredThreads).toBe(59);
    expect(report.crossDepartmentShare).toBe(0.75);
    expect(report.crossCompanyShare).toBeNull();
    expect(report.byMonth).toEqual([
      { month: '2026-01-01', answeredThreads: 40, crossDepartmentShare: 0.25, crossCompanyShare: null },
      { month: '2026-02-01', answeredThreads: 0, crossDepartmentShare: null, crossCompanyShare: null },
      {
        month: '2026-03-01',
        answeredThreads: null,
        crossDepartmentShare: null,
        crossCompanyShare: null,
        suppressed: reason,
      },
    ]);
    expect(report.suppressed).toEqual(reason);
  });

  it('is empty, with nothing withheld, without threads', () => {
    expect(
      knowledgeFlow({ cells: [], units: [], shares: [], from: '2026-02-03', to: '2026-02-20' }, NAMES, K),
    ).toEqual({
      answeredThreads: 0,
      crossDepartmentShare: null,
      crossCompanyShare: null,
      units: [],
      cells: [],
      hiddenCells: 0,
      byMonth: [
        { month: '2026-02-01', answeredThreads: 0, crossDepartmentShare: null, crossCompanyShare: null },
      ],
    });
  });

  it('keeps the most active units and treats the cells of the others as withheld', () => {
    expect(keptUnits(UNITS, 2).map((row) => row.unit)).toEqual(['A', 'B']);
    // Without C listed, C→A and C→B are unlisted; column A still has only B→A besides C→A (4 + 1 ≥ 3 once
    // B→A is hidden, as before), so the shown cells stay A→A, A→B and ?→A.
    expect(hiddenCellsOf(CELLS, new Set(['A', 'B']), K)).toEqual([true, false, false, true, false, true]);
    // A lone cell below k among big ones: the smallest other of its column goes with it.
    const column = [cell('A', 'X', 50, 9, 9), cell('B', 'X', 20, 6, 5), cell('C', 'X', 4, 1, 1)];
    expect(hiddenCellsOf(column, new Set(['A', 'B', 'C', 'X']), K)).toEqual([false, true, true]);
  });
});

describe('publishing thread figures', () => {
  it('withholds a count of 1..k-1 people, shows 0 and exact counts with a bare k', () => {
    expect(publishThreads(tally(8, 2, 5), K)).toBeNull();
    expect(publishThreads(tally(0, 0), K)).toBe(0);
    expect(publishThreads(tally(8, 3, 5), K)).toBe(8);
  });

  it('moves a count by at most the largest contribution under perturbation, the same for the same people', () => {
    const rule = { k: K, perturbation: true };
    const figure = { threads: 40, people: { count: 6, key: 123_456_789 }, top: 4 };
    const published = publishThreads(figure, rule);
    expect(published).not.toBeNull();
    expect(Math.abs((published ?? 0) - 40)).toBeLessThanOrEqual(4);
    expect(publishThreads({ ...figure }, rule)).toBe(published);
  });

  it('withholds a share when either its crossing or its staying part rests on 1..k-1 people', () => {
    expect(boundaryShare(boundary(10, 4, [3, 3, 3, 3]), K)).toBe(0.4);
    expect(boundaryShare(boundary(10, 4, [3, 3, 3, 2]), K)).toBeNull();
    // All threads cross: the empty staying part discloses nobody.
    expect(boundaryShare(boundary(10, 10, [4, 3, 0, 0]), K)).toBe(1);
    expect(boundaryShare(NO_BOUNDARY, K)).toBeNull();
  });
});
