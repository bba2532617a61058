import type { MigrationInterface, QueryRunner } from 'typeorm';
import { rebuildPersonRollups } from './1765200000000-activity-definition';

/**
 * Microsoft 365 usage reports as counts, not events:
 * - `activity_events.from_report`: the event is a report's count of one person, day and kind. A republished
 *   report (Microsoft corrects the last days) replaces the stored count instead of being skipped as a
 *   duplicate, and such an event is never a thread (a count says nothing about who answered what);
 * - `sync_runs.records_updated`: counts a run corrected or withdrew;
 * - events already read from usage reports are marked, their threads dropped, and their Teams chat counts
 *   (stored as posts before the `chat` type existed) become `chat`: a direct message is not a community post.
 *   The rollups of the days they are on are rebuilt.
 */
export class UsageReportCounts1765300000000 implements MigrationInterface {
  name = 'UsageReportCounts1765300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE activity_events ADD COLUMN from_report boolean NOT NULL DEFAULT false;
      ALTER TABLE sync_runs ADD COLUMN records_updated bigint NOT NULL DEFAULT 0;

      UPDATE activity_events e SET from_report = true
      FROM data_sources s
      WHERE s.organisation_id = e.organisation_id AND s.id = e.source_id AND s.connector_type = 'ms-graph-reports';

      DELETE FROM thread_rollup t USING activity_events e
      WHERE e.from_report AND t.organisation_id = e.organisation_id AND t.source_id = e.source_id
        AND t.thread_key = e.external_id;
    `);
    await queryRunner.query(`CREATE TEMP TABLE retyped_days (organisation_id uuid, day date) ON COMMIT DROP`);
    await queryRunner.query(`
      WITH retyped AS (
        UPDATE activity_events SET type = 'chat'
        WHERE from_report AND type = 'post' AND external_id LIKE 'teams:%:chat'
        RETURNING organisation_id, occurred_at)
      INSERT INTO retyped_days
      SELECT DISTINCT r.organisation_id, (r.occurred_at AT TIME ZONE o.time_zone)::date
      FROM retyped r JOIN organisations o ON o.id = r.organisation_id
    `);
    const retyped: { n: number }[] = await queryRunner.query(`SELECT count(*)::int AS n FROM retyped_days`);
    if (retyped[0].n === 0) return;
    // activity_daily of those days from their events (as rollups.ts builds it), then the rollups about people.
    await queryRunner.query(`
      DELETE FROM activity_daily d USING retyped_days r WHERE d.organisation_id = r.organisation_id AND d.day = r.day;
      INSERT INTO activity_daily (organisation_id, day, person_id, group_id, type, events, content_length)
      SELECT e.organisation_id, (e.occurred_at AT TIME ZONE o.time_zone)::date, e.actor_id, e.group_id, e.type,
             sum(e.count), coalesce(sum(e.content_length), 0)
      FROM activity_events e
      JOIN organisations o ON o.id = e.organisation_id
      JOIN retyped_days r ON r.organisation_id = e.organisation_id
                         AND r.day = (e.occurred_at AT TIME ZONE o.time_zone)::date
      WHERE e.actor_id IS NOT NULL
      GROUP BY 1, 2, 3, 4, 5;
    `);
    await rebuildPersonRollups(queryRunner, `d.type::text <> 'join'`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    // Chat counts stay `chat` (the type is right for them); the columns go.
    await queryRunner.query(`
      ALTER TABLE sync_runs DROP COLUMN records_updated;
      ALTER TABLE activity_events DROP COLUMN from_report;
    `);
  }
}
