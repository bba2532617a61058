import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A per-organisation retention of activity events (issue 18): the months kept before the current month, null
 * (the default, so nothing changes for existing organisations) keeping everything. The worker's EventRetention
 * pass reads it; the bounds are the contract's (3 to 120 months).
 */
export class EventRetention1766400000000 implements MigrationInterface {
  name = 'EventRetention1766400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE organisations
        ADD COLUMN event_retention_months smallint CHECK (event_retention_months BETWEEN 3 AND 120);
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE organisations DROP COLUMN event_retention_months`);
  }
}
