import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `rollup_refresh_requests`: every rollup refresh asked for (a succeeded run that stored events, a deleted
 * source, a time-zone change), written before its job is queued and marked done once the refresh committed.
 * Redis may lose the job; the worker's reconciler queues again every request not done (RollupReconciler),
 * walking the partial index of pending requests in id order (the order they were made; ids compare exactly,
 * while a microsecond requested_at read back into a millisecond Date would not). sync_run_id is indexed
 * because deleting a source deletes its runs, and each deleted run sets its requests' sync_run_id to null.
 *
 * The backfill asks once more for what the previous reconciler would have repaired: each succeeded run that
 * stored events and finished after its organisation's last refresh. Its job may still be waiting under the
 * previous id (the run and its finish): that costs one more refresh of its days, never a lost one.
 * sync_runs_refresh_idx served that reconciler only.
 */
export class RollupRefreshRequests1766300000000 implements MigrationInterface {
  name = 'RollupRefreshRequests1766300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE rollup_refresh_requests (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        organisation_id uuid NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
        range_from timestamptz NOT NULL,
        range_to timestamptz NOT NULL,
        sync_run_id uuid REFERENCES sync_runs (id) ON DELETE SET NULL,
        reason text NOT NULL CHECK (reason IN ('sync-run', 'source-deleted', 'time-zone-changed')),
        requested_at timestamptz NOT NULL DEFAULT now(),
        done_at timestamptz,
        CHECK (range_from <= range_to)
      );
      CREATE INDEX rollup_refresh_requests_pending_idx ON rollup_refresh_requests (id) WHERE done_at IS NULL;
      CREATE INDEX rollup_refresh_requests_run_idx ON rollup_refresh_requests (sync_run_id)
        WHERE sync_run_id IS NOT NULL;
      INSERT INTO rollup_refresh_requests (organisation_id, range_from, range_to, sync_run_id, reason, requested_at)
        SELECT r.organisation_id, least(r.affected_from, r.affected_to), greatest(r.affected_from, r.affected_to),
               r.id, 'sync-run', r.finished_at
        FROM sync_runs r
        JOIN kpi_rollup_versions v ON v.organisation_id = r.organisation_id
        WHERE r.status = 'succeeded' AND r.affected_from IS NOT NULL AND r.affected_to IS NOT NULL
          AND r.finished_at > v.refreshed_at
        ORDER BY r.finished_at, r.id;
      DROP INDEX sync_runs_refresh_idx;
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      DROP TABLE rollup_refresh_requests;
      CREATE INDEX sync_runs_refresh_idx ON sync_runs (organisation_id, finished_at, id)
        WHERE status = 'succeeded' AND affected_from IS NOT NULL;
    `);
  }
}
