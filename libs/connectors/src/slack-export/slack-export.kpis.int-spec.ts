import type { KpiScope } from '@uptake/contracts';
import { ingest } from '@uptake/ingest';
import { createScratchSource, readConnector } from '@uptake/ingest/testing';
import { KpiReports, refreshRollups } from '@uptake/kpi';
import { createDataSource, Organisation } from '@uptake/persistence';
import { testStoreUrls } from '@uptake/testing';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { inputFile } from '../shared/slack/testing';
import { slackExportConnector } from '.';

/*
 * The KPIs of the Business+ fixture export (fixtures/README.md, business/), counted by hand, against real
 * Postgres: what counts as activity (libs/kpi activity-definition.ts) from a real export to the reports.
 * Everyone the export names is in the directory; k = 2, exact figures. The range is Mon 2024-05-06 to
 * Wed 2024-05-08, one period.
 *
 * People: Anna, Ben, Cara, Dan, Eve are active; Fred and Gia only joined #general (a join is not activity).
 *   2024-05-06 Anna (posts, chats), Ben (reaction, reply, chat), Cara (reactions, reply), Dan (reply to the bot)
 *   2024-05-07 Anna (call, reply, group-DM huddle), Cara (replies, call, chat), Dan (reply, call, chat), Eve (reply)
 *   2024-05-08 Eve (post), Anna (reaction)
 */
describe('KPIs of the Business+ Slack export fixture', () => {
  let dataSource: DataSource;
  let organisationId: string;
  let reports: KpiReports;
  let scope: KpiScope;

  beforeAll(async () => {
    dataSource = await createDataSource(testStoreUrls().databaseUrl).initialize();
    const source = await createScratchSource(dataSource, 'slack-export');
    organisationId = source.organisationId;
    await dataSource
      .getRepository(Organisation)
      .update(organisationId, { timeZone: 'UTC', minGroupSize: 2, perturbation: false });
    const file = () => inputFile(join(__dirname, 'fixtures/slack-export-business.zip'));
    await ingest(
      dataSource,
      source,
      readConnector({ connector: slackExportConnector }, { settings: {}, file }),
    );
    // the directory lists everyone the export names
    await dataSource.query('UPDATE people SET in_directory = true WHERE organisation_id = $1', [
      organisationId,
    ]);
    await refreshRollups(dataSource, organisationId, {
      from: '2024-04-01T00:00:00Z',
      to: '2024-05-31T00:00:00Z',
    });
    reports = new KpiReports(dataSource);
    scope = {
      organisationId,
      from: '2024-05-06',
      to: '2024-05-08',
      granularity: 'week',
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

  it('stores the 7 people and no bot, and makes neither Fred nor Gia active for joining', async () => {
    const [{ people }] = await dataSource.query(
      'SELECT count(*)::int AS people FROM people WHERE organisation_id = $1',
      [organisationId],
    );
    expect(people).toBe(7);
    // the joins are recorded (3), but only the 5 who did something have an active day
    const [{ joins, active }] = await dataSource.query(
      `SELECT (SELECT count(*)::int FROM activity_events WHERE organisation_id = $1 AND type = 'join') AS joins,
              (SELECT count(*)::int FROM person_activity WHERE organisation_id = $1 AND first_day IS NOT NULL) AS active`,
      [organisationId],
    );
    expect({ joins, active }).toEqual({ joins: 3, active: 5 });
  });

  it('adoption: 5 of 7 adopted, 2 joined only; 10 active person-days over 3 days', async () => {
    const { points } = await reports.adoption(scope);
    expect(points).toEqual([
      {
        start: '2024-05-06',
        end: '2024-05-08',
        eligible: 7,
        active: 5,
        activated: 5,
        adoptionRate: 5 / 7,
        // 4 + 4 + 2 active people per day
        averageDailyActive: 10 / 3,
        weeklyActive: 5,
        monthlyActive: 5,
        stickiness: 10 / 3 / 5,
        joinedOnly: 2,
      },
    ]);
  });

  it('participation: creators Anna and Eve; Ben, Cara and Dan contribute; Fred and Gia are inactive', async () => {
    const report = await reports.participation(scope);
    expect(report.points).toEqual([
      {
        start: '2024-05-06',
        end: '2024-05-08',
        eligible: 7,
        creators: 2,
        contributors: 3,
        readers: 0,
        inactive: 2,
      },
    ]);
    expect(report.personas).toEqual({ creator: 2, responder: 3, reactor: 0, observer: 0 });
  });

  it('engagement: threads include the deleted and the missing root; unlisted reactions are volume only', async () => {
    const { points } = await reports.engagement(scope);
    expect(points).toEqual([
      {
        start: '2024-05-06',
        end: '2024-05-08',
        active: 5,
        // Anna (general), Anna (private channel), Eve (projects)
        posts: 3,
        // Ben, Dan (to the bot), Cara and Dan (deleted root), Eve (missing root), Anna (huddle), Cara (private)
        replies: 7,
        // Ben and Cara (tada), Cara (eyes, on the bot's prompt), Anna (rocket); chats are not reactions
        reactions: 4,
        postsPerActive: 3 / 5,
        repliesPerActive: 7 / 5,
        reactionsPerActive: 4 / 5,
        // 3 posts + the thread whose root was deleted + the thread whose root is before the export; the bot's
        // prompt and the huddle are not threads
        threads: 5,
        // answered: Anna's two threads and both rootless ones (Eve's post got no reply)
        threadsWithResponse: 4 / 5,
        // measured only where the start is known: 0.5 h (general) and 2 h (private channel)
        medianHoursToFirstResponse: 1.25,
        // the tada's 4 reactions Slack did not list
        unattributedReactions: 4,
      },
    ]);
  });

  it('leaves the unlisted reactions out of a filtered population', async () => {
    const [group] = await dataSource.query(
      `SELECT id FROM groups WHERE organisation_id = $1 AND external_id = 'C20GENERAL'`,
      [organisationId],
    );
    const { points } = await reports.engagement({ ...scope, groupId: group.id });
    expect(points[0]).toMatchObject({ active: 5, unattributedReactions: null, threads: 3 });
  });
});
