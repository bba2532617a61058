import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Disclosure control by the cell-key method (see libs/kpi/src/lib/disclosure): every person gets a secret,
 * random, permanent record key in [0, 2^32); a published count is perturbed by a deterministic function of
 * the sum of its people's record keys, so the same set of people always gets the same figure. Organisations
 * choose per tenant whether counts are perturbed (default) or only suppressed below k (exact figures).
 */
export class DisclosureControl1765000000000 implements MigrationInterface {
  name = 'DisclosureControl1765000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      -- A volatile default is evaluated per row: existing people get independent keys too.
      ALTER TABLE people
        ADD COLUMN record_key bigint NOT NULL DEFAULT floor(random() * 4294967296)::bigint
          CHECK (record_key >= 0 AND record_key < 4294967296);
      ALTER TABLE organisations ADD COLUMN perturbation boolean NOT NULL DEFAULT true;
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE organisations DROP COLUMN perturbation;
      ALTER TABLE people DROP COLUMN record_key;
    `);
  }
}
