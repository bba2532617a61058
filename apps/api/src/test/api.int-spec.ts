import { ActivityEvent, Person, SyncRun } from '@uptake/persistence';
import { QUEUES } from '@uptake/queues';
import { testStoreUrls } from '@uptake/testing';
import { Queue } from 'bullmq';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { bearer, createTenant, startTestApi, type TestApi, type TestTenant } from './support';

describe('API against real Postgres and Redis', () => {
  let api: TestApi;
  let tenant: TestTenant;
  const server = () => api.app.getHttpServer();
  const asChangeManager = (url: string) =>
    request(server())
      .get(url)
      .set(...bearer(tenant.tokens.change_manager));

  beforeAll(async () => {
    api = await startTestApi();
    tenant = await createTenant(api.dataSource, 'api-test');
    const people = await api.dataSource
      .getRepository(Person)
      .save(
        Array.from({ length: 5 }, (_, i) => ({ organisationId: tenant.organisation.id, pseudonym: `p${i}` })),
      );
    await api.dataSource.getRepository(ActivityEvent).insert(
      people.map((person, i) => ({
        organisationId: tenant.organisation.id,
        sourceId: tenant.source.id,
        externalId: `e${i}`,
        actorId: person.id,
        type: 'post' as const,
        occurredAt: new Date('2026-04-01T09:00:00Z'),
      })),
    );
  });

  afterAll(async () => {
    await api.dataSource.query('DELETE FROM organisations WHERE id = $1', [tenant.organisation.id]);
    await api.close();
  });

  it('reports both stores up on /api/health, without sign-in', async () => {
    const response = await request(server()).get('/api/health').expect(200);
    expect(response.body.status).toBe('ok');
    expect(response.body.components.postgres.status).toBe('up');
    expect(response.body.components.redis.status).toBe('up');
    expect(response.body.components.spool.status).toBe('up');
  });

  it('reports a spool it cannot write to without letting it decide the status, and names no path', async () => {
    const parent = await mkdtemp(path.join(os.tmpdir(), 'uptake-health-'));
    // A file where the spool's parent directory should be: no directory can be created below it.
    await writeFile(path.join(parent, 'a-file'), 'not a directory');
    const blocked = await startTestApi({ SPOOL_DIR: path.join(parent, 'a-file', 'spool') });
    try {
      const response = await request(blocked.app.getHttpServer()).get('/api/health').expect(200);
      expect(response.body.status).toBe('ok');
      expect(response.body.components.spool).toEqual({
        status: 'down',
        error: "the file spool store cannot be written to (details in the API's log)",
      });
      expect(JSON.stringify(response.body)).not.toContain(parent);
      await request(blocked.app.getHttpServer()).get('/api/health/ready').expect(200);
    } finally {
      await blocked.close();
      await rm(parent, { recursive: true, force: true });
    }
  });

  it('sends security headers', async () => {
    const response = await request(server()).get('/api/health');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['content-security-policy']).toContain("default-src 'self'");
    expect(response.headers['x-powered-by']).toBeUndefined();
    expect(response.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('serves the OpenAPI document with the endpoints and their security', async () => {
    const response = await request(server()).get('/api/docs/openapi.json').expect(200);
    expect(Object.keys(response.body.paths)).toEqual(
      expect.arrayContaining([
        '/api/health',
        '/api/auth/login',
        '/api/organisations',
        '/api/organisations/{organisationId}/activity/daily',
        '/api/organisations/{organisationId}/sources/{sourceId}/sync',
        '/api/organisations/{organisationId}/members',
      ]),
    );
    const daily = response.body.paths['/api/organisations/{organisationId}/activity/daily'].get;
    expect(daily['x-required-roles']).toEqual(['admin', 'change_manager', 'executive']);
    expect(daily.security).toEqual(expect.arrayContaining([{ bearer: [] }]));
  });

  it('lists organisations with their people count', async () => {
    const response = await asChangeManager('/api/organisations').expect(200);
    expect(response.body).toEqual([
      {
        id: tenant.organisation.id,
        name: 'api-test',
        slug: tenant.organisation.slug,
        minGroupSize: 5,
        perturbation: false,
        people: 5,
      },
    ]);
  });

  it('returns the daily series, defaulting to the last active day', async () => {
    const response = await asChangeManager(
      `/api/organisations/${tenant.organisation.id}/activity/daily`,
    ).expect(200);
    expect(response.body.to).toBe('2026-04-01');
    expect(response.body.from).toBe('2026-01-02');
    expect(response.body.points).toHaveLength(90);
    expect(response.body.points.at(-1)).toEqual({ day: '2026-04-01', activePeople: 5, events: 5 });
  });

  it('names the bad query field', async () => {
    const response = await asChangeManager(
      `/api/organisations/${tenant.organisation.id}/activity/daily?from=2026-02-30`,
    ).expect(400);
    expect(response.body.message).toContain('from must be a calendar date YYYY-MM-DD (got "2026-02-30")');
  });

  it('rejects unknown query fields and reversed ranges', async () => {
    const unknown = await asChangeManager(
      `/api/organisations/${tenant.organisation.id}/activity/daily?colour=red`,
    ).expect(400);
    expect(unknown.body.message).toContain('property colour should not exist');
    const reversed = await asChangeManager(
      `/api/organisations/${tenant.organisation.id}/activity/daily?from=2026-03-02&to=2026-03-01`,
    ).expect(400);
    expect(reversed.body.message).toBe('from (2026-03-02) must not be after to (2026-03-01)');
  });

  it('answers 404 for an unknown organisation and 400 for a malformed source id', async () => {
    await asChangeManager('/api/organisations/7a0c3f0e-1111-4222-8333-444455556666/activity/daily').expect(
      404,
    );
    const malformed = await request(server())
      .get(`/api/organisations/${tenant.organisation.id}/sources/not-a-uuid/sync-runs`)
      .set(...bearer(tenant.tokens.connector_maintainer))
      .expect(400);
    expect(malformed.body.message).toContain('uuid');
  });

  it('queues a sync run as a BullMQ job whose id is the run id, and audits it', async () => {
    const response = await request(server())
      .post(`/api/organisations/${tenant.organisation.id}/sources/${tenant.source.id}/sync`)
      .set(...bearer(tenant.tokens.connector_maintainer))
      .expect(202);
    expect(response.body).toMatchObject({ sourceId: tenant.source.id, status: 'queued', trigger: 'manual' });
    const queue = new Queue(QUEUES.sync, { connection: { url: testStoreUrls().redisUrl } });
    try {
      const job = await queue.getJob(response.body.id);
      expect(job?.data).toEqual({
        organisationId: tenant.organisation.id,
        sourceId: tenant.source.id,
        syncRunId: response.body.id,
        // The request's id (x-request-id), so the worker's log lines of the job can be traced to it.
        requestId: response.headers['x-request-id'],
      });
      await job?.remove();
    } finally {
      await queue.close();
    }
    expect(await api.dataSource.getRepository(SyncRun).countBy({ id: response.body.id })).toBe(1);
    const audit = await request(server())
      .get(`/api/organisations/${tenant.organisation.id}/audit-events?limit=5`)
      .set(...bearer(tenant.tokens.admin))
      .expect(200);
    expect(audit.body[0]).toMatchObject({
      action: 'source.sync_requested',
      actorUserId: tenant.users.connector_maintainer.id,
      targetId: response.body.id,
    });
  });

  it('caps list sizes', async () => {
    const response = await request(server())
      .get(`/api/organisations/${tenant.organisation.id}/audit-events?limit=5000`)
      .set(...bearer(tenant.tokens.admin))
      .expect(400);
    expect(response.body.message).toContain('limit must not be greater than 200');
  });

  it('rejects bodies over 1 MB', async () => {
    const response = await request(server())
      .post(`/api/organisations/${tenant.organisation.id}/sources`)
      .set(...bearer(tenant.tokens.admin))
      .send({ name: 'big', connectorType: 'csv', settings: { blob: 'x'.repeat(1_100_000) } });
    expect(response.status).toBe(413);
  });
});
