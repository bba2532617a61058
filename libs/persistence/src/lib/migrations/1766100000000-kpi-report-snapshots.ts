import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `kpi_report_snapshots`: KPI answers shared by every API and worker process, the second level of the
 * KPI engine's ReportCache (libs/kpi core/report-snapshots.ts). One row per organisation and report key (the
 * report family, its scope and options, hashed): the answer as JSON text and the organisation `state` it was
 * computed for (rollup version, directory version, time zone, k, perturbation). A reader serves a row only for
 * the current state; a new answer for the key replaces the row, so the table holds at most one row per key
 * (and the cache caps keys per organisation). Text rather than jsonb: jsonb would reorder the answer's keys.
 * The rows are derived data: losing them only costs a recomputation.
 */
export class KpiReportSnapshots1766100000000 implements MigrationInterface {
  name = 'KpiReportSnapshots1766100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE kpi_report_snapshots (
        organisation_id uuid NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
        key_hash bytea NOT NULL CHECK (octet_length(key_hash) = 32),
        report text NOT NULL CHECK (char_length(report) <= 64),
        state text NOT NULL,
        answer text NOT NULL,
        computed_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (organisation_id, key_hash)
      );
      -- The oldest rows of an organisation go first beyond its key cap.
      CREATE INDEX kpi_report_snapshots_age ON kpi_report_snapshots (organisation_id, computed_at);
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE kpi_report_snapshots`);
  }
}
