import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Single sign-on with OpenID Connect, one provider per organisation.
 *
 * - `organisation_sso`: the provider and client of an organisation. The client secret is AES-256-GCM
 *   encrypted with UPTAKE_SECRET_KEY (as connector credentials are) and never leaves the server.
 * - `user_identities`: which account an (issuer, subject) pair signs in to. The subject is the provider's
 *   stable id of the person; the e-mail is only used once, to find or create the account, so a changed
 *   e-mail at the provider can never move the identity to somebody else's account.
 * - A session may now belong to one organisation (`access_tokens.organisation_id`): an SSO session acts only
 *   in the organisation whose provider vouched for the person, so no organisation's provider (configured by
 *   that organisation's admins) can reach what the same account may do elsewhere.
 */
export class Sso1765700000000 implements MigrationInterface {
  name = 'Sso1765700000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE organisation_sso (
        organisation_id uuid PRIMARY KEY REFERENCES organisations (id) ON DELETE CASCADE,
        issuer text NOT NULL CHECK (issuer ~ '^https?://' AND length(issuer) <= 500),
        client_id text NOT NULL CHECK (length(client_id) BETWEEN 1 AND 500),
        client_secret bytea NOT NULL,
        scopes text NOT NULL DEFAULT 'openid email profile',
        default_role text NOT NULL DEFAULT 'executive'
          CHECK (default_role IN ('admin', 'change_manager', 'executive', 'connector_maintainer')),
        role_claim text,
        role_mapping jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(role_mapping) = 'object'),
        allowed_email_domains text[] NOT NULL DEFAULT '{}',
        local_passwords boolean NOT NULL DEFAULT true,
        updated_by uuid REFERENCES users (id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      );

      CREATE TABLE user_identities (
        issuer text NOT NULL,
        subject text NOT NULL,
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL DEFAULT now(),
        last_login_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (issuer, subject)
      );
      CREATE INDEX user_identities_user_idx ON user_identities (user_id);

      ALTER TABLE access_tokens DROP CONSTRAINT access_tokens_check;
      ALTER TABLE access_tokens ADD CONSTRAINT access_tokens_check
        CHECK (kind = 'session' AND user_id IS NOT NULL AND role IS NULL
            OR kind = 'api' AND organisation_id IS NOT NULL AND role IS NOT NULL AND name IS NOT NULL);
      CREATE INDEX access_tokens_user_sessions_idx ON access_tokens (user_id) WHERE kind = 'session';
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      DROP INDEX access_tokens_user_sessions_idx;
      DELETE FROM access_tokens WHERE kind = 'session' AND organisation_id IS NOT NULL;
      ALTER TABLE access_tokens DROP CONSTRAINT access_tokens_check;
      ALTER TABLE access_tokens ADD CONSTRAINT access_tokens_check
        CHECK (kind = 'session' AND user_id IS NOT NULL AND organisation_id IS NULL AND role IS NULL
            OR kind = 'api' AND organisation_id IS NOT NULL AND role IS NOT NULL AND name IS NOT NULL);
      DROP TABLE user_identities;
      DROP TABLE organisation_sso;
    `);
  }
}
