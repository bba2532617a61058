import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The tables whose changes bump an organisation's directory version (groups since this migration). */
const DIRECTORY_TABLES = ['people', 'org_units', 'group_members', 'groups'] as const;
const GROUP_EVENTS = [
  ['insert', 'INSERT', 'NEW'],
  ['update', 'UPDATE', 'NEW'],
  ['delete', 'DELETE', 'OLD'],
] as const;

/**
 * The directory version moves only when the directory really changed (issue 18). Its statement triggers
 * (1764600000000) bump for every row in the statement's transition table, and an UPDATE that writes the values
 * a row already holds still puts the row there: a sync re-sending an unchanged directory made every cached
 * and precomputed KPI report stale. The writers skip unchanged rows themselves (libs/ingest
 * directory-writer.ts); Postgres' own suppress_redundant_updates_trigger makes it hold for every other writer
 * too, and saves the dead row versions. Named to fire after every other BEFORE UPDATE trigger (they fire in
 * name order), so it compares the row as those left it (org_units_path sets the path).
 *
 * Groups join the directory tables: the communities report shows their names, kinds and privacy, so a renamed
 * or newly private group must not be served from a report cached before.
 */
export class UnchangedDirectoryRows1766500000000 implements MigrationInterface {
  name = 'UnchangedDirectoryRows1766500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const table of DIRECTORY_TABLES) {
      await queryRunner.query(
        `CREATE TRIGGER zz_skip_unchanged_rows BEFORE UPDATE ON ${table}
         FOR EACH ROW EXECUTE FUNCTION suppress_redundant_updates_trigger()`,
      );
    }
    for (const [suffix, event, side] of GROUP_EVENTS) {
      await queryRunner.query(
        `CREATE TRIGGER groups_directory_${suffix} AFTER ${event} ON groups
         REFERENCING ${side} TABLE AS changed_rows
         FOR EACH STATEMENT EXECUTE FUNCTION kpi_bump_directory_version()`,
      );
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const [suffix] of GROUP_EVENTS) {
      await queryRunner.query(`DROP TRIGGER groups_directory_${suffix} ON groups`);
    }
    for (const table of DIRECTORY_TABLES) {
      await queryRunner.query(`DROP TRIGGER zz_skip_unchanged_rows ON ${table}`);
    }
  }
}
