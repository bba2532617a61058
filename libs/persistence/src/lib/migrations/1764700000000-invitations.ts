import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Invitations replace "an admin adds a member with a password": an organisation's admin invites an e-mail
 * address; only whoever opens the one-time link sent there can accept, choosing the password of a new
 * account or proving an existing one. The link's secret is stored as SHA-256 only, like access tokens.
 * At most one open invitation per organisation and address (inviting again revokes the previous one).
 */
export class Invitations1764700000000 implements MigrationInterface {
  name = 'Invitations1764700000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE invitations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organisation_id uuid NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
        email text NOT NULL CHECK (email = lower(email) AND email LIKE '%_@_%'),
        role text NOT NULL CHECK (role IN ('admin', 'change_manager', 'executive', 'connector_maintainer')),
        token_hash bytea NOT NULL UNIQUE,
        invited_by uuid REFERENCES users (id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        accepted_at timestamptz,
        accepted_by uuid REFERENCES users (id) ON DELETE SET NULL,
        revoked_at timestamptz,
        CHECK (accepted_at IS NULL OR revoked_at IS NULL),
        CHECK (expires_at > created_at)
      );
      CREATE UNIQUE INDEX invitations_open_idx ON invitations (organisation_id, email)
        WHERE accepted_at IS NULL AND revoked_at IS NULL;
      CREATE INDEX invitations_organisation_idx ON invitations (organisation_id, created_at DESC);
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE invitations');
  }
}
