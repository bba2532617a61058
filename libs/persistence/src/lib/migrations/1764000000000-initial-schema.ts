import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The initial schema. Every table carries `organisation_id` (the tenant) and references within a tenant
 * use composite foreign keys `(organisation_id, x_id)`, so a row can never point at another tenant's row.
 * Events are keyed by (organisation, source, external id) so re-delivered batches never duplicate.
 */
export class InitialSchema1764000000000 implements MigrationInterface {
  name = 'InitialSchema1764000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TYPE activity_type AS ENUM ('post', 'reply', 'reaction', 'read', 'mention', 'share', 'join', 'question', 'answer');

      CREATE TABLE organisations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        slug text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9][a-z0-9-]{0,62}$'),
        min_group_size integer NOT NULL DEFAULT 5 CHECK (min_group_size >= 2),
        time_zone text NOT NULL DEFAULT 'UTC',
        -- Key of the per-organisation keyed hash (HMAC) that replaces source user ids at ingest.
        -- 32 bytes from two v4 UUIDs (244 random bits) so that no extension is needed.
        pseudonym_key bytea NOT NULL DEFAULT decode(replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', ''), 'hex'),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      );

      CREATE TABLE org_units (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organisation_id uuid NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
        parent_id uuid,
        external_id text,
        name text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('organisation', 'division', 'department', 'team', 'legacy_company', 'location', 'other')),
        path text NOT NULL DEFAULT '',
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (organisation_id, id),
        UNIQUE (organisation_id, external_id),
        FOREIGN KEY (organisation_id, parent_id) REFERENCES org_units (organisation_id, id) ON DELETE CASCADE
      );
      CREATE INDEX org_units_path_idx ON org_units (organisation_id, path text_pattern_ops);

      -- Materialised path '/root-id/.../own-id/' for subtree filters (path LIKE '/a/b/%').
      CREATE FUNCTION org_units_set_path() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        parent_path text;
      BEGIN
        IF NEW.parent_id IS NULL THEN
          NEW.path := '/' || NEW.id || '/';
        ELSE
          SELECT path INTO parent_path FROM org_units WHERE id = NEW.parent_id;
          IF parent_path LIKE '%/' || NEW.id || '/%' THEN
            RAISE EXCEPTION 'org unit % cannot be moved below its own descendant', NEW.id;
          END IF;
          NEW.path := parent_path || NEW.id || '/';
        END IF;
        IF TG_OP = 'UPDATE' AND NEW.path IS DISTINCT FROM OLD.path THEN
          UPDATE org_units SET path = NEW.path || substr(path, length(OLD.path) + 1)
            WHERE organisation_id = NEW.organisation_id AND path LIKE OLD.path || '_%';
        END IF;
        RETURN NEW;
      END $$;
      CREATE TRIGGER org_units_path BEFORE INSERT OR UPDATE OF parent_id ON org_units
        FOR EACH ROW EXECUTE FUNCTION org_units_set_path();

      CREATE TABLE people (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organisation_id uuid NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
        pseudonym text NOT NULL,
        org_unit_id uuid,
        legacy_unit_id uuid,
        manager_id uuid,
        level smallint CHECK (level BETWEEN 1 AND 20),
        location text,
        start_date date,
        end_date date,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (organisation_id, id),
        UNIQUE (organisation_id, pseudonym),
        CHECK (end_date IS NULL OR start_date IS NULL OR end_date >= start_date),
        FOREIGN KEY (organisation_id, org_unit_id) REFERENCES org_units (organisation_id, id) ON DELETE SET NULL (org_unit_id),
        FOREIGN KEY (organisation_id, legacy_unit_id) REFERENCES org_units (organisation_id, id) ON DELETE SET NULL (legacy_unit_id),
        FOREIGN KEY (organisation_id, manager_id) REFERENCES people (organisation_id, id) ON DELETE SET NULL (manager_id)
      );
      CREATE INDEX people_org_unit_idx ON people (organisation_id, org_unit_id);

      CREATE TABLE data_sources (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organisation_id uuid NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
        name text NOT NULL,
        connector_type text NOT NULL,
        settings jsonb NOT NULL DEFAULT '{}',
        encrypted_config bytea,
        schedule text,
        enabled boolean NOT NULL DEFAULT true,
        state jsonb NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (organisation_id, id),
        UNIQUE (organisation_id, name)
      );

      CREATE TABLE sync_runs (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organisation_id uuid NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
        source_id uuid NOT NULL,
        status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'succeeded', 'failed', 'cancelled')),
        trigger text NOT NULL DEFAULT 'manual' CHECK (trigger IN ('manual', 'schedule', 'upload', 'webhook', 'demo')),
        started_at timestamptz,
        finished_at timestamptz,
        records_read bigint NOT NULL DEFAULT 0,
        records_inserted bigint NOT NULL DEFAULT 0,
        records_duplicate bigint NOT NULL DEFAULT 0,
        records_quarantined bigint NOT NULL DEFAULT 0,
        error text,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (organisation_id, id),
        FOREIGN KEY (organisation_id, source_id) REFERENCES data_sources (organisation_id, id) ON DELETE CASCADE
      );
      CREATE INDEX sync_runs_source_idx ON sync_runs (organisation_id, source_id, created_at DESC);

      CREATE TABLE groups (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organisation_id uuid NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
        source_id uuid,
        external_id text,
        name text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('channel', 'community', 'team', 'group', 'cohort')),
        is_private boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (organisation_id, id),
        UNIQUE NULLS NOT DISTINCT (organisation_id, source_id, external_id),
        FOREIGN KEY (organisation_id, source_id) REFERENCES data_sources (organisation_id, id) ON DELETE CASCADE
      );

      CREATE TABLE group_members (
        organisation_id uuid NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
        group_id uuid NOT NULL,
        person_id uuid NOT NULL,
        joined_at timestamptz,
        PRIMARY KEY (group_id, person_id),
        FOREIGN KEY (organisation_id, group_id) REFERENCES groups (organisation_id, id) ON DELETE CASCADE,
        FOREIGN KEY (organisation_id, person_id) REFERENCES people (organisation_id, id) ON DELETE CASCADE
      );
      CREATE INDEX group_members_person_idx ON group_members (organisation_id, person_id);

      CREATE TABLE activity_events (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        organisation_id uuid NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
        source_id uuid NOT NULL,
        external_id text NOT NULL,
        occurred_at timestamptz NOT NULL,
        actor_id uuid NOT NULL,
        type activity_type NOT NULL,
        group_id uuid,
        thread_external_id text,
        target_actor_id uuid,
        content_length integer CHECK (content_length >= 0),
        ingested_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT activity_events_source_external_id_key UNIQUE (organisation_id, source_id, external_id),
        FOREIGN KEY (organisation_id, source_id) REFERENCES data_sources (organisation_id, id) ON DELETE CASCADE,
        FOREIGN KEY (organisation_id, actor_id) REFERENCES people (organisation_id, id) ON DELETE CASCADE,
        FOREIGN KEY (organisation_id, target_actor_id) REFERENCES people (organisation_id, id) ON DELETE SET NULL (target_actor_id),
        FOREIGN KEY (organisation_id, group_id) REFERENCES groups (organisation_id, id) ON DELETE SET NULL (group_id)
      );
      CREATE INDEX activity_events_time_idx ON activity_events (organisation_id, occurred_at);
      CREATE INDEX activity_events_actor_idx ON activity_events (organisation_id, actor_id, occurred_at);

      CREATE TABLE rollout_plans (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organisation_id uuid NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
        name text NOT NULL,
        status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'active', 'completed', 'archived')),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (organisation_id, id)
      );

      CREATE TABLE rollout_phases (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organisation_id uuid NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
        plan_id uuid NOT NULL,
        position integer NOT NULL CHECK (position >= 0),
        name text NOT NULL,
        status text NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'active', 'completed', 'skipped')),
        planned_start date,
        planned_end date,
        started_at timestamptz,
        completed_at timestamptz,
        target jsonb NOT NULL DEFAULT '{}',
        gate_criteria jsonb NOT NULL DEFAULT '[]',
        UNIQUE (organisation_id, id),
        UNIQUE (plan_id, position),
        CHECK (planned_end IS NULL OR planned_start IS NULL OR planned_end >= planned_start),
        FOREIGN KEY (organisation_id, plan_id) REFERENCES rollout_plans (organisation_id, id) ON DELETE CASCADE
      );

      CREATE TABLE business_goals (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organisation_id uuid NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
        name text NOT NULL,
        kpi text NOT NULL,
        unit text NOT NULL DEFAULT '',
        baseline numeric NOT NULL,
        target numeric NOT NULL,
        deadline date,
        value_model jsonb NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (organisation_id, id)
      );
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      DROP TABLE business_goals;
      DROP TABLE rollout_phases;
      DROP TABLE rollout_plans;
      DROP TABLE activity_events;
      DROP TABLE group_members;
      DROP TABLE groups;
      DROP TABLE sync_runs;
      DROP TABLE data_sources;
      DROP TABLE people;
      DROP TABLE org_units;
      DROP FUNCTION org_units_set_path();
      DROP TABLE organisations;
      DROP TYPE activity_type;
    `);
  }
}
