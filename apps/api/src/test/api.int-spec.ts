import type { INestApplication } from '@nestjs/common';
import { loadConfig, requireStoreUrls } from '@uptake/config';
import {
  ActivityEvent,
  ActivitySource,
  createDataSource,
  Organisation,
  Person,
  SyncRun,
} from '@uptake/persistence';
import { QUEUES } from '@uptake/queues';
import { testStoreUrls, uniqueSuffix } from '@uptake/testing';
import { Queue } from 'bullmq';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import { createApi } from '../app/create-api';

describe('API against real Postgres and Redis', () => {
  let app: INestApplication;
  let dataSource: DataSource;
  let organisation: Organisation;
  let source: ActivitySource;
  const { databaseUrl, redisUrl } = testStoreUrls();

  beforeAll(async () => {
    const config = requireStoreUrls(
      loadConfig({ NODE_ENV: 'test', DATABASE_URL: databaseUrl, REDIS_URL: redisUrl, LOG_LEVEL: 'silent' }),
    );
    ({ app } = await createApi(config));
    await app.init();
    dataSource = await createDataSource(databaseUrl).initialize();
    organisation = await dataSource
      .getRepository(Organisation)
      .save({ name: 'Api Test AG', slug: `api-${uniqueSuffix()}` });
    source = await dataSource
      .getRepository(ActivitySource)
      .save({ organisationId: organisation.id, name: 'csv', connectorType: 'csv' });
    const people = await dataSource
      .getRepository(Person)
      .save(Array.from({ length: 5 }, (_, i) => ({ organisationId: organisation.id, pseudonym: `p${i}` })));
    await dataSource.getRepository(ActivityEvent).insert(
      people.map((person, i) => ({
        organisationId: organisation.id,
        sourceId: source.id,
        externalId: `e${i}`,
        actorId: person.id,
        type: 'post' as const,
        occurredAt: new Date('2026-04-01T09:00:00Z'),
      })),
    );
  });

  afterAll(async () => {
    await dataSource.getRepository(Organisation).delete(organisation.id);
    await dataSource.destroy();
    await app.close();
  });

  it('reports both stores up on /api/health', async () => {
    const response = await request(app.getHttpServer()).get('/api/health').expect(200);
    expect(response.body.status).toBe('ok');
    expect(response.body.components.postgres.status).toBe('up');
    expect(response.body.components.redis.status).toBe('up');
  });

  it('serves the OpenAPI document with the endpoints', async () => {
    const response = await request(app.getHttpServer()).get('/api/docs/openapi.json').expect(200);
    expect(Object.keys(response.body.paths)).toEqual(
      expect.arrayContaining([
        '/api/health',
        '/api/organisations',
        '/api/organisations/{organisationId}/activity/daily',
        '/api/organisations/{organisationId}/sources/{sourceId}/sync',
      ]),
    );
  });

  it('lists organisations with their people count', async () => {
    const response = await request(app.getHttpServer()).get('/api/organisations').expect(200);
    expect(response.body).toContainEqual({
      id: organisation.id,
      name: 'Api Test AG',
      slug: organisation.slug,
      minGroupSize: 5,
      people: 5,
    });
  });

  it('returns the daily series, defaulting to the last active day', async () => {
    const response = await request(app.getHttpServer())
      .get(`/api/organisations/${organisation.id}/activity/daily`)
      .expect(200);
    expect(response.body.to).toBe('2026-04-01');
    expect(response.body.from).toBe('2026-01-02');
    expect(response.body.points).toHaveLength(90);
    expect(response.body.points.at(-1)).toEqual({ day: '2026-04-01', activePeople: 5, events: 5 });
  });

  it('names the bad query field', async () => {
    const response = await request(app.getHttpServer())
      .get(`/api/organisations/${organisation.id}/activity/daily?from=2026-02-30`)
      .expect(400);
    expect(response.body.message).toContain('from must be a calendar date YYYY-MM-DD (got "2026-02-30")');
  });

  it('rejects unknown query fields and reversed ranges', async () => {
    const unknown = await request(app.getHttpServer())
      .get(`/api/organisations/${organisation.id}/activity/daily?colour=red`)
      .expect(400);
    expect(unknown.body.message).toContain('property colour should not exist');
    const reversed = await request(app.getHttpServer())
      .get(`/api/organisations/${organisation.id}/activity/daily?from=2026-03-02&to=2026-03-01`)
      .expect(400);
    expect(reversed.body.message).toBe('from (2026-03-02) must not be after to (2026-03-01)');
  });

  it('answers 404 for an unknown organisation and 400 for a malformed id', async () => {
    await request(app.getHttpServer())
      .get('/api/organisations/7a0c3f0e-1111-4222-8333-444455556666/activity/daily')
      .expect(404);
    const malformed = await request(app.getHttpServer())
      .get('/api/organisations/not-a-uuid/activity/daily')
      .expect(400);
    expect(malformed.body.message).toContain('uuid');
  });

  it('queues a sync run as a BullMQ job whose id is the run id', async () => {
    const response = await request(app.getHttpServer())
      .post(`/api/organisations/${organisation.id}/sources/${source.id}/sync`)
      .expect(202);
    expect(response.body).toMatchObject({ sourceId: source.id, status: 'queued', trigger: 'manual' });
    const queue = new Queue(QUEUES.sync, { connection: { url: redisUrl } });
    try {
      const job = await queue.getJob(response.body.id);
      expect(job?.data).toEqual({
        organisationId: organisation.id,
        sourceId: source.id,
        syncRunId: response.body.id,
      });
    } finally {
      await queue.obliterate({ force: true });
      await queue.close();
    }
    expect(await dataSource.getRepository(SyncRun).countBy({ id: response.body.id })).toBe(1);
  });

  it("does not find another organisation's source", async () => {
    const other = await dataSource
      .getRepository(Organisation)
      .save({ name: 'Other', slug: `other-${uniqueSuffix()}` });
    try {
      await request(app.getHttpServer())
        .post(`/api/organisations/${other.id}/sources/${source.id}/sync`)
        .expect(404);
    } finally {
      await dataSource.getRepository(Organisation).delete(other.id);
    }
  });
});
