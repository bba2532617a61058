import type { S3Client } from '@aws-sdk/client-s3';
import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, opendir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
  errorMessage,
  SpoolMissingError,
  SpoolStoreError,
  spoolItemName,
  type MaterialisedSpoolFile,
  type SpoolItem,
  type SpoolStore,
} from './spool-store';

export interface S3SpoolStoreOptions {
  bucket: string;
  /** Unset: AWS S3 of `region`. MinIO, Ceph, R2 and the like: their URL. */
  endpoint?: string;
  region: string;
  /** '' or ending in '/'. */
  prefix: string;
  forcePathStyle: boolean;
  /** Unset: the SDK's default chain (environment, shared profile, instance or pod role). */
  credentials?: { accessKeyId: string; secretAccessKey: string };
  /** Where materialised copies are downloaded to (a local disk). */
  scratchDir: string;
  /** The largest object written (UPLOAD_MAX_MB): the part size grows so it fits in S3's 10,000 parts. */
  maxObjectBytes?: number;
  /** Keys per ListObjectsV2 page (S3's own maximum is 1,000). */
  pageSize?: number;
  /** Attempts per request (the SDK retries throttling and connection errors with backoff). */
  maxAttempts?: number;
}

/**
 * The AWS SDK, loaded when an S3 store is first used rather than when this module is: it is about 4 MB of
 * a process's memory, and most installations (and every idle worker on the file store) never need it.
 */
type S3Sdk = typeof import('@aws-sdk/client-s3') & Pick<typeof import('@aws-sdk/lib-storage'), 'Upload'>;
let sdk: Promise<S3Sdk> | undefined;
function loadSdk(): Promise<S3Sdk> {
  sdk ??= Promise.all([import('@aws-sdk/client-s3'), import('@aws-sdk/lib-storage')]).then(
    ([client, storage]) => ({ ...client, Upload: storage.Upload }),
  );
  return sdk;
}

/** How a download to the scratch directory ends its name. */
const DOWNLOAD_SUFFIX = '.download';

/** S3's minimum part size (except the last), and lib-storage's default. */
const MIN_PART_BYTES = 5 * 1024 * 1024;
const DEFAULT_PART_BYTES = 8 * 1024 * 1024;
/** Below S3's limit of 10,000 parts, with room to spare. */
const MAX_PARTS = 9_000;
/** Parts in flight per upload: with the part size, what one upload holds in memory at most (2 × 8 MB). */
const PARTS_IN_FLIGHT = 2;

/** `s3://bucket/key`: the locator of an object, stored on its run as `input.spoolPath`. */
export function s3Locator(bucket: string, key: string): string {
  return `s3://${bucket}/${key}`;
}

/** Bucket and key of an `s3://` locator; null for anything else (a file store path). */
export function parseS3Locator(locator: string): { bucket: string; key: string } | null {
  const match = /^s3:\/\/([^/]+)\/(.+)$/.exec(locator);
  return match ? { bucket: match[1], key: match[2] } : null;
}

/** The part size for objects up to `maxObjectBytes`: 8 MB, more only when 9,000 parts would not hold it. */
export function s3PartSize(maxObjectBytes: number | undefined): number {
  const needed = Math.ceil((maxObjectBytes ?? 0) / MAX_PARTS);
  return Math.max(DEFAULT_PART_BYTES, MIN_PART_BYTES, needed);
}

/**
 * The spool in an S3-compatible bucket, for instances that share no volume. Objects are `prefix` + a random
 * UUID, written by multipart upload with bounded parts (memory stays at about two parts per upload, whatever
 * the file's size), read as streams, and downloaded to a scratch file for readers that need a file (zip).
 * Every store failure surfaces as a SpoolStoreError naming the bucket, so callers can answer "try later".
 */
export class S3SpoolStore implements SpoolStore {
  readonly kind = 's3' as const;
  private connection: Promise<{ sdk: S3Sdk; client: S3Client }> | undefined;
  private closed = false;
  private readonly partSize: number;

  constructor(private readonly options: S3SpoolStoreOptions) {
    this.partSize = s3PartSize(options.maxObjectBytes);
  }

  /** The SDK and this store's client (with its connection pool), created on first use. */
  private connect(): Promise<{ sdk: S3Sdk; client: S3Client }> {
    if (this.closed) return Promise.reject(new SpoolStoreError(`${this.description} is closed`));
    this.connection ??= loadSdk().then((loaded) => ({ sdk: loaded, client: this.createClient(loaded) }));
    return this.connection;
  }

  private createClient({ S3Client }: S3Sdk): S3Client {
    const options = this.options;
    return new S3Client({
      region: options.region,
      endpoint: options.endpoint,
      forcePathStyle: options.forcePathStyle,
      credentials: options.credentials,
      maxAttempts: options.maxAttempts ?? 3,
      // Checksums only where S3 requires them: several S3-compatible stores reject the newer
      // x-amz-checksum-* / aws-chunked requests the SDK sends by default.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
      requestHandler: { connectionTimeout: 5_000, requestTimeout: 120_000 },
    });
  }

  get description(): string {
    const where = this.options.endpoint ? ` at ${this.options.endpoint}` : ` in ${this.options.region}`;
    return `the spool bucket ${this.options.bucket}${where}`;
  }

  allocate(): string {
    return s3Locator(this.options.bucket, `${this.options.prefix}${randomUUID()}`);
  }

  async write(locator: string, body: Readable): Promise<void> {
    const { sdk: loaded, client } = await this.connect();
    const upload = new loaded.Upload({
      client,
      params: { Bucket: this.options.bucket, Key: this.key(locator), Body: body },
      partSize: this.partSize,
      queueSize: PARTS_IN_FLIGHT,
      // On failure the multipart upload is aborted, so no parts are left to be billed.
      leavePartsOnError: false,
    });
    try {
      await upload.done();
    } catch (error) {
      throw this.failure('write to', error);
    }
  }

  async openRead(locator: string): Promise<Readable> {
    const { sdk: loaded, client } = await this.connect();
    try {
      const object = await client.send(
        new loaded.GetObjectCommand({ Bucket: this.options.bucket, Key: this.key(locator) }),
      );
      return object.Body as Readable;
    } catch (error) {
      if (isStatus(error, 404) && errorName(error) === 'NoSuchKey') throw new SpoolMissingError(locator);
      throw this.failure('read from', error);
    }
  }

  async materialise(locator: string): Promise<MaterialisedSpoolFile> {
    const body = await this.openRead(locator);
    await mkdir(this.options.scratchDir, { recursive: true });
    const file = path.join(
      this.options.scratchDir,
      `${spoolItemName(locator)}.${randomUUID()}${DOWNLOAD_SUFFIX}`,
    );
    const release = () => rm(file, { force: true });
    try {
      await pipeline(body, createWriteStream(file, { flags: 'wx' }));
    } catch (error) {
      await release();
      throw this.failure('download from', error);
    }
    return { path: file, release };
  }

  async exists(locator: string): Promise<boolean> {
    const { sdk: loaded, client } = await this.connect();
    try {
      await client.send(
        new loaded.HeadObjectCommand({ Bucket: this.options.bucket, Key: this.key(locator) }),
      );
      return true;
    } catch (error) {
      // HEAD has no body: S3 answers a missing key with a bare 404 (the SDK names it NotFound).
      if (isStatus(error, 404) && errorName(error) !== 'NoSuchBucket') return false;
      throw this.failure('look in', error);
    }
  }

  async delete(locator: string): Promise<void> {
    const { sdk: loaded, client } = await this.connect();
    try {
      // S3 answers 204 whether or not the key existed.
      await client.send(
        new loaded.DeleteObjectCommand({ Bucket: this.options.bucket, Key: this.key(locator) }),
      );
    } catch (error) {
      throw this.failure('delete from', error);
    }
  }

  async *list(limit: number, state: { truncated: boolean }): AsyncGenerator<SpoolItem> {
    const { sdk: loaded, client } = await this.connect();
    let seen = 0;
    let token: string | undefined;
    do {
      let page;
      try {
        page = await client.send(
          new loaded.ListObjectsV2Command({
            Bucket: this.options.bucket,
            Prefix: this.options.prefix,
            // Only the spool's own objects: nothing in "folders" below the prefix.
            Delimiter: '/',
            MaxKeys: Math.min(this.options.pageSize ?? 1_000, 1_000),
            ContinuationToken: token,
          }),
        );
      } catch (error) {
        throw this.failure('list', error);
      }
      for (const object of page.Contents ?? []) {
        if (++seen > limit) {
          state.truncated = true;
          return;
        }
        if (!object.Key) continue;
        yield {
          locator: s3Locator(this.options.bucket, object.Key),
          name: spoolItemName(object.Key),
          size: object.Size ?? 0,
          modifiedAt: object.LastModified?.getTime() ?? 0,
        };
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
  }

  /** The downloads in the scratch directory (`<item>.<uuid>.download`); none when it does not exist yet. */
  async *scratchCopies(limit: number): AsyncGenerator<SpoolItem> {
    let directory;
    try {
      directory = await opendir(this.options.scratchDir);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw error;
    }
    let seen = 0;
    for await (const entry of directory) {
      if (!entry.isFile() || !entry.name.endsWith(DOWNLOAD_SUFFIX)) continue;
      if (++seen > limit) break;
      const file = path.join(this.options.scratchDir, entry.name);
      const stats = await stat(file).catch(() => null);
      // Released (removed) between the listing and now: nothing to report.
      if (!stats) continue;
      yield { locator: file, name: entry.name.split('.')[0], size: stats.size, modifiedAt: stats.mtimeMs };
    }
  }

  /** One listing of at most one key under the prefix: the bucket answers and these credentials may list it. */
  async probe(): Promise<void> {
    const { sdk: loaded, client } = await this.connect();
    try {
      await client.send(
        new loaded.ListObjectsV2Command({
          Bucket: this.options.bucket,
          Prefix: this.options.prefix,
          MaxKeys: 1,
        }),
      );
    } catch (error) {
      throw this.failure('reach', error);
    }
  }

  /** Releases the client's connections (tests, shutdown). */
  close(): void {
    this.closed = true;
    void this.connection?.then(({ client }) => client.destroy()).catch(() => undefined);
  }

  /** The key of a locator of this store's bucket; anything else is a programming error, not a 404. */
  private key(locator: string): string {
    const parsed = parseS3Locator(locator);
    if (!parsed || parsed.bucket !== this.options.bucket) {
      throw new Error(`${locator} is not an object of ${this.description}`);
    }
    return parsed.key;
  }

  private failure(action: string, error: unknown): SpoolStoreError {
    if (error instanceof SpoolStoreError) return error;
    const code = errorName(error);
    const detail = code && code !== 'Error' ? `${code}: ${errorMessage(error)}` : errorMessage(error);
    return new SpoolStoreError(`Could not ${action} ${this.description} (${detail})`, { cause: error });
  }
}

/** Whether the SDK's error carries this HTTP status (every S3ServiceException has `$metadata`). */
function isStatus(error: unknown, status: number): boolean {
  const metadata = (error as { $metadata?: { httpStatusCode?: number } } | null)?.$metadata;
  return error instanceof Error && metadata?.httpStatusCode === status;
}

function errorName(error: unknown): string | undefined {
  return error instanceof Error ? error.name : undefined;
}
