import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The measured business case: a goal keeps its frozen baseline (value, pre-period and the hash of its
 * definition) and its measurement (the phase that measures it, the comparison, the value assumptions); a
 * rollout plan keeps the programme's cost; an organisation keeps a dated log of interventions (training,
 * campaigns, leadership posts) with the population each was aimed at. All jsonb validated by the API's zod
 * schemas (libs/contracts business-case-api.ts) on the way in: the shapes evolve with the contracts.
 */
export class BusinessCase1765600000000 implements MigrationInterface {
  name = 'BusinessCase1765600000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE business_goals
        ADD COLUMN frozen_baseline jsonb,
        ADD COLUMN baseline_frozen_at timestamptz,
        ADD COLUMN measurement jsonb;

      ALTER TABLE rollout_plans
        ADD COLUMN programme_cost jsonb,
        ADD COLUMN programme_cost_updated_at timestamptz;

      CREATE TABLE interventions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organisation_id uuid NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
        day date NOT NULL,
        kind text NOT NULL CHECK (kind IN ('training', 'communication', 'leadership-post',
          'champion-programme', 'nudge', 'other')),
        title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
        note text NOT NULL DEFAULT '' CHECK (length(note) <= 2000),
        -- { orgUnitIds: uuid[], groupIds: uuid[] }: ids that no longer exist are ignored when measured.
        target jsonb NOT NULL DEFAULT '{"orgUnitIds": [], "groupIds": []}',
        created_by uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX interventions_day_idx ON interventions (organisation_id, day);
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      DROP TABLE interventions;
      ALTER TABLE rollout_plans DROP COLUMN programme_cost, DROP COLUMN programme_cost_updated_at;
      ALTER TABLE business_goals
        DROP COLUMN frozen_baseline, DROP COLUMN baseline_frozen_at, DROP COLUMN measurement;
    `);
  }
}
