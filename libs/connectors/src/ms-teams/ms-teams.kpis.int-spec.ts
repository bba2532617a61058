import { HttpClient } from '@uptake/connector-sdk';
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
import { startFakeTeamsGraph, type FakeTeamsGraph } from './fake-teams-graph';
import { msTeamsConnector } from '.';

/*
 * What the product shows for a Microsoft Teams tenant (fixtures/README.md, "tenant-kpis.json"), counted by
 * hand, against real Postgres: the HR directory (directory-csv, keyed by UPN) and the Teams tenant read
 * through Microsoft Graph (the fake server) with chats, both through the pipeline into one organisation,
 * joined by the lower-cased UPN (Graph names Ann "Ann.Berg@contoso.com"); then the same KpiReports as for
 * Slack and Viva Engage. Seven people of the directory in three departments, six of them active; k = 2, no
 * perturbation: exact figures. Range Mon 2024-03-04 .. Sun 2024-03-31.
 *
 * Threads (root author; replies -> the root's author, as Teams replies are to the thread):
 *   T1 03-04 09:00 Ann, General: 09:10 Cara likes it, 09:30 Bob, 10:00 Cara        first response 0.5 h
 *   T2 03-05 10:00 Bob: 11:00 Dan                                                   1 h
 *   T3 03-06 09:00 Dan: 11:00 Fay, 12:00 Ann                                        2 h
 *   T4 03-12 09:00 Cara, Projects (private channel): 13:00 Dora                     4 h
 *   T5 03-13 09:00 Dora: no reply
 *   T6 03-19 09:00 Ann: 09:15 Bob                                                   0.25 h
 *   and 03-20 a 1:1 chat message of Bob to Ann: a chat, neither post, reply nor interaction.
 * Interactions (actor -> target): 1 Bob->Ann  2 Cara->Ann (like)  3 Cara->Ann  4 Dan->Bob  5 Fay->Dan
 *   6 Ann->Dan  7 Dora->Cara  8 Bob->Ann
 * Departments: Engineering {Ann, Cara}, Sales {Bob, Dora}, Finance {Dan, Fay, Gus (never active)};
 * levels: Dan 1, Ann 2, Bob 2, the others 3.
 */
const TENANT = 'contoso.onmicrosoft.com';
const credentials = { clientId: '6f1c2a9e-4b7d-4e3a-9c51-2d8e7f0a1b34', clientSecret: 'fake-secret-value' };

describe('KPIs of a Microsoft Teams tenant (HR directory + Graph channel messages and chats)', () => {
  let graph: FakeTeamsGraph;
  let dataSource: DataSource;
  let organisationId: string;
  let reports: KpiReports;
  let scope: KpiScope;
  let units: Record<'Engineering' | 'Sales' | 'Finance', string>;

  beforeAll(async () => {
    graph = await startFakeTeamsGraph({
      tenants: { kpis: join(__dirname, 'fixtures', 'tenant-kpis.json') },
      tenantId: TENANT,
      ...credentials,
      pageSize: 2,
    });
    dataSource = await createDataSource(testStoreUrls().databaseUrl).initialize();
    const teams = await createScratchSource(dataSource, 'ms-teams');
    organisationId = teams.organisationId;
    await dataSource
      .getRepository(Organisation)
      .update(organisationId, { timeZone: 'UTC', minGroupSize: 2, perturbation: false });
    const hr = await dataSource
      .getRepository(ActivitySource)
      .save({ organisationId, name: 'directory-csv', connectorType: 'directory-csv' });
    const directory = inputFile(join(__dirname, 'fixtures/tenant-kpis-directory.csv'));
    await ingest(
      dataSource,
      { organisationId, sourceId: hr.id },
      readConnector({ connector: directoryCsvConnector }, { settings: {}, file: () => directory }),
    );
    await ingest(
      dataSource,
      teams,
      readConnector(
        { connector: msTeamsConnector, http: () => new HttpClient({ baseDelayMs: 1 }) },
        {
          settings: {
            baseUrl: graph.url('kpis'),
            tokenUrl: graph.tokenUrl,
            tenantId: TENANT,
            includeChats: true,
          },
          credentials,
        },
      ),
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
    await graph?.close();
  });

  it('joins both sources into the 7 people of the directory, with 15 activities', async () => {
    const [counts] = await dataSource.query(
      `SELECT (SELECT count(*)::int FROM people WHERE organisation_id = $1) AS people,
              (SELECT count(*)::int FROM people WHERE organisation_id = $1 AND in_directory) AS "inDirectory",
              (SELECT count(*)::int FROM activity_events WHERE organisation_id = $1) AS activities,
              (SELECT count(*)::int FROM activity_events WHERE organisation_id = $1 AND type = 'chat') AS chats`,
      [organisationId],
    );
    // 6 posts + 7 replies + 1 reaction + 1 chat; nobody outside the directory
    expect(counts).toEqual({ people: 7, inDirectory: 7, activities: 15, chats: 1 });
  });

  it('adoption: 6 of 7 people active', async () => {
    const { points } = await reports.adoption(scope);
    expect(points).toEqual([
      expect.objectContaining({
        start: '2024-03-04',
        end: '2024-03-31',
        eligible: 7,
        active: 6,
        activated: 6,
        adoptionRate: 6 / 7,
        joinedOnly: 0,
      }),
    ]);
  });

  it('engagement: 6 threads, 5 answered, median first response 1 h', async () => {
    const { points } = await reports.engagement(scope);
    expect(points).toEqual([
      expect.objectContaining({
        start: '2024-03-04',
        end: '2024-03-31',
        active: 6,
        posts: 6,
        // the 7 replies; the chat is none
        replies: 7,
        reactions: 1,
        threads: 6,
        // T5 got no reply
        threadsWithResponse: 5 / 6,
        // 0.25 h, 0.5 h, 1 h, 2 h, 4 h (Cara's like at 09:10 is no response to T1)
        medianHoursToFirstResponse: 1,
      }),
    ]);
  });

  it('network: 8 interactions, 5 across departments, 5 across levels', async () => {
    const report = await reports.network(scope);
    expect(report.summary).toEqual({
      people: 6,
      interactions: 8,
      // pairs Ann-Bob, Ann-Cara, Bob-Dan, Dan-Fay, Ann-Dan, Cara-Dora: 6 of 15
      density: 6 / 15,
      averageDegree: 12 / 6,
      components: 1,
      largestComponentShare: 1,
    });
    expect(report.crossing).toEqual({
      // 1 Bob->Ann, 4 Dan->Bob, 6 Ann->Dan, 7 Dora->Cara, 8 Bob->Ann
      department: { share: 5 / 8, interactions: 8, people: 6 },
      // 2 and 3 Cara(3)->Ann(2), 4 Dan(1)->Bob(2), 5 Fay(3)->Dan(1), 6 Ann(2)->Dan(1)
      hierarchyLevel: { share: 5 / 8, interactions: 8, people: 6 },
      legacyCompany: { share: null, interactions: 0, people: 0 },
    });
  });

  it('unit graph: Sales -> Engineering shown; the links of one person on each side are withheld', async () => {
    const report = await reports.network(scope);
    const unit = (name: keyof typeof units) => report.units.find((row) => row.orgUnitId === units[name]);
    // A unit's outgoing and incoming interactions are the sums of its shown links (a withheld link could
    // otherwise be told by subtraction): Ann->Dan and Dan->Bob, one person on each side, count in neither.
    // Engineering: Cara->Ann twice inside; Bob->Ann twice and Dora->Cara in
    expect(unit('Engineering')).toMatchObject({
      name: 'Engineering',
      people: 2,
      internalInteractions: 2,
      outgoingInteractions: 0,
      incomingInteractions: 3,
    });
    expect(unit('Sales')).toMatchObject({
      name: 'Sales',
      people: 2,
      internalInteractions: 0,
      outgoingInteractions: 3,
      incomingInteractions: 0,
    });
    // people of the unit in the network: Dan and Fay (Gus interacted with no one); Fay->Dan inside
    expect(unit('Finance')).toMatchObject({
      name: 'Finance',
      people: 2,
      internalInteractions: 1,
      outgoingInteractions: 0,
      incomingInteractions: 0,
    });
    // Bob and Dora -> Ann and Cara: two people on each side
    expect(report.links).toEqual([{ source: units.Sales, target: units.Engineering, interactions: 3 }]);
    // Ann -> Dan and Dan -> Bob: one person on each side
    expect(report.hiddenLinks).toBe(2);
  });
});
