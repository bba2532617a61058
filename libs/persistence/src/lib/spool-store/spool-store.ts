import type { Readable } from 'node:stream';

/**
 * Where spooled uploads and webhook batches live until their run no longer needs them. Two stores: a
 * directory every API and worker instance mounts (FileSpoolStore, the default), or an S3-compatible
 * bucket every instance reaches over the network (S3SpoolStore), for deployments without a shared volume.
 *
 * A spooled item is named by its *locator*, stored as `input.spoolPath` on its sync run: an absolute path
 * for the file store (what every row written before the S3 store held), `s3://bucket/key` for the S3
 * store. The last segment of either is a random UUID, which is how the cleanup matches items to runs.
 */
export interface SpoolStore {
  readonly kind: 'file' | 's3';
  /** Where the store is, for messages and logs (never credentials). */
  readonly description: string;
  /** A new, unused locator to write an upload or batch to. */
  allocate(): string;
  /**
   * Writes `body` to `locator`, streaming (memory stays bounded whatever the size). Rejects with a
   * SpoolStoreError when the store (or `body`) fails; nothing is left behind on failure. The body may be
   * left unread on failure: the caller owns it.
   */
  write(locator: string, body: Readable): Promise<void>;
  /** The item as a stream; rejects with SpoolMissingError when it is not there. */
  openRead(locator: string): Promise<Readable>;
  /**
   * The item as a local file, for readers that need random access (zip archives): the file store's own
   * path, or a download to a scratch file that `release` removes.
   */
  materialise(locator: string): Promise<MaterialisedSpoolFile>;
  exists(locator: string): Promise<boolean>;
  /** Removes the item; an item already gone is not an error. */
  delete(locator: string): Promise<void>;
  /**
   * The items in the store, at most `limit` (the spool is user-filled: every pass over it is bounded), read
   * page by page so memory does not grow with the store. `state.truncated` says the limit cut the list.
   */
  list(limit: number, state: { truncated: boolean }): AsyncGenerator<SpoolItem>;
  /**
   * Whether the store can be reached and written to now, cheaply (one request or one access check), for
   * GET /api/health; rejects with a SpoolStoreError saying why.
   */
  probe(): Promise<void>;
  /**
   * The local copies `materialise` downloaded, at most `limit` (stores that download; the file store has
   * none). `locator` is the copy's path, `name` the item it copies. A copy is released when its run ends;
   * a worker killed mid-run leaves it behind, and cleanSpool removes it.
   */
  scratchCopies?(limit: number): AsyncGenerator<SpoolItem>;
}

export interface SpoolItem {
  locator: string;
  /** The locator's last segment: what runs are matched by (see spoolItemName). */
  name: string;
  size: number;
  /** Epoch milliseconds of the last write: an upload in progress keeps a file fresh. */
  modifiedAt: number;
}

export interface MaterialisedSpoolFile {
  path: string;
  /** Removes a downloaded copy; nothing for the file store, whose file stays until its run is done. */
  release(): Promise<void>;
}

/** The store failed (unreachable, refused, out of space): the request may succeed later, unlike a client error. */
export class SpoolStoreError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'SpoolStoreError';
  }
}

/** The item is not in the store (a failed run's file goes after SPOOL_FAILED_RETENTION_DAYS). */
export class SpoolMissingError extends Error {
  constructor(locator: string) {
    super(`${spoolItemName(locator)} is not in the spool`);
    this.name = 'SpoolMissingError';
  }
}

/**
 * The name runs and stored items are matched by: the last path segment of a locator. Matching by name, not
 * full locator, lets API and worker mount a file spool at different paths.
 */
export function spoolItemName(locator: string): string {
  return locator.slice(locator.lastIndexOf('/') + 1);
}

/** The message of an error of unknown type. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
