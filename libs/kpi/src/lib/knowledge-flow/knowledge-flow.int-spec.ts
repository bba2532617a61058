import type { KpiScope } from '@uptake/contracts';
import { ActivitySource, createDataSource, Organisation } from '@uptake/persistence';
import { testStoreUrls, uniqueSuffix } from '@uptake/testing';
import type { DataSource } from 'typeorm';
import { refreshRollups } from '../core/rollups';
import { queryKnowledgeFlowReport } from './knowledge-flow-query';

/*
 * A small merger organisation, k = 3: Merged Co (organisation) with three departments, people from two
 * legacy companies (N, S), three hierarchy levels.
 *
 *   Sales: a1 (1, N), a2 (2, N), a3 (3, S), a4 (3, S)
 *   IT:    i1 (2, N), i2 (3, N), i3 (3, S), i4 (3, N, inactive)
 *   HR:    h1 (2, S), h2 (3, S), h3 (3, S, inactive), h4 (3, S, inactive)
 *   no unit, no level, no company: u1
 *
 * Threads (post → first reply by someone else; the reply targets the author), range 2026-03-01..2026-04-30:
 *   t0   a3, 20 Feb → i1 on 2 Mar      before the range: not in the flow (i1's reply is in the leadership)
 *   t1..t10  March, Sales → IT: authors a1 a2 a3 a4 a1 a2 a3 a4 a1 a2, responders i1 i2 i3 i1 i2 i3 i1 i2 i3 i1
 *   t11 a3 → a4, t12 a4 → a3, t13 a1 → a2   (April, Sales → Sales)
 *   t14 i2 → a2 (IT → Sales), t15 h1 → a1, t16 h2 → a3 (HR → Sales), t17 u1 → a1 (unknown → Sales)
 *   t18 a2, t20 i3: never answered; t19 i1 answers only themself (not answered by someone else)
 */
type Who = 'a1' | 'a2' | 'a3' | 'a4' | 'i1' | 'i2' | 'i3' | 'i4' | 'h1' | 'h2' | 'h3' | 'h4' | 'u1';
const PEOPLE: [Who, 'Sales' | 'IT' | 'HR' | null, number | null, 'N' | 'S' | null][] = [
  ['a1', 'Sales', 1, 'N'],
  ['a2', 'Sales', 2, 'N'],
  ['a3', 'Sales', 3, 'S'],
  ['a4', 'Sales', 3, 'S'],
  ['i1', 'IT', 2, 'N'],
  ['i2', 'IT', 3, 'N'],
  ['i3', 'IT', 3, 'S'],
  ['i4', 'IT', 3, 'N'],
  ['h1', 'HR', 2, 'S'],
  ['h2', 'HR', 3, 'S'],
  ['h3', 'HR', 3, 'S'],
  ['h4', 'HR', 3, 'S'],
  ['u1', null, null, null],
];
const MARCH_AUTHORS: Who[] = ['a1', 'a2', 'a3', 'a4', 'a1', 'a2', 'a3', 'a4', 'a1', 'a2'];
const MARCH_RESPONDERS: Who[] = ['i1', 'i2', 'i3', 'i1', 'i2', 'i3', 'i1', 'i2', 'i3', 'i1'];
const APRIL: [author: Who, responder: Who | null][] = [
  ['a3', 'a4'],
  ['a4', 'a3'],
  ['a1', 'a2'],
  ['i2', 'a2'],
  ['h1', 'a1'],
  ['h2', 'a3'],
  ['u1', 'a1'],
  ['a2', null],
  ['i1', 'i1'],
  ['i3', null],
];

describe('knowledge flow and leadership on Postgres', () => {
  let dataSource: DataSource;
  let organisationId: string;
  const units = new Map<string, string>();

  beforeAll(async () => {
    dataSource = await createDataSource(testStoreUrls().databaseUrl).initialize();
    const organisation = await dataSource
      .getRepository(Organisation)
      .save({ name: 'Merged Co', slug: `flow-${uniqueSuffix()}`, timeZone: 'UTC' });
    organisationId = organisation.id;
    const sourceId = (
      await dataSource
        .getRepository(ActivitySource)
        .save({ organisationId, name: 'src', connectorType: 'csv' })
    ).id;
    const unit = async (name: string, kind: string, parent: string | null) => {
      const [row] = await dataSource.query(
        `INSERT INTO org_units (organisation_id, name, kind, parent_id) VALUES ($1, $2, $3, $4) RETURNING id`,
        [organisationId, name, kind, parent],
      );
      units.set(name, row.id);
      return row.id as string;
    };
    const root = await unit('Merged Co', 'organisation', null);
    for (const name of ['Sales', 'IT', 'HR']) await unit(name, 'department', root);
    for (const name of ['N', 'S']) await unit(name, 'legacy_company', null);
    const people = new Map<Who, string>();
    for (const [who, department, level, company] of PEOPLE) {
      const [row] = await dataSource.query(
        `INSERT INTO people (organisation_id, pseudonym, in_directory, org_unit_id, level, legacy_unit_id)
         VALUES ($1, $2, true, $3, $4, $5) RETURNING id`,
        [organisationId, who, department && units.get(department), level, company && units.get(company)],
      );
      people.set(who, row.id);
    }
    const events: unknown[][] = [];
    const thread = (n: number, day: string, author: Who, responder: Who | null, replyDay = day) => {
      events.push([`t${n}`, `${day}T09:00:00Z`, people.get(author), 'post', null, null]);
      if (responder) {
        events.push([
          `r${n}`,
          `${replyDay}T10:00:00Z`,
          people.get(responder),
          'reply',
          `t${n}`,
          people.get(author),
        ]);
      }
    };
    thread(0, '2026-02-20', 'a3', 'i1', '2026-03-02');
    MARCH_AUTHORS.forEach((author, i) =>
      thread(i + 1, `2026-03-${String(i + 2).padStart(2, '0')}`, author, MARCH_RESPONDERS[i]),
    );
    APRIL.forEach(([author, responder], i) =>
      thread(i + 11, `2026-04-${String(i + 2).padStart(2, '0')}`, author, responder),
    );
    await dataSource.query(
      `INSERT INTO activity_events (organisation_id, source_id, external_id, occurred_at, actor_id, type,
                                    thread_external_id, target_actor_id, count)
       SELECT $1, $2, e.*, 1 FROM unnest($3::text[], $4::timestamptz[], $5::uuid[], $6::activity_type[],
                                        $7::text[], $8::uuid[]) AS e`,
      [organisationId, sourceId, ...[0, 1, 2, 3, 4, 5].map((c) => events.map((event) => event[c]))],
    );
    await refreshRollups(dataSource, organisationId, {
      from: '2026-02-01T00:00:00Z',
      to: '2026-05-01T00:00:00Z',
    });
  });

  afterAll(async () => {
    await dataSource.getRepository(Organisation).delete(organisationId);
    await dataSource.destroy();
  });

  const scope = (overrides: Partial<KpiScope> = {}): KpiScope => ({
    organisationId,
    from: '2026-03-01',
    to: '2026-04-30',
    granularity: 'month',
    orgUnitId: null,
    groupId: null,
    minGroupSize: 3,
    perturbation: false,
    ...overrides,
  });
  const reason = { code: 'below-k', minGroupSize: 3 };

  it('maps who answers whom, withholding cells below k and those subtraction would give', async () => {
    const report = await queryKnowledgeFlowReport(dataSource, scope());
    /*
     * Cells (threads, authors, responders): Sales→IT 10 (4, 3), Sales→Sales 3 (3, 3) shown;
     * IT→Sales 1 (1, 1), HR→Sales 2 (2, 2), ?→Sales 1 (1, 1) withheld. Column Sales: IT→Sales and HR→Sales
     * withheld together hold 1 + 2 = 3 people, so nothing more is hidden.
     */
    expect(report.cells).toHaveLength(2);
    expect(report.cells).toEqual(
      expect.arrayContaining([
        { askerOrgUnitId: units.get('Sales'), responderOrgUnitId: units.get('Sales'), threads: 3 },
        { askerOrgUnitId: units.get('Sales'), responderOrgUnitId: units.get('IT'), threads: 10 },
      ]),
    );
    expect(report.hiddenCells).toBe(3);
    /*
     * Units, by started + answers:
     *   Sales: started t1..t13 + t18 = 14 (4 authors); answered for others t14, t15, t16 = 3 (a2, a1, a3);
     *          answered by others t1..t10 = 10 → ratio 3 / 14, no hidden expertise
     *   IT: started t14, t19, t20 = 3 (i2, i1, i3); answered for others t1..t10 = 10 (3 responders);
     *       answered by others only t14 (1 author: withheld) → ratio 10 / 3, 10 ≥ 10 and 10 ≥ 6: hidden expertise
     *   HR: started t15, t16 (2 authors: withheld), answered for nobody (0), answered by others: withheld
     */
    expect(report.units).toEqual([
      {
        orgUnitId: units.get('Sales'),
        name: 'Sales',
        threadsStarted: 14,
        answersToOthers: 3,
        answeredByOthers: 10,
        expertiseRatio: 3 / 14,
        hiddenExpertise: false,
      },
      {
        orgUnitId: units.get('IT'),
        name: 'IT',
        threadsStarted: 3,
        answersToOthers: 10,
        answeredByOthers: null,
        expertiseRatio: 10 / 3,
        hiddenExpertise: true,
        suppressed: reason,
      },
      {
        orgUnitId: units.get('HR'),
        name: 'HR',
        threadsStarted: null,
        answersToOthers: 0,
        answeredByOthers: null,
        expertiseRatio: null,
        hiddenExpertise: null,
        suppressed: reason,
      },
    ]);
  });

  it('gives the cross-department and cross-company shares over the range and per month', async () => {
    const report = await queryKnowledgeFlowReport(dataSource, scope());
    /*
     * Answered: t1..t17 = 17 threads (8 authors, 7 responders); t17 has no department or company.
     * Departments: 16 comparable, 13 cross (t1..t10, t14..t16) → 13 / 16; staying t11..t13 (3 and 3 people).
     * Companies: cross t4 t6 t7 t8 t9 t15 = 6 of 16 → 6 / 16 (5 authors and 4 responders crossing).
     * March: 10 threads all cross departments → 1; companies 5 of 10 cross (4 / 3 people, staying 3 / 3) → 0.5.
     * April: t11..t17 = 7 threads; departments 3 of 6 cross (t14..t16 / t11..t13, 3 people each) → 0.5;
     *        companies only t15 crosses: 1 author → withheld.
     */
    expect(report.answeredThreads).toBe(17);
    expect(report.crossDepartmentShare).toBe(13 / 16);
    expect(report.crossCompanyShare).toBe(6 / 16);
    expect(report.byMonth).toEqual([
      { month: '2026-03-01', answeredThreads: 10, crossDepartmentShare: 1, crossCompanyShare: 0.5 },
      {
        month: '2026-04-01',
        answeredThreads: 7,
        crossDepartmentShare: 0.5,
        crossCompanyShare: null,
        suppressed: reason,
      },
    ]);
    expect(report.suppressed).toEqual(reason);
  });

  it('shows what each hierarchy level does and whom it addresses', async () => {
    const { leadership } = await queryKnowledgeFlowReport(dataSource, scope());
    /*
     * Level 1 (a1) and unknown (u1): one person each → withheld.
     * Level 2: i1, a2, h1, all active → 1.
     *   posts 1 + 4 + 1 = 6 → 2; replies i1 6 (t0, t1, t4, t7, t10, own t19) + a2 2 (t13, t14) = 8 → 8 / 3
     *   to staff (level 3): i1 → a4 (t4), a3 (t0, t7); a2 → i2 (t14) = 4 → 4 / 3
     *   to leaders (level 1): i1 → a1 (t1), a2 → a1 (t13) = 2 → 2 / 3   (i1 → a2, t10: same level)
     *   reach: i1 {a1, a4, a3, a2} 4 + a2 {a1, i2} 2 = 6 over 3 active → 2
     * Level 3: a3 a4 i2 i3 h2 active, i4 h3 h4 not: 5 / 8 (3 inactive: shown)
     *   posts 3 + 3 + 1 + 1 + 1 = 9 → 9 / 8; replies a3 2 + a4 1 + i2 3 + i3 3 = 9 → 9 / 8
     *   to staff: none (no level 4) → 0; to leaders: i2 → a2, a1; i3 → a2, a1 = 4 → 0.5
     *   reach: i2 3 + i3 3 + a4 1 + a3 2 = 9 over 5 active → 1.8
     */
    expect(leadership).toEqual([
      expect.objectContaining({ level: 1, people: null, activeShare: null, suppressed: reason }),
      {
        level: 2,
        people: 3,
        activeShare: 1,
        postsPerPerson: 2,
        repliesPerPerson: 8 / 3,
        repliesToStaff: 4 / 3,
        repliesToLeaders: 2 / 3,
        reachPerActive: 2,
      },
      {
        level: 3,
        people: 8,
        activeShare: 5 / 8,
        postsPerPerson: 9 / 8,
        repliesPerPerson: 9 / 8,
        repliesToStaff: 0,
        repliesToLeaders: 0.5,
        reachPerActive: 1.8,
      },
      expect.objectContaining({ level: null, people: null, reachPerActive: null, suppressed: reason }),
    ]);
  });

  it("within a department: its own threads, answered by the organisation's departments", async () => {
    const report = await queryKnowledgeFlowReport(dataSource, scope({ orgUnitId: units.get('Sales') }));
    /*
     * Sales' threads only: t1..t13 answered (10 by IT, 3 within Sales) → 10 / 13 cross; companies: t4 t6 t7 t8
     * t9 cross (4 authors, 3 responders), t1 t2 t3 t5 t10 t11 t12 t13 stay (4 / 6 people) → 5 / 13.
     * IT started nothing of the population, so its 10 answers make it a hidden expert with no ratio.
     */
    expect(report.answeredThreads).toBe(13);
    expect(report.crossDepartmentShare).toBe(10 / 13);
    expect(report.crossCompanyShare).toBe(5 / 13);
    expect(report.units).toEqual([
      {
        orgUnitId: units.get('Sales'),
        name: 'Sales',
        threadsStarted: 14,
        answersToOthers: 0,
        answeredByOthers: 10,
        expertiseRatio: 0,
        hiddenExpertise: false,
      },
      {
        orgUnitId: units.get('IT'),
        name: 'IT',
        threadsStarted: 0,
        answersToOthers: 10,
        answeredByOthers: 0,
        expertiseRatio: null,
        hiddenExpertise: true,
      },
    ]);
    expect(report.hiddenCells).toBe(0);
    // Sales' people by level: 1, 1 and 2 people → every level withheld.
    expect(report.leadership.map((level) => [level.level, level.people])).toEqual([
      [1, null],
      [2, null],
      [3, null],
    ]);
  });

  it('is empty for a range without threads', async () => {
    const report = await queryKnowledgeFlowReport(
      dataSource,
      scope({ from: '2026-06-01', to: '2026-06-30' }),
    );
    expect(report).toMatchObject({
      answeredThreads: 0,
      crossDepartmentShare: null,
      crossCompanyShare: null,
      units: [],
      cells: [],
      hiddenCells: 0,
      byMonth: [
        { month: '2026-06-01', answeredThreads: 0, crossDepartmentShare: null, crossCompanyShare: null },
      ],
    });
    // Nobody active: the levels of 3 and 8 people show an active share of 0 and nothing per active person.
    expect(report.leadership[1]).toEqual({
      level: 2,
      people: 3,
      activeShare: 0,
      postsPerPerson: 0,
      repliesPerPerson: 0,
      repliesToStaff: 0,
      repliesToLeaders: 0,
      reachPerActive: null,
    });
  });
});
