import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The rollout tracker: phase populations and comparisons (materialised as cohort groups so every KPI can be
 * filtered on them), gate evaluations kept as history, audited phase transitions, and usage guidelines with
 * the people who acknowledged them.
 */
export class Rollouts1764400000000 implements MigrationInterface {
  name = 'Rollouts1764400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE rollout_phases
        ALTER COLUMN target SET DEFAULT '{"orgUnitIds":[],"groupIds":[],"pseudonyms":[],"rules":[]}',
        ADD COLUMN comparison jsonb NOT NULL DEFAULT '{"kind":"rest-of-organisation"}',
        ADD COLUMN cohort_group_id uuid REFERENCES groups (id) ON DELETE SET NULL,
        ADD COLUMN comparison_group_id uuid REFERENCES groups (id) ON DELETE SET NULL;
      UPDATE rollout_phases SET target = '{"orgUnitIds":[],"groupIds":[],"pseudonyms":[],"rules":[]}'
        WHERE target = '{}';
      -- Positions are swapped when phases are reordered or removed: check uniqueness at commit.
      ALTER TABLE rollout_phases DROP CONSTRAINT rollout_phases_plan_id_position_key;
      ALTER TABLE rollout_phases ADD CONSTRAINT rollout_phases_plan_position_key
        UNIQUE (plan_id, position) DEFERRABLE INITIALLY DEFERRED;
      -- One phase of a plan is active at a time.
      CREATE UNIQUE INDEX rollout_phases_one_active_idx ON rollout_phases (plan_id) WHERE status = 'active';

      CREATE TABLE rollout_gate_evaluations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organisation_id uuid NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
        plan_id uuid NOT NULL REFERENCES rollout_plans (id) ON DELETE CASCADE,
        phase_id uuid NOT NULL REFERENCES rollout_phases (id) ON DELETE CASCADE,
        evaluated_at timestamptz NOT NULL DEFAULT now(),
        as_of date NOT NULL,
        trigger text NOT NULL CHECK (trigger IN ('schedule', 'ingest', 'manual', 'change')),
        status text NOT NULL CHECK (status IN ('pass', 'at-risk', 'fail', 'no-data')),
        population integer,
        criteria jsonb NOT NULL
      );
      CREATE INDEX rollout_gate_evaluations_phase_idx ON rollout_gate_evaluations (phase_id, evaluated_at DESC);

      CREATE TABLE rollout_transitions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organisation_id uuid NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
        plan_id uuid NOT NULL REFERENCES rollout_plans (id) ON DELETE CASCADE,
        from_phase_id uuid REFERENCES rollout_phases (id) ON DELETE SET NULL,
        to_phase_id uuid REFERENCES rollout_phases (id) ON DELETE SET NULL,
        at timestamptz NOT NULL DEFAULT now(),
        actor_user_id uuid REFERENCES users (id) ON DELETE SET NULL,
        overridden boolean NOT NULL DEFAULT false,
        gate_status text,
        note text
      );
      CREATE INDEX rollout_transitions_plan_idx ON rollout_transitions (plan_id, at);

      CREATE TABLE usage_guidelines (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organisation_id uuid NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
        version text NOT NULL,
        title text NOT NULL,
        published_on date NOT NULL,
        url text,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (organisation_id, version)
      );

      CREATE TABLE guideline_acknowledgements (
        guideline_id uuid NOT NULL REFERENCES usage_guidelines (id) ON DELETE CASCADE,
        person_id uuid NOT NULL REFERENCES people (id) ON DELETE CASCADE,
        organisation_id uuid NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
        acknowledged_on date,
        PRIMARY KEY (guideline_id, person_id)
      );
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      DROP TABLE guideline_acknowledgements;
      DROP TABLE usage_guidelines;
      DROP TABLE rollout_transitions;
      DROP TABLE rollout_gate_evaluations;
      DROP INDEX rollout_phases_one_active_idx;
      ALTER TABLE rollout_phases DROP CONSTRAINT rollout_phases_plan_position_key;
      ALTER TABLE rollout_phases ADD CONSTRAINT rollout_phases_plan_id_position_key UNIQUE (plan_id, position);
      ALTER TABLE rollout_phases
        DROP COLUMN comparison_group_id,
        DROP COLUMN cohort_group_id,
        DROP COLUMN comparison,
        ALTER COLUMN target SET DEFAULT '{}';
    `);
  }
}
