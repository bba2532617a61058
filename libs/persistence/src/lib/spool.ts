import { rm } from 'node:fs/promises';
import type { DataSource } from 'typeorm';
import { FileSpoolStore } from './spool-store/file-spool-store';
import { spoolItemName, type SpoolStore } from './spool-store/spool-store';

/**
 * The spool: uploads and webhook batches in the spool store (a directory shared by API and worker, or an
 * S3-compatible bucket; see spool-store/) until their run no longer needs them. A run needs its item while
 * it is queued or running, and for a while after it failed (so it can be retried); items of succeeded runs,
 * of runs failed long ago, and of uploads that never became a run (cut off, or the API was killed
 * mid-upload) are removed once they are older than a grace period — an upload in progress keeps its file
 * fresh (an S3 object appears only once complete, so it is never caught half-written).
 */

/** Entries looked at per call: the spool is user-filled, so every pass over it is bounded. */
export const SPOOL_SCAN_LIMIT = 100_000;

export interface SpoolUsage {
  files: number;
  bytes: number;
  oldestModifiedAt: Date | null;
  /** More than SPOOL_SCAN_LIMIT entries: the figures cover the first ones only. */
  truncated: boolean;
}

export interface SpoolCleanupOptions {
  /** Files no run needs are removed only when they were last written this long ago. */
  orphanGraceMs: number;
  /** A failed run's file is kept this long after the failure. */
  failedRetentionMs: number;
  now?: number;
}

export interface SpoolCleanup {
  removed: number;
  removedBytes: number;
  kept: number;
  /** Local downloads of items (S3 store) left behind by a worker that died while its run read them. */
  scratchRemoved: number;
}

/** A directory (the file store, as before the store abstraction) or any store. */
function storeOf(spool: SpoolStore | string): SpoolStore {
  return typeof spool === 'string' ? new FileSpoolStore(spool) : spool;
}

/**
 * Whether a file store path is still there (a failed run's file goes after its retention period).
 * @deprecated use the store's `exists` (spoolStoreFor(config).exists), which also answers for S3 locators.
 */
export function spoolFileExists(spoolPath: string): Promise<boolean> {
  return new FileSpoolStore('').exists(spoolPath);
}

export async function spoolUsage(spool: SpoolStore | string): Promise<SpoolUsage> {
  const state = { truncated: false };
  let files = 0;
  let bytes = 0;
  let oldest: number | null = null;
  for await (const item of storeOf(spool).list(SPOOL_SCAN_LIMIT, state)) {
    files++;
    bytes += item.size;
    oldest = oldest === null ? item.modifiedAt : Math.min(oldest, item.modifiedAt);
  }
  return {
    files,
    bytes,
    oldestModifiedAt: oldest === null ? null : new Date(oldest),
    truncated: state.truncated,
  };
}

/**
 * Names of the spool items that runs still need. Matched by name (random UUIDs), not full locator, so API
 * and worker may mount a file spool at different paths.
 */
async function neededSpoolItems(dataSource: DataSource, failedSince: Date): Promise<Set<string>> {
  const rows: { spoolPath: string }[] = await dataSource.query(
    `SELECT input->>'spoolPath' AS "spoolPath" FROM sync_runs
     WHERE input IS NOT NULL
       AND (status IN ('queued', 'running') OR (status = 'failed' AND coalesce(finished_at, created_at) > $1))`,
    [failedSince],
  );
  return new Set(rows.map((row) => spoolItemName(row.spoolPath)));
}

/** Removes the spool items no run needs any more (see above); returns what it removed. */
export async function cleanSpool(
  dataSource: DataSource,
  spool: SpoolStore | string,
  options: SpoolCleanupOptions,
): Promise<SpoolCleanup> {
  const store = storeOf(spool);
  const now = options.now ?? Date.now();
  // Read before listing: a run created after this query has an item younger than the grace period.
  const needed = await neededSpoolItems(dataSource, new Date(now - options.failedRetentionMs));
  const result: SpoolCleanup = { removed: 0, removedBytes: 0, kept: 0, scratchRemoved: 0 };
  for await (const item of store.list(SPOOL_SCAN_LIMIT, { truncated: false })) {
    if (needed.has(item.name) || now - item.modifiedAt < options.orphanGraceMs) {
      result.kept++;
      continue;
    }
    await store.delete(item.locator);
    result.removed++;
    result.removedBytes += item.size;
  }
  // The same rule for downloads: a running run's copy is needed (its run is), a fresh one may be in the
  // making for a run this query did not see yet.
  for await (const copy of store.scratchCopies?.(SPOOL_SCAN_LIMIT) ?? []) {
    if (needed.has(copy.name) || now - copy.modifiedAt < options.orphanGraceMs) continue;
    await rm(copy.locator, { force: true });
    result.scratchRemoved++;
  }
  return result;
}
