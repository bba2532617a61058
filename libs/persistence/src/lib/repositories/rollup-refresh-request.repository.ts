import type { DataSource, EntityManager } from 'typeorm';

/** Why a refresh was asked for (rollup_refresh_requests.reason). */
export type RollupRefreshReason = 'sync-run' | 'source-deleted' | 'time-zone-changed';

export interface NewRollupRefreshRequest {
  organisationId: string;
  /** The instants between which the days (in the organisation's time zone) are refreshed. */
  from: Date;
  to: Date;
  reason: RollupRefreshReason;
  syncRunId?: string | null;
}

/** A stored request; `id` is a bigint, as text. */
export interface RollupRefreshRequest extends Required<NewRollupRefreshRequest> {
  id: string;
  requestedAt: Date;
}

/** Most requests one page may hold. */
export const MAX_PENDING_REFRESH_PAGE = 1_000;

const COLUMNS = `id::text AS id, organisation_id AS "organisationId", range_from AS "from", range_to AS "to",
  reason, sync_run_id AS "syncRunId", requested_at AS "requestedAt"`;

/**
 * The requests not done, oldest (lowest id) first ($1 rows at most; with `resume`, after the id $2): a range
 * scan of rollup_refresh_requests_pending_idx. Exported for the test that checks the plan.
 */
export function pendingRefreshRequestsQuery(resume: boolean): string {
  return `SELECT ${COLUMNS} FROM rollup_refresh_requests
          WHERE done_at IS NULL ${resume ? 'AND id > $2::bigint' : ''}
          ORDER BY id LIMIT $1`;
}

/**
 * Rollup refreshes as Postgres records them: each is written before its job is queued (in the transaction
 * of what made it necessary, where there is one) and marked done once the refresh has committed, so a job
 * Redis lost can be queued again from here.
 */
export class RollupRefreshRequestRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Records a request; in `manager`'s transaction when given, so it commits with what asked for it. */
  async create(
    request: NewRollupRefreshRequest,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<RollupRefreshRequest> {
    const [row]: RollupRefreshRequest[] = await manager.query(
      `INSERT INTO rollup_refresh_requests (organisation_id, range_from, range_to, sync_run_id, reason)
       VALUES ($1, $2, $3, $4, $5) RETURNING ${COLUMNS}`,
      [request.organisationId, request.from, request.to, request.syncRunId ?? null, request.reason],
    );
    return row;
  }

  /** Marks the request done (its refresh committed); false when it was done already or is gone. */
  async markDone(organisationId: string, id: string): Promise<boolean> {
    const [, affected]: [unknown, number] = await this.dataSource.query(
      `UPDATE rollup_refresh_requests SET done_at = now()
       WHERE organisation_id = $1 AND id = $2 AND done_at IS NULL`,
      [organisationId, id],
    );
    return affected > 0;
  }

  /** Up to `limit` requests not done, oldest first; `afterId` continues after a page's last one. */
  async pending(limit: number, afterId?: string): Promise<RollupRefreshRequest[]> {
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PENDING_REFRESH_PAGE) {
      throw new RangeError(
        `pending refresh requests: limit must be an integer from 1 to ${MAX_PENDING_REFRESH_PAGE} (got ${limit})`,
      );
    }
    const resume = afterId === undefined ? [] : [afterId];
    return this.dataSource.query(pendingRefreshRequestsQuery(afterId !== undefined), [limit, ...resume]);
  }
}
