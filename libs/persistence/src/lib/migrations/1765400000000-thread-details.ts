import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What the community and knowledge-flow KPIs need from a thread beyond its timing:
 * - `root_type`: what started it (a post or a question; null when the root is missing), so a community's
 *   question-answered rate counts questions only;
 * - `first_responder_id`: who gave the first response by someone else, so "which units answer which units'
 *   threads" is a join of two people's units. Deleting that person keeps the thread (SET NULL).
 * Existing threads are filled from the raw events once; the rollup refresh keeps both from then on.
 */
export class ThreadDetails1765400000000 implements MigrationInterface {
  name = 'ThreadDetails1765400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE thread_rollup ADD COLUMN root_type activity_type, ADD COLUMN first_responder_id uuid,
        ADD CONSTRAINT thread_rollup_first_responder_fkey FOREIGN KEY (organisation_id, first_responder_id)
          REFERENCES people (organisation_id, id) ON DELETE SET NULL (first_responder_id);

      UPDATE thread_rollup t SET root_type = r.type
      FROM activity_events r
      WHERE r.organisation_id = t.organisation_id AND r.source_id = t.source_id AND r.external_id = t.thread_key;

      UPDATE thread_rollup t SET first_responder_id = (
        SELECT x.actor_id FROM activity_events x
        WHERE x.organisation_id = t.organisation_id AND x.source_id = t.source_id AND x.thread_external_id = t.thread_key
          AND x.type IN ('reply', 'answer') AND x.actor_id IS NOT NULL
          AND x.actor_id IS DISTINCT FROM t.root_actor_id AND x.occurred_at >= t.root_at
        ORDER BY x.occurred_at, x.id LIMIT 1)
      WHERE t.first_response_at IS NOT NULL;
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE thread_rollup DROP CONSTRAINT thread_rollup_first_responder_fkey,
        DROP COLUMN first_responder_id, DROP COLUMN root_type;
    `);
  }
}
