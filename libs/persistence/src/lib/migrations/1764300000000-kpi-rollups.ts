import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Rollups the KPI endpoints read instead of raw events, refreshed by the worker for the days an ingest
 * touched: one row per person and day, interactions between two people per day, and one row per thread.
 */
export class KpiRollups1764300000000 implements MigrationInterface {
  name = 'KpiRollups1764300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      -- Listed by a directory import: only these people count in adoption denominators (people seen only
      -- in activity are active but not eligible).
      ALTER TABLE people ADD COLUMN in_directory boolean NOT NULL DEFAULT false;
      UPDATE people SET in_directory = true WHERE org_unit_id IS NOT NULL OR start_date IS NOT NULL;

      CREATE INDEX activity_daily_day_idx ON activity_daily (organisation_id, day);

      -- Uptake-defined cohorts have no source and no external id: several of them must be able to coexist
      -- (NULLS NOT DISTINCT allowed only one per organisation). Connector groups stay unique per source.
      ALTER TABLE groups DROP CONSTRAINT groups_organisation_id_source_id_external_id_key;
      ALTER TABLE groups ADD CONSTRAINT groups_organisation_id_source_id_external_id_key
        UNIQUE (organisation_id, source_id, external_id);

      -- A business goal may be about part of the organisation (an org unit subtree, a pilot group).
      ALTER TABLE business_goals
        ADD COLUMN org_unit_id uuid,
        ADD COLUMN group_id uuid,
        ADD CONSTRAINT business_goals_kpi_check CHECK (kpi IN ('adoption_rate', 'weekly_active_rate',
          'contributor_share', 'median_hours_to_first_response', 'emails_sent_per_person_per_week')),
        ADD FOREIGN KEY (organisation_id, org_unit_id) REFERENCES org_units (organisation_id, id) ON DELETE CASCADE,
        ADD FOREIGN KEY (organisation_id, group_id) REFERENCES groups (organisation_id, id) ON DELETE CASCADE;

      -- Per person and day (organisation time zone): what the adoption, participation and retention KPIs need.
      CREATE TABLE person_daily (
        organisation_id uuid NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
        day date NOT NULL,
        person_id uuid NOT NULL,
        events bigint NOT NULL,
        -- posts and questions (starting something)
        creations bigint NOT NULL,
        -- replies, answers, mentions, shares (responding with words)
        responses bigint NOT NULL,
        reactions bigint NOT NULL,
        reads bigint NOT NULL,
        PRIMARY KEY (organisation_id, day, person_id),
        FOREIGN KEY (organisation_id, person_id) REFERENCES people (organisation_id, id) ON DELETE CASCADE
      );
      CREATE INDEX person_daily_person_idx ON person_daily (organisation_id, person_id, day);

      -- Per person: first and last active day and active days, for adoption dates, cohorts and churn.
      CREATE TABLE person_activity (
        organisation_id uuid NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
        person_id uuid NOT NULL,
        first_day date NOT NULL,
        last_day date NOT NULL,
        active_days integer NOT NULL,
        PRIMARY KEY (organisation_id, person_id),
        FOREIGN KEY (organisation_id, person_id) REFERENCES people (organisation_id, id) ON DELETE CASCADE
      );

      -- Interactions between two people per day: the network KPIs' edges.
      CREATE TABLE interaction_daily (
        organisation_id uuid NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
        day date NOT NULL,
        actor_id uuid NOT NULL,
        target_id uuid NOT NULL,
        interactions bigint NOT NULL,
        PRIMARY KEY (organisation_id, day, actor_id, target_id),
        FOREIGN KEY (organisation_id, actor_id) REFERENCES people (organisation_id, id) ON DELETE CASCADE,
        FOREIGN KEY (organisation_id, target_id) REFERENCES people (organisation_id, id) ON DELETE CASCADE
      );

      -- One row per thread (a post or question and the responses to it): time to first response.
      CREATE INDEX activity_events_thread_idx ON activity_events (organisation_id, source_id, thread_external_id)
        WHERE thread_external_id IS NOT NULL;
      CREATE TABLE thread_rollup (
        organisation_id uuid NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
        source_id uuid NOT NULL,
        thread_key text NOT NULL,
        root_at timestamptz NOT NULL,
        root_day date NOT NULL,
        root_actor_id uuid NOT NULL,
        group_id uuid,
        -- first reply or answer by someone other than the author
        first_response_at timestamptz,
        responses integer NOT NULL,
        responders integer NOT NULL,
        PRIMARY KEY (organisation_id, source_id, thread_key),
        FOREIGN KEY (organisation_id, source_id) REFERENCES data_sources (organisation_id, id) ON DELETE CASCADE,
        FOREIGN KEY (organisation_id, root_actor_id) REFERENCES people (organisation_id, id) ON DELETE CASCADE
      );
      CREATE INDEX thread_rollup_day_idx ON thread_rollup (organisation_id, root_day);
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      DROP TABLE thread_rollup;
      DROP INDEX activity_events_thread_idx;
      DROP TABLE interaction_daily;
      DROP TABLE person_activity;
      DROP TABLE person_daily;
      DROP INDEX activity_daily_day_idx;
      ALTER TABLE people DROP COLUMN in_directory;
      ALTER TABLE groups DROP CONSTRAINT groups_organisation_id_source_id_external_id_key;
      ALTER TABLE groups ADD CONSTRAINT groups_organisation_id_source_id_external_id_key
        UNIQUE NULLS NOT DISTINCT (organisation_id, source_id, external_id);
      ALTER TABLE business_goals DROP CONSTRAINT business_goals_kpi_check, DROP COLUMN org_unit_id, DROP COLUMN group_id;
    `);
  }
}
