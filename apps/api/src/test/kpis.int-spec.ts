import { refreshRollups } from '@uptake/kpi';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { bearer, createTenant, startTestApi, type TestApi, type TestTenant } from './support';

/*
 * A hand-built organisation (k = 2, time zone Europe/Paris = UTC+1 in March):
 *   Company (division) > Sales (a, b), Finance (c joined 03-10, d left 03-05); e is not in the directory.
 * Paris days of activity:
 *   a  03-02 post a1, self-reply to a1, reaction to b; 03-09 two reads (23:30 UTC on Sunday 03-08!); 03-20 reaction
 *   b  03-03 reaction to a's post
 *   d  03-02 read; 03-04 answer to e's question e2, two hours after it
 *   e  03-04 post e1 and question e2
 * A pilot group holds a and d.
 */
describe('KPI endpoints on a hand-computed fixture', () => {
  let api: TestApi;
  let tenant: TestTenant;
  const units: Record<string, string> = {};
  const people: Record<string, string> = {};
  let pilot: string;
  const server = () => api.app.getHttpServer();
  const get = (path: string) =>
    request(server())
      .get(`/api/organisations/${tenant.organisation.id}/kpis/${path}`)
      .set(...bearer(tenant.tokens.executive));

  beforeAll(async () => {
    api = await startTestApi();
    tenant = await createTenant(api.dataSource, 'kpis');
    const organisationId = tenant.organisation.id;
    const q = (sql: string, params: unknown[]) => api.dataSource.query(sql, params);
    await q(`UPDATE organisations SET min_group_size = 2, time_zone = 'Europe/Paris' WHERE id = $1`, [
      organisationId,
    ]);
    const unit = async (name: string, kind: string, parent: string | null) => {
      const [row] = await q(
        `INSERT INTO org_units (organisation_id, name, kind, parent_id) VALUES ($1, $2, $3, $4) RETURNING id`,
        [organisationId, name, kind, parent],
      );
      return row.id as string;
    };
    units['company'] = await unit('Company', 'division', null);
    units['sales'] = await unit('Sales', 'department', units['company']);
    units['finance'] = await unit('Finance', 'department', units['company']);
    const person = async (key: string, unitId: string | null, start: string | null, end: string | null) => {
      const [row] = await q(
        `INSERT INTO people (organisation_id, pseudonym, in_directory, org_unit_id, start_date, end_date)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
        [organisationId, `kpi-${key}`, unitId !== null, unitId, start, end],
      );
      people[key] = row.id;
    };
    await person('a', units['sales'], null, null);
    await person('b', units['sales'], null, null);
    await person('c', units['finance'], '2026-03-10', null);
    await person('d', units['finance'], null, '2026-03-05');
    await person('e', null, null, null);
    const [group] = await q(
      `INSERT INTO groups (organisation_id, name, kind) VALUES ($1, 'Pilot', 'cohort') RETURNING id`,
      [organisationId],
    );
    pilot = group.id;
    for (const key of ['a', 'd']) {
      await q(`INSERT INTO group_members (organisation_id, group_id, person_id) VALUES ($1, $2, $3)`, [
        organisationId,
        pilot,
        people[key],
      ]);
    }
    const events: [string, string, string, string, string | null, string | null][] = [
      ['a1', '2026-03-02T09:00:00Z', 'a', 'post', null, null],
      ['a2', '2026-03-02T10:00:00Z', 'a', 'reply', 'a1', 'a'],
      ['a3', '2026-03-02T11:00:00Z', 'a', 'reaction', null, 'b'],
      ['a4', '2026-03-08T23:30:00Z', 'a', 'read', null, null],
      ['a5', '2026-03-08T23:40:00Z', 'a', 'read', null, null],
      ['a6', '2026-03-20T12:00:00Z', 'a', 'reaction', null, 'e'],
      ['b1', '2026-03-03T09:00:00Z', 'b', 'reaction', 'a1', 'a'],
      ['d1', '2026-03-02T08:00:00Z', 'd', 'read', null, null],
      ['d2', '2026-03-04T11:30:00Z', 'd', 'answer', 'e2', 'e'],
      ['e1', '2026-03-04T09:00:00Z', 'e', 'post', null, null],
      ['e2', '2026-03-04T09:30:00Z', 'e', 'question', null, null],
    ];
    for (const [id, at, actor, type, thread, target] of events) {
      await q(
        `INSERT INTO activity_events (organisation_id, source_id, external_id, occurred_at, actor_id, type,
                                      thread_external_id, target_actor_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [
          organisationId,
          tenant.source.id,
          id,
          at,
          people[actor],
          type,
          thread,
          target ? people[target] : null,
        ],
      );
    }
    await refreshRollups(api.dataSource, organisationId, {
      from: '2026-03-01T00:00:00Z',
      to: '2026-03-31T00:00:00Z',
    });
  });

  afterAll(async () => {
    await api.dataSource.query('DELETE FROM organisations WHERE id = $1', [tenant.organisation.id]);
    await api.close();
  });

  const RANGE = 'from=2026-03-02&to=2026-03-22&granularity=week';

  it('adoption: eligible, active, DAU/WAU/MAU per ISO week, days cut in the organisation time zone', async () => {
    const { body } = await get(`adoption?${RANGE}`).expect(200);
    expect(body.scope).toMatchObject({ from: '2026-03-02', to: '2026-03-22', minGroupSize: 2 });
    const [w1, w2] = body.points;
    // daily actives 03-02 {a, d}, 03-03 {b}, 03-04 {d, e}: 5/7; stickiness (5/7)/4
    expect(w1).toEqual({
      start: '2026-03-02',
      end: '2026-03-08',
      eligible: 2,
      active: 4,
      activated: 2,
      adoptionRate: 1,
      averageDailyActive: 5 / 7,
      weeklyActive: 4,
      monthlyActive: 4,
      stickiness: 5 / 28,
      // nobody in this fixture joined a channel without being active (a join is not activity)
      joinedOnly: 0,
    });
    // a's reads at 23:30 UTC on Sunday are Monday in Paris: week 2 has one active person, withheld (k = 2)
    expect(w2).toMatchObject({ eligible: 3, active: null, activated: 2, adoptionRate: 2 / 3 });
    expect(w2.suppressed).toEqual({ code: 'below-k', minGroupSize: 2 });
  });

  it('filters on an org unit subtree and on a group', async () => {
    const sales = (await get(`adoption?${RANGE}&orgUnitId=${units['sales']}`).expect(200)).body.points[0];
    expect(sales).toMatchObject({ eligible: 2, active: 2, averageDailyActive: 2 / 7 });
    // the division holds everyone but e (no unit): its figures minus the organisation's would be e's, so
    // the division cannot be addressed (minimum difference rule, k = 2)
    const company = await get(`adoption?${RANGE}&orgUnitId=${units['company']}`).expect(400);
    expect(company.body.message).toMatch(/differs from the whole organisation by 1 people, fewer than k = 2/);
    // the pilot (a, d) has one eligible person on 03-08: nothing is shown
    const group = (await get(`adoption?${RANGE}&groupId=${pilot}`).expect(200)).body.points[0];
    expect(group).toMatchObject({ eligible: null, active: null, suppressed: { code: 'below-k' } });
    // an empty group: zero people is shown as zero, not withheld
    const [empty] = await api.dataSource.query(
      `INSERT INTO groups (organisation_id, name, kind) VALUES ($1, 'Empty', 'cohort') RETURNING id`,
      [tenant.organisation.id],
    );
    const none = (await get(`adoption?${RANGE}&groupId=${empty.id}`).expect(200)).body.points[0];
    expect(none).toMatchObject({ eligible: 0, active: 0, activated: 0, adoptionRate: null });
    expect(none.suppressed).toBeUndefined();
    await get(`adoption?${RANGE}&orgUnitId=${randomUUID()}`).expect(404);
    await get(`adoption?${RANGE}&granularity=year`).expect(400);
  });

  it('engagement: posts, replies, reactions per active person and time to first response', async () => {
    const [w1] = (await get(`engagement?${RANGE}`).expect(200)).body.points;
    // posts a1, e1, e2; replies a2 (self), d2; reactions a3, b1. Threads a1, e1, e2 by a and e:
    // only e2 got a response from someone else (d, two hours later); a's self-reply does not count.
    expect(w1).toMatchObject({
      active: 4,
      posts: 3,
      replies: 2,
      reactions: 2,
      postsPerActive: 0.75,
      repliesPerActive: 0.5,
      reactionsPerActive: 0.5,
      threads: 3,
      threadsWithResponse: 1 / 3,
      medianHoursToFirstResponse: 2,
    });
  });

  it('participation and retention, with figures over fewer than k people withheld', async () => {
    const participation = (await get(`participation?${RANGE}`).expect(200)).body;
    // week 1: eligible a (creator) and b (contributor): one person each, withheld
    expect(participation.points[0]).toMatchObject({
      eligible: 2,
      creators: null,
      contributors: null,
      readers: 0,
    });
    expect(participation.personas).toEqual({ creator: 2, responder: null, reactor: null, observer: 0 });

    const retention = (await get(`retention?${RANGE}&silentWeeks=1`).expect(200)).body;
    // a quarter of a cohort of 4 is one person: withheld like the count it is
    expect(retention.cohorts).toEqual([
      {
        week: '2026-03-02',
        size: 4,
        retained: [1, null, null],
        suppressed: { code: 'below-k', minGroupSize: 2 },
      },
    ]);
    // activated by 03-15: a, b, d, e; silent since: b, d, e. a came back after 11 silent days (1 person: withheld)
    expect(retention).toMatchObject({
      activated: 4,
      triedAndStopped: 3,
      triedAndStoppedRate: 0.75,
      reactivated: null,
    });
    expect(retention.byUnit.find((unit: { name: string }) => unit.name === 'Sales')).toMatchObject({
      activated: 2,
      triedAndStopped: null,
    });
  });

  it('network: interactions aggregated to units, crossing shares, and brokers for admins only', async () => {
    // interactions between two people: a->b, b->a, a->e, d->e (a's reply to itself does not count)
    const network = (await get(`network?${RANGE}`).expect(200)).body;
    // path b - a - e - d: 3 edges among 4 people
    expect(network.summary).toEqual({
      people: 4,
      interactions: 4,
      density: 0.5,
      averageDegree: 1.5,
      components: 1,
      largestComponentShare: 1,
    });
    // only a<->b have both departments known (both Sales): nothing crosses; levels are unknown
    expect(network.crossing.department).toEqual({ share: 0, interactions: 2, people: 2 });
    expect(network.crossing.hierarchyLevel).toEqual({ share: null, interactions: 0, people: 0 });
    const byName = Object.fromEntries(network.units.map((unit: { name: string }) => [unit.name, unit]));
    expect(byName['Sales']).toMatchObject({ people: 2, internalInteractions: 2 });
    // d's only interaction is with e, who has no unit: it is unassigned, so Finance has no node
    expect(byName['Finance']).toBeUndefined();
    expect(network.units).toHaveLength(1);
    expect(network.links).toEqual([]);

    await get(`network/people?${RANGE}`).expect(403);
    const people = (
      await request(server())
        .get(`/api/organisations/${tenant.organisation.id}/kpis/network/people?${RANGE}`)
        .set(...bearer(tenant.tokens.admin))
        .expect(200)
    ).body;
    // on the path b - a - e - d, a and e each sit on 2 of the 3 pairs' shortest paths: 2 x 2/((4-1)(4-2)) = 2/3
    expect(people.brokers.map((b: { pseudonym: string }) => b.pseudonym).sort()).toEqual(['kpi-a', 'kpi-e']);
    for (const broker of people.brokers) expect(broker.betweenness).toBeCloseTo(2 / 3);
    expect(JSON.stringify(people)).not.toMatch(/@/);

    await get(`people?${RANGE}`).expect(403);
    const rows = (
      await request(server())
        .get(`/api/organisations/${tenant.organisation.id}/kpis/people?${RANGE}&limit=2`)
        .set(...bearer(tenant.tokens.admin))
        .expect(200)
    ).body;
    // a: 6 events (post, reply, reaction, 2 reads, reaction) on 3 days; then d and e with 2 each
    expect(rows.total).toBe(5);
    expect(rows.people[0]).toMatchObject({
      pseudonym: 'kpi-a',
      persona: 'creator',
      events: 6,
      activeDays: 3,
    });
    expect(rows.people[1]).toMatchObject({ events: 2 });
    expect(rows.people).toHaveLength(2);
  });

  it('business goals: progress over the last 12 weeks, projected date, and value withheld below k', async () => {
    const goals = `/api/organisations/${tenant.organisation.id}/goals`;
    const created = await request(server())
      .post(goals)
      .set(...bearer(tenant.tokens.change_manager))
      .send({
        name: 'Everyone on board',
        kpi: 'adoption_rate',
        baseline: 0,
        target: 1,
        valueModel: { kind: 'time-saved', minutesPerActivePersonPerDay: 5, hourlyCost: 60, currency: 'EUR' },
      })
      .expect(201);
    // 12 weeks ending on the last active day (03-20): 9 weeks at 0 (a, b, d eligible, nobody active yet),
    // then 2/2 (week of 03-02: d has left), then 2/3 twice (c joined and never came)
    const { progress } = created.body;
    expect(progress.series).toHaveLength(12);
    expect(progress.series.map((point: { value: number }) => point.value)).toEqual([
      0,
      0,
      0,
      0,
      0,
      0,
      0,
      0,
      0,
      1,
      2 / 3,
      2 / 3,
    ]);
    expect(progress).toMatchObject({ currentWeek: '2026-03-16', status: 'on-track' });
    expect(progress.progress).toBeCloseTo(2 / 3);
    // one person active in the last 7 days: the value estimate would rest on fewer than k people
    expect(created.body.annualValue).toBeNull();

    const listed = (
      await request(server())
        .get(goals)
        .set(...bearer(tenant.tokens.executive))
        .expect(200)
    ).body;
    expect(listed.map((goal: { id: string }) => goal.id)).toContain(created.body.id);
    await request(server())
      .post(goals)
      .set(...bearer(tenant.tokens.change_manager))
      .send({ name: 'x', kpi: 'happiness', baseline: 0, target: 1 })
      .expect(400);
    await request(server())
      .post(goals)
      .set(...bearer(tenant.tokens.change_manager))
      .send({ name: 'x', kpi: 'adoption_rate', baseline: 0, target: 1, orgUnitId: randomUUID() })
      .expect(404);
  });

  it('diffusion: the cumulative adopters curve, with categories over fewer than k people withheld', async () => {
    const diffusion = (await get(`diffusion?${RANGE}`).expect(200)).body;
    // eligible on 03-22: a, b, c; adopted: a (03-02) and b (03-03), both in the first week
    expect(diffusion).toMatchObject({ eligible: 3, adopters: 2 });
    expect(diffusion.curve).toEqual([
      { week: '2026-03-02', adopters: 2 },
      { week: '2026-03-09', adopters: 2 },
      { week: '2026-03-16', adopters: 2 },
    ]);
    // a and b fall into two categories of one person each
    expect(
      diffusion.categories.every((c: { count: number | null }) => c.count === null || c.count === 0),
    ).toBe(true);
    await get(`diffusion?${RANGE}&targetShare=2`).expect(400);
  });
});
