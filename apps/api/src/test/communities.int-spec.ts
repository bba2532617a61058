import { refreshRollups } from '@uptake/kpi';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { bearer, createTenant, startTestApi, type TestApi, type TestTenant } from './support';

/*
 * The community, best-case, persona, lifecycle, first-post and knowledge-flow endpoints on a hand-built
 * organisation (k = 2, UTC): Company (organisation) > Sales (a, b), Finance (c, d); everyone is a member of
 * the channel General. In General:
 *   03-02 09:00 a posts g1; 10:00 c replies (1 h, Finance answers Sales)
 *   03-03 09:00 b asks g2; nobody answers
 *   03-04 09:00 d posts g3; 13:00 b replies (4 h, Sales answers Finance)
 * A cohort "Pilot" (a, b) is a population, not a community.
 */
describe('community and people-dynamics endpoints', () => {
  let api: TestApi;
  let tenant: TestTenant;
  let cohort: string;
  const server = () => api.app.getHttpServer();
  const get = (path: string, token = () => tenant.tokens.change_manager) =>
    request(server())
      .get(`/api/organisations/${tenant.organisation.id}/kpis/${path}`)
      .set(...bearer(token()));
  const RANGE = 'from=2026-03-02&to=2026-03-22';

  beforeAll(async () => {
    api = await startTestApi();
    tenant = await createTenant(api.dataSource, 'communities');
    const organisationId = tenant.organisation.id;
    const q = (sql: string, params: unknown[]) => api.dataSource.query(sql, params);
    await q(`UPDATE organisations SET min_group_size = 2, time_zone = 'UTC' WHERE id = $1`, [organisationId]);
    const unit = async (name: string, kind: string, parent: string | null) => {
      const [row] = await q(
        `INSERT INTO org_units (organisation_id, name, kind, parent_id) VALUES ($1, $2, $3, $4) RETURNING id`,
        [organisationId, name, kind, parent],
      );
      return row.id as string;
    };
    const company = await unit('Company', 'organisation', null);
    const sales = await unit('Sales', 'department', company);
    const finance = await unit('Finance', 'department', company);
    const people: Record<string, string> = {};
    for (const [key, unitId] of [
      ['a', sales],
      ['b', sales],
      ['c', finance],
      ['d', finance],
    ]) {
      const [row] = await q(
        `INSERT INTO people (organisation_id, pseudonym, in_directory, org_unit_id, level)
         VALUES ($1, $2, true, $3, 3) RETURNING id`,
        [organisationId, `community-${key}`, unitId],
      );
      people[key] = row.id;
      await q(`INSERT INTO group_members (organisation_id, group_id, person_id) VALUES ($1, $2, $3)`, [
        organisationId,
        tenant.community.id,
        row.id,
      ]);
    }
    const [group] = await q(
      `INSERT INTO groups (organisation_id, name, kind) VALUES ($1, 'Pilot', 'cohort') RETURNING id`,
      [organisationId],
    );
    cohort = group.id;
    for (const key of ['a', 'b']) {
      await q(`INSERT INTO group_members (organisation_id, group_id, person_id) VALUES ($1, $2, $3)`, [
        organisationId,
        cohort,
        people[key],
      ]);
    }
    const events: [string, string, string, string, string | null, string | null][] = [
      ['g1', '2026-03-02T09:00:00Z', 'a', 'post', null, null],
      ['g1-c', '2026-03-02T10:00:00Z', 'c', 'reply', 'g1', 'a'],
      ['g2', '2026-03-03T09:00:00Z', 'b', 'question', null, null],
      ['g3', '2026-03-04T09:00:00Z', 'd', 'post', null, null],
      ['g3-b', '2026-03-04T13:00:00Z', 'b', 'reply', 'g3', 'd'],
    ];
    for (const [id, at, actor, type, thread, target] of events) {
      await q(
        `INSERT INTO activity_events (organisation_id, source_id, external_id, occurred_at, actor_id, type,
                                      group_id, thread_external_id, target_actor_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
        [
          organisationId,
          tenant.source.id,
          id,
          at,
          people[actor],
          type,
          tenant.community.id,
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

  it('lists the community with its health, and its detail; a cohort or an unknown group is no community', async () => {
    const report = (await get(`communities?${RANGE}`).expect(200)).body;
    expect(report.communities.map((c: { name: string }) => c.name)).toEqual(['General']);
    expect(report.total).toBe(1);
    const [general] = report.communities;
    // 3 threads (g1, g2, g3), 2 answered by someone else within 7 days (1 h and 4 h: median 2.5 h); the
    // question g2 is unanswered; both first responses cross departments.
    expect(general).toMatchObject({
      groupId: tenant.community.id,
      members: 4,
      activeMembers: 4,
      threads: 3,
      replyCoverage: 2 / 3,
      questions: 1,
      questionAnsweredRate: 0,
      medianHoursToFirstReply: 2.5,
      unansweredShare: 1 / 3,
      crossDepartmentShare: 1,
    });

    const detail = (await get(`communities/${tenant.community.id}?${RANGE}`).expect(200)).body;
    expect(detail.community.groupId).toBe(tenant.community.id);
    expect(detail.community.threads).toBe(3);
    await get(`communities/${cohort}?${RANGE}`).expect(404);
    await get(`communities/${randomUUID()}?${RANGE}`).expect(404);

    const refused = await get(`communities?${RANGE}&viralThreshold=99`).expect(400);
    expect(JSON.stringify(refused.body)).toContain('viralThreshold');
  });

  it('ranks best cases, and answers personas, lifecycle, first posts and knowledge flow', async () => {
    const best = (await get(`best-cases?${RANGE}`, () => tenant.tokens.executive).expect(200)).body;
    expect(best.candidates.length).toBeGreaterThan(0);
    expect(best.candidates.map((c: { rank: number }) => c.rank)).toEqual(
      best.candidates.map((_: unknown, index: number) => index + 1),
    );

    // a, b, c, d are active in the range and new in its first week
    const lifecycle = (await get(`lifecycle?${RANGE}`).expect(200)).body;
    expect(lifecycle.weeks[0]).toMatchObject({ week: '2026-03-02', active: 4, new: 4 });

    const personas = (await get(`personas?${RANGE}`).expect(200)).body;
    expect(personas.activePeople).toBe(4);

    // newcomers a, b, d: a and d answered within 24 h, b not. b alone is 1 person (< k = 2): the unanswered
    // group and the answered share (1 − share would be about b) are withheld.
    const firstPost = (await get(`first-post?${RANGE}`).expect(200)).body;
    expect(firstPost.answeredWithin24h).toBeNull();
    expect(firstPost.unanswered.people).toBeNull();
    expect(firstPost.suppressed).toEqual({ code: 'below-k', minGroupSize: 2 });
    // …and so are the week's and the community's shares of the same three first posts
    expect(firstPost.byWeek[0]).toMatchObject({ week: '2026-03-02', firstPosts: 3, answeredWithin24h: null });
    expect(firstPost.byCommunity[0]).toMatchObject({ firstPosts: 3, answeredWithin24h: null });
    await get(`first-post?${RANGE}&responseHours=0`).expect(400);

    // g1 (Sales) answered by Finance, g3 (Finance) answered by Sales
    const flow = (await get(`knowledge-flow?${RANGE}`).expect(200)).body;
    expect(flow).toMatchObject({ answeredThreads: 2, crossDepartmentShare: 1 });

    await get(`communities?${RANGE}`, () => tenant.tokens.connector_maintainer).expect(403);
  });
});
