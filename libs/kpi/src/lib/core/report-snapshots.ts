import { createHash } from 'node:crypto';
import type { DataSource } from 'typeorm';
// Keys sorted at every level: a report key built with its fields in another order (the API's scope, the
// worker's precomputed one) names the same report.
import { canonicalJson } from '../business-case/baseline';

/**
 * Bounds of the shared snapshot table. Keys: the dashboard's default scopes are 13 reports per organisation,
 * and each further range, filter or option a user picks is one more key, so 500 keeps every page a team
 * browses between two refreshes while one organisation cannot grow the table without limit (the oldest go
 * first). Answers: the largest measured at 1M events (2,000 people) is 6 KB of JSON; lists are capped (200
 * communities, 100 best cases, 200 people) so 2 MiB leaves room for far larger organisations, and a bigger
 * answer is served from memory only. Worst case 500 × 2 MiB = 1 GiB per organisation; the bench organisation's
 * 500 rows at 6 KB at most stay under 3 MB.
 */
export const SNAPSHOT_BOUNDS = { keysPerOrganisation: 500, answerBytes: 2 * 1024 * 1024 } as const;

/**
 * What an organisation's reports rest on, as one text (`state`, for organisation `$1`): its rollup version
 * (bumped by every refresh, in its transaction), its directory version (bumped by triggers on people, org
 * units and group memberships), its time zone, k and whether counts are perturbed.
 */
export const ORGANISATION_STATE_SQL = `
  SELECT concat_ws(':', v.version, v.directory_version, o.time_zone, o.min_group_size, o.perturbation) AS state
  FROM organisations o LEFT JOIN kpi_rollup_versions v ON v.organisation_id = o.id
  WHERE o.id = $1`;

/**
 * The answers' format, part of every snapshot's key. A deploy changes no organisation's state, so without it a
 * release whose reports changed shape or computation would serve the previous release's snapshots until the
 * next refresh. Bump it with any such change. 2: the network people report says how its betweenness was
 * computed (`betweenness.sources` of `people`).
 */
export const SNAPSHOT_FORMAT = 2;

/** SHA-256 of the format and the canonical key: a fixed 32-byte primary key, whatever the scope and options. */
export function reportKeyHash(key: unknown): Buffer {
  return createHash('sha256')
    .update(canonicalJson([SNAPSHOT_FORMAT, key]))
    .digest();
}

/** Why an answer was not stored (for the caller's log), or null when it was. */
export type SnapshotSkip = 'too-large' | 'stale' | null;

/**
 * KPI answers every process shares (table `kpi_report_snapshots`): the second level of ReportCache. A row is
 * read only for the organisation's current state, so a stale one (a refresh, a directory change, a new k since)
 * is never served; writing a key replaces its row, whatever state it held.
 */
export class ReportSnapshots {
  constructor(
    private readonly dataSource: DataSource,
    private readonly bounds: { keysPerOrganisation: number; answerBytes: number } = SNAPSHOT_BOUNDS,
  ) {}

  /** The stored answer of `keyHash` for `state` (one primary-key lookup), or undefined. */
  async read(organisationId: string, keyHash: Buffer, state: string): Promise<unknown> {
    const [row]: { answer: string }[] = await this.dataSource.query(
      `SELECT answer FROM kpi_report_snapshots WHERE organisation_id = $1 AND key_hash = $2 AND state = $3`,
      [organisationId, keyHash, state],
    );
    return row ? JSON.parse(row.answer) : undefined;
  }

  /**
   * Stores `answer` as computed for `state` (upsert), if that is still the organisation's state: an answer
   * whose computation outlived a refresh is dropped ('stale'). In the same statement (so it cannot see, and
   * delete, rows written since for a newer state) the organisation's rows of other states go: they are never
   * served again, and this way figures of a person since erased do not stay in the table. Then the oldest rows
   * beyond the key cap go. An answer over the size bound is not stored.
   */
  async write(
    organisationId: string,
    keyHash: Buffer,
    report: string,
    state: string,
    answer: unknown,
  ): Promise<SnapshotSkip> {
    const json = JSON.stringify(answer);
    if (Buffer.byteLength(json) > this.bounds.answerBytes) return 'too-large';
    const [inserted]: { fresh: boolean }[] = await this.dataSource.query(
      `WITH current AS (${ORGANISATION_STATE_SQL}),
       stale AS (
         DELETE FROM kpi_report_snapshots s USING current
         WHERE s.organisation_id = $1 AND s.state <> $4 AND s.key_hash <> $2 AND current.state = $4
       )
       INSERT INTO kpi_report_snapshots (organisation_id, key_hash, report, state, answer)
       SELECT $1, $2, $3, $4, $5 FROM current WHERE current.state = $4
       ON CONFLICT (organisation_id, key_hash)
       DO UPDATE SET report = EXCLUDED.report, state = EXCLUDED.state, answer = EXCLUDED.answer, computed_at = now()
       RETURNING (xmax = 0) AS fresh`,
      [organisationId, keyHash, report.slice(0, 64), state, json],
    );
    if (!inserted) return 'stale';
    // Only a new key can take the organisation over its cap; a replaced row leaves the count as it was.
    if (inserted.fresh) await this.trim(organisationId);
    return null;
  }

  /** Deletes the organisation's oldest rows beyond the key cap. */
  private async trim(organisationId: string): Promise<void> {
    await this.dataSource.query(
      `DELETE FROM kpi_report_snapshots
       WHERE organisation_id = $1 AND key_hash IN (
         SELECT key_hash FROM kpi_report_snapshots WHERE organisation_id = $1
         ORDER BY computed_at DESC, key_hash OFFSET $2)`,
      [organisationId, this.bounds.keysPerOrganisation],
    );
  }
}
