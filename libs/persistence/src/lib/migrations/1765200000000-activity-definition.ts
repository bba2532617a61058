import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What counts as activity (libs/kpi activity-definition.ts), and run warnings:
 * - two activity types: `call` (took part in a huddle or meeting in a channel) and `chat` (activity in a direct
 *   message or group chat);
 * - an event may have no actor when it is volume without people: reactions Slack counted but did not list
 *   (`count` above the listed users). They are summed per day in `unattributed_daily`, never in the rollups
 *   about people;
 * - `person_activity` also holds people who only joined (first_joined_day, no active day), for the "joined,
 *   never active" figure; a thread whose root is missing (deleted, or outside the export) has no root author;
 * - the rollups about people are rebuilt without joins: a join never made anyone active again.
 * - `sync_runs.warnings`: what a run wants its maintainer to know, at most 50 distinct entries.
 *
 * The new enum values cannot be used in the transaction that adds them, so this migration compares types as
 * text. The type lists are the definition's as of this migration (a migration stays as it was written).
 */
export class ActivityDefinition1765200000000 implements MigrationInterface {
  name = 'ActivityDefinition1765200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TYPE activity_type ADD VALUE IF NOT EXISTS 'call';
      ALTER TYPE activity_type ADD VALUE IF NOT EXISTS 'chat';

      ALTER TABLE activity_events ALTER COLUMN actor_id DROP NOT NULL,
        ADD CONSTRAINT activity_events_unattributed_check CHECK (actor_id IS NOT NULL OR type = 'reaction');

      -- Events without a person per day, group and type: reaction volume Slack counted but did not list.
      CREATE TABLE unattributed_daily (
        organisation_id uuid NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
        day date NOT NULL,
        group_id uuid,
        type activity_type NOT NULL,
        events bigint NOT NULL,
        -- the largest single event (one message's unlisted reactions): the scale of the volume's perturbation
        largest bigint NOT NULL,
        CONSTRAINT unattributed_daily_key UNIQUE NULLS NOT DISTINCT (organisation_id, day, group_id, type)
      );

      ALTER TABLE person_activity
        ALTER COLUMN first_day DROP NOT NULL,
        ALTER COLUMN last_day DROP NOT NULL,
        ALTER COLUMN active_days SET DEFAULT 0,
        ADD COLUMN first_joined_day date,
        ADD CONSTRAINT person_activity_seen_check CHECK (first_day IS NOT NULL OR first_joined_day IS NOT NULL);

      ALTER TABLE thread_rollup ALTER COLUMN root_actor_id DROP NOT NULL;

      ALTER TABLE sync_runs ADD COLUMN warnings jsonb NOT NULL DEFAULT '[]'::jsonb
        CHECK (jsonb_typeof(warnings) = 'array' AND jsonb_array_length(warnings) <= 50);
    `);
    await rebuildPersonRollups(queryRunner, `d.type::text <> 'join'`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    // The enum values stay (Postgres cannot drop them); events using them or without an actor go.
    await queryRunner.query(`
      ALTER TABLE sync_runs DROP COLUMN warnings;
      DELETE FROM thread_rollup WHERE root_actor_id IS NULL;
      ALTER TABLE thread_rollup ALTER COLUMN root_actor_id SET NOT NULL;
      DELETE FROM person_activity WHERE first_day IS NULL;
      ALTER TABLE person_activity DROP CONSTRAINT person_activity_seen_check, DROP COLUMN first_joined_day,
        ALTER COLUMN active_days DROP DEFAULT, ALTER COLUMN first_day SET NOT NULL, ALTER COLUMN last_day SET NOT NULL;
      DROP TABLE unattributed_daily;
      DELETE FROM activity_events WHERE actor_id IS NULL OR type::text IN ('call', 'chat');
      DELETE FROM activity_daily WHERE type::text IN ('call', 'chat');
      ALTER TABLE activity_events DROP CONSTRAINT activity_events_unattributed_check,
        ALTER COLUMN actor_id SET NOT NULL;
    `);
    await rebuildPersonRollups(queryRunner, 'true');
  }
}

/**
 * person_daily, person_month and person_activity of every organisation from activity_daily rows matching
 * `activeTypes` (alias d): what the refresh in @uptake/kpi's rollups.ts computes, for all days at once. Later
 * migrations that change what the rollups hold reuse it (so it must stay as it is).
 */
export async function rebuildPersonRollups(queryRunner: QueryRunner, activeTypes: string): Promise<void> {
  const sum = (types: string) => `coalesce(sum(d.events) FILTER (WHERE d.type::text IN (${types})), 0)`;
  const bit = (condition: string) =>
    `bit_or(CASE WHEN ${condition} THEN 1 << (extract(day FROM d.day)::int - 1) ELSE 0 END)`;
  const running = (column: string) =>
    `kpi_running_totals(array_agg(extract(day FROM d.day)::int), array_agg(d.${column}))`;
  await queryRunner.query(`
    DELETE FROM person_month;
    DELETE FROM person_activity;
    DELETE FROM person_daily;
    INSERT INTO person_daily (organisation_id, day, person_id, events, creations, responses, reactions, reads, replies)
    SELECT d.organisation_id, d.day, d.person_id, sum(d.events), ${sum(`'post', 'question'`)},
           ${sum(`'reply', 'answer', 'mention', 'share', 'call'`)}, ${sum(`'reaction'`)}, ${sum(`'read'`)},
           ${sum(`'reply', 'answer'`)}
    FROM activity_daily d WHERE ${activeTypes}
    GROUP BY d.organisation_id, d.day, d.person_id;

    INSERT INTO person_month (organisation_id, month, person_id, active, created, responded, reacted,
                              events, posts, replies, reactions)
    SELECT d.organisation_id, date_trunc('month', d.day)::date, d.person_id,
           ${bit('d.events > 0')}, ${bit('d.creations > 0')}, ${bit('d.responses > 0')}, ${bit('d.reactions > 0')},
           ${running('events')}, ${running('creations')}, ${running('replies')}, ${running('reactions')}
    FROM person_daily d
    GROUP BY d.organisation_id, date_trunc('month', d.day)::date, d.person_id;

    INSERT INTO person_activity (organisation_id, person_id, first_day, last_day, active_days)
    SELECT d.organisation_id, d.person_id, min(d.day), max(d.day), count(*)::int
    FROM person_daily d GROUP BY d.organisation_id, d.person_id;

    -- Reports cached from the rollups are keyed by this version.
    UPDATE kpi_rollup_versions SET version = version + 1, refreshed_at = now();
  `);
  const hasJoinColumn: { exists: boolean }[] = await queryRunner.query(
    `SELECT EXISTS (SELECT 1 FROM information_schema.columns
                    WHERE table_name = 'person_activity' AND column_name = 'first_joined_day') AS exists`,
  );
  if (!hasJoinColumn[0]?.exists) return;
  await queryRunner.query(`
    INSERT INTO person_activity (organisation_id, person_id, first_joined_day)
    SELECT d.organisation_id, d.person_id, min(d.day) FROM activity_daily d WHERE d.type::text = 'join'
    GROUP BY d.organisation_id, d.person_id
    ON CONFLICT (organisation_id, person_id) DO UPDATE SET first_joined_day = excluded.first_joined_day;
  `);
}
