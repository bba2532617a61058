import { findFreePort } from '@uptake/infra-embedded';
import { AccessToken, ActivitySource, cleanSpool, SyncRun, User } from '@uptake/persistence';
import { QUEUES } from '@uptake/queues';
import { newToken } from '@uptake/security';
import { testConfig, testStoreUrls, uniqueSuffix } from '@uptake/testing';
import { Queue } from 'bullmq';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import * as http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { bearer, createTenant, startTestApi, type TestApi, type TestTenant } from './support';

const ROOT = path.resolve(__dirname, '../../../..');
const DECLARED_BYTES = 4 * 1024 * 1024;

async function until<T>(
  read: () => Promise<T>,
  check: (value: T) => boolean,
  timeoutMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read().catch(() => undefined);
    if (value !== undefined && check(value)) return value;
    if (Date.now() > deadline) throw new Error(`not reached within ${timeoutMs} ms (last: ${String(value)})`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Starts an upload that declares 4 MB and sends a first part only; the request stays open. */
function startUpload(port: number, url: string, token: string): http.ClientRequest {
  const upload = http.request({
    host: '127.0.0.1',
    port,
    method: 'POST',
    path: url,
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': 'application/octet-stream',
      'content-length': DECLARED_BYTES,
    },
  });
  upload.on('error', () => undefined);
  upload.write('external_id,occurred_at,actor_id,type\n' + 'x'.repeat(256 * 1024));
  return upload;
}

/** The spool files with something in them (the upload being written). */
async function spoolFiles(spoolDir: string): Promise<string[]> {
  const names = await readdir(spoolDir).catch(() => [] as string[]);
  const files: string[] = [];
  for (const name of names) {
    const size = (await stat(path.join(spoolDir, name)).catch(() => null))?.size ?? 0;
    if (size > 0) files.push(path.join(spoolDir, name));
  }
  return files;
}

describe('the spool: interrupted uploads, retention, usage', () => {
  const operatorEmail = `operator.${uniqueSuffix()}@ops.test`;
  let spoolDir: string;
  let api: TestApi;
  let tenant: TestTenant;
  let source: ActivitySource;
  let operatorToken: string;
  let apiProcess: ChildProcess | undefined;
  const uploadUrl = () =>
    `/api/organisations/${tenant.organisation.id}/sources/${source.id}/uploads?filename=activity.csv`;
  const runsOfSource = () => api.dataSource.getRepository(SyncRun).findBy({ sourceId: source.id });

  beforeAll(async () => {
    spoolDir = await mkdtemp(path.join(os.tmpdir(), 'uptake-spool-'));
    api = await startTestApi({ SPOOL_DIR: spoolDir, OPERATOR_EMAILS: operatorEmail });
    await api.app.listen(0, '127.0.0.1');
    tenant = await createTenant(api.dataSource, 'spool');
    source = await api.dataSource
      .getRepository(ActivitySource)
      .save({ organisationId: tenant.organisation.id, name: 'uploads', connectorType: 'csv' });
    const operator = await api.dataSource
      .getRepository(User)
      .save({ email: operatorEmail, passwordHash: '!' });
    const session = newToken('ups');
    await api.dataSource.getRepository(AccessToken).save({
      kind: 'session',
      tokenHash: session.hash,
      userId: operator.id,
      expiresAt: new Date(Date.now() + 3_600_000),
    });
    operatorToken = session.token;
  });

  afterAll(async () => {
    apiProcess?.kill('SIGKILL');
    await api.dataSource.query('DELETE FROM organisations WHERE id = $1', [tenant.organisation.id]);
    await api.dataSource.getRepository(User).delete({ email: operatorEmail });
    await api.close();
    await rm(spoolDir, { recursive: true, force: true });
  });

  it('reports spool usage to operators only', async () => {
    await writeFile(path.join(spoolDir, 'a'), 'x'.repeat(10));
    await writeFile(path.join(spoolDir, 'b'), 'x'.repeat(20));
    try {
      await expectUsage();
    } finally {
      await rm(path.join(spoolDir, 'a'));
      await rm(path.join(spoolDir, 'b'));
    }
  });

  async function expectUsage(): Promise<void> {
    const report = await request(api.app.getHttpServer())
      .get('/api/admin/spool')
      .set(...bearer(operatorToken))
      .expect(200);
    expect(report.body).toMatchObject({
      files: 2,
      bytes: 30,
      truncated: false,
      orphanGraceMinutes: 60,
      failedRetentionDays: 7,
    });
    expect(Date.parse(report.body.oldestModifiedAt)).toBeGreaterThan(Date.now() - 60_000);
    await request(api.app.getHttpServer())
      .get('/api/admin/spool')
      .set(...bearer(tenant.tokens.admin))
      .expect(404);
    await request(api.app.getHttpServer()).get('/api/admin/spool').expect(401);
  }

  it('removes the partial file at once when the client disconnects mid-upload, and creates no run', async () => {
    const { port } = api.app.getHttpServer().address() as { port: number };
    const upload = startUpload(port, uploadUrl(), tenant.tokens.connector_maintainer);
    await until(
      () => spoolFiles(spoolDir),
      (files) => files.length === 1,
    );
    upload.destroy();
    await until(
      () => readdir(spoolDir),
      (names) => names.length === 0,
      10_000,
    );
    expect(await runsOfSource()).toEqual([]);
  });

  it('leaves no file behind when the API process is killed mid-upload: the spool cleanup removes it', async () => {
    const config = testConfig();
    const port = await findFreePort();
    const started = Date.now();
    apiProcess = spawn(process.execPath, [path.join(ROOT, 'scripts/run-ts.cjs'), 'apps/api/src/main.ts'], {
      cwd: ROOT,
      env: {
        ...process.env,
        NODE_OPTIONS: '',
        NODE_ENV: 'test',
        DATABASE_URL: testStoreUrls().databaseUrl,
        REDIS_URL: testStoreUrls().redisUrl,
        UPTAKE_SECRET_KEY: config.secretKey.toString('base64'),
        API_HOST: '127.0.0.1',
        API_PORT: String(port),
        SPOOL_DIR: spoolDir,
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    await until(
      () => fetch(`http://127.0.0.1:${port}/api/health`).then((response) => response.status),
      (status) => status === 200,
      90_000,
    );
    const upload = startUpload(port, uploadUrl(), tenant.tokens.connector_maintainer);
    const [partial] = await until(
      () => spoolFiles(spoolDir),
      (files) => files.length === 1,
    );
    apiProcess.kill('SIGKILL');
    await new Promise((resolve) => apiProcess!.once('exit', resolve));
    upload.destroy();
    // Nobody was left to clean up: the partial file stays, and no run was created for it.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(existsSync(partial)).toBe(true);
    expect(await runsOfSource()).toEqual([]);

    // The worker's reconciler runs this on every pass: within the grace period the file is left alone
    // (it could be an upload in progress on another API instance), after it the file goes.
    const options = { orphanGraceMs: 60 * 60_000, failedRetentionMs: 7 * 86_400_000 };
    expect(await cleanSpool(api.dataSource, spoolDir, options)).toMatchObject({ removed: 0, kept: 1 });
    const later = { ...options, now: Date.now() + 61 * 60_000 };
    expect(await cleanSpool(api.dataSource, spoolDir, later)).toMatchObject({ removed: 1, kept: 0 });
    expect(existsSync(partial)).toBe(false);
    expect(Date.now() - started).toBeLessThan(120_000);
  }, 150_000);

  it('retries a failed run whose job Redis lost, and refuses (409, naming the file) when its upload is gone', async () => {
    const queue = new Queue(QUEUES.sync, { connection: { url: testStoreUrls().redisUrl } });
    const runs = api.dataSource.getRepository(SyncRun);
    const runsUrl = `/api/organisations/${tenant.organisation.id}/sync-runs`;
    let jobId: string | undefined;
    try {
      const lostJob = await runs.save({
        organisationId: tenant.organisation.id,
        sourceId: tenant.source.id,
        status: 'failed',
        error: 'attempts used up',
      });
      const retried = await request(api.app.getHttpServer())
        .post(`${runsUrl}/${lostJob.id}/retry`)
        .set(...bearer(tenant.tokens.connector_maintainer))
        .expect(202);
      expect(retried.body).toMatchObject({ status: 'queued', error: null });
      jobId = lostJob.id;
      expect(await queue.getJobState(lostJob.id)).toBe('waiting');

      const fileGone = await runs.save({
        organisationId: tenant.organisation.id,
        sourceId: source.id,
        trigger: 'upload',
        status: 'failed',
        input: { fileName: 'march.csv', size: 10, spoolPath: path.join(spoolDir, 'removed-after-retention') },
      });
      const refused = await request(api.app.getHttpServer())
        .post(`${runsUrl}/${fileGone.id}/retry`)
        .set(...bearer(tenant.tokens.connector_maintainer))
        .expect(409);
      expect(refused.body.message).toMatch(/march\.csv .*no longer kept.*upload it again/);
      expect(await runs.findOneByOrFail({ id: fileGone.id })).toMatchObject({ status: 'failed' });
      await runs.delete({ id: fileGone.id });
    } finally {
      if (jobId) await (await queue.getJob(jobId))?.remove();
      await queue.close();
    }
  });
});
