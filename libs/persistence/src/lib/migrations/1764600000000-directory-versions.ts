import type { MigrationInterface, QueryRunner } from 'typeorm';

const DIRECTORY_TABLES = ['people', 'org_units', 'group_members'] as const;
const EVENTS = [
  ['insert', 'INSERT', 'NEW'],
  ['update', 'UPDATE', 'NEW'],
  ['delete', 'DELETE', 'OLD'],
] as const;

/**
 * A directory version per organisation, bumped by statement-level triggers whenever people, org units or group
 * memberships change (a directory import, a rollout cohort refresh). The KPI report cache reads this one row
 * instead of fingerprinting those tables on every request, which would not scale to 100k people.
 */
export class DirectoryVersions1764600000000 implements MigrationInterface {
  name = 'DirectoryVersions1764600000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE kpi_rollup_versions
        ADD COLUMN directory_version bigint NOT NULL DEFAULT 0,
        ALTER COLUMN version SET DEFAULT 0;
      -- Every organisation has its row from the start, so the triggers only ever update.
      INSERT INTO kpi_rollup_versions (organisation_id, version)
        SELECT id, 0 FROM organisations ON CONFLICT DO NOTHING;

      CREATE FUNCTION kpi_add_version_row() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO kpi_rollup_versions (organisation_id) VALUES (NEW.id) ON CONFLICT DO NOTHING;
        RETURN NULL;
      END $$;
      CREATE TRIGGER organisations_kpi_version AFTER INSERT ON organisations
        FOR EACH ROW EXECUTE FUNCTION kpi_add_version_row();

      -- Update only: rows deleted by an organisation's cascade must not re-create its version row.
      CREATE FUNCTION kpi_bump_directory_version() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE kpi_rollup_versions SET directory_version = directory_version + 1
        WHERE organisation_id IN (SELECT DISTINCT organisation_id FROM changed_rows);
        RETURN NULL;
      END $$;
    `);
    for (const table of DIRECTORY_TABLES) {
      for (const [suffix, event, side] of EVENTS) {
        await queryRunner.query(
          `CREATE TRIGGER ${table}_directory_${suffix} AFTER ${event} ON ${table}
           REFERENCING ${side} TABLE AS changed_rows
           FOR EACH STATEMENT EXECUTE FUNCTION kpi_bump_directory_version()`,
        );
      }
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of DIRECTORY_TABLES) {
      for (const [suffix] of EVENTS) {
        await queryRunner.query(`DROP TRIGGER ${table}_directory_${suffix} ON ${table}`);
      }
    }
    await queryRunner.query(`
      DROP FUNCTION kpi_bump_directory_version();
      DROP TRIGGER organisations_kpi_version ON organisations;
      DROP FUNCTION kpi_add_version_row();
      ALTER TABLE kpi_rollup_versions DROP COLUMN directory_version, ALTER COLUMN version DROP DEFAULT;
    `);
  }
}
