import { pseudonymise } from '@uptake/ingest';
import { refreshRollups } from '@uptake/kpi';
import { JOBS, QUEUES, redisConnectionOptions, type EvaluateGatesJob } from '@uptake/queues';
import { proportionDifferenceInterval, RolloutEvaluator } from '@uptake/rollout';
import { RolloutPhase } from '@uptake/persistence';
import { Queue } from 'bullmq';
import request from 'supertest';
import { testStoreUrls } from '@uptake/testing';
import { bearer, createTenant, startTestApi, type TestApi, type TestTenant } from './support';

/*
 * A hand-built organisation (k = 2, UTC): Company > Pilot (p1..p4), Other (o1..o4), all in the directory.
 * Posts (each one a creation) in three ISO weeks; the data's last day is Sunday 03-22:
 *   week of 03-02: p1, p2          | o1
 *   week of 03-09: p1, p2, p3      | o1
 *   week of 03-16: p1, p2, p3      | o1, o2
 * The pilot phase targets the Pilot unit and is compared with the rest of the organisation.
 */
describe('rollout plans, gates and pilot vs comparison', () => {
  let api: TestApi;
  let tenant: TestTenant;
  let organisationId: string;
  let pilotUnit: string;
  const people: Record<string, string> = {};
  const server = () => api.app.getHttpServer();
  const as = (role: 'change_manager' | 'executive' | 'admin') => ({
    get: (path: string) =>
      request(server())
        .get(`/api/organisations/${organisationId}${path}`)
        .set(...bearer(tenant.tokens[role])),
    send: (method: 'post' | 'put' | 'patch' | 'delete', path: string, body?: object) =>
      request(server())
        [method](`/api/organisations/${organisationId}${path}`)
        .set(...bearer(tenant.tokens[role]))
        .send(body),
  });
  const manager = as('change_manager');

  beforeAll(async () => {
    api = await startTestApi();
    tenant = await createTenant(api.dataSource, 'rollouts');
    organisationId = tenant.organisation.id;
    const q = (sql: string, params: unknown[]) => api.dataSource.query(sql, params);
    await q(`UPDATE organisations SET min_group_size = 2, time_zone = 'UTC' WHERE id = $1`, [organisationId]);
    const [{ pseudonym_key: key }] = await q('SELECT pseudonym_key FROM organisations WHERE id = $1', [
      organisationId,
    ]);
    const unit = async (name: string, kind: string, parent: string | null) => {
      const [row] = await q(
        `INSERT INTO org_units (organisation_id, name, kind, parent_id) VALUES ($1, $2, $3, $4) RETURNING id`,
        [organisationId, name, kind, parent],
      );
      return row.id as string;
    };
    const company = await unit('Company', 'division', null);
    pilotUnit = await unit('Pilot', 'department', company);
    const otherUnit = await unit('Other', 'department', company);
    for (const name of ['p1', 'p2', 'p3', 'p4', 'o1', 'o2', 'o3', 'o4']) {
      const [row] = await q(
        `INSERT INTO people (organisation_id, pseudonym, in_directory, org_unit_id) VALUES ($1, $2, true, $3)
         RETURNING id`,
        [
          organisationId,
          pseudonymise(key, `${name}@example.test`),
          name.startsWith('p') ? pilotUnit : otherUnit,
        ],
      );
      people[name] = row.id;
    }
    const posts: [string, string][] = [
      ['p1', '2026-03-02'],
      ['p2', '2026-03-03'],
      ['o1', '2026-03-04'],
      ['p1', '2026-03-09'],
      ['p2', '2026-03-10'],
      ['p3', '2026-03-11'],
      ['o1', '2026-03-12'],
      ['p1', '2026-03-16'],
      ['p2', '2026-03-17'],
      ['p3', '2026-03-18'],
      ['o1', '2026-03-19'],
      ['o2', '2026-03-22'],
    ];
    for (const [index, [actor, day]] of posts.entries()) {
      await q(
        `INSERT INTO activity_events (organisation_id, source_id, external_id, occurred_at, actor_id, type)
         VALUES ($1, $2, $3, $4, $5, 'post')`,
        [organisationId, tenant.source.id, `post-${index}`, `${day}T12:00:00Z`, people[actor]],
      );
    }
    await refreshRollups(api.dataSource, organisationId, {
      from: '2026-03-01T00:00:00Z',
      to: '2026-03-23T00:00:00Z',
    });
  });

  afterAll(async () => {
    await api.dataSource.query('DELETE FROM organisations WHERE id = $1', [organisationId]);
    await api.close();
  });

  let planId: string;
  let pilotPhaseId: string;

  it('creates a plan from the default template: Pilot → Best cases → Full rollout with dated phases', async () => {
    const { body } = await manager
      .send('post', '/rollouts', {
        name: 'Rollout 2026',
        startDate: '2026-03-02',
        pilotTarget: { orgUnitIds: [pilotUnit] },
      })
      .expect(201);
    planId = body.id;
    expect(body.status).toBe('draft');
    expect(body.phases.map((p: { name: string }) => p.name)).toEqual(['Pilot', 'Best cases', 'Full rollout']);
    // 12 weeks from Monday 03-02 end on Sunday 05-24; the next phase starts the day after.
    expect(body.phases[0]).toMatchObject({
      plannedStart: '2026-03-02',
      plannedEnd: '2026-05-24',
      status: 'planned',
    });
    expect(body.phases[1].plannedStart).toBe('2026-05-25');
    expect(body.phases[0].target.orgUnitIds).toEqual([pilotUnit]);
    pilotPhaseId = body.phases[0].id;
  });

  it('rejects a bad pilot target naming the field, and creates nothing', async () => {
    const { body } = await manager
      .send('post', '/rollouts', { name: 'Broken', pilotTarget: { orgUnitIds: ['not-a-uuid'], teams: [] } })
      .expect(400);
    expect(body.message).toEqual([
      'pilotTarget.orgUnitIds[0]: must be a UUID',
      'pilotTarget: Unrecognized key: "teams"',
    ]);
    const { body: plans } = await manager.get('/rollouts').expect(200);
    expect(plans.map((plan: { name: string }) => plan.name)).not.toContain('Broken');
  });

  it('rejects bad phase input with the field that is wrong, and keeps the phase as it was', async () => {
    const tooHigh = await manager
      .send('put', `/rollouts/${planId}/phases/${pilotPhaseId}`, {
        name: 'Pilot',
        gateCriteria: [{ metric: 'weekly_active_rate', operator: '>=', threshold: 40, consecutiveWeeks: 2 }],
      })
      .expect(400);
    expect(tooHigh.body.message).toEqual([
      'gateCriteria[0].threshold: weekly_active_rate is a share: the threshold must be between 0 and 1 (0.4 for 40%)',
    ]);
    const unknownUnit = await manager
      .send('put', `/rollouts/${planId}/phases/${pilotPhaseId}`, {
        name: 'Pilot',
        target: { orgUnitIds: ['00000000-0000-4000-8000-000000000000'] },
      })
      .expect(400);
    expect(unknownUnit.body.message).toEqual([
      'target.orgUnitIds: org unit 00000000-0000-4000-8000-000000000000 not found',
    ]);
    const { body } = await manager.get(`/rollouts/${planId}`).expect(200);
    expect(body.phases[0].target.orgUnitIds).toEqual([pilotUnit]);
  });

  it('accepts a gate criterion on a measured effect, and names what it is missing', async () => {
    const path = `/rollouts/${planId}/phases/${pilotPhaseId}`;
    const missing = await manager
      .send('put', path, {
        name: 'Pilot',
        gateCriteria: [
          { metric: 'measured_effect', operator: '<=', threshold: -0.1 },
          {
            metric: 'weekly_active_rate',
            operator: '>=',
            threshold: 0.4,
            effect: { metric: 'usage:email.sent' },
          },
        ],
      })
      .expect(400);
    expect(missing.body.message).toEqual([
      'gateCriteria[0].effect: is required with measured_effect',
      'gateCriteria[1].effect: is only allowed with measured_effect',
    ]);
    const { body } = await manager
      .send('put', path, {
        name: 'Pilot',
        gateCriteria: [
          {
            id: 'emails',
            metric: 'measured_effect',
            operator: '<=',
            threshold: -0.1,
            effect: { metric: 'usage:email.sent' },
          },
        ],
      })
      .expect(200);
    expect(body.phases[0].gateCriteria).toEqual([
      {
        id: 'emails',
        metric: 'measured_effect',
        operator: '<=',
        threshold: -0.1,
        consecutiveWeeks: 1,
        effect: { metric: 'usage:email.sent', comparison: 'phase', preWeeks: 8, requireSignificant: true },
      },
    ]);
  });

  it('sets gate criteria; fields left out keep their values', async () => {
    const { body } = await manager
      .send('put', `/rollouts/${planId}/phases/${pilotPhaseId}`, {
        name: 'Pilot (Sales)',
        plannedEnd: null,
        gateCriteria: [
          { id: 'wau', metric: 'weekly_active_rate', operator: '>=', threshold: 0.5, consecutiveWeeks: 2 },
          { id: 'creators', metric: 'contributor_share', operator: '>=', threshold: 0.9 },
        ],
      })
      .expect(200);
    expect(body.phases[0]).toMatchObject({
      name: 'Pilot (Sales)',
      plannedStart: '2026-03-02',
      plannedEnd: null,
      target: { orgUnitIds: [pilotUnit] },
    });
    expect(body.phases[0].gateCriteria[1]).toEqual({
      id: 'creators',
      metric: 'contributor_share',
      operator: '>=',
      threshold: 0.9,
      consecutiveWeeks: 1,
    });
  });

  it('queues an evaluation for the worker when asked; requests while one waits join it', async () => {
    const queue = new Queue<EvaluateGatesJob>(QUEUES.rollouts, {
      connection: redisConnectionOptions(testStoreUrls().redisUrl),
    });
    try {
      await manager.send('post', `/rollouts/${planId}/evaluate`).expect(202, { queued: true });
      await manager.send('post', `/rollouts/${planId}/evaluate`).expect(202, { queued: true });
      // No worker runs in this test: the evaluation queued when the plan was created is still waiting, and
      // the edits and requests since then joined it.
      const waiting = (await queue.getJobs(['waiting', 'delayed'])).filter(
        (job) => job.name === JOBS.evaluateGates && job.data.planId === planId,
      );
      expect(waiting.map((job) => job.data)).toEqual([
        { organisationId, planId, trigger: 'change', requestId: expect.any(String) },
      ]);
    } finally {
      await queue.close();
    }
  });

  it('evaluates the gate on measured weeks: a criterion held for 2 weeks passes, one rising is at risk', async () => {
    const [evaluation] = await new RolloutEvaluator(api.dataSource).evaluatePlan(planId, 'manual');
    expect(evaluation).toMatchObject({
      phaseId: pilotPhaseId,
      asOf: '2026-03-22',
      population: 4,
      status: 'at-risk',
    });
    const [wau, creators] = evaluation.criteria;
    // Weekly active / eligible: 2/4, 3/4, 3/4 in the three weeks with posts.
    expect(wau.evidence.slice(-3)).toEqual([
      { week: '2026-03-02', value: 0.5, met: true },
      { week: '2026-03-09', value: 0.75, met: true },
      { week: '2026-03-16', value: 0.75, met: true },
    ]);
    expect(wau).toMatchObject({ status: 'pass', weeksMet: 3, value: 0.75 });
    // Creators / eligible: 0 in the 5 earlier weeks of evidence, then 0.5; in the last two weeks 3 of the 4 posted
    // and the fourth did nothing: the inactive class (1 person) would be the total minus the creators, so
    // complementary suppression withholds the creators too and the share is not known.
    expect(creators.evidence.map((week) => week.value)).toEqual([0, 0, 0, 0, 0, 0.5, null, null]);
    expect(creators).toMatchObject({ value: null, weeksMet: 0, suppressed: { code: 'below-k' } });
    // The phase's people became a cohort group every KPI endpoint can filter on.
    const { body: plan } = await manager.get(`/rollouts/${planId}`).expect(200);
    expect(plan.phases[0].latestEvaluation.id).toBe(evaluation.id);
    const adoption = await manager
      .get(`/kpis/adoption?from=2026-03-16&to=2026-03-22&groupId=${plan.phases[0].cohortGroupId}`)
      .expect(200);
    expect(adoption.body.points[0]).toMatchObject({ eligible: 4, weeklyActive: 3 });
    const byPhase = await manager
      .get(`/kpis/adoption?from=2026-03-16&to=2026-03-22&phaseId=${pilotPhaseId}`)
      .expect(200);
    expect(byPhase.body.points).toEqual(adoption.body.points);
    const both = await manager
      .get(`/kpis/adoption?phaseId=${pilotPhaseId}&groupId=${plan.phases[0].cohortGroupId}`)
      .expect(400);
    expect(both.body.message).toBe('groupId and phaseId cannot be combined: choose one');
  });

  it('compares the phase with the rest of the organisation with 95% intervals', async () => {
    const { body } = await manager.get(`/rollouts/${planId}/phases/${pilotPhaseId}/comparison`).expect(200);
    expect(body).toMatchObject({
      from: '2026-01-26',
      to: '2026-03-22',
      phasePopulation: 4,
      comparisonPopulation: 4,
      comparisonLabel: 'Rest of the organisation',
    });
    const wau = body.metrics.find((m: { metric: string }) => m.metric === 'weekly_active_rate');
    // Latest week: pilot 3 of 4 weekly active, the others 2 of 4 (o1, o2).
    const expected = proportionDifferenceInterval(3, 4, 2, 4);
    expect(wau).toMatchObject({ phase: 0.75, comparison: 0.5, significant: false });
    expect(wau.difference).toBeCloseTo(0.25, 10);
    expect(wau.low).toBeCloseTo(expected.low, 10);
    expect(wau.high).toBeCloseTo(expected.high, 10);
    // One weekly active person among the others (o1) is below k = 2: withheld, not 0.25.
    expect(wau.weeks.slice(-3)).toEqual([
      { week: '2026-03-02', phase: 0.5, comparison: null },
      { week: '2026-03-09', phase: 0.75, comparison: null },
      { week: '2026-03-16', phase: 0.75, comparison: 0.5 },
    ]);
  });

  it('rejects a bad comparison range or guidelines date, naming the field', async () => {
    const backwards = await manager
      .get(`/rollouts/${planId}/phases/${pilotPhaseId}/comparison?from=2026-03-20&to=2026-03-01`)
      .expect(400);
    expect(backwards.body.message).toBe('from (2026-03-20) must not be after to (2026-03-01)');
    const notADay = await manager
      .get(`/rollouts/${planId}/phases/${pilotPhaseId}/comparison?to=March`)
      .expect(400);
    expect(notADay.body.message).toEqual(['to must be a date YYYY-MM-DD']);
    const guidelines = await manager
      .send('put', '/governance/guidelines', { version: '2.0', title: 'Draft', publishedOn: 'soon' })
      .expect(400);
    expect(guidelines.body.message).toEqual(['publishedOn must be a date YYYY-MM-DD']);
  });

  it('advances only through an explicit, audited action; a gate that has not passed needs an override and a note', async () => {
    // Starting the first phase has no gate to pass.
    const started = await manager.send('post', `/rollouts/${planId}/advance`, {}).expect(200);
    expect(started.body.status).toBe('active');
    expect(started.body.phases[0].status).toBe('active');
    await new RolloutEvaluator(api.dataSource).evaluatePlan(planId, 'change');

    const refused = await manager.send('post', `/rollouts/${planId}/advance`, {}).expect(409);
    expect(refused.body.message).toMatch(
      /^the gate of phase 'Pilot \(Sales\)' is at-risk \(evaluated .*\): advance with override/,
    );
    const noNote = await manager.send('post', `/rollouts/${planId}/advance`, { override: true }).expect(400);
    expect(noNote.body.message).toBe("note is required when overriding the gate of phase 'Pilot (Sales)'");
    const unchanged = await manager.get(`/rollouts/${planId}`).expect(200);
    expect(unchanged.body.phases.map((p: { status: string }) => p.status)).toEqual([
      'active',
      'planned',
      'planned',
    ]);

    const advanced = await manager
      .send('post', `/rollouts/${planId}/advance`, { override: true, note: 'Sponsor wants Sales next' })
      .expect(200);
    expect(advanced.body.phases.map((p: { status: string }) => p.status)).toEqual([
      'completed',
      'active',
      'planned',
    ]);
    const { body: transitions } = await as('executive').get(`/rollouts/${planId}/transitions`).expect(200);
    expect(transitions).toHaveLength(2);
    expect(transitions[1]).toMatchObject({
      actor: tenant.users.change_manager.email,
      fromPhaseId: pilotPhaseId,
      toPhaseId: advanced.body.phases[1].id,
      overridden: true,
      gateStatus: 'at-risk',
      note: 'Sponsor wants Sales next',
    });
    const audit = await api.dataSource.query(
      `SELECT details FROM audit_events WHERE organisation_id = $1 AND action = 'rollout.phase_advanced' ORDER BY id`,
      [organisationId],
    );
    expect(audit.map((row: { details: { overridden: boolean } }) => row.details.overridden)).toEqual([
      false,
      true,
    ]);
    // A started phase stays in the plan.
    await manager.send('delete', `/rollouts/${planId}/phases/${pilotPhaseId}`).expect(409);
  });

  it('keeps the evaluation history, newest first', async () => {
    const { body } = await as('executive')
      .get(`/rollouts/${planId}/phases/${pilotPhaseId}/evaluations`)
      .expect(200);
    expect(body.map((e: { trigger: string }) => e.trigger)).toEqual(['change', 'manual']);
  });

  it('removes a phase that has not started and closes the gap in the order', async () => {
    const { body: before } = await manager.get(`/rollouts/${planId}`).expect(200);
    await manager.send('post', `/rollouts/${planId}/phases`, { name: 'Extra' }).expect(201);
    const { body } = await manager
      .send('delete', `/rollouts/${planId}/phases/${before.phases[2].id}`)
      .expect(200);
    expect(body.phases.map((p: { name: string; position: number }) => [p.position, p.name])).toEqual([
      [0, 'Pilot (Sales)'],
      [1, 'Best cases'],
      [2, 'Extra'],
    ]);
    expect(await api.dataSource.getRepository(RolloutPhase).countBy({ planId })).toBe(3);
  });

  it('governance: imports acknowledgements by identity (pseudonymised on arrival) and reports the share', async () => {
    await manager
      .send('put', '/governance/guidelines', {
        version: '1.0',
        title: 'How we work',
        publishedOn: '2026-03-01',
      })
      .expect(200);
    const { body: result } = await manager
      .send('post', '/governance/acknowledgements', {
        version: '1.0',
        people: [
          { person: 'P1@example.test' },
          { person: 'p2@example.test', acknowledgedOn: '2026-03-03' },
          { person: 'o1@example.test' },
          { person: 'p1@example.test' },
          { person: 'stranger@example.test' },
        ],
      })
      .expect(200);
    expect(result).toEqual({ version: '1.0', received: 5, matched: 3, unknown: 1 });
    const { body } = await as('executive').get('/governance').expect(200);
    expect(body).toEqual({
      guidelines: { version: '1.0', title: 'How we work', publishedOn: '2026-03-01', url: null },
      eligible: 8,
      acknowledged: 3,
      share: 0.375,
    });
    const missing = await manager
      .send('post', '/governance/acknowledgements', { version: '9', people: [] })
      .expect(404);
    expect(missing.body.message).toBe("Guidelines version '9' not found: publish it first");
  });

  it('lists org units with subtree head counts and the phase cohorts as groups', async () => {
    const { body: units } = await as('executive').get('/org-units').expect(200);
    expect(units.map((u: { name: string; people: number }) => [u.name, u.people])).toEqual([
      ['Company', 8],
      ...(units[1].name === 'Pilot'
        ? [
            ['Pilot', 4],
            ['Other', 4],
          ]
        : [
            ['Other', 4],
            ['Pilot', 4],
          ]),
    ]);
    const { body: groups } = await as('executive').get('/groups').expect(200);
    expect(groups).toContainEqual(
      expect.objectContaining({
        name: 'Rollout phase: Pilot (Sales)',
        kind: 'cohort',
        members: 4,
        sourceId: null,
      }),
    );
  });

  describe('a phase change recorded later (advance with startedOn)', () => {
    const dayFromToday = (days: number) =>
      new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
    const createPlan = async (name: string) =>
      (
        await manager
          .send('post', '/rollouts', {
            name,
            startDate: '2026-03-02',
            pilotTarget: { orgUnitIds: [pilotUnit] },
          })
          .expect(201)
      ).body.id as string;
    const statuses = (plan: { phases: { status: string }[] }) => plan.phases.map((p) => p.status);

    it('starts and completes phases at 00:00 of the given day (organisation time zone UTC here)', async () => {
      const plan = await createPlan('Recorded later');
      const started = await manager
        .send('post', `/rollouts/${plan}/advance`, { note: 'Pilot kick-off', startedOn: '2026-03-02' })
        .expect(200);
      expect(started.body.phases[0]).toMatchObject({
        status: 'active',
        startedAt: '2026-03-02T00:00:00.000Z',
      });
      // The pilot's gate has not been evaluated: moving on needs an override; backdated to Monday 03-16.
      const next = await manager
        .send('post', `/rollouts/${plan}/advance`, {
          override: true,
          note: 'Best cases began on the 16th',
          startedOn: '2026-03-16',
        })
        .expect(200);
      expect(statuses(next.body)).toEqual(['completed', 'active', 'planned']);
      expect(next.body.phases[0].completedAt).toBe('2026-03-16T00:00:00.000Z');
      expect(next.body.phases[1].startedAt).toBe('2026-03-16T00:00:00.000Z');
      const { body: transitions } = await manager.get(`/rollouts/${plan}/transitions`).expect(200);
      expect(transitions.map((t: { at: string }) => t.at)).toEqual([
        '2026-03-02T00:00:00.000Z',
        '2026-03-16T00:00:00.000Z',
      ]);
      // The same day as the previous change is accepted; it keeps its place after it.
      const last = await manager
        .send('post', `/rollouts/${plan}/advance`, {
          override: true,
          note: 'Same day',
          startedOn: '2026-03-16',
        })
        .expect(200);
      expect(statuses(last.body)).toEqual(['completed', 'completed', 'active']);
      expect(last.body.phases[2].startedAt).toBe('2026-03-16T00:00:00.000Z');
    });

    it("uses midnight of the organisation's time zone: Europe/Berlin is UTC+1 in March", async () => {
      const plan = await createPlan('Recorded later in Berlin');
      const zone = (name: string) =>
        api.dataSource.query('UPDATE organisations SET time_zone = $2 WHERE id = $1', [organisationId, name]);
      await zone('Europe/Berlin');
      try {
        const { body } = await manager
          .send('post', `/rollouts/${plan}/advance`, { startedOn: '2026-03-02' })
          .expect(200);
        // 2026-03-02 00:00 CET = 2026-03-01 23:00 UTC
        expect(body.phases[0].startedAt).toBe('2026-03-01T23:00:00.000Z');
      } finally {
        await zone('UTC');
      }
    });

    it('refuses a day in the future, naming startedOn, and changes nothing', async () => {
      const plan = await createPlan('Not yet');
      // Two days ahead is past the report window (tomorrow, UTC) ...
      const far = await manager
        .send('post', `/rollouts/${plan}/advance`, { startedOn: dayFromToday(2) })
        .expect(400);
      expect(far.body.message).toBe(
        `startedOn ${dayFromToday(2)} is after ${dayFromToday(1)}, the latest accepted day (tomorrow, UTC)`,
      );
      // ... and tomorrow is after today in the organisation's time zone (UTC).
      const tomorrow = await manager
        .send('post', `/rollouts/${plan}/advance`, { startedOn: dayFromToday(1) })
        .expect(400);
      expect(tomorrow.body.message).toBe(
        `startedOn ${dayFromToday(1)} is after ${dayFromToday(0)}, today in the organisation's time zone (UTC): a phase cannot start in the future`,
      );
      const notADay = await manager
        .send('post', `/rollouts/${plan}/advance`, { startedOn: '5 January' })
        .expect(400);
      expect(notADay.body.message).toEqual(['startedOn must be a date YYYY-MM-DD']);
      const early = await manager
        .send('post', `/rollouts/${plan}/advance`, { startedOn: '1900-01-01' })
        .expect(400);
      expect(early.body.message).toMatch(/^startedOn 1900-01-01 is before .*\(EVENT_EARLIEST_DATE\)$/);
      const { body } = await manager.get(`/rollouts/${plan}`).expect(200);
      expect(statuses(body)).toEqual(['planned', 'planned', 'planned']);
      expect(body.status).toBe('draft');
      const { body: transitions } = await manager.get(`/rollouts/${plan}/transitions`).expect(200);
      expect(transitions).toEqual([]);
    });

    it("refuses a day before the plan's previous phase change", async () => {
      const plan = await createPlan('Out of order');
      await manager.send('post', `/rollouts/${plan}/advance`, { startedOn: '2026-03-09' }).expect(200);
      const refused = await manager
        .send('post', `/rollouts/${plan}/advance`, {
          override: true,
          note: 'Earlier?',
          startedOn: '2026-03-08',
        })
        .expect(400);
      expect(refused.body.message).toBe(
        "startedOn 2026-03-08 is before 2026-03-09, the day of the plan's previous phase change",
      );
      const { body } = await manager.get(`/rollouts/${plan}`).expect(200);
      expect(statuses(body)).toEqual(['active', 'planned', 'planned']);
      expect(body.phases[0].startedAt).toBe('2026-03-09T00:00:00.000Z');
      // Without startedOn the change is now, as before.
      const before = Date.now();
      const now = await manager
        .send('post', `/rollouts/${plan}/advance`, { override: true, note: 'Today' })
        .expect(200);
      expect(Date.parse(now.body.phases[1].startedAt)).toBeGreaterThanOrEqual(before - 1_000);
    });
  });
});
