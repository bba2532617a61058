import { emptyTallies } from './community-figures';
import { departmentFlows, responseHourBuckets } from './department-flows';

const people = (count: number) => ({ count, key: 0 });
const names = new Map([
  ['sales', 'Sales'],
  ['eng', 'Engineering'],
]);

describe('department flows', () => {
  it('shows the cells with k people on both sides, largest first, and counts the others', () => {
    const { departments, hiddenFlows } = departmentFlows(
      [
        {
          from: 'eng',
          to: 'sales',
          responses: 12,
          responders: people(5),
          authors: people(6),
          topResponder: 4,
        },
        {
          from: 'sales',
          to: 'eng',
          responses: 20,
          responders: people(7),
          authors: people(5),
          topResponder: 5,
        },
        // 4 authors: hidden
        {
          from: 'sales',
          to: 'sales',
          responses: 30,
          responders: people(9),
          authors: people(4),
          topResponder: 6,
        },
        { from: null, to: 'eng', responses: 5, responders: people(5), authors: people(5), topResponder: 1 },
      ],
      names,
      5,
    );
    expect(departments).toEqual([
      { fromOrgUnitId: 'sales', toOrgUnitId: 'eng', fromName: 'Sales', toName: 'Engineering', responses: 20 },
      { fromOrgUnitId: 'eng', toOrgUnitId: 'sales', fromName: 'Engineering', toName: 'Sales', responses: 12 },
      {
        fromOrgUnitId: null,
        toOrgUnitId: 'eng',
        fromName: 'Unknown department',
        toName: 'Engineering',
        responses: 5,
      },
    ]);
    expect(hiddenFlows).toBe(1);
    expect(departmentFlows([], names, 5)).toEqual({ departments: [], hiddenFlows: 0 });
  });
});

describe('response-time buckets', () => {
  const tallies = { ...emptyTallies(), threads: 40, authors: people(12), topAuthorThreads: 6 };

  it('shows buckets of k authors, withholding a small one and its complement', () => {
    // authors per bucket 8 6 3 5 7: the 3 is withheld, and the smallest other (5) so that 8 ≥ 5 are hidden
    const buckets = [
      { threads: 15, authors: 8 },
      { threads: 9, authors: 6 },
      { threads: 3, authors: 3 },
      { threads: 6, authors: 5 },
      { threads: 7, authors: 7 },
    ];
    expect(responseHourBuckets(buckets, tallies, 5)).toEqual([
      { upToHours: 1, threads: 15 },
      { upToHours: 4, threads: 9 },
      { upToHours: 24, threads: null },
      { upToHours: 168, threads: null },
      { upToHours: null, threads: 7 },
    ]);
  });

  it('withholds every bucket below k authors in all, and shows zeros for no thread', () => {
    const buckets = [
      { threads: 9, authors: 6 },
      ...Array.from({ length: 4 }, () => ({ threads: 0, authors: 0 })),
    ];
    expect(
      responseHourBuckets(buckets, { ...tallies, authors: people(4) }, 5).map((bucket) => bucket.threads),
    ).toEqual([null, null, null, null, null]);
    expect(responseHourBuckets([], emptyTallies(), 5).map((bucket) => bucket.threads)).toEqual([
      0, 0, 0, 0, 0,
    ]);
  });
});
