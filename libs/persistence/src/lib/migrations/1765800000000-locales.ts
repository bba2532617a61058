import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Languages: an organisation's default (`organisations.default_locale`, English unless an admin sets Dutch)
 * and a user's own choice (`users.locale`, null = follow the organisation). A user belongs to several
 * organisations, so the choice sits on the account; the default sits on the organisation.
 * The check lists the languages of `LOCALES` in libs/contracts/src/lib/locale.ts; a new language is a new
 * migration that widens it.
 */
export class Locales1765800000000 implements MigrationInterface {
  name = 'Locales1765800000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE organisations
        ADD COLUMN default_locale text NOT NULL DEFAULT 'en' CHECK (default_locale IN ('en', 'nl'));
      ALTER TABLE users ADD COLUMN locale text CHECK (locale IN ('en', 'nl'));
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE users DROP COLUMN locale;
      ALTER TABLE organisations DROP COLUMN default_locale;
    `);
  }
}
