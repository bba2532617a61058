import { latestReportDay } from '@uptake/config';
import request from 'supertest';
import { bearer, createTenant, startTestApi, type TestApi, type TestTenant } from './support';

/**
 * Nothing a user sends or a source contains takes the API down: days far in the past or future (a loop
 * over them used to run until the process ran out of memory), far dates already stored, ranges too long
 * to compute, and bodies or URLs that are not UTF-8, hold NUL or lone surrogates, or nest 100,000 deep.
 * Each is a 400 that names the field (or the body position); nothing is a 5xx.
 */
describe('availability: dates, ranges and malformed input', () => {
  let api: TestApi;
  let tenant: TestTenant;
  let organisationId: string;
  const server = () => api.app.getHttpServer();
  const get = (path: string) =>
    request(server())
      .get(`/api/organisations/${organisationId}${path}`)
      .set(...bearer(tenant.tokens.admin));
  const send = (method: 'post' | 'put' | 'patch', path: string, body: string | Buffer | object) => {
    const call = request(server())
      [method](`/api/organisations/${organisationId}${path}`)
      .set(...bearer(tenant.tokens.admin))
      .set('Content-Type', 'application/json');
    // Raw bytes as they are (supertest would otherwise serialise a Buffer as JSON).
    return typeof body === 'object' && !Buffer.isBuffer(body)
      ? call.send(body)
      : call.serialize((raw: unknown) => raw as string).send(body as string);
  };
  const tomorrow = () => latestReportDay(new Date());

  beforeAll(async () => {
    api = await startTestApi();
    tenant = await createTenant(api.dataSource, 'availability');
    organisationId = tenant.organisation.id;
  });

  afterAll(async () => {
    await api.dataSource.query('DELETE FROM organisations WHERE id = $1', [organisationId]);
    await api.close();
  });

  describe('days a user sends', () => {
    it.each([
      '/kpis/adoption',
      '/kpis/participation',
      '/kpis/engagement',
      '/kpis/retention',
      '/kpis/network',
      '/kpis/diffusion',
      '/activity/daily',
    ])('%s refuses to=9999-12-31 and from=0001-01-01, naming the field', async (path) => {
      const future = await get(`${path}?to=9999-12-31`).expect(400);
      expect(future.body.message).toBe(
        `to 9999-12-31 is after ${tomorrow()}, the latest accepted day (tomorrow, UTC)`,
      );
      const past = await get(`${path}?from=0001-01-01&to=2026-01-01`).expect(400);
      expect(past.body.message).toBe(
        'from 0001-01-01 is before 1990-01-01, the earliest accepted day (EVENT_EARLIEST_DATE)',
      );
    });

    it('accepts tomorrow (UTC) but not the day after', async () => {
      await get(`/kpis/adoption?to=${tomorrow()}`).expect(200);
      const dayAfter = new Date(Date.parse(`${tomorrow()}T00:00:00Z`) + 86_400_000)
        .toISOString()
        .slice(0, 10);
      const response = await get(`/activity/daily?to=${dayAfter}`).expect(400);
      expect(response.body.message).toContain(`to ${dayAfter} is after ${tomorrow()}`);
    });

    it('bounds range x granularity and the rollout comparison', async () => {
      const long = await get('/kpis/adoption?from=2020-01-01&to=2026-01-01&granularity=day').expect(400);
      expect(long.body.message).toBe('the range 2020-01-01..2026-01-01 is longer than 1100 days');
      // by month, an eight-year export can be read (twenty years at most)
      const byMonth = await get('/kpis/adoption?from=2018-01-01&to=2025-12-31&granularity=month').expect(200);
      expect(byMonth.body.points).toHaveLength(96);
      const tooLong = await get('/kpis/adoption?from=2000-01-01&to=2025-12-31&granularity=month').expect(400);
      expect(tooLong.body.message).toBe('the range 2000-01-01..2025-12-31 is longer than 7320 days');
      await get('/kpis/adoption?from=2018-01-01&to=2025-12-31&granularity=week').expect(200);
      const phase = `/rollouts/${tenant.plan.id}/phases/${tenant.phase.id}/comparison`;
      const year = await get(`${phase}?from=2024-01-01&to=2026-01-01`).expect(400);
      expect(year.body.message).toEqual([
        'from: 2024-01-01..2025-12-28 is more than 52 weeks; compare at most 52 weeks at a time',
      ]);
      const ancient = await get(`${phase}?from=0001-01-01&to=2026-01-01`).expect(400);
      expect(ancient.body.message).toContain('from 0001-01-01 is before 1990-01-01');
      await get(`${phase}?from=2025-10-01&to=2026-01-01`).expect(200);
    });

    it('refuses planning dates beyond ten years and days that do not exist', async () => {
      const goal = await send('post', '/goals', {
        name: 'Forever',
        kpi: 'adoption_rate',
        baseline: 0,
        target: 0.5,
        deadline: '9999-12-31',
      }).expect(400);
      expect(goal.body.message).toMatch(
        /^deadline 9999-12-31 is after \d{4}-\d{2}-\d{2}, the latest accepted day \(10 years ahead\)$/,
      );
      const unreal = await send('patch', `/goals/${tenant.goal.id}`, { deadline: '2026-02-30' }).expect(400);
      expect(unreal.body.message).toEqual(['deadline must be a real calendar date (got "2026-02-30")']);
      const plan = await send('post', '/rollouts', { name: 'Far', startDate: '9999-12-01' }).expect(400);
      expect(plan.body.message).toMatch(/^startDate 9999-12-01 is after /);
      const phase = await send('post', `/rollouts/${tenant.plan.id}/phases`, {
        name: 'Later',
        plannedStart: '2027-01-04',
        plannedEnd: '9999-12-31',
      }).expect(400);
      expect(phase.body.message).toMatch(/^plannedEnd 9999-12-31 is after /);
      const guidelines = await send('put', '/governance/guidelines', {
        version: '1',
        title: 'Rules',
        publishedOn: '2026-02-30',
      }).expect(400);
      expect(guidelines.body.message).toEqual([
        'publishedOn must be a real calendar date (got "2026-02-30")',
      ]);
    });
  });

  it('does not follow a far-future date stored before the window existed: defaults end tomorrow', async () => {
    const q = (sql: string, params: unknown[]) => api.dataSource.query(sql, params);
    const [person] = await q(
      `INSERT INTO people (organisation_id, pseudonym, in_directory) VALUES ($1, 'far-future', true) RETURNING id`,
      [organisationId],
    );
    await q(
      `INSERT INTO person_activity (organisation_id, person_id, first_day, last_day, active_days)
       VALUES ($1, $2, '2026-11-02', '9999-12-31', 2)`,
      [organisationId, person.id],
    );
    await q(
      `INSERT INTO activity_events (organisation_id, source_id, external_id, occurred_at, actor_id, type)
       VALUES ($1, $2, 'far', '9999-12-31T12:00:00Z', $3, 'post'), ($1, $2, 'farther', '12000-01-01T00:00:00Z', $3, 'post')`,
      [organisationId, tenant.source.id, person.id],
    );
    const adoption = await get('/kpis/adoption').expect(200);
    expect(adoption.body.scope.to).toBe(tomorrow());
    const daily = await get('/activity/daily').expect(200);
    expect(daily.body.to).toBe(tomorrow());
    await get('/goals').expect(200);
  });

  describe('malformed bodies and URLs', () => {
    const goal = { name: 'Half active', kpi: 'adoption_rate', baseline: 0, target: 0.5 };

    it.each([
      [
        '100,000 levels of [',
        '['.repeat(100_000) + ']'.repeat(100_000),
        'body: nested deeper than 32 levels',
      ],
      [
        '100,000 levels of {"a":',
        '{"a":'.repeat(100_000) + '1' + '}'.repeat(100_000),
        'body: nested deeper than 32 levels',
      ],
    ])('refuses %s with a 400, not a stack overflow', async (_label, body, message) => {
      const response = await send('post', '/goals', body).expect(400);
      expect(response.body.message[0]).toContain(message);
    });

    it('names the field holding NUL or a lone surrogate, also in the webhook endpoint', async () => {
      const nul = await send('post', '/goals', { ...goal, name: 'a\u0000b' }).expect(400);
      expect(nul.body.message).toEqual(['body.name: contains a NUL character (U+0000)']);
      const surrogate = await send(
        'post',
        '/goals',
        `{"name":"x\\ud800","kpi":"adoption_rate","baseline":0,"target":1}`,
      ).expect(400);
      expect(surrogate.body.message).toEqual(['body.name: contains a lone surrogate (not valid Unicode)']);
      const events = await send('post', `/sources/${tenant.source.id}/events`, {
        events: [
          { externalId: 'e1', occurredAt: '2026-11-02T09:00:00Z', actorId: 'ann\u0000@x.org', type: 'post' },
        ],
      }).expect(400);
      expect(events.body.message).toEqual(['body.events[0].actorId: contains a NUL character (U+0000)']);
    });

    it('refuses a body that is not UTF-8 instead of reading U+FFFD, with the byte position', async () => {
      const bytes = Buffer.concat([
        Buffer.from('{"name":"ann'),
        Buffer.from([0xff]),
        Buffer.from('","kpi":"adoption_rate","baseline":0,"target":1}'),
      ]);
      const response = await send('post', '/goals', bytes).expect(400);
      expect(response.body.message).toEqual([
        'body: not valid UTF-8 (byte 12); send the JSON encoded as UTF-8',
      ]);
      const [{ goals }] = await api.dataSource.query(
        `SELECT count(*)::int AS goals FROM business_goals WHERE organisation_id = $1 AND name LIKE 'ann%'`,
        [organisationId],
      );
      expect(goals).toBe(0);
    });

    it('refuses query strings with NUL or bytes that are not UTF-8, naming the parameter', async () => {
      const nul = await get('/kpis/adoption?to=%00').expect(400);
      expect(nul.body.message).toEqual(['query parameter "to": contains a NUL character (%00)']);
      const bad = await get('/sync-runs?status=%FF').expect(400);
      expect(bad.body.message).toEqual([
        'query parameter "status": not valid UTF-8 once percent-decoded (byte 0)',
      ]);
    });
  });
});
