import { startFakeS3, testStoreUrls, uniqueSuffix, type FakeS3Server } from '@uptake/testing';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import type { DataSource } from 'typeorm';
import { createDataSource } from '../data-source';
import { ActivitySource } from '../entities/data-source.entity';
import { Organisation } from '../entities/organisation.entity';
import { SyncRun } from '../entities/sync-run.entity';
import { cleanSpool, spoolUsage } from '../spool';
import { createSpoolStore } from './create-spool-store';
import { FileSpoolStore } from './file-spool-store';
import { parseS3Locator, s3PartSize, S3SpoolStore, type S3SpoolStoreOptions } from './s3-spool-store';
import { SpoolMissingError, SpoolStoreError } from './spool-store';

const BUCKET = 'uptake-spool';
const PREFIX = 'tenant-a/spool/';
const MB = 1024 * 1024;
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

/** `size` bytes in 64 KB chunks of a repeating pattern, never all in memory at once. */
function streamOf(size: number): Readable {
  let sent = 0;
  return new Readable({
    read() {
      if (sent >= size) {
        this.push(null);
        return;
      }
      const chunk = Buffer.alloc(Math.min(64 * 1024, size - sent), sent % 251);
      sent += chunk.length;
      this.push(chunk);
    },
  });
}

function sha256(content: Buffer): string {
  return createHash('sha256').update(content).digest('hex');
}

describe('the S3 spool store against an S3-compatible peer', () => {
  let s3: FakeS3Server;
  let scratchDir: string;
  const stores: S3SpoolStore[] = [];
  const store = (overrides: Partial<S3SpoolStoreOptions> = {}) => {
    const created = new S3SpoolStore({
      bucket: BUCKET,
      endpoint: s3.endpoint,
      region: 'us-east-1',
      prefix: PREFIX,
      forcePathStyle: true,
      credentials: { accessKeyId: 'test-key', secretAccessKey: 'test-secret' },
      scratchDir,
      maxAttempts: 1,
      ...overrides,
    });
    stores.push(created);
    return created;
  };
  const operations = () => s3.requests.map((request) => request.operation);

  beforeAll(async () => {
    s3 = await startFakeS3([BUCKET]);
    scratchDir = await mkdtemp(path.join(os.tmpdir(), 'uptake-s3-scratch-'));
  });

  beforeEach(() => {
    s3.requests.length = 0;
    s3.objects(BUCKET).clear();
  });

  afterAll(async () => {
    for (const created of stores) created.close();
    await s3.stop();
    await rm(scratchDir, { recursive: true, force: true });
  });

  it('answers an unsigned request with 403 AccessDenied, as S3 does (the peer checks SigV4 headers)', async () => {
    const response = await fetch(`${s3.endpoint}/${BUCKET}/anything`);
    expect(response.status).toBe(403);
    expect(await response.text()).toContain('<Code>AccessDenied</Code>');
  });

  it('writes a small item with one PutObject under the prefix, and reads it back as a stream', async () => {
    const spool = store();
    const locator = spool.allocate();
    const parsed = parseS3Locator(locator)!;
    expect(parsed.bucket).toBe(BUCKET);
    expect(parsed.key).toMatch(new RegExp(`^${PREFIX}[0-9a-f-]{36}$`));

    await spool.write(locator, Readable.from([Buffer.from('external_id,occurred_at\n')]));

    expect(operations()).toEqual(['PutObject']);
    expect(s3.objects(BUCKET).get(parsed.key)!.body.toString()).toBe('external_id,occurred_at\n');
    expect(await spool.exists(locator)).toBe(true);
    expect(await text(await spool.openRead(locator))).toBe('external_id,occurred_at\n');
  });

  it('writes an item larger than one part by multipart upload (8 MB parts), intact', async () => {
    const spool = store();
    const locator = spool.allocate();
    // 8 MB + 8 MB + 1.5 MB: three parts, the last one short.
    const size = 17.5 * MB;
    await spool.write(locator, streamOf(size));

    expect(operations()).toEqual([
      'CreateMultipartUpload',
      'UploadPart',
      'UploadPart',
      'UploadPart',
      'CompleteMultipartUpload',
    ]);
    expect(s3.openUploads).toBe(0);
    const expected = Buffer.concat(await streamOf(size).toArray());
    const stored = s3.objects(BUCKET).get(parseS3Locator(locator)!.key)!.body;
    expect(stored.length).toBe(size);
    expect(sha256(stored)).toBe(sha256(expected));

    // Materialised for a reader that needs a file (a zip): the same bytes on local disk, gone on release.
    const file = await spool.materialise(locator);
    expect(path.dirname(file.path)).toBe(scratchDir);
    expect(sha256(await readFile(file.path))).toBe(sha256(expected));
    await file.release();
    expect(existsSync(file.path)).toBe(false);
  });

  it('grows the part size only when 9,000 parts of 8 MB would not hold the largest upload', () => {
    expect(s3PartSize(undefined)).toBe(8 * MB);
    // 2 GB (the default UPLOAD_MAX_MB) / 9,000 ≈ 0.23 MB: 8 MB parts.
    expect(s3PartSize(2048 * MB)).toBe(8 * MB);
    // 100 GB / 9,000 = 11,650.84 KB → ceil(107,374,182,400 / 9,000) = 11,930,465 bytes.
    expect(s3PartSize(102_400 * MB)).toBe(11_930_465);
  });

  it('aborts the multipart upload when the body fails midway, leaving no object and no parts', async () => {
    const spool = store();
    const locator = spool.allocate();
    let sent = 0;
    const failing = new Readable({
      read() {
        sent += 1 * MB;
        if (sent > 10 * MB) this.destroy(new Error('client went away'));
        else this.push(Buffer.alloc(MB, 1));
      },
    });
    await expect(spool.write(locator, failing)).rejects.toThrow(SpoolStoreError);
    expect(s3.objects(BUCKET).size).toBe(0);
    expect(s3.openUploads).toBe(0);
    expect(operations()).toContain('CreateMultipartUpload');
    expect(operations().at(-1)).toBe('AbortMultipartUpload');
  });

  it('lists the spool page by page, only direct items under the prefix, and stops at the limit', async () => {
    const spool = store({ pageSize: 2 });
    const old = new Date('2026-11-01T08:00:00Z');
    for (const [index, name] of ['a', 'b', 'c', 'd', 'e'].entries()) {
      s3.put(BUCKET, `${PREFIX}${name}`, 'x'.repeat(index + 1), new Date(old.getTime() + index * MINUTE));
    }
    s3.put(BUCKET, `${PREFIX}nested/z`, 'not ours');
    s3.put(BUCKET, 'other-tenant/spool/y', 'not ours');

    const all = [];
    const state = { truncated: false };
    for await (const item of spool.list(100, state)) all.push(item);
    expect(all.map((item) => item.name)).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(all.map((item) => item.size)).toEqual([1, 2, 3, 4, 5]);
    expect(all[0]).toEqual({
      locator: `s3://${BUCKET}/${PREFIX}a`,
      name: 'a',
      size: 1,
      modifiedAt: old.getTime(),
    });
    expect(state.truncated).toBe(false);
    // Pages of 2 keys (the nested/ common prefix counts as a page entry too): a+b, c+d, e+nested/ = 3.
    expect(operations()).toEqual(['ListObjectsV2', 'ListObjectsV2', 'ListObjectsV2']);

    // Usage: 5 items, 1+2+3+4+5 = 15 bytes, the oldest is a.
    expect(await spoolUsage(spool)).toEqual({ files: 5, bytes: 15, oldestModifiedAt: old, truncated: false });

    const cut = { truncated: false };
    const first = [];
    for await (const item of spool.list(3, cut)) first.push(item.name);
    expect(first).toEqual(['a', 'b', 'c']);
    expect(cut.truncated).toBe(true);
  });

  it('lists an empty spool as empty', async () => {
    expect(await spoolUsage(store())).toEqual({
      files: 0,
      bytes: 0,
      oldestModifiedAt: null,
      truncated: false,
    });
  });

  it('deletes items, and treats a missing key as missing (not as a store failure)', async () => {
    const spool = store();
    const locator = spool.allocate();
    await spool.write(locator, Readable.from(['batch']));
    await spool.delete(locator);
    expect(s3.objects(BUCKET).size).toBe(0);
    expect(await spool.exists(locator)).toBe(false);
    await expect(spool.openRead(locator)).rejects.toThrow(SpoolMissingError);
    await expect(spool.materialise(locator)).rejects.toThrow(SpoolMissingError);
    // Deleting what is gone is not an error (S3 answers 204 either way).
    await expect(spool.delete(locator)).resolves.toBeUndefined();
  });

  it('names the bucket and the S3 error code when the bucket does not exist', async () => {
    const spool = store({ bucket: 'no-such-bucket' });
    const locator = spool.allocate();
    const failure = spool.write(locator, Readable.from(['x']));
    await expect(failure).rejects.toThrow(SpoolStoreError);
    await expect(failure).rejects.toThrow(/no-such-bucket.*NoSuchBucket/);
    await expect(spool.openRead(locator)).rejects.toThrow(/NoSuchBucket/);
    await expect(spool.probe()).rejects.toThrow(
      /Could not reach the spool bucket no-such-bucket.*NoSuchBucket/,
    );
  });

  it('probes with one listing of at most one key under the prefix, which a missing key does not fail', async () => {
    const spool = store();
    await spool.probe();
    expect(operations()).toEqual(['ListObjectsV2']);
    expect(s3.requests[0].query.get('max-keys')).toBe('1');
    expect(s3.requests[0].query.get('prefix')).toBe(PREFIX);
  });

  it('probes a file store by its directory: created when missing, refused when it cannot be written to', async () => {
    const parent = await mkdtemp(path.join(os.tmpdir(), 'uptake-spool-probe-'));
    try {
      await new FileSpoolStore(path.join(parent, 'spool')).probe();
      expect(existsSync(path.join(parent, 'spool'))).toBe(true);
      await writeFile(path.join(parent, 'a-file'), 'not a directory');
      await expect(new FileSpoolStore(path.join(parent, 'a-file', 'spool')).probe()).rejects.toThrow(
        /Could not write to the spool directory .*a-file\/spool/,
      );
    } finally {
      await rm(parent, { recursive: true, force: true });
    }
  });

  it('fails with a SpoolStoreError naming the store when it is down, and works again once it is back', async () => {
    const spool = store();
    const locator = spool.allocate();
    await s3.stop();
    try {
      await expect(spool.write(locator, Readable.from(['x']))).rejects.toThrow(
        new RegExp(`Could not write to the spool bucket ${BUCKET} at ${s3.endpoint}`),
      );
      await expect(spool.exists(locator)).rejects.toThrow(SpoolStoreError);
      await expect(spoolUsage(spool)).rejects.toThrow(SpoolStoreError);
      await expect(spool.probe()).rejects.toThrow(SpoolStoreError);
    } finally {
      await s3.start();
    }
    await spool.write(locator, Readable.from(['x']));
    expect(await spool.exists(locator)).toBe(true);
  });

  it('still reads a run spooled as a file before the switch to S3 (SPOOL_STORE=s3 with the old SPOOL_DIR)', async () => {
    const spoolDir = await mkdtemp(path.join(os.tmpdir(), 'uptake-old-spool-'));
    try {
      const spool = createSpoolStore({
        spoolDir,
        uploadMaxBytes: 2048 * MB,
        spool: {
          store: 's3',
          bucket: BUCKET,
          endpoint: s3.endpoint,
          region: 'us-east-1',
          prefix: PREFIX,
          forcePathStyle: true,
          credentials: { accessKeyId: 'k', secretAccessKey: 's' },
        },
      });
      const oldFile = path.join(spoolDir, 'b9f1c2de-old-upload');
      await writeFile(oldFile, 'old,row\n');
      expect(await spool.exists(oldFile)).toBe(true);
      expect((await spool.materialise(oldFile)).path).toBe(oldFile);
      await spool.delete(oldFile);
      expect(existsSync(oldFile)).toBe(false);
      // New items go to the bucket.
      expect(spool.allocate()).toMatch(/^s3:\/\//);
    } finally {
      await rm(spoolDir, { recursive: true, force: true });
    }
  });

  describe('cleanup', () => {
    let dataSource: DataSource;
    let organisation: Organisation;
    let source: ActivitySource;

    beforeAll(async () => {
      dataSource = await createDataSource(testStoreUrls().databaseUrl).initialize();
      organisation = await dataSource
        .getRepository(Organisation)
        .save({ name: 'S3 spool', slug: `s3-spool-${uniqueSuffix()}` });
      source = await dataSource
        .getRepository(ActivitySource)
        .save({ organisationId: organisation.id, name: 'uploads', connectorType: 'csv' });
    });

    afterAll(async () => {
      await dataSource.getRepository(Organisation).delete(organisation.id);
      await dataSource.destroy();
    });

    it('removes the objects no run needs once older than the grace period, keeps the rest', async () => {
      const spool = store({ pageSize: 3 });
      const spooled = async (ageMs: number, status?: SyncRun['status'], finishedAgoMs?: number) => {
        const locator = spool.allocate();
        s3.put(BUCKET, parseS3Locator(locator)!.key, 'x'.repeat(24), new Date(Date.now() - ageMs));
        if (status) {
          await dataSource.getRepository(SyncRun).save({
            organisationId: organisation.id,
            sourceId: source.id,
            trigger: 'upload',
            status,
            finishedAt: finishedAgoMs === undefined ? null : new Date(Date.now() - finishedAgoMs),
            input: { fileName: 'activity.csv', size: 24, spoolPath: locator },
          });
        }
        return parseS3Locator(locator)!.key;
      };
      const keys = {
        orphan: await spooled(2 * 60 * MINUTE),
        young: await spooled(MINUTE),
        queued: await spooled(3 * DAY, 'queued'),
        failedYesterday: await spooled(2 * DAY, 'failed', DAY),
        failedLongAgo: await spooled(9 * DAY, 'failed', 8 * DAY),
        succeeded: await spooled(2 * 60 * MINUTE, 'succeeded', 2 * 60 * MINUTE),
      };
      const result = await cleanSpool(dataSource, spool, {
        orphanGraceMs: 60 * MINUTE,
        failedRetentionMs: 7 * DAY,
      });
      // orphan, failedLongAgo and succeeded go: 3 × 24 bytes; young, queued, failedYesterday stay.
      expect(result).toEqual({ removed: 3, removedBytes: 72, kept: 3, scratchRemoved: 0 });
      const left = Object.entries(keys)
        .filter(([, key]) => s3.objects(BUCKET).has(key))
        .map(([name]) => name);
      expect(left.sort()).toEqual(['failedYesterday', 'queued', 'young']);
      expect(operations().filter((operation) => operation === 'DeleteObject')).toHaveLength(3);
    });

    it('removes downloads a killed worker left behind once their run is over, keeps those still needed', async () => {
      const downloads = await mkdtemp(path.join(os.tmpdir(), 'uptake-s3-downloads-'));
      try {
        const spool = store({ scratchDir: downloads });
        const download = async (ageMs: number, status?: SyncRun['status']) => {
          const locator = spool.allocate();
          s3.put(BUCKET, parseS3Locator(locator)!.key, 'x'.repeat(24), new Date(Date.now() - ageMs));
          if (status) {
            await dataSource.getRepository(SyncRun).save({
              organisationId: organisation.id,
              sourceId: source.id,
              trigger: 'upload',
              status,
              input: { fileName: 'export.zip', size: 24, spoolPath: locator },
            });
          }
          const copy = await spool.materialise(locator);
          const at = new Date(Date.now() - ageMs);
          await utimes(copy.path, at, at);
          return path.basename(copy.path);
        };
        const copies = {
          running: await download(3 * DAY, 'running'),
          succeeded: await download(2 * DAY, 'succeeded'),
          fresh: await download(MINUTE),
        };
        const result = await cleanSpool(dataSource, spool, {
          orphanGraceMs: 60 * MINUTE,
          failedRetentionMs: 7 * DAY,
        });
        // The succeeded run's copy goes; the running run's and the minute-old one stay.
        expect(result.scratchRemoved).toBe(1);
        expect((await readdir(downloads)).sort()).toEqual([copies.fresh, copies.running].sort());
      } finally {
        await rm(downloads, { recursive: true, force: true });
      }
    });

    it('cleans an empty bucket to nothing, as the file store does an empty directory', async () => {
      const options = { orphanGraceMs: MINUTE, failedRetentionMs: DAY };
      expect(await cleanSpool(dataSource, store(), options)).toEqual({
        removed: 0,
        removedBytes: 0,
        kept: 0,
        scratchRemoved: 0,
      });
      const missing = new FileSpoolStore(path.join(scratchDir, 'never-created'));
      expect(await cleanSpool(dataSource, missing, options)).toEqual({
        removed: 0,
        removedBytes: 0,
        kept: 0,
        scratchRemoved: 0,
      });
    });
  });
});
