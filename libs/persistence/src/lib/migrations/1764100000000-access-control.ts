import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Access control. Users are global identities (one e-mail, one password); everything they may do is
 * tenant-scoped through `memberships` (one role per organisation). Sessions and API tokens are both
 * `access_tokens`, stored as SHA-256 of a 256-bit random secret, so they can be revoked at once.
 */
export class AccessControl1764100000000 implements MigrationInterface {
  name = 'AccessControl1764100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE users (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        email text NOT NULL UNIQUE CHECK (email = lower(email) AND email LIKE '%_@_%'),
        password_hash text NOT NULL,
        disabled_at timestamptz,
        last_login_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      );

      CREATE TABLE memberships (
        organisation_id uuid NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        role text NOT NULL CHECK (role IN ('admin', 'change_manager', 'executive', 'connector_maintainer')),
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (organisation_id, user_id)
      );
      CREATE INDEX memberships_user_idx ON memberships (user_id);

      CREATE TABLE access_tokens (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        kind text NOT NULL CHECK (kind IN ('session', 'api')),
        token_hash bytea NOT NULL UNIQUE,
        user_id uuid REFERENCES users (id) ON DELETE CASCADE,
        -- API tokens belong to one organisation and carry one role; sessions act for their user.
        organisation_id uuid REFERENCES organisations (id) ON DELETE CASCADE,
        role text CHECK (role IN ('admin', 'change_manager', 'executive', 'connector_maintainer')),
        name text,
        created_by uuid REFERENCES users (id) ON DELETE SET NULL,
        expires_at timestamptz,
        revoked_at timestamptz,
        last_used_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK (kind = 'session' AND user_id IS NOT NULL AND organisation_id IS NULL AND role IS NULL
            OR kind = 'api' AND organisation_id IS NOT NULL AND role IS NOT NULL AND name IS NOT NULL)
      );
      CREATE INDEX access_tokens_organisation_idx ON access_tokens (organisation_id) WHERE kind = 'api';

      CREATE TABLE audit_events (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        -- null for events outside any organisation (e.g. a failed login for an unknown e-mail)
        organisation_id uuid REFERENCES organisations (id) ON DELETE CASCADE,
        actor_user_id uuid REFERENCES users (id) ON DELETE SET NULL,
        actor_token_id uuid REFERENCES access_tokens (id) ON DELETE SET NULL,
        action text NOT NULL,
        target_type text,
        target_id text,
        details jsonb NOT NULL DEFAULT '{}',
        ip text,
        occurred_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX audit_events_organisation_idx ON audit_events (organisation_id, occurred_at DESC);
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      DROP TABLE audit_events;
      DROP TABLE access_tokens;
      DROP TABLE memberships;
      DROP TABLE users;
    `);
  }
}
