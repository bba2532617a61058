import type { AdoptionReport, EngagementReport, NetworkReport, RetentionReport } from '@uptake/contracts';
import { translator } from './messages';
import { REPORT_TABLES, tableNames } from './report-tables';
import { buildTable, lookup, type Table, type TableSpec } from './table';

const en = translator('en');
const nl = translator('nl');
const scope = {
  organisationId: '00000000-0000-4000-8000-000000000001',
  from: '2026-03-02',
  to: '2026-03-15',
  granularity: 'week' as const,
  orgUnitId: null,
  groupId: null,
  minGroupSize: 5,
  perturbation: false,
};
const withheld = { code: 'below-k' as const, minGroupSize: 5 };

const adoption: AdoptionReport = {
  scope,
  points: [
    {
      start: '2026-03-02',
      end: '2026-03-08',
      eligible: 40,
      active: 12,
      activated: 17,
      adoptionRate: 0.425,
      averageDailyActive: 4.5,
      weeklyActive: 12,
      monthlyActive: 15,
      stickiness: 0.3,
      suppressed: undefined,
    },
    {
      start: '2026-03-09',
      end: '2026-03-15',
      eligible: 40,
      active: null,
      activated: 18,
      adoptionRate: 0.45,
      averageDailyActive: null,
      weeklyActive: null,
      monthlyActive: 16,
      stickiness: null,
      suppressed: withheld,
    },
  ],
};

const spec = <R>(report: keyof typeof REPORT_TABLES, name: string) =>
  REPORT_TABLES[report].find((table) => table.name === name) as unknown as TableSpec<R>;
const column = (table: Table, label: string) => table.columns.findIndex((c) => c.label === label);
const values = (table: Table, label: string) => table.rows.map((row) => row[column(table, label)].value);

describe('report tables', () => {
  it('copies the figures as published and keeps a withheld one empty, its reason in a note column', () => {
    const table = buildTable(spec<AdoptionReport>('adoption', 'points'), adoption, en);
    expect(table.title).toBe('Per period');
    expect(values(table, 'Adoption rate')).toEqual([0.425, 0.45]);
    expect(values(table, 'Active people')).toEqual([12, null]);
    expect(values(table, 'Active people note')).toEqual([null, 'Withheld: rests on fewer than 5 people']);
    // the note column stands right after its column, and only columns with a withheld value have one
    expect(column(table, 'Active people note')).toBe(column(table, 'Active people') + 1);
    expect(column(table, 'Eligible people note')).toBe(-1);
    expect(column(table, 'Joined only note')).toBe(-1);
    expect(table.columns.map((c) => c.label).slice(0, 4)).toEqual([
      'Start',
      'End',
      'Eligible people',
      'Active people',
    ]);
    expect(table.rows.every((row) => row.length === table.columns.length)).toBe(true);
  });

  it('writes labels and notes in Dutch', () => {
    const table = buildTable(spec<AdoptionReport>('adoption', 'points'), adoption, nl);
    expect(values(table, 'Actieve personen toelichting')).toEqual([
      null,
      'Achtergehouden: berust op minder dan 5 personen',
    ]);
  });

  it('spreads an array column into one column per index', () => {
    const retention = {
      scope,
      cohorts: [
        { week: '2026-03-02', size: 10, retained: [1, 0.6, 0.5] },
        { week: '2026-03-09', size: null, retained: [null], suppressed: withheld },
      ],
      silentWeeks: 4,
      activated: 20,
      triedAndStopped: null,
      triedAndStoppedRate: null,
      reactivated: 0,
      byUnit: [],
      suppressed: withheld,
    } as RetentionReport;
    const table = buildTable(spec<RetentionReport>('retention', 'cohorts'), retention, en);
    expect(table.columns.map((c) => c.label)).toEqual([
      'Week',
      'Cohort size',
      'Cohort size note',
      'Retained in week 0',
      'Retained in week 0 note',
      'Retained in week 1',
      'Retained in week 2',
    ]);
    expect(table.rows[0].map((cell) => cell.value)).toEqual(['2026-03-02', 10, null, 1, null, 0.6, 0.5]);
    expect(table.rows[1][4].value).toBe('Withheld: rests on fewer than 5 people');
    // a cohort with fewer weeks has empty cells there, without a reason (nothing was withheld)
    expect(table.rows[1][5]).toEqual({ value: null, kind: 'share' });

    const summary = buildTable(spec<RetentionReport>('retention', 'summary'), retention, en);
    expect(summary.rows.map((row) => row.map((cell) => cell.value))).toEqual([
      ['Silent weeks counted as stopped', 4, null],
      ['Activated people', 20, null],
      ['Tried and stopped', null, 'Withheld: rests on fewer than 5 people'],
      ['Tried-and-stopped rate', null, 'Withheld: rests on fewer than 5 people'],
      ['Reactivated', 0, null],
    ]);
  });

  it('takes the suppression of the nearest object on a figure path, and translates enum values', () => {
    const network = {
      scope,
      summary: {
        people: 30,
        interactions: 120,
        density: 0.1,
        averageDegree: 3.2,
        components: 1,
        largestComponentShare: 1,
      },
      crossing: {
        department: { share: 0.4, interactions: 100, people: 25 },
        hierarchyLevel: { share: null, interactions: null, people: null, suppressed: withheld },
        legacyCompany: { share: null, interactions: 0, people: 0 },
      },
      units: [
        {
          orgUnitId: 'u1',
          name: 'Sales',
          people: 10,
          internalInteractions: 5,
          outgoingInteractions: 2,
          incomingInteractions: 1,
          champions: 1,
        },
      ],
      links: [{ source: 'u1', target: 'u2', interactions: 7 }],
      hiddenLinks: 2,
    } as unknown as NetworkReport;
    const crossing = buildTable(spec<NetworkReport>('network', 'crossing'), network, en);
    expect(crossing.rows.map((row) => row.map((cell) => cell.value))).toEqual([
      ['Across departments', 0.4, null, 100, null, 25, null],
      [
        'Across hierarchy levels',
        null,
        'Withheld: rests on fewer than 5 people',
        null,
        'Withheld: rests on fewer than 5 people',
        null,
        'Withheld: rests on fewer than 5 people',
      ],
      ['Across legacy companies', null, null, 0, null, 0, null],
    ]);
    // a link names its units; an id without a unit row stays visible as the id
    const links = buildTable(spec<NetworkReport>('network', 'links'), network, en);
    expect(links.rows[0].map((cell) => cell.value)).toEqual(['Sales', 'u2', 7]);
  });

  it('gives the reason a thread figure is empty when the source counts posts only', () => {
    const engagement = {
      scope,
      points: [
        {
          start: '2026-03-02',
          end: '2026-03-08',
          active: 10,
          posts: 4,
          replies: 0,
          reactions: 0,
          postsPerActive: 0.4,
          repliesPerActive: 0,
          reactionsPerActive: 0,
          threads: null,
          threadsWithResponse: null,
          medianHoursToFirstResponse: null,
          threadsNotMeasurable: {
            code: 'report-counts-only',
            message: 'Usage reports count posts, not threads',
          },
        },
      ],
    } as EngagementReport;
    const table = buildTable(spec<EngagementReport>('engagement', 'points'), engagement, en);
    expect(values(table, 'Threads note')).toEqual(['Usage reports count posts, not threads']);
  });

  it('cuts a table at the row bound with a line saying so', () => {
    const table = buildTable(spec<AdoptionReport>('adoption', 'points'), adoption, en, 1);
    expect(table.rows).toHaveLength(1);
    expect(table.truncated).toBe('Cut at 1 rows: the report has 2');
    expect(buildTable(spec<AdoptionReport>('adoption', 'points'), adoption, en).truncated).toBeUndefined();
  });

  it('gives an empty report a header and no rows', () => {
    const table = buildTable(spec<AdoptionReport>('adoption', 'points'), { scope, points: [] }, en);
    expect(table.rows).toEqual([]);
    expect(table.columns.length).toBe(11);
  });

  it('reads dotted paths without inheriting a value from a prototype', () => {
    expect(lookup({ a: { b: 1 } }, 'a.b')).toEqual({ value: 1, suppressed: undefined });
    expect(lookup({ a: null }, 'a.b').value).toBeNull();
    expect(lookup({ a: 1 }, 'a.b').value).toBeUndefined();
    expect(lookup({}, 'constructor').value).toBeUndefined();
    expect(lookup({ suppressed: withheld, a: { b: null } }, 'a.b')).toEqual({
      value: null,
      suppressed: withheld,
    });
  });

  it('lists each report’s tables, the main one first, with unique names', () => {
    expect(tableNames('adoption')).toEqual(['points']);
    expect(tableNames('retention')).toEqual(['cohorts', 'units', 'summary']);
    for (const report of Object.keys(REPORT_TABLES) as (keyof typeof REPORT_TABLES)[]) {
      const names = tableNames(report);
      expect({ report, unique: new Set(names).size === names.length }).toEqual({ report, unique: true });
    }
  });
});
