import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The succeeded runs that stored events, by organisation and finish time: the worker's reconciler looks up,
 * on every pass, the runs of each organisation that finished after its rollups were last refreshed
 * (kpi_rollup_versions.refreshed_at), to queue again a refresh Redis lost. With this index that is one short
 * range scan per organisation; without it, every pass read all succeeded runs ever (sync_runs is never pruned).
 * Partial: queued, running and failed runs and runs that stored nothing never need a refresh of their own.
 */
export class SyncRunRefreshIndex1766200000000 implements MigrationInterface {
  name = 'SyncRunRefreshIndex1766200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE INDEX sync_runs_refresh_idx ON sync_runs (organisation_id, finished_at, id)
        WHERE status = 'succeeded' AND affected_from IS NOT NULL
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX sync_runs_refresh_idx`);
  }
}
