import { addDays, refreshRollups, weekStart } from '@uptake/kpi';
import { Organisation, RolloutPhase } from '@uptake/persistence';
import { evaluateEffectCriterion, PhaseEffects } from '@uptake/rollout';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { bearer, createTenant, startTestApi, type TestApi, type TestTenant } from './support';

/*
 * The measured business case over the API, on a hand-built organisation (k = 5, UTC, no perturbation):
 * 60 people in the pilot cohort (p0..p59) and 60 in the rest (r0..r59); "Sales team" is r0..r9 (10 people),
 * "Tiny team" r10..r12 (3 people, below k).
 *
 * Daily e-mails sent (usage_metrics, usage:email.sent), weekdays only, over 14 complete weeks t = 0..13:
 * 8 pre weeks, the pilot starts on the Wednesday of week 8 (its Monday S is the first post week), 6 post
 * weeks up to the last complete week; person i of either group sends
 *   week value = 5 · level_i · f_t · m + noise,   level_i = 20 + (i mod 10)   (mean 24.5)
 *   f_t = 1 + 0.02·t (a trend everyone shares), m = 0.8 for the pilot from week 8 on (−20%), else 1,
 *   noise = +(i mod 3) in even weeks, −(i mod 3) in odd weeks (on the Monday): it sums to 0 over the 8 pre
 *   weeks and over the 6 post weeks of every person, so the effect is exact.
 * The current (incomplete) week holds absurd values (pilot 0, rest 1000): no window may use them.
 *
 * Phase effect (pre t = 0..7, post t = 8..13): mean f pre = 1 + 0.02·3.5 = 1.07, post = 1 + 0.02·10.5 = 1.21
 *   rest change  = 5 · 24.5 · (1.21 − 1.07)       = 122.5 · 0.14   = 17.15
 *   pilot change = 5 · 24.5 · (0.8 · 1.21 − 1.07) = 122.5 · −0.102 = −12.495
 *   effect = −12.495 − 17.15 = −29.645 (= −0.2 · 122.5 · 1.21: 20% of what the pilot would have sent)
 *   pilot pre mean = 122.5 · 1.07 = 131.075; relative effect = −29.645 / 131.075 = −0.226166…
 */
const PEOPLE_PER_GROUP = 60;
const DAY_SHARE = [1.2, 1.1, 1.0, 0.9, 0.8]; // Monday..Friday: sums to 5
const EFFECT = -29.645;

describe('the measured business case', () => {
  let api: TestApi;
  let tenant: TestTenant;
  let other: TestTenant;
  let organisationId: string;
  let pilot: string;
  let salesTeam: string;
  let tinyTeam: string;
  let otherGroup: string;
  /** Monday of the pilot's start week, and of the current week. */
  let start: string;
  let current: string;
  const server = () => api.app.getHttpServer();
  const url = (path: string) => `/api/organisations/${organisationId}/${path}`;
  const as = (role: keyof TestTenant['tokens']) => tenant.tokens[role];

  beforeAll(async () => {
    api = await startTestApi();
    tenant = await createTenant(api.dataSource, 'business-case');
    other = await createTenant(api.dataSource, 'business-case-other');
    organisationId = tenant.organisation.id;
    const q = (sql: string, params: unknown[]) => api.dataSource.query(sql, params);
    await q(
      `UPDATE organisations SET min_group_size = 5, time_zone = 'UTC', working_days_per_year = 220 WHERE id = $1`,
      [organisationId],
    );
    current = weekStart(new Date().toISOString().slice(0, 10));
    start = addDays(current, -7 * 6);

    const people = async (prefix: string): Promise<string[]> =>
      (
        await q(
          `INSERT INTO people (organisation_id, pseudonym, in_directory)
           SELECT $1, $2 || n, true FROM generate_series(0, $3 - 1) AS n ORDER BY n RETURNING id`,
          [organisationId, `bc-${prefix}`, PEOPLE_PER_GROUP],
        )
      ).map((row: { id: string }) => row.id);
    const pilotPeople = await people('p');
    const restPeople = await people('r');
    const group = async (name: string, kind: string, members: string[], org = organisationId) => {
      const [row] = await q(
        `INSERT INTO groups (organisation_id, name, kind) VALUES ($1, $2, $3) RETURNING id`,
        [org, name, kind],
      );
      await q(
        `INSERT INTO group_members (organisation_id, group_id, person_id) SELECT $1, $2, unnest($3::uuid[])`,
        [org, row.id, members],
      );
      return row.id as string;
    };
    pilot = await group('Pilot', 'cohort', pilotPeople);
    salesTeam = await group('Sales team', 'team', restPeople.slice(0, 10));
    tinyTeam = await group('Tiny team', 'team', restPeople.slice(10, 13));
    otherGroup = await group('Elsewhere', 'team', [], other.organisation.id);

    const persons: string[] = [];
    const days: string[] = [];
    const values: number[] = [];
    const first = addDays(start, -7 * 8);
    for (const [isPilot, ids] of [
      [true, pilotPeople],
      [false, restPeople],
    ] as const) {
      ids.forEach((id, i) => {
        const level = 20 + (i % 10);
        for (let t = 0; t < 14; t++) {
          const factor = (1 + 0.02 * t) * (isPilot && t >= 8 ? 0.8 : 1);
          const noise = (t % 2 === 0 ? 1 : -1) * (i % 3);
          DAY_SHARE.forEach((share, d) => {
            persons.push(id);
            days.push(addDays(first, 7 * t + d));
            values.push(level * factor * share + (d === 0 ? noise : 0));
          });
        }
        for (let d = 0; d < 7; d++) {
          persons.push(id);
          days.push(addDays(current, d));
          values.push(isPilot ? 0 : 1000);
        }
      });
    }
    await q(
      `INSERT INTO usage_metrics (organisation_id, source_id, person_id, day, metric, value)
       SELECT $1, $2, u.person, u.day, 'email.sent', u.value
       FROM unnest($3::uuid[], $4::date[], $5::float8[]) AS u(person, day, value)`,
      [organisationId, tenant.source.id, persons, days, values],
    );
    // 20 pilot people post on the Friday of the last complete week: the goal's assumed value counts them.
    await q(
      `INSERT INTO activity_events (organisation_id, source_id, external_id, occurred_at, actor_id, type)
       SELECT $1, $2, 'post-' || n, $3::timestamptz, ($4::uuid[])[n], 'post' FROM generate_series(1, 20) AS n`,
      [organisationId, tenant.source.id, `${addDays(current, -3)}T10:00:00Z`, pilotPeople],
    );
    await refreshRollups(api.dataSource, organisationId, {
      from: `${addDays(current, -7)}T00:00:00Z`,
      to: `${current}T00:00:00Z`,
    });
    // The pilot started on the Wednesday of week S; its cohort is resolved; the plan is active.
    await q(`UPDATE rollout_plans SET status = 'active' WHERE id = $1`, [tenant.plan.id]);
    await q(
      `UPDATE rollout_phases SET status = 'active', started_at = $2, cohort_group_id = $3 WHERE id = $1`,
      [tenant.phase.id, `${addDays(start, 2)}T10:00:00Z`, pilot],
    );
  });

  afterAll(async () => {
    await api.dataSource.query('DELETE FROM organisations WHERE id = ANY($1)', [
      [tenant.organisation.id, other.organisation.id],
    ]);
    await api.close();
  });

  const phaseEffect = (query: string, token = as('executive')) =>
    request(server())
      .get(url(`rollouts/${tenant.plan.id}/phases/${tenant.phase.id}/effects?${query}`))
      .set(...bearer(token));

  it('recovers the pilot’s effect within its interval, labelled an observational estimate', async () => {
    const report = (await phaseEffect('metric=usage:email.sent').expect(200)).body;
    expect(report).toMatchObject({
      label: 'observational estimate',
      estimable: true,
      reason: null,
      comparisonKind: 'rest-of-organisation',
      matching: null,
      phaseStart: start,
      pre: { from: addDays(start, -56), to: addDays(start, -1) },
      // 6 complete weeks since the start; the current week is not in it
      post: { from: start, to: addDays(current, -1) },
      minPeoplePerGroup: 30,
      treated: { people: 60 },
      comparison: { people: 60 },
      significant: true,
      // the seed is the first 32 bits of the phase id
      bootstrap: { replicates: 1000, seed: Number.parseInt(tenant.phase.id.slice(0, 8), 16) },
    });
    expect(report.treated.preMean).toBeCloseTo(131.075, 6);
    expect(report.treated.change).toBeCloseTo(-12.495, 6);
    expect(report.comparison.change).toBeCloseTo(17.15, 6);
    expect(report.effect.estimate).toBeCloseTo(EFFECT, 6);
    expect(report.relativeEffect.estimate).toBeCloseTo(EFFECT / 131.075, 6);
    expect(report.effect.low).toBeLessThan(EFFECT);
    expect(report.effect.high).toBeGreaterThan(EFFECT);
    expect(report.effect.high).toBeLessThan(0);
    // 14 weeks; week 0 of the pilot: 5 · 24.5 · 1 + mean(i mod 3) = 122.5 + 1
    expect(report.weeks).toHaveLength(14);
    expect(report.weeks[0].week).toBe(addDays(start, -56));
    expect(report.weeks[0].treated).toBeCloseTo(123.5, 6);
    expect(report.weeks.at(-1).week).toBe(addDays(current, -7));
    // the gap before the start is 0 every week: flat pre-trends
    expect(report.parallelTrends.slopePerWeek).toBeCloseTo(0, 9);
    expect(report.parallelTrends.flat).toBe(true);

    // the same request gives the same interval
    const again = (await phaseEffect('metric=usage:email.sent').expect(200)).body;
    expect([again.effect.low, again.effect.high]).toEqual([report.effect.low, report.effect.high]);
    // emails_sent_per_person_per_week reads usage:email.sent: the same figures
    const byKpi = (await phaseEffect('metric=emails_sent_per_person_per_week').expect(200)).body;
    expect(byKpi.effect.estimate).toBeCloseTo(EFFECT, 6);
    // an explicit, shorter post window
    const short = (await phaseEffect('metric=usage:email.sent&postWeeks=3&preWeeks=4').expect(200)).body;
    expect(short.pre).toEqual({ from: addDays(start, -28), to: addDays(start, -1) });
    expect(short.post).toEqual({ from: start, to: addDays(start, 20) });
    // more post weeks than are complete: only the complete ones
    const capped = (await phaseEffect('metric=usage:email.sent&postWeeks=40').expect(200)).body;
    expect(capped.post.to).toBe(addDays(current, -1));
  });

  it('serves a computed effect from the cache until a sync run brings new usage figures', async () => {
    const read = () => phaseEffect('metric=usage:email.read').expect(200);
    // no e-mail read figures yet: nothing to estimate
    expect((await read()).body.reason.code).toBe('empty-window');
    // the same figures as e-mails sent, as "read", without a sync: the cached answer stands
    await api.dataSource.query(
      `INSERT INTO usage_metrics (organisation_id, source_id, person_id, day, metric, value)
       SELECT organisation_id, source_id, person_id, day, 'email.read', value FROM usage_metrics
       WHERE organisation_id = $1 AND metric = 'email.sent'`,
      [organisationId],
    );
    expect((await read()).body.reason.code).toBe('empty-window');
    // a sync run finishes: the effect is computed again, on the new figures
    await api.dataSource.query(`UPDATE sync_runs SET finished_at = now() WHERE id = $1`, [tenant.syncRun.id]);
    const fresh = (await read()).body;
    expect(fresh.estimable).toBe(true);
    expect(fresh.effect.estimate).toBeCloseTo(EFFECT, 6);
  });

  it('decides a measured_effect gate criterion on the same estimate the API shows', async () => {
    const phase = await api.dataSource.getRepository(RolloutPhase).findOneByOrFail({ id: tenant.phase.id });
    const organisation = await api.dataSource
      .getRepository(Organisation)
      .findOneByOrFail({ id: organisationId });
    const effect = {
      metric: 'usage:email.sent',
      comparison: 'phase' as const,
      preWeeks: 8,
      requireSignificant: true,
    };
    const estimated = await new PhaseEffects(api.dataSource).estimate(organisation, phase, effect);
    const shown = (await phaseEffect('metric=usage:email.sent').expect(200)).body;
    expect(estimated.relativeEffect).toEqual(shown.relativeEffect);
    expect(estimated.relativeEffect.estimate).toBeCloseTo(EFFECT / 131.075, 9);
    const criterion = (threshold: number) => ({
      id: 'emails',
      metric: 'measured_effect' as const,
      operator: '<=' as const,
      threshold,
      consecutiveWeeks: 1,
      effect,
    });
    // −22.6%, interval well below 0: "down at least 10%" passes; "down at least 40%" is ruled out
    expect(evaluateEffectCriterion(criterion(-0.1), estimated).status).toBe('pass');
    expect(evaluateEffectCriterion(criterion(-0.4), estimated).status).toBe('fail');
    const notStarted = await new PhaseEffects(api.dataSource).estimate(
      organisation,
      { ...phase, startedAt: null },
      effect,
    );
    expect(evaluateEffectCriterion(criterion(-0.1), notStarted)).toMatchObject({
      status: 'no-data',
      explanation: expect.stringContaining('has not started'),
    });
  });

  it('names what it cannot measure, and what has not started', async () => {
    // Activity KPIs are person-week panels from the rollups (no activity in this tenant: a week is 0 for
    // everyone employed, so the effect is 0), and a matched comparison says who it matched.
    const activity = await phaseEffect('metric=weekly_active_rate').expect(200);
    expect(activity.body).toMatchObject({
      label: 'observational estimate',
      comparisonKind: 'rest-of-organisation',
    });
    const matched = await phaseEffect('metric=usage:email.sent&comparison=matched').expect(200);
    expect(matched.body.comparisonKind).toBe('matched');
    expect(matched.body.matching).not.toBeNull();
    const bad = await phaseEffect('metric=emails').expect(400);
    expect(JSON.stringify(bad.body)).toContain('metric');
    await phaseEffect('metric=usage:email.sent&preWeeks=1').expect(400);

    const q = (sql: string, params: unknown[]) => api.dataSource.query(sql, params);
    let position = 7;
    const phase = async (name: string, startedAt: string | null, cohort: string | null) => {
      const [row] = await q(
        `INSERT INTO rollout_phases (organisation_id, plan_id, position, name, target, comparison, started_at, cohort_group_id)
         VALUES ($1, $2, $6, $3, '{"orgUnitIds":[],"groupIds":[],"pseudonyms":[],"rules":[]}',
                 '{"kind":"rest-of-organisation"}', $4, $5) RETURNING id`,
        [organisationId, tenant.plan.id, name, startedAt, cohort, position++],
      );
      return row.id as string;
    };
    const get = (phaseId: string) =>
      request(server())
        .get(url(`rollouts/${tenant.plan.id}/phases/${phaseId}/effects?metric=usage:email.sent`))
        .set(...bearer(as('executive')));
    const planned = await get(await phase('Wave 2', null, null)).expect(409);
    expect(planned.body.message).toBe(
      "Rollout phase 'Wave 2' has not started: its effect is measured from the week it starts",
    );
    const unresolved = await get(await phase('Wave 3', `${start}T09:00:00Z`, null)).expect(409);
    expect(unresolved.body.message).toMatch(/people of rollout phase 'Wave 3' are not resolved yet/);
    const thisWeek = await get(await phase('Wave 4', `${current}T00:30:00Z`, pilot)).expect(409);
    expect(thisWeek.body.message).toMatch(/No week since the start .* is complete yet/);
    await get(randomUUID()).expect(404);
    await q(`DELETE FROM rollout_phases WHERE plan_id = $1 AND position >= 7`, [tenant.plan.id]);
  });

  it('logs interventions, validates them and measures their effect', async () => {
    const post = (body: object, token = as('change_manager')) =>
      request(server())
        .post(url('interventions'))
        .set(...bearer(token))
        .send(body);
    // A training for the pilot in its second week: pre t = 1..8, post t = 9..13 (5 complete weeks).
    const training = (
      await post({
        day: addDays(start, 7),
        kind: 'training',
        title: 'Working out loud for the pilot',
        target: { groupIds: [pilot] },
      }).expect(201)
    ).body;
    expect(training).toMatchObject({
      day: addDays(start, 7),
      kind: 'training',
      note: '',
      target: { groupIds: [pilot], orgUnitIds: [] },
    });
    const [audit] = await api.dataSource.query(
      `SELECT action, target_id FROM audit_events WHERE organisation_id = $1 AND action = 'intervention.created'`,
      [organisationId],
    );
    expect(audit).toEqual({ action: 'intervention.created', target_id: training.id });

    const effect = (id: string, query = 'metric=usage:email.sent') =>
      request(server())
        .get(url(`interventions/${id}/effect?${query}`))
        .set(...bearer(as('executive')));
    /*
     * Rest: mean f over t = 1..8 = 1.09, over t = 9..13 = 1.22; change 122.5 · 0.13.
     * Pilot: pre = (f1..f7 + 0.8·f8) / 8 = (8.72 − 0.2·1.16) / 8 = 1.061, post = 0.8 · 1.22 = 0.976.
     * Noise sums to 0 over t = 1..8; over t = 9..13 it is −(i mod 3)/5 a week for both groups alike.
     * effect = 122.5 · ((0.976 − 1.061) − (1.22 − 1.09)) = 122.5 · −0.215 = −26.3375
     */
    const measured = (await effect(training.id).expect(200)).body;
    expect(measured).toMatchObject({
      label: 'observational estimate',
      estimable: true,
      phaseStart: addDays(start, 7),
      post: { from: addDays(start, 7), to: addDays(current, -1) },
      treated: { people: 60 },
      comparison: { people: 60 },
      bootstrap: { seed: Number.parseInt(training.id.slice(0, 8), 16) },
    });
    expect(measured.effect.estimate).toBeCloseTo(-26.3375, 6);

    // 10 people: published, but too few for an estimate
    const sales = (
      await post({
        day: start,
        kind: 'nudge',
        title: 'Sales nudge',
        target: { groupIds: [salesTeam] },
      }).expect(201)
    ).body;
    const few = (await effect(sales.id).expect(200)).body;
    expect(few).toMatchObject({
      estimable: false,
      reason: { code: 'too-few-people' },
      treated: { people: 10 },
      effect: { estimate: null, low: null, high: null },
      significant: null,
    });
    // 3 people (below k): their count and weekly means are withheld
    const tiny = (
      await post({ day: start, kind: 'other', title: 'Tiny team', target: { groupIds: [tinyTeam] } }).expect(
        201,
      )
    ).body;
    const withheld = (await effect(tiny.id).expect(200)).body;
    expect(withheld).toMatchObject({
      estimable: false,
      reason: { code: 'too-few-people' },
      treated: { people: null, preMean: null },
      suppressed: { code: 'below-k', minGroupSize: 5 },
    });
    expect(withheld.weeks.every((week: { treated: number | null }) => week.treated === null)).toBe(true);

    // everyone: nobody to compare with
    const everyone = (
      await post({ day: addDays(start, 35), kind: 'leadership-post', title: 'CEO post' }).expect(201)
    ).body;
    expect((await effect(everyone.id).expect(422)).body.message).toMatch(
      /^target: the intervention was aimed at everyone/,
    );

    // validation, each naming its field
    const tooLate = await post({ day: addDays(current, 14), kind: 'training', title: 'x' }).expect(400);
    expect(JSON.stringify(tooLate.body)).toContain('day');
    const kind = await post({ day: start, kind: 'party', title: 'x' }).expect(400);
    expect(JSON.stringify(kind.body)).toContain('kind');
    const foreign = await post({
      day: start,
      kind: 'training',
      title: 'x',
      target: { groupIds: [otherGroup] },
    }).expect(404);
    expect(foreign.body.message).toBe(`target.groupIds[0]: Group ${otherGroup} not found`);
    const twice = await post({
      day: start,
      kind: 'training',
      title: 'x',
      target: { groupIds: [pilot, pilot] },
    }).expect(400);
    expect(twice.body.message).toMatch(/^target\.groupIds\[1\]: .* is listed twice/);
    await post({ day: start, kind: 'training', title: 'x' }, as('executive')).expect(403);

    // replace, list (oldest day first, filtered), delete
    const replaced = (
      await request(server())
        .put(url(`interventions/${sales.id}`))
        .set(...bearer(as('admin')))
        .send({ day: addDays(start, 1), kind: 'communication', title: 'Sales mail', note: 'by the VP' })
        .expect(200)
    ).body;
    expect(replaced).toMatchObject({
      id: sales.id,
      day: addDays(start, 1),
      kind: 'communication',
      title: 'Sales mail',
      note: 'by the VP',
      target: { groupIds: [], orgUnitIds: [] },
    });
    const list = (
      await request(server())
        .get(url(`interventions?from=${start}`))
        .set(...bearer(as('executive')))
        .expect(200)
    ).body;
    // the tenant's own (2026-03-09) is before the filter
    expect(list.map((i: { title: string }) => i.title)).toEqual([
      'Tiny team',
      'Sales mail',
      'Working out loud for the pilot',
      'CEO post',
    ]);
    await request(server())
      .get(url(`interventions?from=${current}&to=${start}`))
      .set(...bearer(as('executive')))
      .expect(400);
    for (const id of [sales.id, tiny.id, everyone.id]) {
      await request(server())
        .delete(url(`interventions/${id}`))
        .set(...bearer(as('change_manager')))
        .expect(204);
    }
    await request(server())
      .delete(url(`interventions/${sales.id}`))
      .set(...bearer(as('change_manager')))
      .expect(404);
    const actions = await api.dataSource.query(
      `SELECT action, count(*)::int AS n FROM audit_events WHERE organisation_id = $1 AND action LIKE 'intervention.%'
       GROUP BY action ORDER BY action`,
      [organisationId],
    );
    expect(actions).toEqual([
      { action: 'intervention.created', n: 4 },
      { action: 'intervention.deleted', n: 3 },
      { action: 'intervention.updated', n: 1 },
    ]);
  });

  it('keeps at most MAX_INTERVENTIONS per organisation', async () => {
    const otherId = other.organisation.id;
    // the tenant has 1; 499 more make 500
    await api.dataSource.query(
      `INSERT INTO interventions (organisation_id, day, kind, title)
       SELECT $1, '2026-03-02', 'other', 'filler ' || n FROM generate_series(1, 499) AS n`,
      [otherId],
    );
    const full = await request(server())
      .post(`/api/organisations/${otherId}/interventions`)
      .set(...bearer(other.tokens.admin))
      .send({ day: '2026-03-02', kind: 'training', title: 'one too many' })
      .expect(409);
    expect(full.body.message).toMatch(/at most 500 interventions/);
    const listed = await request(server())
      .get(`/api/organisations/${otherId}/interventions`)
      .set(...bearer(other.tokens.admin))
      .expect(200);
    expect(listed.body).toHaveLength(500);
  });

  describe('a goal measured by the pilot', () => {
    let goalId: string;
    const measurement = {
      planId: '',
      phaseId: '',
      metric: 'usage:email.sent',
      comparison: 'phase',
      preWeeks: 8,
      assumptions: {
        minutesPerUnit: 3,
        lowerIsBetter: true,
        people: 60,
        workingWeeksPerYear: 44,
        hourlyCost: 60,
        currency: 'EUR',
      },
    };
    const cost = {
      licencePerSeatPerMonth: 4,
      seats: 120,
      months: 12,
      oneOffCosts: 15_000,
      trainingHours: 120,
      championHours: 200,
    };

    beforeAll(async () => {
      measurement.planId = tenant.plan.id;
      measurement.phaseId = tenant.phase.id;
      const created = await request(server())
        .post(url('goals'))
        .set(...bearer(as('change_manager')))
        .send({
          name: 'Pilot sends fewer e-mails',
          kpi: 'emails_sent_per_person_per_week',
          baseline: 130,
          target: 100,
          groupId: pilot,
          valueModel: {
            kind: 'time-saved',
            minutesPerActivePersonPerDay: 5,
            currency: 'EUR',
            hourlyCost: 60,
          },
        })
        .expect(201);
      goalId = created.body.id;
    });

    const goalUrl = (path: string) => url(`goals/${goalId}/${path}`);

    it('needs a pre-period or a measurement to freeze a baseline; checks the measured plan and phase', async () => {
      const missing = await request(server())
        .post(goalUrl('baseline'))
        .set(...bearer(as('admin')))
        .send({})
        .expect(400);
      expect(missing.body.message).toMatch(/^from and to are needed: the goal has no measurement/);
      const half = await request(server())
        .post(goalUrl('baseline'))
        .set(...bearer(as('admin')))
        .send({ from: start })
        .expect(400);
      expect(half.body.message).toMatch(/^to: send from and to together/);
      const foreignPlan = await request(server())
        .put(goalUrl('measurement'))
        .set(...bearer(as('admin')))
        .send({ ...measurement, planId: other.plan.id })
        .expect(404);
      expect(foreignPlan.body.message).toBe(`planId: rollout plan ${other.plan.id} not found`);
      const foreignPhase = await request(server())
        .put(goalUrl('measurement'))
        .set(...bearer(as('admin')))
        .send({ ...measurement, phaseId: other.phase.id })
        .expect(404);
      expect(foreignPhase.body.message).toMatch(/^phaseId: rollout phase .* not found/);
      const badAssumption = await request(server())
        .put(goalUrl('measurement'))
        .set(...bearer(as('admin')))
        .send({ ...measurement, assumptions: { ...measurement.assumptions, currency: 'euro' } })
        .expect(400);
      expect(JSON.stringify(badAssumption.body)).toContain('assumptions.currency');
      await request(server())
        .put(goalUrl('measurement'))
        .set(...bearer(as('executive')))
        .send(measurement)
        .expect(403);
    });

    it('freezes the baseline over the 8 weeks before the pilot, and sees when the goal changes', async () => {
      const saved = await request(server())
        .put(goalUrl('measurement'))
        .set(...bearer(as('change_manager')))
        .send(measurement)
        .expect(200);
      expect(saved.body).toEqual(measurement);
      await request(server())
        .post(goalUrl('baseline'))
        .set(...bearer(as('executive')))
        .send({})
        .expect(403);
      const frozen = (
        await request(server())
          .post(goalUrl('baseline'))
          .set(...bearer(as('change_manager')))
          .send({})
          .expect(201)
      ).body;
      // The pilot's weekly e-mails per person over t = 0..7: 122.5 · f_t ± 1 (noise mean); the ±1 cancel
      // over 8 weeks: mean = 122.5 · 1.07 = 131.075.
      expect(frozen).toMatchObject({
        from: addDays(start, -56),
        to: addDays(start, -1),
        weeks: 8,
        withheldWeeks: 0,
        changed: false,
        definition: {
          kpi: 'emails_sent_per_person_per_week',
          population: { orgUnitId: null, groupId: pilot },
          filters: {},
          definitionVersion: 1,
        },
      });
      expect(frozen.value).toBeCloseTo(131.075, 6);
      expect(frozen.definitionHash).toMatch(/^[0-9a-f]{64}$/);

      // an explicit pre-period, snapped to whole weeks: t = 0..1 → (122.5 + 1 + 122.5 · 1.02 − 1) / 2
      const explicit = (
        await request(server())
          .post(goalUrl('baseline'))
          .set(...bearer(as('change_manager')))
          .send({ from: addDays(start, -54), to: addDays(start, -45) })
          .expect(201)
      ).body;
      expect(explicit).toMatchObject({ from: addDays(start, -56), to: addDays(start, -43), weeks: 2 });
      expect(explicit.value).toBeCloseTo((122.5 + 1 + 122.5 * 1.02 - 1) / 2, 6);
      // back to the default pre-period
      await request(server())
        .post(goalUrl('baseline'))
        .set(...bearer(as('change_manager')))
        .send({})
        .expect(201);

      const report = async () =>
        (
          await request(server())
            .get(url('business-case'))
            .set(...bearer(as('executive')))
            .expect(200)
        ).body.goals.find((goal: { goalId: string }) => goal.goalId === goalId);
      expect((await report()).baseline).toMatchObject({
        changed: false,
        definitionHash: frozen.definitionHash,
      });
      await request(server())
        .patch(url(`goals/${goalId}`))
        .set(...bearer(as('change_manager')))
        .send({ groupId: salesTeam })
        .expect(200);
      expect((await report()).baseline).toMatchObject({
        changed: true,
        definitionHash: frozen.definitionHash,
      });
      await request(server())
        .patch(url(`goals/${goalId}`))
        .set(...bearer(as('change_manager')))
        .send({ groupId: pilot })
        .expect(200);
      expect((await report()).baseline.changed).toBe(false);
    });

    it('reports the business case: the measured value, ROI and payback for the programme cost', async () => {
      const costUrl = url(`rollouts/${tenant.plan.id}/programme-cost`);
      expect(
        (
          await request(server())
            .get(costUrl)
            .set(...bearer(as('executive')))
            .expect(200)
        ).body,
      ).toEqual({ planId: tenant.plan.id, cost: null, updatedAt: null });
      const before = (
        await request(server())
          .get(url('business-case'))
          .set(...bearer(as('executive')))
          .expect(200)
      ).body;
      const unvalued = before.goals.find((goal: { goalId: string }) => goal.goalId === goalId);
      expect(unvalued).toMatchObject({ value: null, problem: 'no programme cost set' });
      expect(unvalued.effect.effect.estimate).toBeCloseTo(EFFECT, 6);
      expect(before.totals).toBeNull();

      await request(server())
        .put(costUrl)
        .set(...bearer(as('executive')))
        .send(cost)
        .expect(403);
      const set = (
        await request(server())
          .put(costUrl)
          .set(...bearer(as('change_manager')))
          .send(cost)
          .expect(200)
      ).body;
      expect(set).toMatchObject({ planId: tenant.plan.id, cost });
      expect(Date.parse(set.updatedAt)).toBeGreaterThan(Date.now() - 60_000);
      await request(server())
        .put(costUrl)
        .set(...bearer(as('change_manager')))
        .send({ ...cost, months: 0 })
        .expect(400);
      const fractional = await request(server())
        .put(costUrl)
        .set(...bearer(as('change_manager')))
        .send({ ...cost, months: 1.5 })
        .expect(400);
      expect(fractional.body.message).toBe('months: must be a whole number of months (got 1.5)');

      const report = (
        await request(server())
          .get(url('business-case'))
          .set(...bearer(as('executive')))
          .expect(200)
      ).body;
      expect(report).toMatchObject({
        label: 'observational estimate',
        plan: { id: tenant.plan.id, name: 'test plan', startedOn: addDays(start, 2) },
        currency: 'EUR',
        cost,
        // licences 4 · 120 · 12 = 5,760; people's time (120 + 200) h · 60 = 19,200; up front 15,000 + 19,200
        costBreakdown: {
          licences: 5_760,
          oneOff: 15_000,
          peopleTime: 19_200,
          total: 39_960,
          upfront: 34_200,
          monthly: 480,
        },
      });
      // The plan started on the Wednesday of week S: days since then / (365.25 / 12).
      const days =
        (Date.parse(new Date().toISOString().slice(0, 10)) - Date.parse(addDays(start, 2))) / 86_400_000;
      const monthsElapsed = days / (365.25 / 12);
      expect(report.monthsElapsed).toBeCloseTo(monthsElapsed, 9);
      // the tenant's own goal (adoption_rate) has no measurement; ours is measured
      expect(report.goals.map((goal: { name: string }) => goal.name)).toEqual([
        'test goal',
        'Pilot sends fewer e-mails',
      ]);
      expect(report.goals[0]).toMatchObject({ effect: null, value: null, measurement: null });
      expect(report.goals[0].problem).toMatch(/^not measured yet/);
      const goal = report.goals[1];
      expect(goal).toMatchObject({
        phase: { id: tenant.phase.id, name: 'Pilot', startedOn: addDays(start, 2) },
        measurement,
        problem: null,
      });
      expect(report.interventions.map((i: { title: string }) => i.title)).toEqual([
        'test training',
        'Working out loud for the pilot',
      ]);

      /*
       * The business-value formulas written out, on the report's own effect (e per person per week):
       *   hours per person per year = −e · 3 min · 44 weeks / 60 (fewer e-mails are the saving)
       *   value per year = hours · 60 people · 60 €/h
       *   ROI = (value · 12/12 − 39,960) / 39,960
       *   payback = first month m ≤ 12 with value/12 · m ≥ 34,200 + 480 · m
       *   value to date = value · min(monthsElapsed, 12) / 12
       * At e = −29.645: 29.645 · 2.2 = 65.219 h; · 3,600 = 234,788.4 €/year; ROI 4.8756…; payback month 2.
       */
      const valueOf = (e: number) => ((-e * 3 * 44) / 60) * 60 * 60;
      const roiOf = (v: number) => (v - 39_960) / 39_960;
      const paybackOf = (v: number) => {
        for (let m = 1; m <= 12; m++) if ((v / 12) * m >= 34_200 + 480 * m) return m;
        return null;
      };
      const toDate = (v: number) => (v * Math.min(monthsElapsed, 12)) / 12;
      const effect = goal.effect.effect;
      expect(effect.estimate).toBeCloseTo(EFFECT, 6);
      expect(valueOf(EFFECT)).toBeCloseTo(234_788.4, 6);
      expect(paybackOf(valueOf(EFFECT))).toBe(2);
      // value p10 comes from the effect's p90 (a smaller saving), p90 from its p10
      const value = {
        estimate: valueOf(effect.estimate),
        p10: valueOf(effect.p90),
        p90: valueOf(effect.p10),
      };
      expect(goal.value.measured.valuePerYear.estimate).toBeCloseTo(value.estimate, 6);
      expect(goal.value.measured.valuePerYear.p10).toBeCloseTo(value.p10, 6);
      expect(goal.value.measured.valuePerYear.p90).toBeCloseTo(value.p90, 6);
      // assumed, as the goals value it: 5 min · 220 days / 60 = 18.33 h a year × 20 weekly active people
      // (the last active week) × 60 €/h = 22,000 € a year; ROI (22,000 − 39,960) / 39,960; never paid back
      expect(goal.value.assumed).toMatchObject({ activePeople: 20, paybackMonth: null });
      expect(goal.value.assumed.valuePerYear).toBeCloseTo(22_000, 6);
      expect(goal.value.assumed.roi).toBeCloseTo((22_000 - 39_960) / 39_960, 9);
      expect(report.totals.assumedValuePerYear).toBeCloseTo(22_000, 6);
      expect(report.totals).toMatchObject({
        rangeMethod: 'sum of the goals’ 10th and 90th percentiles (wider than a joint range)',
        paybackMonth: { estimate: 2, p10: paybackOf(value.p90), p90: paybackOf(value.p10) },
      });
      for (const figure of ['estimate', 'p10', 'p90'] as const) {
        expect(report.totals.valuePerYear[figure]).toBeCloseTo(value[figure], 6);
        expect(report.totals.roi[figure]).toBeCloseTo(roiOf(value[figure]), 6);
        expect(report.totals.valueToDate[figure]).toBeCloseTo(toDate(value[figure]), 4);
      }
      expect(report.totals.roi.estimate).toBeCloseTo((234_788.4 - 39_960) / 39_960, 6);
      // the goal's own ROI and payback are the same (one goal, the same hourly cost)
      expect(goal.value.measured.roi.estimate).toBeCloseTo(report.totals.roi.estimate, 9);
      expect(goal.value.measured.paybackMonth).toEqual(report.totals.paybackMonth);

      // a GET never writes: the goals and the plan are as they were
      const [row] = await api.dataSource.query(`SELECT updated_at FROM rollout_plans WHERE id = $1`, [
        tenant.plan.id,
      ]);
      await request(server())
        .get(url('business-case'))
        .set(...bearer(as('admin')))
        .expect(200);
      const [after] = await api.dataSource.query(`SELECT updated_at FROM rollout_plans WHERE id = $1`, [
        tenant.plan.id,
      ]);
      expect(after.updated_at).toEqual(row.updated_at);
    });

    it('answers 404 for another organisation’s goals, plans, phases and interventions', async () => {
      const foreign = (path: string) =>
        request(server())
          .get(url(path))
          .set(...bearer(as('admin')));
      await foreign(`rollouts/${other.plan.id}/programme-cost`).expect(404);
      await foreign(
        `rollouts/${other.plan.id}/phases/${other.phase.id}/effects?metric=usage:email.sent`,
      ).expect(404);
      await foreign(`interventions/${other.intervention.id}/effect?metric=usage:email.sent`).expect(404);
      await foreign(`business-case?planId=${other.plan.id}`).expect(404);
      await request(server())
        .put(url(`goals/${other.goal.id}/measurement`))
        .set(...bearer(as('admin')))
        .send(measurement)
        .expect(404);
      await request(server())
        .post(url(`goals/${other.goal.id}/baseline`))
        .set(...bearer(as('admin')))
        .send({})
        .expect(404);
      await request(server())
        .put(url(`interventions/${other.intervention.id}`))
        .set(...bearer(as('admin')))
        .send({ day: start, kind: 'training', title: 'x' })
        .expect(404);
      // another organisation's admin does not see this one at all
      await request(server())
        .get(url('business-case'))
        .set(...bearer(other.tokens.admin))
        .expect(404);
    });

    it('removes a measurement and a baseline (idempotently)', async () => {
      for (const path of ['baseline', 'measurement', 'baseline', 'measurement']) {
        await request(server())
          .delete(goalUrl(path))
          .set(...bearer(as('change_manager')))
          .expect(204);
      }
      const report = (
        await request(server())
          .get(url('business-case'))
          .set(...bearer(as('executive')))
          .expect(200)
      ).body;
      const goal = report.goals.find((g: { goalId: string }) => g.goalId === goalId);
      expect(goal).toMatchObject({ baseline: null, measurement: null, effect: null, value: null });
      expect(report.totals).toBeNull();
    });
  });
});
