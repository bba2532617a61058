import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Digests and alerts by e-mail, Slack and Teams.
 *
 * - `notification_settings`: a member's digest schedule and quiet hours; no row = the defaults (weekly,
 *   Monday 08:00, no quiet hours). Keyed by the membership, and gone with it.
 * - `alert_rules`: what a member watches (`condition`, shaped by `kind`) and where it goes; `state` is the
 *   evaluator's memory (a cursor for gate changes, which side of a threshold the figure was on).
 * - `notification_channels`: an organisation's Slack / Teams incoming webhooks. The URL is the secret: AES-256-GCM
 *   with UPTAKE_SECRET_KEY (as connector credentials are); only its host is kept in clear, to show.
 * - `notification_deliveries`: every digest and alert sent or tried, one row per recipient and channel. The
 *   unique `dedup_key` (digest of a member and period, alert of a rule and condition instance) makes the
 *   scheduler idempotent: it inserts or skips.
 */
export class Notifications1765900000000 implements MigrationInterface {
  name = 'Notifications1765900000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE notification_settings (
        organisation_id uuid NOT NULL,
        user_id uuid NOT NULL,
        digest_enabled boolean NOT NULL DEFAULT true,
        digest_frequency text NOT NULL DEFAULT 'weekly' CHECK (digest_frequency IN ('weekly', 'daily')),
        digest_day_of_week smallint NOT NULL DEFAULT 1 CHECK (digest_day_of_week BETWEEN 1 AND 7),
        digest_time text NOT NULL DEFAULT '08:00' CHECK (digest_time ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
        quiet_start text CHECK (quiet_start ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
        quiet_end text CHECK (quiet_end ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (organisation_id, user_id),
        FOREIGN KEY (organisation_id, user_id) REFERENCES memberships (organisation_id, user_id) ON DELETE CASCADE,
        CHECK ((quiet_start IS NULL) = (quiet_end IS NULL) AND (quiet_start IS NULL OR quiet_start <> quiet_end))
      );

      CREATE TABLE alert_rules (
        organisation_id uuid NOT NULL,
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL,
        name text CHECK (length(name) BETWEEN 1 AND 100),
        kind text NOT NULL
          CHECK (kind IN ('gate_status_changed', 'source_stale', 'source_failing', 'kpi_threshold')),
        condition jsonb NOT NULL CHECK (jsonb_typeof(condition) = 'object' AND condition ->> 'kind' = kind),
        channels text[] NOT NULL
          CHECK (cardinality(channels) BETWEEN 1 AND 3 AND channels <@ ARRAY['email', 'slack', 'teams']),
        enabled boolean NOT NULL DEFAULT true,
        muted_until timestamptz,
        state jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(state) = 'object'),
        last_fired_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (organisation_id, id),
        FOREIGN KEY (organisation_id, user_id) REFERENCES memberships (organisation_id, user_id) ON DELETE CASCADE
      );
      CREATE INDEX alert_rules_member_idx ON alert_rules (organisation_id, user_id);

      CREATE TABLE notification_channels (
        organisation_id uuid NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
        kind text NOT NULL CHECK (kind IN ('slack', 'teams')),
        webhook_url bytea NOT NULL,
        host text NOT NULL CHECK (length(host) BETWEEN 1 AND 253),
        updated_by uuid REFERENCES users (id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (organisation_id, kind)
      );

      CREATE TABLE notification_deliveries (
        organisation_id uuid NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
        id bigint GENERATED ALWAYS AS IDENTITY,
        kind text NOT NULL CHECK (kind IN ('digest', 'alert', 'test')),
        user_id uuid REFERENCES users (id) ON DELETE SET NULL,
        rule_id uuid,
        period text,
        channel text NOT NULL CHECK (channel IN ('email', 'slack', 'teams')),
        recipient text NOT NULL,
        subject text NOT NULL,
        dedup_key text,
        status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'sent', 'retrying', 'failed', 'held')),
        attempts integer NOT NULL DEFAULT 0,
        last_error text,
        payload jsonb,
        held_until timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        sent_at timestamptz,
        PRIMARY KEY (organisation_id, id),
        UNIQUE (organisation_id, dedup_key),
        CHECK (status <> 'held' OR held_until IS NOT NULL)
      );
      CREATE INDEX notification_deliveries_member_idx ON notification_deliveries (organisation_id, user_id, id DESC);
      CREATE INDEX notification_deliveries_held_idx ON notification_deliveries (held_until) WHERE status = 'held';
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      DROP TABLE notification_deliveries;
      DROP TABLE notification_channels;
      DROP TABLE alert_rules;
      DROP TABLE notification_settings;
    `);
  }
}
