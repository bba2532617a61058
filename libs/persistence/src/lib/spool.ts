import { access, opendir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { DataSource } from 'typeorm';

/**
 * The spool: uploads and webhook batches on disk (SPOOL_DIR, shared by API and worker) until their run no
 * longer needs them. A run needs its file while it is queued or running, and for a while after it failed
 * (so it can be retried); files of succeeded runs, of runs failed long ago, and of uploads that never
 * became a run (cut off, or the API was killed mid-upload) are removed once they are older than a grace
 * period — an upload in progress keeps its file fresh.
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
}

interface SpoolFile {
  name: string;
  path: string;
  size: number;
  modifiedAt: number;
}

async function* spoolFiles(spoolDir: string, state: { truncated: boolean }): AsyncGenerator<SpoolFile> {
  let directory;
  try {
    directory = await opendir(spoolDir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  let seen = 0;
  for await (const entry of directory) {
    if (++seen > SPOOL_SCAN_LIMIT) {
      state.truncated = true;
      break;
    }
    if (!entry.isFile()) continue;
    const file = path.join(spoolDir, entry.name);
    // A file removed between listing and stat (its run just succeeded) is simply skipped.
    const stats = await stat(file).catch(() => null);
    if (stats) yield { name: entry.name, path: file, size: stats.size, modifiedAt: stats.mtimeMs };
  }
}

/** Whether a run's spooled file is still there (a failed run's file goes after its retention period). */
export function spoolFileExists(spoolPath: string): Promise<boolean> {
  return access(spoolPath).then(
    () => true,
    () => false,
  );
}

export async function spoolUsage(spoolDir: string): Promise<SpoolUsage> {
  const state = { truncated: false };
  let files = 0;
  let bytes = 0;
  let oldest: number | null = null;
  for await (const file of spoolFiles(spoolDir, state)) {
    files++;
    bytes += file.size;
    oldest = oldest === null ? file.modifiedAt : Math.min(oldest, file.modifiedAt);
  }
  return {
    files,
    bytes,
    oldestModifiedAt: oldest === null ? null : new Date(oldest),
    truncated: state.truncated,
  };
}

/**
 * Names of the spool files that runs still need. Matched by file name (random UUIDs), not full path, so API
 * and worker may mount the spool at different paths.
 */
async function neededSpoolFiles(dataSource: DataSource, failedSince: Date): Promise<Set<string>> {
  const rows: { spoolPath: string }[] = await dataSource.query(
    `SELECT input->>'spoolPath' AS "spoolPath" FROM sync_runs
     WHERE input IS NOT NULL
       AND (status IN ('queued', 'running') OR (status = 'failed' AND coalesce(finished_at, created_at) > $1))`,
    [failedSince],
  );
  return new Set(rows.map((row) => path.basename(row.spoolPath)));
}

/** Removes the spool files no run needs any more (see above); returns what it removed. */
export async function cleanSpool(
  dataSource: DataSource,
  spoolDir: string,
  options: SpoolCleanupOptions,
): Promise<SpoolCleanup> {
  const now = options.now ?? Date.now();
  // Read before listing: a run created after this query has a file younger than the grace period.
  const needed = await neededSpoolFiles(dataSource, new Date(now - options.failedRetentionMs));
  const result: SpoolCleanup = { removed: 0, removedBytes: 0, kept: 0 };
  for await (const file of spoolFiles(spoolDir, { truncated: false })) {
    if (needed.has(file.name) || now - file.modifiedAt < options.orphanGraceMs) {
      result.kept++;
      continue;
    }
    await rm(file.path, { force: true });
    result.removed++;
    result.removedBytes += file.size;
  }
  return result;
}
