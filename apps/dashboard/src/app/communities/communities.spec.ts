import type { CommunityWeek } from '@uptake/contracts';
import {
  DEFAULT_SORT,
  figuresOf,
  filterCommunities,
  flowMatrix,
  isCapped,
  nextSort,
  personaEntries,
  responseBucketLabel,
  serverSortFor,
  signedShare,
  sortCommunities,
  sparklineLabel,
  sparklinePath,
  viralHighlights,
} from './communities';
import { announcements, communities, guild, guildDetail, hidden, makers, tiny } from './communities.fixtures';

const names = (rows: { name: string }[]) => rows.map((row) => row.name);
const rows = [guild, makers, announcements, tiny];

describe('sorting communities', () => {
  it('sorts numbers in both directions with hidden figures last either way', () => {
    // healthIndex: guild 0.75, makers 25/26 ≈ 0.96, announcements 0.2, tiny null.
    expect(names(sortCommunities(rows, { column: 'healthIndex', direction: 'desc' }))).toEqual([
      'Makers',
      'Engineering guild',
      'Announcements',
      'Tiny team',
    ]);
    expect(names(sortCommunities(rows, { column: 'healthIndex', direction: 'asc' }))).toEqual([
      'Announcements',
      'Engineering guild',
      'Makers',
      'Tiny team',
    ]);
  });

  it('puts a median that does not exist (no reply) after the known ones', () => {
    // medianHoursToFirstReply: makers 0.5, guild 2.5, announcements null, tiny null (API order kept for ties).
    expect(names(sortCommunities(rows, { column: 'medianHoursToFirstReply', direction: 'asc' }))).toEqual([
      'Makers',
      'Engineering guild',
      'Announcements',
      'Tiny team',
    ]);
  });

  it('sorts names case-insensitively and viral communities by their growth', () => {
    const lower = { ...tiny, groupId: 'g-lower', name: 'alpha' };
    expect(
      names(sortCommunities([guild, lower, announcements], { column: 'name', direction: 'asc' })),
    ).toEqual(['alpha', 'Announcements', 'Engineering guild']);
    // Only makers grows virally (0.8); the others have no viral figure and go last.
    expect(names(sortCommunities(rows, { column: 'viral', direction: 'desc' }))[0]).toBe('Makers');
    expect(names(sortCommunities(rows, { column: 'viral', direction: 'asc' }))[0]).toBe('Makers');
  });

  it('flips on the same column and starts a new one best first', () => {
    expect(nextSort(DEFAULT_SORT, 'activeMembers')).toEqual({ column: 'activeMembers', direction: 'asc' });
    expect(nextSort(DEFAULT_SORT, 'name')).toEqual({ column: 'name', direction: 'asc' });
    expect(nextSort(DEFAULT_SORT, 'unansweredShare')).toEqual({
      column: 'unansweredShare',
      direction: 'asc',
    });
    expect(nextSort(DEFAULT_SORT, 'replyCoverage')).toEqual({ column: 'replyCoverage', direction: 'desc' });
  });

  it('knows which columns the API can cut by, and when the list is capped', () => {
    expect(serverSortFor('memberGrowthPerWeek')).toBe('growth');
    expect(serverSortFor('healthIndex')).toBe('healthIndex');
    expect(serverSortFor('unansweredShare')).toBeUndefined();
    expect(isCapped(communities)).toBe(false); // total 4, 4 rows
    expect(isCapped({ ...communities, total: 60 })).toBe(true);
  });
});

describe('filterCommunities', () => {
  it('matches part of the name regardless of case and blanks; empty text keeps all', () => {
    expect(names(filterCommunities(rows, '  GUI '))).toEqual(['Engineering guild']);
    expect(names(filterCommunities(rows, 'zzz'))).toEqual([]);
    expect(filterCommunities(rows, '')).toHaveLength(4);
  });
});

describe('figuresOf', () => {
  it('says "hidden" only where the row withholds figures', () => {
    expect(figuresOf(hidden)).toEqual({ minGroupSize: 5, trailingZeros: true });
    expect(figuresOf(undefined)).toEqual({ trailingZeros: true });
  });
});

describe('viralHighlights', () => {
  it('lists growing communities fastest first with growth, metric and start', () => {
    const second = {
      ...guild,
      viral: { growing: true, metric: 'members' as const, growth: 0.55, since: '2026-03-30' },
    };
    const withheld = {
      ...tiny,
      viral: { growing: true, metric: null, growth: null, since: null },
    };
    expect(
      viralHighlights({ ...communities, communities: [second, withheld, makers, announcements] }),
    ).toEqual([
      { groupId: 'g-makers', name: 'Makers', growth: '+80%', metric: 'active people', since: '16 Mar 2026' },
      {
        groupId: 'g-guild',
        name: 'Engineering guild',
        growth: '+55%',
        metric: 'members',
        since: '30 Mar 2026',
      },
      { groupId: 'g-tiny', name: 'Tiny team', growth: 'hidden (< 5 people)', metric: 'growth', since: null },
    ]);
  });

  it('is empty when nothing grows', () => {
    expect(viralHighlights({ ...communities, communities: [guild, announcements] })).toEqual([]);
  });
});

describe('signedShare', () => {
  it('signs with a real minus and keeps hidden figures hidden', () => {
    expect(signedShare(0.16)).toBe('+16%');
    expect(signedShare(-0.05, { trailingZeros: true })).toBe('\u22125.0%');
    expect(signedShare(0)).toBe('0%');
    expect(signedShare(null, { minGroupSize: 5 })).toBe('hidden (< 5 people)');
  });
});

describe('sparklinePath', () => {
  const week = (activePeople: number | null, index: number): CommunityWeek => ({
    week: `2026-04-${String(6 + 7 * index).padStart(2, '0')}`,
    activePeople,
    members: null,
    posts: null,
  });

  it('scales from 0 to the largest week across the 96 × 24 box', () => {
    // 3 weeks: x = 0, 48, 96; max 40 → y = 24 − v/40·24: 10 → 18, 40 → 0, 20 → 12.
    expect(sparklinePath([10, 40, 20].map(week))).toBe('M0 18L48 0L96 12');
  });

  it('breaks the line at a hidden week instead of dropping to 0', () => {
    // 4 weeks: x = 0, 32, 64, 96; max 20: 20 → 0, 10 → 12, 5 → 18.
    expect(sparklinePath([20, null, 10, 5].map(week))).toBe('M0 0M64 12L96 18');
  });

  it('draws nothing when every week is hidden or there are no weeks, a dot in the middle for one week', () => {
    expect(sparklinePath([null, null].map(week))).toBe('');
    expect(sparklinePath([])).toBe('');
    // One week of 0 people: max(0, 1) = 1, y = 24.
    expect(sparklinePath([0].map(week))).toBe('M48 24');
  });

  it('has a text alternative naming the first and last week', () => {
    expect(sparklineLabel(guild.weekly, { minGroupSize: 5 })).toBe(
      'Weekly active people from 40 (week of 2026-04-06) to 50 (week of 2026-04-13)',
    );
    expect(sparklineLabel(tiny.weekly, { minGroupSize: 5 })).toBe(
      'Weekly active people from hidden (< 5 people) (week of 2026-04-06) to hidden (< 5 people) (week of 2026-04-13)',
    );
  });
});

describe('detail helpers', () => {
  it('names the response-time buckets', () => {
    expect(guildDetail.responseHours.map((bucket) => responseBucketLabel(bucket.upToHours))).toEqual([
      '≤ 1 h',
      '≤ 4 h',
      '≤ 24 h',
      '≤ 7 days',
      'Later',
    ]);
  });

  it('gives personas in their order with bar widths, hidden ones at 0', () => {
    expect(personaEntries(guildDetail.personas).map((entry) => [entry.key, entry.width])).toEqual([
      ['catalyst', 20],
      ['engager', 40],
      ['responder', 15],
      ['broadcaster', 0],
      ['observer', 20],
    ]);
  });

  it('shapes the department flow as a from × to matrix', () => {
    const matrix = flowMatrix(guildDetail.departments);
    expect(matrix.rows.map((row) => row.name)).toEqual(['IT', 'Sales']);
    expect(matrix.columns.map((column) => column.name)).toEqual(['Sales', 'IT']);
    // IT→Sales 14, IT→IT 30, Sales→IT withheld, Sales→Sales absent.
    expect(matrix.cells).toEqual([
      [14, 30],
      [undefined, null],
    ]);
    expect(flowMatrix([])).toEqual({ rows: [], columns: [], cells: [] });
  });
});
