import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Organisation defaults of the business-goal value model: working days per year and an hourly cost, used by
 * every goal whose value model does not set its own. Until now the API filled in 220 working days for
 * every goal that left them out, so a stored 220 cannot be told from "not given": those are removed and the
 * goals follow the organisation's value (220 unless an admin changes it), which gives the same figures today.
 */
export class OrganisationSettings1765100000000 implements MigrationInterface {
  name = 'OrganisationSettings1765100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE organisations
        ADD COLUMN working_days_per_year smallint NOT NULL DEFAULT 220
          CHECK (working_days_per_year BETWEEN 1 AND 366),
        ADD COLUMN default_hourly_cost numeric(7, 2) NOT NULL DEFAULT 60
          CHECK (default_hourly_cost BETWEEN 0 AND 10000);
      UPDATE business_goals SET value_model = value_model - 'workingDaysPerYear'
      WHERE value_model->>'kind' = 'time-saved' AND value_model->'workingDaysPerYear' = '220'::jsonb;
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    // The code before this migration needs both figures in every time-saved model: write the fallbacks in.
    await queryRunner.query(`
      UPDATE business_goals g
      SET value_model = jsonb_build_object(
            'workingDaysPerYear', o.working_days_per_year, 'hourlyCost', o.default_hourly_cost
          ) || g.value_model
      FROM organisations o
      WHERE o.id = g.organisation_id AND g.value_model->>'kind' = 'time-saved';
      ALTER TABLE organisations DROP COLUMN default_hourly_cost, DROP COLUMN working_days_per_year;
    `);
  }
}
