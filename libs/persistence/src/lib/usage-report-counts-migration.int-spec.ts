import type { DataSource } from 'typeorm';
import { undoFrom, useMigratedDatabase } from '../testing/migrated-database';
import { UsageReportCounts1765300000000 } from './migrations/1765300000000-usage-report-counts';

/**
 * 1765300000000-usage-report-counts on events read from Microsoft 365 usage reports before it: they become
 * report counts (no threads), their Teams chat counts (stored as posts then) become chats, and the rollups of
 * their days follow. Events of other sources are left as they were.
 */
describe('the usage-report-counts migration on existing report events', () => {
  const migrated = useMigratedDatabase();
  let dataSource: DataSource;

  beforeAll(async () => {
    dataSource = migrated.dataSource;
    await undoFrom(dataSource, UsageReportCounts1765300000000);
  });

  it('marks report counts, drops their threads and turns Teams chat counts into chats', async () => {
    const [organisation] = await dataSource.query(
      `INSERT INTO organisations (name, slug) VALUES ('Reports', 'reports') RETURNING id`,
    );
    const sources: { id: string; connector_type: string }[] = await dataSource.query(
      `INSERT INTO data_sources (organisation_id, name, connector_type)
       VALUES ($1, 'm365', 'ms-graph-reports'), ($1, 'slack', 'slack-export') RETURNING id, connector_type`,
      [organisation.id],
    );
    const [graph, slack] = ['ms-graph-reports', 'slack-export'].map(
      (type) => sources.find((source) => source.connector_type === type)!.id,
    );
    const [anna] = await dataSource.query(
      `INSERT INTO people (organisation_id, pseudonym) VALUES ($1, 'anna') RETURNING id`,
      [organisation.id],
    );
    // What the former reading stored: Teams chats and Viva Engage posts as posts, each a thread of its own.
    const events = [
      [graph, 'teams:2026-03-16:anna@contoso.com:chat', 14],
      [graph, 'yammer:2026-03-16:anna@contoso.com:post', 3],
      [slack, 'm1', 1],
    ] as const;
    for (const [source, externalId, count] of events) {
      await dataSource.query(
        `INSERT INTO activity_events (organisation_id, source_id, external_id, occurred_at, actor_id, type, count)
         VALUES ($1, $2, $3, '2026-03-16T12:00:00Z', $4, 'post', $5)`,
        [organisation.id, source, externalId, anna.id, count],
      );
      await dataSource.query(
        `INSERT INTO thread_rollup (organisation_id, source_id, thread_key, root_at, root_day, root_actor_id,
                                    first_response_at, responses, responders)
         VALUES ($1, $2, $3, '2026-03-16T12:00:00Z', '2026-03-16', $4, NULL, 0, 0)`,
        [organisation.id, source, externalId, anna.id],
      );
    }
    await dataSource.query(
      `INSERT INTO activity_daily (organisation_id, day, person_id, type, events)
       VALUES ($1, '2026-03-16', $2, 'post', 18)`,
      [organisation.id, anna.id],
    );

    await dataSource.runMigrations();

    expect(
      await dataSource.query(
        'SELECT external_id, type, from_report FROM activity_events WHERE organisation_id = $1 ORDER BY external_id',
        [organisation.id],
      ),
    ).toEqual([
      { external_id: 'm1', type: 'post', from_report: false },
      { external_id: 'teams:2026-03-16:anna@contoso.com:chat', type: 'chat', from_report: true },
      { external_id: 'yammer:2026-03-16:anna@contoso.com:post', type: 'post', from_report: true },
    ]);
    expect(
      await dataSource.query('SELECT thread_key FROM thread_rollup WHERE organisation_id = $1', [
        organisation.id,
      ]),
    ).toEqual([{ thread_key: 'm1' }]);
    expect(
      await dataSource.query(
        `SELECT type, events::int FROM activity_daily WHERE organisation_id = $1 ORDER BY type`,
        [organisation.id],
      ),
    ).toEqual([
      { type: 'post', events: 4 },
      { type: 'chat', events: 14 },
    ]);
    // anna is as active as before (18 events), but created 4 things, not 18.
    expect(
      await dataSource.query(
        `SELECT events::int, creations::int FROM person_daily WHERE organisation_id = $1`,
        [organisation.id],
      ),
    ).toEqual([{ events: 18, creations: 4 }]);
  });
});
