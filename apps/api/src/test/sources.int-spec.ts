import { CONNECTOR_TYPES } from '@uptake/contracts';
import { JOBS, QUEUES, redisConnectionOptions, type RefreshRollupsJob } from '@uptake/queues';
import { testStoreUrls } from '@uptake/testing';
import { Queue } from 'bullmq';
import request from 'supertest';
import { bearer, createTenant, startTestApi, type TestApi, type TestTenant } from './support';

describe('removing a source', () => {
  let api: TestApi;
  let tenant: TestTenant;
  let queue: Queue<RefreshRollupsJob>;

  beforeAll(async () => {
    api = await startTestApi();
    tenant = await createTenant(api.dataSource, 'removal');
    queue = new Queue<RefreshRollupsJob>(QUEUES.recompute, {
      connection: redisConnectionOptions(testStoreUrls().redisUrl),
    });
  });

  afterAll(async () => {
    await queue.close();
    await api.dataSource.query('DELETE FROM organisations WHERE id = $1', [tenant.organisation.id]);
    await api.close();
  });

  it('deletes its events and queues a rollup refresh of exactly the days they covered', async () => {
    const organisationId = tenant.organisation.id;
    const [person] = await api.dataSource.query(
      `INSERT INTO people (organisation_id, pseudonym) VALUES ($1, 'removal-a') RETURNING id`,
      [organisationId],
    );
    for (const [id, at] of [
      ['e1', '2026-02-03T08:00:00.000Z'],
      ['e2', '2026-02-17T16:30:00.000Z'],
    ]) {
      await api.dataSource.query(
        `INSERT INTO activity_events (organisation_id, source_id, external_id, occurred_at, actor_id, type)
         VALUES ($1, $2, $3, $4, $5, 'post')`,
        [organisationId, tenant.source.id, id, at, person.id],
      );
    }
    await request(api.app.getHttpServer())
      .delete(`/api/organisations/${organisationId}/sources/${tenant.source.id}`)
      .set(...bearer(tenant.tokens.admin))
      .expect(204);

    const [{ count }] = await api.dataSource.query(
      'SELECT count(*)::int AS count FROM activity_events WHERE source_id = $1',
      [tenant.source.id],
    );
    expect(count).toBe(0);
    const jobs = await queue.getJobs(['waiting', 'delayed', 'active', 'completed', 'failed']);
    expect(
      jobs.filter((job) => job.name === JOBS.refreshRollups && job.data.organisationId === organisationId),
    ).toEqual([
      expect.objectContaining({
        // The request's id travels with the job (logs follow it into the worker).
        data: {
          organisationId,
          from: '2026-02-03T08:00:00.000Z',
          to: '2026-02-17T16:30:00.000Z',
          requestId: expect.any(String),
          refreshRequestId: expect.any(String),
        },
      }),
    ]);
    // Recorded with the deletion: the worker's reconciler queues it again should Redis lose the job.
    const refresh = jobs.find((job) => job.data.organisationId === organisationId)!;
    expect(
      await api.dataSource.query(
        `SELECT id::text AS id, range_from AS "from", range_to AS "to", reason
         FROM rollup_refresh_requests WHERE organisation_id = $1`,
        [organisationId],
      ),
    ).toEqual([
      {
        id: refresh.data.refreshRequestId,
        from: new Date('2026-02-03T08:00:00.000Z'),
        to: new Date('2026-02-17T16:30:00.000Z'),
        reason: 'source-deleted',
      },
    ]);
  });
});

describe('GET /api/connectors', () => {
  let api: TestApi;
  let tenant: TestTenant;

  beforeAll(async () => {
    api = await startTestApi();
    tenant = await createTenant(api.dataSource, 'catalogue');
  });

  afterAll(async () => {
    await api.dataSource.query('DELETE FROM organisations WHERE id = $1', [tenant.organisation.id]);
    await api.close();
  });

  it('describes every connector from its own schemas, for any signed-in user', async () => {
    const { body } = await request(api.app.getHttpServer())
      .get('/api/connectors')
      .set(...bearer(tenant.tokens.connector_maintainer))
      .expect(200);
    expect(body.map((c: { type: string }) => c.type).sort()).toEqual([...CONNECTOR_TYPES].sort());
    const csv = body.find((c: { type: string }) => c.type === 'csv');
    expect(csv).toMatchObject({ input: 'file', fileExtensions: expect.arrayContaining(['.csv']) });
    expect(csv.settingsSchema).toMatchObject({ type: 'object', additionalProperties: false });
    const graph = body.find((c: { type: string }) => c.type === 'ms-graph-reports');
    expect(Object.keys(graph.credentialsSchema.properties ?? {})).toContain('clientSecret');
    // "Test connection" is offered where the connector has a test: API connectors that read a service.
    const testable = body
      .filter((c: { connectionTest: boolean }) => c.connectionTest)
      .map((c: { type: string }) => c.type);
    expect(testable).toEqual(
      expect.arrayContaining(['slack-api', 'ms-graph-reports', 'ms-teams', 'viva-engage-api']),
    );
    expect(testable).not.toContain('demo');
    expect(testable).not.toContain('csv');
    expect(testable).not.toContain('webhook');
  });
});
