import type { OrganisationSettings } from '@uptake/contracts';
import { lockOrganisationRollups, refreshRollups } from '@uptake/kpi';
import {
  JOBS,
  QUEUES,
  redisConnectionOptions,
  sourceSchedulerId,
  type RefreshRollupsJob,
} from '@uptake/queues';
import { testStoreUrls } from '@uptake/testing';
import { Queue } from 'bullmq';
import request from 'supertest';
import { bearer, createTenant, startTestApi, type TestApi, type TestTenant } from './support';

/*
 * Two people, a and b, each active on two days (k = 2, so the days are shown):
 *   2026-03-02 03:00/04:00 UTC -> 03-02 in UTC, 03-01 19:00/20:00 in Los Angeles (PST, UTC-8)
 *   2026-03-10 03:00/05:00 UTC -> 03-10 in UTC, 03-09 20:00/22:00 in Los Angeles (PDT since 03-08, UTC-7)
 * Los Angeles is behind UTC, so its days of the last events end before the UTC days the rollups hold:
 * a refresh over the new zone's days alone would leave 03-10 behind.
 */
const EVENTS: [string, string, 'a' | 'b', string][] = [
  ['s1', '2026-03-02T03:00:00.000Z', 'a', 'post'],
  ['s2', '2026-03-02T04:00:00.000Z', 'b', 'post'],
  ['s3', '2026-03-10T03:00:00.000Z', 'a', 'reaction'],
  ['s4', '2026-03-10T05:00:00.000Z', 'b', 'reply'],
];

describe('organisation settings', () => {
  let api: TestApi;
  let tenant: TestTenant;
  let other: TestTenant;
  let recompute: Queue<RefreshRollupsJob>;
  let sync: Queue;
  const server = () => api.app.getHttpServer();
  const settingsUrl = (t: TestTenant = tenant) => `/api/organisations/${t.organisation.id}/settings`;
  const patch = (body: unknown, token = tenant.tokens.admin) =>
    request(server())
      .patch(settingsUrl())
      .set(...bearer(token))
      .send(body as object);
  const read = async (t: TestTenant = tenant): Promise<OrganisationSettings> =>
    (
      await request(server())
        .get(settingsUrl(t))
        .set(...bearer(t.tokens.admin))
        .expect(200)
    ).body;
  const auditEntries = async (t: TestTenant = tenant) =>
    (
      await api.dataSource.query(
        `SELECT details, actor_user_id AS "actorUserId", target_id AS "targetId" FROM audit_events
         WHERE organisation_id = $1 AND action = 'organisation.settings_changed' ORDER BY id`,
        [t.organisation.id],
      )
    ).map((row: { details: unknown; actorUserId: string; targetId: string }) => row);
  const refreshJobs = async (t: TestTenant = tenant) =>
    (await recompute.getJobs(['waiting', 'delayed', 'active', 'completed', 'failed'])).filter(
      (job) => job.name === JOBS.refreshRollups && job.data.organisationId === t.organisation.id,
    );

  /** a and b with EVENTS, rolled up in the organisation's current zone. */
  async function seedActivity(t: TestTenant): Promise<void> {
    const people: Record<string, string> = {};
    for (const key of ['a', 'b']) {
      const [row] = await api.dataSource.query(
        `INSERT INTO people (organisation_id, pseudonym, in_directory) VALUES ($1, $2, true) RETURNING id`,
        [t.organisation.id, `settings-${key}`],
      );
      people[key] = row.id;
    }
    for (const [externalId, at, actor, type] of EVENTS) {
      await api.dataSource.query(
        `INSERT INTO activity_events (organisation_id, source_id, external_id, occurred_at, actor_id, type)
         VALUES ($1, $2, $3, $4, $5, $6)`,
        [t.organisation.id, t.source.id, externalId, at, people[actor], type],
      );
    }
    await refreshRollups(api.dataSource, t.organisation.id, { from: EVENTS[0][1], to: EVENTS[3][1] });
  }

  beforeAll(async () => {
    api = await startTestApi();
    tenant = await createTenant(api.dataSource, 'settings');
    other = await createTenant(api.dataSource, 'settings-other');
    const connection = redisConnectionOptions(testStoreUrls().redisUrl);
    recompute = new Queue<RefreshRollupsJob>(QUEUES.recompute, { connection });
    sync = new Queue(QUEUES.sync, { connection });
  });

  afterAll(async () => {
    for (const t of [tenant, other]) {
      for (const job of await refreshJobs(t)) await job.remove();
      await sync.removeJobScheduler(sourceSchedulerId(t.source.id));
    }
    await recompute.close();
    await sync.close();
    await api.dataSource.query('DELETE FROM organisations WHERE id = ANY($1)', [
      [tenant.organisation.id, other.organisation.id],
    ]);
    await api.close();
  });

  it('documents both operations with their roles and fields in OpenAPI (perturbation is not one)', () => {
    const operations = api.openApi.paths['/api/organisations/{organisationId}/settings'] as Record<
      string,
      Record<string, unknown>
    >;
    expect(operations['get']['x-required-roles']).toEqual(['admin', 'change_manager', 'executive']);
    expect(operations['patch']['x-required-roles']).toEqual(['admin']);
    expect(Object.keys(operations['patch']['responses'] as object)).toEqual(
      expect.arrayContaining(['200', '400', '401', '403', '404', '409', '503']),
    );
    const schemas = api.openApi.components!.schemas as Record<string, { properties: object }>;
    const fields = [
      'name',
      'timeZone',
      'minGroupSize',
      'workingDaysPerYear',
      'defaultHourlyCost',
      'defaultLocale',
      'eventRetentionMonths',
    ];
    expect(Object.keys(schemas['UpdateOrganisationSettingsDto'].properties)).toEqual(fields);
    expect(Object.keys(schemas['OrganisationSettingsDto'].properties)).toEqual(['id', ...fields]);
  });

  it('lets admins, change managers and executives read them, without the disclosure switch', async () => {
    for (const role of ['admin', 'change_manager', 'executive'] as const) {
      const { body } = await request(server())
        .get(settingsUrl())
        .set(...bearer(tenant.tokens[role]))
        .expect(200);
      expect(body).toEqual({
        id: tenant.organisation.id,
        name: 'settings',
        timeZone: 'UTC',
        minGroupSize: 5,
        workingDaysPerYear: 220,
        defaultHourlyCost: 60,
        defaultLocale: 'en',
        eventRetentionMonths: null,
      });
    }
    await request(server())
      .get(settingsUrl())
      .set(...bearer(tenant.tokens.connector_maintainer))
      .expect(403);
    await request(server())
      .get(settingsUrl())
      .set(...bearer(other.tokens.admin))
      .expect(404);
  });

  it('lets only admins change them; other roles get 403, another organisation 404, and nothing changes', async () => {
    for (const role of ['change_manager', 'executive', 'connector_maintainer'] as const) {
      await patch({ name: 'Taken over' }, tenant.tokens[role]).expect(403);
    }
    await patch({ name: 'Taken over' }, other.tokens.admin).expect(404);
    expect((await read()).name).toBe('settings');
    expect(await auditEntries()).toEqual([]);
  });

  it.each([
    [{ name: '' }, 'name must not be empty'],
    [{ name: '   ' }, 'name must not be empty'],
    [{ name: 'x'.repeat(121) }, 'name must be at most 120 characters (got 121)'],
    [{ name: null }, 'name must be text (got null)'],
    [{ name: 'Line\nbreak' }, 'name must not contain control characters (got "Line\\nbreak")'],
    [
      { timeZone: 'Mars/Olympus_Mons' },
      /^timeZone must be an IANA time zone .* \(got "Mars\/Olympus_Mons"\)$/,
    ],
    [{ timeZone: '+01:00' }, /^timeZone must be an IANA time zone .* \(got "\+01:00"\)$/],
    [{ timeZone: 'europe/berlin' }, /^timeZone must be an IANA time zone .* \(got "europe\/berlin"\)$/],
    [{ timeZone: null }, /^timeZone must be an IANA time zone .* \(got null\)$/],
    [{ minGroupSize: 1 }, 'minGroupSize must be a whole number from 2 to 100 (got 1)'],
    [{ minGroupSize: 101 }, 'minGroupSize must be a whole number from 2 to 100 (got 101)'],
    [{ minGroupSize: 2.5 }, 'minGroupSize must be a whole number from 2 to 100 (got 2.5)'],
    [{ minGroupSize: '5' }, 'minGroupSize must be a whole number from 2 to 100 (got "5")'],
    [{ workingDaysPerYear: 0 }, 'workingDaysPerYear must be a whole number from 1 to 366 (got 0)'],
    [{ workingDaysPerYear: 367 }, 'workingDaysPerYear must be a whole number from 1 to 366 (got 367)'],
    [
      { defaultHourlyCost: -1 },
      'defaultHourlyCost must be an amount (at most 2 decimals) from 0 to 10,000 (got -1)',
    ],
    [
      { defaultHourlyCost: 10_000.01 },
      'defaultHourlyCost must be an amount (at most 2 decimals) from 0 to 10,000 (got 10000.01)',
    ],
    [
      { defaultHourlyCost: 12.345 },
      'defaultHourlyCost must be an amount (at most 2 decimals) from 0 to 10,000 (got 12.345)',
    ],
    [{ defaultLocale: 'de' }, 'defaultLocale must be one of en, nl (got "de")'],
    [{ defaultLocale: null }, 'defaultLocale must be one of en, nl (got null)'],
    [{ perturbation: false }, 'property perturbation should not exist'],
    [{ slug: 'elsewhere' }, 'property slug should not exist'],
  ])('refuses %j with a 400 naming the field and the value', async (body, message) => {
    const before = await read();
    const response = await patch(body).expect(400);
    expect(response.body.message).toEqual([
      message instanceof RegExp ? expect.stringMatching(message) : message,
    ]);
    expect(await read()).toEqual(before);
  });

  it('keeps perturbation out of reach: it stays on however the body is shaped', async () => {
    await api.dataSource.query('UPDATE organisations SET perturbation = true WHERE id = $1', [
      tenant.organisation.id,
    ]);
    await patch({ name: 'settings', perturbation: false }).expect(400);
    const [row] = await api.dataSource.query('SELECT perturbation FROM organisations WHERE id = $1', [
      tenant.organisation.id,
    ]);
    expect(row.perturbation).toBe(true);
    await api.dataSource.query('UPDATE organisations SET perturbation = false WHERE id = $1', [
      tenant.organisation.id,
    ]);
  });

  it('changes name, k and the value-model defaults without a refresh, audits from/to, and serves the new name', async () => {
    const { body } = await patch({
      name: '  Acme Ltd  ',
      minGroupSize: 2,
      workingDaysPerYear: 200,
      defaultHourlyCost: 75.5,
      defaultLocale: 'nl',
    }).expect(200);
    expect(body).toEqual({
      settings: {
        id: tenant.organisation.id,
        name: 'Acme Ltd',
        timeZone: 'UTC',
        minGroupSize: 2,
        workingDaysPerYear: 200,
        defaultHourlyCost: 75.5,
        defaultLocale: 'nl',
        eventRetentionMonths: null,
      },
      changed: ['name', 'minGroupSize', 'workingDaysPerYear', 'defaultHourlyCost', 'defaultLocale'],
      rollupRefresh: null,
    });
    expect(await read()).toEqual(body.settings);
    expect(await refreshJobs()).toEqual([]);
    expect(await auditEntries()).toEqual([
      {
        actorUserId: tenant.users.admin.id,
        targetId: tenant.organisation.id,
        details: {
          name: { from: 'settings', to: 'Acme Ltd' },
          minGroupSize: { from: 5, to: 2 },
          workingDaysPerYear: { from: 220, to: 200 },
          defaultHourlyCost: { from: 60, to: 75.5 },
          defaultLocale: { from: 'en', to: 'nl' },
        },
      },
    ]);
    // Where the dashboard reads names from: the organisation picker and the memberships of the signed-in user.
    const organisations = await request(server())
      .get('/api/organisations')
      .set(...bearer(tenant.tokens.executive))
      .expect(200);
    expect(organisations.body).toEqual([expect.objectContaining({ name: 'Acme Ltd', minGroupSize: 2 })]);
    const me = await request(server())
      .get('/api/auth/me')
      .set(...bearer(tenant.tokens.executive))
      .expect(200);
    expect(me.body.memberships).toEqual([expect.objectContaining({ organisationName: 'Acme Ltd' })]);
    // A member who chose no language reads the organisation's new default.
    expect(me.body).toMatchObject({ locale: 'nl', preferredLocale: null });

    // The same values again: nothing changes, nothing is audited.
    const again = await patch({ name: 'Acme Ltd', defaultHourlyCost: 75.5 }).expect(200);
    expect(again.body).toMatchObject({ changed: [], rollupRefresh: null });
    expect(await auditEntries()).toHaveLength(1);
  });

  it("values goals without their own hourly cost or working days with the organisation's", async () => {
    await seedActivity(tenant);
    const goals = `/api/organisations/${tenant.organisation.id}/goals`;
    const createGoal = async (valueModel: object) =>
      (
        await request(server())
          .post(goals)
          .set(...bearer(tenant.tokens.change_manager))
          .send({ name: 'Weekly use', kpi: 'weekly_active_rate', baseline: 0, target: 1, valueModel })
          .expect(201)
      ).body;
    const following = await createGoal({
      kind: 'time-saved',
      minutesPerActivePersonPerDay: 6,
      currency: 'EUR',
    });
    const own = await createGoal({
      kind: 'time-saved',
      minutesPerActivePersonPerDay: 6,
      currency: 'EUR',
      hourlyCost: 100,
      workingDaysPerYear: 230,
    });
    // 2 weekly active people (a and b on 03-10) x 6 min x 200 days / 60 = 40 h; x 75.50 = 3,020
    expect(following.valueModel).toEqual({
      kind: 'time-saved',
      minutesPerActivePersonPerDay: 6,
      currency: 'EUR',
    });
    expect(following.annualValue).toEqual({
      activePeople: 2,
      hoursPerPersonPerYear: 20,
      hoursPerYear: 40,
      amount: 3020,
      currency: 'EUR',
      hourlyCost: 75.5,
      workingDaysPerYear: 200,
    });
    // 2 x 6 min x 230 days / 60 = 46 h; x 100 = 4,600
    expect(own.annualValue).toMatchObject({ hoursPerYear: 46, amount: 4600, hourlyCost: 100 });

    await patch({ defaultHourlyCost: 50, workingDaysPerYear: 220 }).expect(200);
    const listed = (
      await request(server())
        .get(goals)
        .set(...bearer(tenant.tokens.executive))
        .expect(200)
    ).body as { id: string; annualValue: { amount: number; hourlyCost: number } }[];
    const byId = new Map(listed.map((goal) => [goal.id, goal.annualValue]));
    // 2 x 6 x 220 / 60 = 44 h; x 50 = 2,200; the goal with its own figures does not move
    expect(byId.get(following.id)).toMatchObject({ hoursPerYear: 44, amount: 2200, hourlyCost: 50 });
    expect(byId.get(own.id)).toMatchObject({ amount: 4600, hourlyCost: 100 });
  });

  it('a new time zone queues a full rollup refresh and moves every day boundary once it has run', async () => {
    const organisationId = tenant.organisation.id;
    const server_ = server();
    // A scheduled source: its cron runs in the organisation's zone.
    await request(server_)
      .patch(`/api/organisations/${organisationId}/sources/${tenant.source.id}`)
      .set(...bearer(tenant.tokens.admin))
      .send({ schedule: '0 3 * * *' })
      .expect(200);
    expect((await sync.getJobScheduler(sourceSchedulerId(tenant.source.id)))?.tz).toBe('UTC');
    const activeDays = async () => {
      const { body } = await request(server_)
        .get(`/api/organisations/${organisationId}/activity/daily?from=2026-02-28&to=2026-03-11`)
        .set(...bearer(tenant.tokens.executive))
        .expect(200);
      return Object.fromEntries(
        (body.points as { day: string; activePeople: number }[])
          .filter((point) => point.activePeople !== 0)
          .map((point) => [point.day, point.activePeople]),
      );
    };
    const adoptionActiveDays = async () => {
      const { body } = await request(server_)
        .get(
          `/api/organisations/${organisationId}/kpis/adoption?from=2026-02-28&to=2026-03-11&granularity=day`,
        )
        .set(...bearer(tenant.tokens.executive))
        .expect(200);
      return (body.points as { start: string; active: number }[])
        .filter((point) => point.active !== 0)
        .map((point) => point.start);
    };
    expect(await activeDays()).toEqual({ '2026-03-02': 2, '2026-03-10': 2 });
    expect(await adoptionActiveDays()).toEqual(['2026-03-02', '2026-03-10']);

    const { body } = await patch({ timeZone: 'America/Los_Angeles' }).expect(200);
    // The whole event range, two days wider on each side (old-zone days outside the new zone's days).
    const rollupRefresh = { from: '2026-02-28T03:00:00.000Z', to: '2026-03-12T05:00:00.000Z' };
    expect(body).toEqual({
      settings: expect.objectContaining({ timeZone: 'America/Los_Angeles' }),
      changed: ['timeZone'],
      rollupRefresh,
    });
    const jobs = await refreshJobs();
    expect(jobs.map((job) => job.data)).toEqual([
      {
        organisationId,
        ...rollupRefresh,
        requestId: expect.any(String),
        refreshRequestId: expect.any(String),
      },
    ]);
    // Recorded with the change: the worker's reconciler queues it again should Redis lose the job.
    expect(
      await api.dataSource.query(
        `SELECT id::text AS id, range_from AS "from", range_to AS "to", reason
         FROM rollup_refresh_requests WHERE organisation_id = $1`,
        [organisationId],
      ),
    ).toEqual([
      {
        id: jobs[0].data.refreshRequestId,
        from: new Date(rollupRefresh.from),
        to: new Date(rollupRefresh.to),
        reason: 'time-zone-changed',
      },
    ]);
    expect((await sync.getJobScheduler(sourceSchedulerId(tenant.source.id)))?.tz).toBe('America/Los_Angeles');
    expect((await auditEntries()).at(-1).details).toEqual({
      timeZone: { from: 'UTC', to: 'America/Los_Angeles' },
    });

    // The daily series reads raw events and follows at once; the KPIs read rollups, still in the old days.
    expect(await activeDays()).toEqual({ '2026-03-01': 2, '2026-03-09': 2 });
    expect(await adoptionActiveDays()).toEqual(['2026-03-02', '2026-03-10']);
    // What the recompute worker does with the job.
    await refreshRollups(api.dataSource, organisationId, jobs[0].data);
    expect(await adoptionActiveDays()).toEqual(['2026-03-01', '2026-03-09']);
  });

  it('a time-zone change waits for a running rollup refresh (which would mix the two zones) to finish', async () => {
    const refresh = api.dataSource.createQueryRunner();
    await refresh.startTransaction();
    let answered = false;
    try {
      await lockOrganisationRollups(refresh.manager, tenant.organisation.id);
      const pending = patch({ timeZone: 'Europe/Paris' }).then((response) => {
        answered = true;
        return response;
      });
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(answered).toBe(false);
      await refresh.commitTransaction();
      const response = await pending;
      expect(response.status).toBe(200);
      expect(response.body.changed).toEqual(['timeZone']);
    } finally {
      if (refresh.isTransactionActive) await refresh.rollbackTransaction();
      await refresh.release();
    }
  });

  it('queues nothing for an organisation without events, nor for an unchanged zone', async () => {
    const { body } = await request(server())
      .patch(settingsUrl(other))
      .set(...bearer(other.tokens.admin))
      .send({ timeZone: 'Europe/Berlin' })
      .expect(200);
    expect(body).toMatchObject({ changed: ['timeZone'], rollupRefresh: null });
    expect(await refreshJobs(other)).toEqual([]);
    const unchanged = await request(server())
      .patch(settingsUrl(other))
      .set(...bearer(other.tokens.admin))
      .send({ timeZone: 'Europe/Berlin' })
      .expect(200);
    expect(unchanged.body).toMatchObject({ changed: [], rollupRefresh: null });
    expect(await auditEntries(other)).toHaveLength(1);
  });
});
