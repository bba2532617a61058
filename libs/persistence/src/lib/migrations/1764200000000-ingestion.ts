import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Ingestion: per-record counts for usage-report rows, non-social daily usage (e-mail baseline),
 * quarantined records, resumable sync runs, and the daily activity rollup refreshed after each ingest.
 */
export class Ingestion1764200000000 implements MigrationInterface {
  name = 'Ingestion1764200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      -- A usage-report row ("posted 3 times on 2026-11-20") is one record standing for 3 interactions.
      ALTER TABLE activity_events ADD COLUMN count integer NOT NULL DEFAULT 1 CHECK (count >= 1);
      -- Implied by the composite key to data_sources (whose organisation_id references organisations); a
      -- foreign key is a per-row trigger on the hottest insert path, so the redundant one goes.
      ALTER TABLE activity_events DROP CONSTRAINT activity_events_organisation_id_fkey;

      CREATE TABLE usage_metrics (
        organisation_id uuid NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
        source_id uuid NOT NULL,
        person_id uuid NOT NULL,
        day date NOT NULL,
        metric text NOT NULL CHECK (metric ~ '^[a-z][a-z0-9_.]{0,63}$'),
        value double precision NOT NULL CHECK (value >= 0),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (organisation_id, source_id, person_id, day, metric),
        FOREIGN KEY (organisation_id, source_id) REFERENCES data_sources (organisation_id, id) ON DELETE CASCADE,
        FOREIGN KEY (organisation_id, person_id) REFERENCES people (organisation_id, id) ON DELETE CASCADE
      );
      CREATE INDEX usage_metrics_day_idx ON usage_metrics (organisation_id, metric, day);

      ALTER TABLE sync_runs
        -- Merged checkpoints of what this run has committed: a restarted attempt resumes from here.
        ADD COLUMN checkpoint jsonb,
        -- The file a file-based run reads (upload or webhook batch): name, size, spool path.
        ADD COLUMN input jsonb,
        ADD COLUMN progress_done bigint,
        ADD COLUMN progress_total bigint,
        ADD COLUMN attempts integer NOT NULL DEFAULT 0,
        ADD COLUMN records_usage bigint NOT NULL DEFAULT 0,
        ADD COLUMN records_directory bigint NOT NULL DEFAULT 0,
        -- First and last affected day: what post-ingest recomputation refreshes.
        ADD COLUMN affected_from timestamptz,
        ADD COLUMN affected_to timestamptz;
      CREATE INDEX sync_runs_status_idx ON sync_runs (organisation_id, status, created_at DESC);

      CREATE TABLE quarantined_records (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        organisation_id uuid NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
        source_id uuid NOT NULL,
        sync_run_id uuid,
        file text,
        line integer,
        field text,
        record_id text,
        reason text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        FOREIGN KEY (organisation_id, source_id) REFERENCES data_sources (organisation_id, id) ON DELETE CASCADE,
        FOREIGN KEY (organisation_id, sync_run_id) REFERENCES sync_runs (organisation_id, id) ON DELETE CASCADE
      );
      CREATE INDEX quarantined_records_run_idx ON quarantined_records (organisation_id, sync_run_id, id);
      CREATE INDEX quarantined_records_source_idx ON quarantined_records (organisation_id, source_id, id);

      -- Daily rollup per person, group and type, in the organisation's time zone. Refreshed by the
      -- worker for the days an ingest touched; KPIs read it instead of raw events.
      CREATE TABLE activity_daily (
        organisation_id uuid NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
        day date NOT NULL,
        person_id uuid NOT NULL,
        group_id uuid,
        type activity_type NOT NULL,
        events bigint NOT NULL,
        content_length bigint NOT NULL DEFAULT 0,
        CONSTRAINT activity_daily_key UNIQUE NULLS NOT DISTINCT (organisation_id, day, person_id, group_id, type),
        FOREIGN KEY (organisation_id, person_id) REFERENCES people (organisation_id, id) ON DELETE CASCADE
      );
      CREATE INDEX activity_daily_person_idx ON activity_daily (organisation_id, person_id, day);
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      DROP TABLE activity_daily;
      DROP TABLE quarantined_records;
      DROP INDEX sync_runs_status_idx;
      ALTER TABLE sync_runs
        DROP COLUMN checkpoint, DROP COLUMN input, DROP COLUMN progress_done, DROP COLUMN progress_total,
        DROP COLUMN attempts, DROP COLUMN records_usage, DROP COLUMN records_directory,
        DROP COLUMN affected_from, DROP COLUMN affected_to;
      DROP TABLE usage_metrics;
      ALTER TABLE activity_events DROP COLUMN count;
      ALTER TABLE activity_events ADD CONSTRAINT activity_events_organisation_id_fkey
        FOREIGN KEY (organisation_id) REFERENCES organisations (id) ON DELETE CASCADE;
    `);
  }
}
