import type { KpiScope } from '@uptake/contracts';
import { ingest } from '@uptake/ingest';
import { createScratchSource, readConnector } from '@uptake/ingest/testing';
import { KpiReports, refreshRollups } from '@uptake/kpi';
import { ActivitySource, createDataSource, Organisation } from '@uptake/persistence';
import { testStoreUrls } from '@uptake/testing';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { directoryCsvConnector } from '../directory-csv';
import { inputFile } from '../shared/slack/testing';
import { vivaEngageExportConnector } from '.';
import { readFileSync } from 'node:fs';
import { zipEntries, zipFixture } from './testing';

/*
 * What the product shows for a Viva Engage tenant (fixtures/README.md, "tenant/"), counted by hand, against
 * real Postgres: the HR directory (directory-csv, departments and levels) and the network data export, both
 * through the pipeline into one organisation, joined by e-mail address; then the same KpiReports as for
 * Slack. Six people in three departments of two each, k = 2 (the smallest k allowed; a tiny fixture needs
 * it), no perturbation: exact figures, and the cells of one person are withheld as anywhere else. The range
 * is Mon 2024-03-04 .. Sun 2024-03-31, four ISO weeks.
 *
 * Replies (the interactions, actor -> the replied-to sender):
 *   1 Bob->Ann  2 Cara->Bob  3 Bob->Dan  4 Fay->Dan  5 Bob->Dora  6 Ann->Bob  7 Ann->Dora  8 Dora->Bob
 *   9 Dora->Ann  10 Cara->Ann  11 Bob->Cara
 * Departments: Engineering {Ann, Cara}, Sales {Bob, Dora}, Finance {Dan, Fay};
 * levels: Dan 1, Ann 2, Bob 2, Cara 3, Dora 3, Fay 3.
 */
describe('KPIs of a Viva Engage tenant (HR directory + network data export)', () => {
  let dataSource: DataSource;
  let organisationId: string;
  let reports: KpiReports;
  let scope: KpiScope;
  let units: Record<'Engineering' | 'Sales' | 'Finance', string>;
  let engage: { organisationId: string; sourceId: string };

  beforeAll(async () => {
    dataSource = await createDataSource(testStoreUrls().databaseUrl).initialize();
    engage = await createScratchSource(dataSource, 'viva-engage-export');
    organisationId = engage.organisationId;
    await dataSource
      .getRepository(Organisation)
      .update(organisationId, { timeZone: 'UTC', minGroupSize: 2, perturbation: false });
    const hr = await dataSource
      .getRepository(ActivitySource)
      .save({ organisationId, name: 'directory-csv', connectorType: 'directory-csv' });
    const directory = inputFile(join(__dirname, 'fixtures/tenant-directory.csv'));
    await ingest(
      dataSource,
      { organisationId, sourceId: hr.id },
      readConnector({ connector: directoryCsvConnector }, { settings: {}, file: () => directory }),
    );
    const zip = await zipFixture('tenant');
    await ingest(
      dataSource,
      engage,
      readConnector({ connector: vivaEngageExportConnector }, { settings: {}, file: () => zip }),
    );
    await refreshRollups(dataSource, organisationId, {
      from: '2024-02-01T00:00:00Z',
      to: '2024-04-30T00:00:00Z',
    });
    const rows: { id: string; name: keyof typeof units }[] = await dataSource.query(
      'SELECT id, name FROM org_units WHERE organisation_id = $1',
      [organisationId],
    );
    units = Object.fromEntries(rows.map((row) => [row.name, row.id])) as typeof units;
    reports = new KpiReports(dataSource);
    scope = {
      organisationId,
      from: '2024-03-04',
      to: '2024-03-31',
      granularity: 'month',
      orgUnitId: null,
      groupId: null,
      minGroupSize: 2,
      perturbation: false,
    };
  });

  afterAll(async () => {
    if (organisationId) await dataSource.getRepository(Organisation).delete(organisationId);
    await dataSource?.destroy();
  });

  it('joins both sources into 6 people of the directory, with 19 activities and no system message', async () => {
    const [counts] = await dataSource.query(
      `SELECT (SELECT count(*)::int FROM people WHERE organisation_id = $1) AS people,
              (SELECT count(*)::int FROM people WHERE organisation_id = $1 AND in_directory) AS "inDirectory",
              (SELECT count(*)::int FROM activity_events WHERE organisation_id = $1) AS activities`,
      [organisationId],
    );
    expect(counts).toEqual({ people: 6, inDirectory: 6, activities: 19 });
  });

  it('community members inferred from participation, from their first message; a community filter has them', async () => {
    const rows: { community: string; unit: string; level: number; joined: string }[] = await dataSource.query(
      `SELECT g.external_id AS community, u.name AS unit, p.level,
              to_char(gm.joined_at AT TIME ZONE 'UTC', 'MM-DD HH24:MI') AS joined
       FROM group_members gm JOIN groups g ON g.id = gm.group_id JOIN people p ON p.id = gm.person_id
       JOIN org_units u ON u.id = p.org_unit_id
       WHERE gm.organisation_id = $1 ORDER BY g.external_id, gm.joined_at`,
      [organisationId],
    );
    expect(rows.map((row) => `${row.community} ${row.unit} ${row.level} ${row.joined}`)).toEqual([
      // All Company: 2004 Dan 03-05 08:00, 2005 Bob 10:00, 2006 Fay 11:00.
      'all-company Finance 1 03-05 08:00',
      'all-company Sales 2 03-05 10:00',
      'all-company Finance 3 03-05 11:00',
      // Engineering: 2001 Ann, 2002 Bob, 2003 Cara on 03-04 (their later messages do not move it), 2017 Dora
      // 03-25; the system message 2020 is no one's.
      'group:501 Engineering 2 03-04 09:00',
      'group:501 Sales 2 03-04 09:30',
      'group:501 Engineering 3 03-04 10:00',
      'group:501 Sales 3 03-25 10:00',
      // Sales: 2007 Dora 09:00, 2008 Bob 13:00, 2009 Ann 14:00 on 03-11.
      'group:503 Sales 3 03-11 09:00',
      'group:503 Sales 2 03-11 13:00',
      'group:503 Engineering 2 03-11 14:00',
    ]);
    // A later export (the last week only) names Ann in Engineering again on 03-25: her membership keeps its
    // earliest known time, and nothing is stored twice.
    const later = await exportOfRows('later.zip', [
      '2014,,2014,6014,501,Engineering,,false,false,1001,user,Ann Berg,ann.berg@example.com,hello,,,,,' +
        '2024-03-25 09:00:00 UTC,',
    ]);
    const again = await ingest(
      dataSource,
      engage,
      readConnector({ connector: vivaEngageExportConnector }, { settings: {}, file: () => later }),
    );
    expect(again).toMatchObject({ inserted: 0, duplicates: 1 });
    const [ann]: { joined: string }[] = await dataSource.query(
      `SELECT to_char(gm.joined_at AT TIME ZONE 'UTC', 'MM-DD HH24:MI') AS joined
       FROM group_members gm JOIN groups g ON g.id = gm.group_id JOIN people p ON p.id = gm.person_id
       JOIN org_units u ON u.id = p.org_unit_id
       WHERE gm.organisation_id = $1 AND g.external_id = 'group:501' AND u.name = 'Engineering' AND p.level = 2`,
      [organisationId],
    );
    expect(ann.joined).toBe('03-04 09:00');
    const [engineering]: { id: string }[] = await dataSource.query(
      `SELECT id FROM groups WHERE organisation_id = $1 AND external_id = 'group:501'`,
      [organisationId],
    );
    const { points } = await reports.engagement({ ...scope, groupId: engineering.id });
    // Ann, Bob, Cara and Dora are its members, all active in the range (Dan and Fay are not members).
    expect(points).toEqual([expect.objectContaining({ active: 4 })]);
  });

  it('engagement: 6 threads, 5 answered, median first response 1 h', async () => {
    const { points } = await reports.engagement(scope);
    expect(points).toEqual([
      expect.objectContaining({
        start: '2024-03-04',
        end: '2024-03-31',
        active: 6,
        posts: 6,
        // the 11 replies; the 2 private-conversation chats are neither
        replies: 11,
        reactions: 0,
        threads: 6,
        // Cara's post of 03-13 got no reply
        threadsWithResponse: 5 / 6,
        // 0.25 h, 0.5 h, 1 h, 2 h, 4 h
        medianHoursToFirstResponse: 1,
      }),
    ]);
  });

  it('network: 11 interactions, 7 across departments, 9 across levels, no legacy companies', async () => {
    const report = await reports.network(scope);
    expect(report.summary).toEqual({
      people: 6,
      interactions: 11,
      // 7 distinct pairs of 15
      density: 7 / 15,
      averageDegree: 14 / 6,
      components: 1,
      largestComponentShare: 1,
    });
    expect(report.crossing).toEqual({
      department: { share: 7 / 11, interactions: 11, people: 6 },
      hierarchyLevel: { share: 9 / 11, interactions: 11, people: 6 },
      legacyCompany: { share: null, interactions: 0, people: 0 },
    });
  });

  it('unit graph: Engineering and Sales linked both ways; Sales -> Finance rests on one person each side', async () => {
    const report = await reports.network(scope);
    const unit = (name: keyof typeof units) => report.units.find((row) => row.orgUnitId === units[name]);
    expect(unit('Engineering')).toEqual({
      orgUnitId: units.Engineering,
      name: 'Engineering',
      people: 2,
      internalInteractions: 1,
      outgoingInteractions: 3,
      incomingInteractions: 3,
      // Ann and Cara adopted on the first day
      champions: 2,
    });
    expect(unit('Sales')).toEqual({
      orgUnitId: units.Sales,
      name: 'Sales',
      people: 2,
      internalInteractions: 2,
      outgoingInteractions: 3,
      incomingInteractions: 3,
      // Bob alone: one champion is withheld
      champions: null,
      suppressed: { code: 'below-k', minGroupSize: 2 },
    });
    expect(unit('Finance')).toEqual({
      orgUnitId: units.Finance,
      name: 'Finance',
      people: 2,
      internalInteractions: 1,
      outgoingInteractions: 0,
      incomingInteractions: 0,
      champions: 0,
    });
    expect(report.links).toEqual(
      expect.arrayContaining([
        { source: units.Sales, target: units.Engineering, interactions: 3 },
        { source: units.Engineering, target: units.Sales, interactions: 3 },
      ]),
    );
    expect(report.links).toHaveLength(2);
    // Bob -> Dan: one person on each side
    expect(report.hiddenLinks).toBe(1);
  });

  it('brokers Bob, Dan and Ann; champions Bob, Ann and Cara (everyone who adopted on 03-04)', async () => {
    const report = await reports.networkPeople(scope, 10);
    // no address is stored: each person is told apart by department and level in the directory
    const rows: { pseudonym: string; unit: string; level: number }[] = await dataSource.query(
      `SELECT p.pseudonym, u.name AS unit, p.level FROM people p JOIN org_units u ON u.id = p.org_unit_id
       WHERE p.organisation_id = $1`,
      [organisationId],
    );
    const names: Record<string, string> = {
      'Engineering 2': 'ann',
      'Sales 2': 'bob',
      'Engineering 3': 'cara',
      'Finance 1': 'dan',
      'Sales 3': 'dora',
      'Finance 3': 'fay',
    };
    const who = new Map(rows.map((row) => [row.pseudonym, names[`${row.unit} ${row.level}`]]));
    expect(report.brokers.map((broker) => ({ ...broker, pseudonym: who.get(broker.pseudonym) }))).toEqual([
      // pairs through Bob: Fay and Dan with Ann, Cara, Dora (6) + half of Cara-Dora; of 10 pairs
      { pseudonym: 'bob', orgUnitId: units.Sales, betweenness: expect.closeTo(0.65, 10), degree: 4 },
      // Fay with Bob, Ann, Cara, Dora
      { pseudonym: 'dan', orgUnitId: units.Finance, betweenness: expect.closeTo(0.4, 10), degree: 2 },
      // the other half of Cara-Dora
      { pseudonym: 'ann', orgUnitId: units.Engineering, betweenness: expect.closeTo(0.05, 10), degree: 3 },
    ]);
    expect(
      report.champions.map((champion) => ({ ...champion, pseudonym: who.get(champion.pseudonym) })),
    ).toEqual([
      { pseudonym: 'bob', orgUnitId: units.Sales, adoptedOn: '2024-03-04', reach: 4, interactions: 7 },
      { pseudonym: 'ann', orgUnitId: units.Engineering, adoptedOn: '2024-03-04', reach: 3, interactions: 5 },
      { pseudonym: 'cara', orgUnitId: units.Engineering, adoptedOn: '2024-03-04', reach: 2, interactions: 3 },
    ]);
  });

  it('retention: Dan and Fay tried and stopped (silent the last 2 weeks); Dora is a cohort of one', async () => {
    const report = await reports.retention(scope, 2);
    expect(report.cohorts).toEqual([
      // Ann, Bob, Cara, Dan, Fay: all in week 0; Ann, Bob, Cara in week 1; Bob alone in week 2 (withheld);
      // Ann, Bob, Cara in week 3
      {
        week: '2024-03-04',
        size: 5,
        retained: [1, 3 / 5, null, 3 / 5],
        suppressed: { code: 'below-k', minGroupSize: 2 },
      },
      {
        week: '2024-03-11',
        size: null,
        retained: [null, null, null],
        suppressed: { code: 'below-k', minGroupSize: 2 },
      },
    ]);
    expect(report).toMatchObject({
      silentWeeks: 2,
      // first active by 03-17
      activated: 6,
      triedAndStopped: 2,
      triedAndStoppedRate: 2 / 6,
      reactivated: 0,
    });
    expect(report.byUnit).toEqual([
      { orgUnitId: units.Engineering, name: 'Engineering', activated: 2, triedAndStopped: 0, rate: 0 },
      { orgUnitId: units.Finance, name: 'Finance', activated: 2, triedAndStopped: 2, rate: 1 },
      { orgUnitId: units.Sales, name: 'Sales', activated: 2, triedAndStopped: 0, rate: 0 },
    ]);
  });
});

/** An export of the tenant's users and communities with only these Messages.csv rows. */
function exportOfRows(name: string, rows: string[]) {
  const folder = join(__dirname, 'fixtures/tenant');
  const header = readFileSync(join(folder, 'Messages.csv'), 'utf8').split('\n')[0];
  return zipEntries(name, [
    ['Messages.csv', [header, ...rows].join('\n') + '\n'],
    ['Users.csv', readFileSync(join(folder, 'Users.csv'))],
    ['Groups.csv', readFileSync(join(folder, 'Groups.csv'))],
  ]);
}
