import type { UptakeConfig } from '@uptake/config';
import path from 'node:path';
import { FileSpoolStore } from './file-spool-store';
import { parseS3Locator, S3SpoolStore } from './s3-spool-store';
import type { SpoolStore } from './spool-store';

/**
 * The S3 store, still reading the file paths of runs spooled before a switch from the file store (while
 * the old volume stays mounted): such a run can be retried, and its file is deleted when it succeeds. New
 * items, the listing and so the cleanup are the S3 store's alone.
 */
export function withFileFallback(primary: S3SpoolStore, files: FileSpoolStore): SpoolStore {
  const route = (locator: string): SpoolStore => (parseS3Locator(locator) ? primary : files);
  return {
    kind: primary.kind,
    description: primary.description,
    allocate: () => primary.allocate(),
    write: (locator, body) => route(locator).write(locator, body),
    openRead: (locator) => route(locator).openRead(locator),
    materialise: (locator) => route(locator).materialise(locator),
    exists: (locator) => route(locator).exists(locator),
    delete: (locator) => route(locator).delete(locator),
    list: (limit, state) => primary.list(limit, state),
    probe: () => primary.probe(),
    scratchCopies: (limit) => primary.scratchCopies(limit),
  };
}

/** The store SPOOL_STORE names. */
export function createSpoolStore(
  config: Pick<UptakeConfig, 'spool' | 'spoolDir' | 'uploadMaxBytes'>,
): SpoolStore {
  const files = new FileSpoolStore(config.spoolDir);
  if (config.spool.store === 'file') return files;
  const { bucket, endpoint, region, prefix, forcePathStyle, credentials } = config.spool;
  const s3 = new S3SpoolStore({
    bucket,
    endpoint,
    region,
    prefix,
    forcePathStyle,
    credentials,
    // With the S3 store SPOOL_DIR is local scratch space: downloads of zips while their run reads them.
    scratchDir: path.join(config.spoolDir, 'downloads'),
    maxObjectBytes: config.uploadMaxBytes,
  });
  return withFileFallback(s3, files);
}

const stores = new WeakMap<object, SpoolStore>();

/** One store (one S3 client and its connection pool) per configuration object, i.e. per process. */
export function spoolStoreFor(
  config: Pick<UptakeConfig, 'spool' | 'spoolDir' | 'uploadMaxBytes'>,
): SpoolStore {
  let store = stores.get(config);
  if (!store) {
    store = createSpoolStore(config);
    stores.set(config, store);
  }
  return store;
}
