import { createEmptyDatabase } from '@uptake/testing';
import { QueryFailedError, type DataSource } from 'typeorm';
import { createDataSource, MIGRATIONS } from './data-source';
import { RollupRefreshRequests1766300000000 } from './migrations/1766300000000-rollup-refresh-requests';
import { RollupRefreshRequestRepository } from './repositories/rollup-refresh-request.repository';

const REFRESHED_AT = new Date('2026-05-01T12:00:00Z');
const BEFORE = new Date(REFRESHED_AT.getTime() - 3_600_000);
const AFTER = new Date(REFRESHED_AT.getTime() + 3_600_000);
const SPAN = [new Date('2026-04-20T08:00:00Z'), new Date('2026-04-28T17:00:00Z')] as const;

/**
 * 1766300000000-rollup-refresh-requests on a database of the release before it: the succeeded runs that
 * stored events after their organisation's last refresh (what that release's reconciler would have repaired)
 * get a request each, nothing else does; down restores the index that reconciler read.
 */
describe('the rollup-refresh-requests migration', () => {
  let database: { url: string; drop(): Promise<void> };
  let dataSource: DataSource;

  beforeAll(async () => {
    database = await createEmptyDatabase();
    dataSource = await createDataSource(database.url).initialize();
    await dataSource.runMigrations();
    await undoDownToBefore();
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });

  /** Undoes this migration and every later one. */
  async function undoDownToBefore(): Promise<void> {
    const after = MIGRATIONS.length - MIGRATIONS.indexOf(RollupRefreshRequests1766300000000);
    for (let n = 0; n < after; n++) await dataSource.undoLastMigration();
  }

  async function indexes(): Promise<string[]> {
    const rows: { indexname: string }[] = await dataSource.query(
      `SELECT indexname FROM pg_indexes
       WHERE indexname IN ('sync_runs_refresh_idx', 'rollup_refresh_requests_pending_idx') ORDER BY 1`,
    );
    return rows.map((row) => row.indexname);
  }

  /** An organisation last refreshed at `refreshedAt`, with one source: their ids. */
  async function organisation(slug: string, refreshedAt: Date): Promise<{ id: string; sourceId: string }> {
    const [{ id }] = await dataSource.query(
      `INSERT INTO organisations (name, slug) VALUES ($1, $1) RETURNING id`,
      [slug],
    );
    await dataSource.query('UPDATE kpi_rollup_versions SET refreshed_at = $2 WHERE organisation_id = $1', [
      id,
      refreshedAt,
    ]);
    const [source] = await dataSource.query(
      `INSERT INTO data_sources (organisation_id, name, connector_type) VALUES ($1, 'src', 'csv') RETURNING id`,
      [id],
    );
    return { id, sourceId: source.id };
  }

  async function run(
    org: { id: string; sourceId: string },
    status: string,
    finishedAt: Date,
    span: readonly [Date, Date] | null,
  ): Promise<string> {
    const [{ id }] = await dataSource.query(
      `INSERT INTO sync_runs (organisation_id, source_id, status, finished_at, affected_from, affected_to)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
      [org.id, org.sourceId, status, finishedAt, span?.[0] ?? null, span?.[1] ?? null],
    );
    return id;
  }

  it('records a request per run behind, keeps it across deletions of its run, and goes down again', async () => {
    expect(await indexes()).toEqual(['sync_runs_refresh_idx']);
    const behind = await organisation('behind', REFRESHED_AT);
    const behindRun = await run(behind, 'succeeded', AFTER, SPAN);
    await run(behind, 'succeeded', BEFORE, SPAN); // refreshed since
    await run(behind, 'succeeded', AFTER, null); // stored no events
    await run(behind, 'failed', AFTER, SPAN); // only a succeeded run asks for a refresh
    await run(behind, 'running', AFTER, SPAN);
    const upToDate = await organisation('up-to-date', new Date(AFTER.getTime() + 60_000));
    await run(upToDate, 'succeeded', AFTER, SPAN);

    await dataSource.runMigrations();
    expect(await indexes()).toEqual(['rollup_refresh_requests_pending_idx']);
    const requests = await new RollupRefreshRequestRepository(dataSource).pending(10);
    expect(requests).toEqual([
      {
        id: expect.any(String),
        organisationId: behind.id,
        from: SPAN[0],
        to: SPAN[1],
        reason: 'sync-run',
        syncRunId: behindRun,
        requestedAt: AFTER,
      },
    ]);

    // A request outlives its run (a deleted source takes its runs along) and goes with its organisation.
    await dataSource.query('DELETE FROM data_sources WHERE id = $1', [behind.sourceId]);
    const [left] = await new RollupRefreshRequestRepository(dataSource).pending(10);
    expect(left).toEqual({ ...requests[0], syncRunId: null });
    await expect(
      dataSource.query(
        `INSERT INTO rollup_refresh_requests (organisation_id, range_from, range_to, reason)
         VALUES ($1, now(), now(), 'because')`,
        [behind.id],
      ),
    ).rejects.toThrow(QueryFailedError);
    await dataSource.query('DELETE FROM organisations WHERE id = $1', [behind.id]);
    expect(await new RollupRefreshRequestRepository(dataSource).pending(10)).toEqual([]);

    await undoDownToBefore();
    expect(await indexes()).toEqual(['sync_runs_refresh_idx']);
    const [{ table }] = await dataSource.query(`SELECT to_regclass('rollup_refresh_requests') AS table`);
    expect(table).toBeNull();
  });

  it('pages the pending requests oldest first and marks them done once', async () => {
    await dataSource.runMigrations();
    const org = await organisation('paged', REFRESHED_AT);
    const requests = new RollupRefreshRequestRepository(dataSource);
    const made = [];
    for (let i = 0; i < 3; i++) {
      made.push(
        await requests.create({
          organisationId: org.id,
          from: SPAN[0],
          to: SPAN[1],
          reason: 'source-deleted',
        }),
      );
    }
    const first = await requests.pending(2);
    expect(first.map((request) => request.id)).toEqual(made.slice(0, 2).map((request) => request.id));
    const rest = await requests.pending(2, first[1].id);
    expect(rest.map((request) => request.id)).toEqual([made[2].id]);

    expect(await requests.markDone(org.id, made[0].id)).toBe(true);
    expect(await requests.markDone(org.id, made[0].id)).toBe(false);
    // Another organisation's id marks nothing.
    const other = await organisation('paged-other', REFRESHED_AT);
    expect(await requests.markDone(other.id, made[1].id)).toBe(false);
    expect((await requests.pending(10)).map((request) => request.id)).toEqual(
      made.slice(1).map((request) => request.id),
    );
    await expect(requests.pending(0)).rejects.toThrow('limit must be an integer from 1 to 1000 (got 0)');
    await expect(
      requests.create({ organisationId: org.id, from: SPAN[1], to: SPAN[0], reason: 'sync-run' }),
    ).rejects.toThrow(QueryFailedError);
  });
});
