import type { INestApplicationContext } from '@nestjs/common';
import { ActivitySource, createDataSource, parseS3Locator, SyncRun } from '@uptake/persistence';
import { startFakeS3, testConfig, testStoreUrls, type FakeS3Server } from '@uptake/testing';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import type { DataSource } from 'typeorm';
import { createWorker } from '../app/create-worker';
import {
  createInstancesTenant,
  createSource,
  freePort,
  ServerInstance,
  untilHealthy,
  type InstancesTenant,
} from './instances';
import { eventually, redisDb } from './support';

const BUCKET = 'uptake-e2e-spool';
const MB = 1024 * 1024;
const PREFIX = 'e2e/';
/** Its own Redis database, so no other test file's worker takes these jobs (the others use 3 to 11). */
const REDIS_DB = 13;
const SLACK_ZIP = path.join(
  __dirname,
  '../../../../libs/connectors/src/slack-export/fixtures/slack-export-business.zip',
);

/** Three messages by two people on one day: 3 records read, 3 stored. */
const csv = (id: string) =>
  [
    'external_id,occurred_at,actor_id,type,group_id',
    `${id}-1,2026-11-02T09:00:00Z,ann@example.com,post,general`,
    `${id}-2,2026-11-02T09:05:00Z,bob@example.com,reply,general`,
    `${id}-3,2026-11-02T09:07:00Z,ann@example.com,reply,general`,
  ].join('\n');
const CSV = csv('s3');

/**
 * The spool in an S3-compatible bucket, end to end: an API process (SPOOL_STORE=s3) streams uploads and
 * webhook batches into the bucket of a fake S3 peer, an in-process worker with no shared directory
 * downloads them (a zip needs a local file) and runs them, and the objects are gone once their runs
 * succeeded. A store that is down answers an upload with 503, and the API keeps serving.
 */
describe('the S3 spool store across API and worker', () => {
  const redisUrl = redisDb(testStoreUrls().redisUrl, REDIS_DB);
  let s3: FakeS3Server;
  let apiScratch: string;
  let workerScratch: string;
  let api: ServerInstance;
  let worker: INestApplicationContext;
  let dataSource: DataSource;
  let tenant: InstancesTenant;
  let baseUrl: string;

  const s3Environment = () => ({
    REDIS_URL: redisUrl,
    SPOOL_STORE: 's3',
    SPOOL_S3_BUCKET: BUCKET,
    SPOOL_S3_ENDPOINT: s3.endpoint,
    SPOOL_S3_REGION: 'eu-west-1',
    SPOOL_S3_PREFIX: PREFIX,
    SPOOL_S3_FORCE_PATH_STYLE: 'true',
    SPOOL_S3_ACCESS_KEY_ID: 'uptake-test',
    SPOOL_S3_SECRET_ACCESS_KEY: 'uptake-test-secret',
  });

  const post = (url: string, body: string | Buffer, token: string, type = 'application/octet-stream') =>
    fetch(`${baseUrl}/organisations/${tenant.organisation.id}${url}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': type },
      body,
    });
  /** An upload of `size` bytes of CSV-ish filler, streamed in 256 KB chunks without a Content-Length. */
  const streamUpload = (sourceId: string, size: number) => {
    async function* chunks() {
      for (let sent = 0; sent < size; sent += 256 * 1024)
        yield Buffer.alloc(Math.min(256 * 1024, size - sent), 'a');
    }
    return fetch(
      `${baseUrl}/organisations/${tenant.organisation.id}/sources/${sourceId}/uploads?filename=big.csv`,
      {
        method: 'POST',
        headers: { Authorization: `Bearer ${tenant.adminToken}`, 'Content-Type': 'application/octet-stream' },
        body: Readable.toWeb(Readable.from(chunks())) as ReadableStream<Uint8Array>,
        duplex: 'half',
      } as RequestInit,
    );
  };
  const finished = (id: string) =>
    eventually(
      () => dataSource.getRepository(SyncRun).findOneByOrFail({ id }),
      (run) => run.status === 'succeeded' || run.status === 'failed',
      60_000,
      `run ${id} to finish`,
    );
  const keyOf = (run: SyncRun) => parseS3Locator(run.input!.spoolPath)!.key;

  beforeAll(async () => {
    s3 = await startFakeS3([BUCKET]);
    apiScratch = await mkdtemp(path.join(os.tmpdir(), 'uptake-s3-api-'));
    workerScratch = await mkdtemp(path.join(os.tmpdir(), 'uptake-s3-worker-'));
    dataSource = await createDataSource(testStoreUrls().databaseUrl).initialize();
    tenant = await createInstancesTenant(dataSource, 's3-spool');
    worker = await createWorker(testConfig({ ...s3Environment(), SPOOL_DIR: workerScratch }));
    const port = await freePort();
    baseUrl = `http://127.0.0.1:${port}/api`;
    api = new ServerInstance(
      'api',
      'api',
      {
        ...s3Environment(),
        API_HOST: '127.0.0.1',
        API_PORT: String(port),
        UPLOAD_MAX_MB: '20',
        SPOOL_DIR: apiScratch,
      },
      'Uptake API listening',
    );
    await api.started;
    await untilHealthy(`${baseUrl}/health`, api, 60_000);
  }, 180_000);

  afterAll(async () => {
    await api?.stop();
    await worker?.close();
    if (tenant) await dataSource.query('DELETE FROM organisations WHERE id = $1', [tenant.organisation.id]);
    await dataSource?.destroy();
    await s3?.stop();
    await rm(apiScratch, { recursive: true, force: true });
    await rm(workerScratch, { recursive: true, force: true });
  });

  it('runs an uploaded CSV from the bucket with the right counts, then deletes its object', async () => {
    const source = await createSource(dataSource, tenant.organisation.id, 'csv');
    const response = await post(
      `/sources/${source.id}/uploads?filename=activity.csv`,
      CSV,
      tenant.adminToken,
    );
    expect(response.status).toBe(202);
    const accepted = (await response.json()) as { id: string; input: Record<string, unknown> };
    // The locator names the bucket: it stays on the run, never in the API's answer.
    expect(accepted.input).toEqual({ fileName: 'activity.csv', size: Buffer.byteLength(CSV) });

    const run = await finished(accepted.id);
    expect(run).toMatchObject({
      status: 'succeeded',
      recordsRead: 3,
      recordsInserted: 3,
      recordsQuarantined: 0,
    });
    expect(run.input!.spoolPath).toMatch(new RegExp(`^s3://${BUCKET}/${PREFIX}[0-9a-f-]{36}$`));
    const key = keyOf(run);
    const writes = s3.requests.filter((request) => request.key === key).map((request) => request.operation);
    // The API wrote it, the worker checked, downloaded and (after success) deleted it.
    expect(writes).toEqual(['PutObject', 'HeadObject', 'GetObject', 'DeleteObject']);
    await eventually(
      async () => s3.objects(BUCKET).has(key),
      (present) => !present,
      10_000,
      'the object to be deleted',
    );
    // The worker's download was removed once the run had read it.
    expect(await readdir(path.join(workerScratch, 'downloads'))).toEqual([]);
    // Nothing was written to the API's local directory.
    expect(await readdir(apiScratch)).toEqual([]);
  });

  it('runs a zip (which needs a local file) and a webhook batch through the bucket', async () => {
    const slack = await dataSource
      .getRepository(ActivitySource)
      .save({ organisationId: tenant.organisation.id, name: 'slack', connectorType: 'slack-export' });
    const zip = await post(
      `/sources/${slack.id}/uploads?filename=business.zip`,
      await readFile(SLACK_ZIP),
      tenant.adminToken,
    );
    expect(zip.status).toBe(202);
    const webhook = await createSource(dataSource, tenant.organisation.id, 'webhook');
    const batch = {
      events: [
        {
          externalId: 'w-s3-1',
          occurredAt: '2026-11-02T10:00:00Z',
          actorId: 'ann@example.com',
          type: 'post',
        },
      ],
    };
    const pushed = await post(
      `/sources/${webhook.id}/events`,
      JSON.stringify(batch),
      tenant.connectorToken,
      'application/json',
    );
    expect(pushed.status).toBe(202);

    const zipRun = await finished(((await zip.json()) as { id: string }).id);
    const batchRun = await finished(((await pushed.json()) as { id: string }).id);
    // The business fixture stores 30 records (fixtures/README.md; as in sync-inputs.int-spec).
    expect(zipRun).toMatchObject({ status: 'succeeded', recordsInserted: 30 });
    expect(batchRun).toMatchObject({ status: 'succeeded', recordsRead: 1, recordsInserted: 1 });
    for (const run of [zipRun, batchRun]) {
      await eventually(
        async () => s3.objects(BUCKET).has(keyOf(run)),
        (present) => !present,
        10_000,
        `the object of run ${run.id} to be deleted`,
      );
    }
    expect(s3.openUploads).toBe(0);
  });

  it('refuses an upload over UPLOAD_MAX_MB with 413, aborting its multipart upload: nothing is left', async () => {
    const source = await createSource(dataSource, tenant.organisation.id, 'csv');
    const objectsBefore = s3.objects(BUCKET).size;
    s3.requests.length = 0;
    // 20 MB + 1 byte against a 20 MB limit, sent chunked (no Content-Length, so only the streaming count
    // can stop it): two 8 MB parts are uploaded before the limit is passed.
    const tooLarge = await streamUpload(source.id, 20 * MB + 1);
    expect(tooLarge.status).toBe(413);
    expect(s3.requests.map((request) => request.operation)).toEqual(
      expect.arrayContaining(['CreateMultipartUpload', 'UploadPart', 'AbortMultipartUpload']),
    );
    expect(s3.objects(BUCKET).size).toBe(objectsBefore);
    expect(s3.openUploads).toBe(0);
    expect(await dataSource.getRepository(SyncRun).countBy({ sourceId: source.id })).toBe(0);
  });

  it('answers an upload with 503 while the store is down, keeps no run, and serves on', async () => {
    const source = await createSource(dataSource, tenant.organisation.id, 'csv');
    const webhook = await createSource(dataSource, tenant.organisation.id, 'webhook');
    await s3.stop();
    try {
      const refused = await post(
        `/sources/${source.id}/uploads?filename=activity.csv`,
        CSV,
        tenant.adminToken,
      );
      expect(refused.status).toBe(503);
      expect(((await refused.json()) as { message: string }).message).toBe(
        'The spool store is unavailable; send the file again later',
      );
      // Larger than one part: the store fails while the body is still coming; the rest is drained and
      // the client reads the 503 (not a reset connection).
      const large = await streamUpload(source.id, 12 * MB);
      expect(large.status).toBe(503);
      const batch = await post(
        `/sources/${webhook.id}/events`,
        JSON.stringify({
          events: [
            {
              externalId: 'w-down',
              occurredAt: '2026-11-02T10:00:00Z',
              actorId: 'ann@example.com',
              type: 'post',
            },
          ],
        }),
        tenant.connectorToken,
        'application/json',
      );
      expect(batch.status).toBe(503);
      expect(await dataSource.getRepository(SyncRun).countBy({ sourceId: source.id })).toBe(0);
      expect(await dataSource.getRepository(SyncRun).countBy({ sourceId: webhook.id })).toBe(0);
      expect(api.running).toBe(true);
      expect((await fetch(`${baseUrl}/health/live`)).status).toBe(200);
    } finally {
      await s3.start();
    }
    // Back: the same upload goes through.
    const again = await post(
      `/sources/${source.id}/uploads?filename=activity.csv`,
      csv('s3-again'),
      tenant.adminToken,
    );
    expect(again.status).toBe(202);
    expect(await finished(((await again.json()) as { id: string }).id)).toMatchObject({
      status: 'succeeded',
      recordsInserted: 3,
    });
  });
});
