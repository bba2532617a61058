import { createDataSource, QuarantinedRecord, SyncRun } from '@uptake/persistence';
import { JOBS, QUEUES, sourceSchedulerId } from '@uptake/queues';
import { Queue } from 'bullmq';
import type { DataSource } from 'typeorm';
import { testStoreUrls, uniqueSuffix } from '@uptake/testing';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { bearer, createTenant, startTestApi, type TestApi, type TestTenant } from './support';

const CSV = [
  'external_id,occurred_at,actor_id,type,group_id',
  'm1,2026-11-02T09:00:00Z,ann@example.com,post,general',
  'm2,2026-11-02T09:05:00Z,bob@example.com,reply,general',
].join('\n');

describe('uploads and webhook pushes', () => {
  let api: TestApi;
  let tenant: TestTenant;
  let spoolDir: string;
  const server = () => api.app.getHttpServer();
  const sources = () => `/api/organisations/${tenant.organisation.id}/sources`;

  const createSource = async (connectorType: string) => {
    const response = await request(server())
      .post(sources())
      .set(...bearer(tenant.tokens.connector_maintainer))
      .send({ name: `${connectorType} ${uniqueSuffix()}`, connectorType })
      .expect(201);
    return response.body.id as string;
  };

  beforeAll(async () => {
    spoolDir = await mkdtemp(path.join(os.tmpdir(), 'uptake-spool-'));
    api = await startTestApi({ SPOOL_DIR: spoolDir, UPLOAD_MAX_MB: '1' });
    tenant = await createTenant(api.dataSource, 'uploads');
  });

  afterAll(async () => {
    await api.dataSource.query('DELETE FROM organisations WHERE id = $1', [tenant.organisation.id]);
    await api.close();
    await rm(spoolDir, { recursive: true, force: true });
  });

  it('streams an upload to the spool and queues an upload run that names the file', async () => {
    const sourceId = await createSource('csv');
    const response = await request(server())
      .post(`${sources()}/${sourceId}/uploads?filename=activity.csv`)
      .set(...bearer(tenant.tokens.connector_maintainer))
      .set('Content-Type', 'application/octet-stream')
      .send(Buffer.from(CSV))
      .expect(202);
    expect(response.body).toMatchObject({
      status: 'queued',
      trigger: 'upload',
      input: { fileName: 'activity.csv', size: Buffer.byteLength(CSV) },
    });
    expect(JSON.stringify(response.body)).not.toContain(spoolDir);
    const run = await api.dataSource.getRepository(SyncRun).findOneByOrFail({ id: response.body.id });
    expect(run.input!.spoolPath.startsWith(spoolDir)).toBe(true);
    expect(await readFile(run.input!.spoolPath, 'utf8')).toBe(CSV);
  });

  it('refuses files over the limit, of the wrong type, or empty, keeping nothing', async () => {
    const sourceId = await createSource('csv');
    const upload = (name: string, body: Buffer) =>
      request(server())
        .post(`${sources()}/${sourceId}/uploads?filename=${name}`)
        .set(...bearer(tenant.tokens.connector_maintainer))
        .set('Content-Type', 'application/octet-stream')
        .send(body);
    const tooLarge = await upload('big.csv', Buffer.alloc(1024 * 1024 + 1, 'a')).expect(413);
    expect(tooLarge.body.message).toContain('1 MB');
    const wrongType = await upload('export.zip', Buffer.from('PK')).expect(415);
    expect(wrongType.body.message).toContain('.csv');
    await upload('empty.csv', Buffer.alloc(0)).expect(400);
    const manual = await request(server())
      .post(`${sources()}/${sourceId}/sync`)
      .set(...bearer(tenant.tokens.connector_maintainer))
      .expect(400);
    expect(manual.body.message).toContain('uploads');
    expect(await api.dataSource.getRepository(SyncRun).countBy({ sourceId })).toBe(0);
  });

  it('accepts a webhook batch from an API token and rejects a malformed one saying why', async () => {
    const sourceId = await createSource('webhook');
    const batch = {
      events: [
        { externalId: 'w1', occurredAt: '2026-11-02T10:00:00Z', actorId: 'ann@example.com', type: 'post' },
      ],
    };
    const accepted = await request(server())
      .post(`${sources()}/${sourceId}/events`)
      .set(...bearer(tenant.tokens.connector_maintainer))
      .send(batch)
      .expect(202);
    expect(accepted.body).toMatchObject({ trigger: 'webhook', status: 'queued' });
    const rejected = await request(server())
      .post(`${sources()}/${sourceId}/events`)
      .set(...bearer(tenant.tokens.connector_maintainer))
      .send({ events: 'nope' })
      .expect(400);
    expect(JSON.stringify(rejected.body.message)).toContain('events');
  });

  it('rejects connector settings that the connector does not accept, naming the field', async () => {
    const response = await request(server())
      .post(sources())
      .set(...bearer(tenant.tokens.connector_maintainer))
      .send({ name: 'graph', connectorType: 'ms-graph-reports', settings: { tenantId: 'not a tenant' } })
      .expect(400);
    expect(JSON.stringify(response.body.message)).toContain('settings.tenantId');
    const schedule = await request(server())
      .post(sources())
      .set(...bearer(tenant.tokens.connector_maintainer))
      .send({ name: 'demo', connectorType: 'demo', schedule: '61 * * * *' })
      .expect(400);
    expect(JSON.stringify(schedule.body.message)).toContain('schedule');
  });
});

describe('schedules, dead letters and the queue board', () => {
  let api: TestApi;
  let tenant: TestTenant;
  let queue: Queue;
  let dataSource: DataSource;
  const server = () => api.app.getHttpServer();
  // Its own Redis database: no worker of another test file takes these jobs.
  const redisUrl = (() => {
    const url = new URL(testStoreUrls().redisUrl);
    url.pathname = '/4';
    return url.toString();
  })();

  beforeAll(async () => {
    dataSource = await createDataSource(testStoreUrls().databaseUrl).initialize();
    tenant = await createTenant(dataSource, 'dead-letters');
  });

  afterAll(async () => {
    await queue?.obliterate({ force: true });
    await queue?.close();
    await dataSource.query('DELETE FROM organisations WHERE id = $1', [tenant.organisation.id]);
    await dataSource.destroy();
    await api?.close();
  });

  it('keeps a source schedule as a BullMQ job scheduler in the organisation time zone', async () => {
    api = await startTestApi({ REDIS_URL: redisUrl, OPERATOR_EMAILS: tenant.users.admin.email });
    queue = new Queue(QUEUES.sync, { connection: { url: redisUrl } });
    const base = `/api/organisations/${tenant.organisation.id}/sources`;
    const created = await request(server())
      .post(base)
      .set(...bearer(tenant.tokens.admin))
      .send({ name: 'nightly', connectorType: 'demo', schedule: '0 3 * * *' })
      .expect(201);
    const scheduler = await queue.getJobScheduler(sourceSchedulerId(created.body.id));
    expect(scheduler).toMatchObject({ pattern: '0 3 * * *', tz: 'UTC', name: JOBS.scheduledSync });
    await request(server())
      .patch(`${base}/${created.body.id}`)
      .set(...bearer(tenant.tokens.admin))
      .send({ enabled: false })
      .expect(200);
    expect(await queue.getJobScheduler(sourceSchedulerId(created.body.id))).toBeFalsy();
  });

  it('lists failed runs as dead letters, retries them, and shows their quarantined records', async () => {
    const runs = api.dataSource.getRepository(SyncRun);
    const failed = await runs.save({
      organisationId: tenant.organisation.id,
      sourceId: tenant.source.id,
      status: 'failed',
      error: 'boom',
    });
    await api.dataSource.getRepository(QuarantinedRecord).save({
      organisationId: tenant.organisation.id,
      sourceId: tenant.source.id,
      syncRunId: failed.id,
      file: 'day.json',
      line: 3,
      field: 'ts',
      reason: 'ts: missing',
    });
    const runsUrl = `/api/organisations/${tenant.organisation.id}/sync-runs`;
    const deadLetters = await request(server())
      .get(`${runsUrl}?status=failed`)
      .set(...bearer(tenant.tokens.connector_maintainer))
      .expect(200);
    expect(deadLetters.body.map((run: { id: string }) => run.id)).toContain(failed.id);
    expect(deadLetters.body.every((run: { status: string }) => run.status === 'failed')).toBe(true);

    const quarantined = await request(server())
      .get(`${runsUrl}/${failed.id}/quarantined-records`)
      .set(...bearer(tenant.tokens.connector_maintainer))
      .expect(200);
    expect(quarantined.body).toEqual([
      expect.objectContaining({ file: 'day.json', line: 3, field: 'ts', reason: 'ts: missing' }),
    ]);

    const retried = await request(server())
      .post(`${runsUrl}/${failed.id}/retry`)
      .set(...bearer(tenant.tokens.connector_maintainer))
      .expect(202);
    expect(retried.body).toMatchObject({ id: failed.id, status: 'queued', error: null });
    expect((await queue.getJob(failed.id))?.data).toEqual({
      organisationId: tenant.organisation.id,
      sourceId: tenant.source.id,
      syncRunId: failed.id,
      requestId: retried.headers['x-request-id'],
    });
    const again = await request(server())
      .post(`${runsUrl}/${failed.id}/retry`)
      .set(...bearer(tenant.tokens.connector_maintainer))
      .expect(409);
    expect(again.body.message).toContain('queued');
  });

  it('opens the queue board to operators only', async () => {
    const board = await request(server())
      .get('/api/admin/queues')
      .set(...bearer(tenant.tokens.admin))
      .expect(200);
    expect(board.text).toContain('<html');
    await request(server())
      .get('/api/admin/queues')
      .set(...bearer(tenant.tokens.change_manager))
      .expect(404);
    await request(server()).get('/api/admin/queues').expect(404);
  });
});
