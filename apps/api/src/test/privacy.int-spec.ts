import { addDays, refreshRollups } from '@uptake/kpi';
import request from 'supertest';
import { bearer, createTenant, startTestApi, type TestApi, type TestTenant } from './support';

/*
 * The privacy attack suite: each way of recovering individuals from k-protected figures, run as an executive
 * and as a change manager on a generated organisation with the product's defaults (k = 5, cell-key
 * perturbation on):
 *
 *   Company
 *   ├── Division A: X (the person attacked, directly in the division), Team A1 (16), Team A2 (16)
 *   └── Division B: Solo (1 person), Team K-1 (4), Team B1 (30)
 *
 * 12 weeks of activity from Monday 2026-01-05, each person active on a few random days; A1 people reply to A2
 * people, and one single person of B1 also replies to Team K-1 (a link with one actor).
 * The attacks and what the method allows:
 *   (a) a subtree minus its visible children        → perturbed: the difference is off by up to ±6
 *   (b) a unit's interactions minus its shown links → a unit's totals are the sums of its shown links
 *   (c) a withheld class from the others and the total → complementary suppression: never one withheld class
 *   (d) two cohorts or filters a few people apart    → phases refused (400); other groups perturbed
 *   (e) a phase's comparison group against everyone  → phase targets of 1..k-1 refused; both sides withheld
 * Populations of 1..k-1 people, or 1..k-1 away from the organisation, cannot be addressed at all (400).
 */
const K = 5;

/** mulberry32: a small seeded generator, so the generated organisation is the same on every run. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const FIRST_WEEK = '2026-01-05';
const WEEKS = 12;
const LAST_DAY = addDays(FIRST_WEEK, WEEKS * 7 - 1);

describe('privacy: no figure reveals fewer than k people, also by subtraction', () => {
  let api: TestApi;
  let tenant: TestTenant;
  let organisationId: string;
  const units: Record<string, string> = {};
  const members: Record<string, string[]> = {};
  /** Days each person was active (for the truth the attacks try to recover). */
  const activeDays = new Map<string, Set<string>>();
  const groups: Record<string, string> = {};
  const server = () => api.app.getHttpServer();
  const as = (role: 'executive' | 'change_manager') => ({
    get: (path: string) =>
      request(server())
        .get(`/api/organisations/${organisationId}${path}`)
        .set(...bearer(tenant.tokens[role])),
    send: (method: 'post' | 'put', path: string, body: object) =>
      request(server())
        [method](`/api/organisations/${organisationId}${path}`)
        .set(...bearer(tenant.tokens[role]))
        .send(body),
  });
  const readers = ['executive', 'change_manager'] as const;

  beforeAll(async () => {
    api = await startTestApi();
    tenant = await createTenant(api.dataSource, 'privacy', { perturbation: true });
    organisationId = tenant.organisation.id;
    const q = (sql: string, params: unknown[]) => api.dataSource.query(sql, params);
    await q(`UPDATE organisations SET min_group_size = $2, time_zone = 'UTC' WHERE id = $1`, [
      organisationId,
      K,
    ]);
    const random = seededRandom(2026);
    const unit = async (name: string, kind: string, parent: string | null) => {
      const [row] = await q(
        `INSERT INTO org_units (organisation_id, name, kind, parent_id) VALUES ($1, $2, $3, $4) RETURNING id`,
        [organisationId, name, kind, parent],
      );
      units[name] = row.id;
    };
    await unit('Company', 'organisation', null);
    await unit('Division A', 'division', units['Company']);
    await unit('Division B', 'division', units['Company']);
    for (const [team, division] of [
      ['Team A1', 'Division A'],
      ['Team A2', 'Division A'],
      ['Solo', 'Division B'],
      ['Team K-1', 'Division B'],
      ['Team B1', 'Division B'],
    ])
      await unit(team, 'team', units[division]);
    const people = async (name: string, unitName: string, count: number, level: number) => {
      members[name] = [];
      for (let i = 0; i < count; i++) {
        // Record keys are random in the product; seeded here so that the suite is reproducible.
        const [row] = await q(
          `INSERT INTO people (organisation_id, pseudonym, in_directory, org_unit_id, level, record_key)
           VALUES ($1, $2, true, $3, $4, $5) RETURNING id`,
          [organisationId, `${name}-${i}`, units[unitName], level, Math.floor(random() * 2 ** 32)],
        );
        members[name].push(row.id);
      }
    };
    await people('X', 'Division A', 1, 2);
    await people('A1', 'Team A1', 16, 3);
    await people('A2', 'Team A2', 16, 4);
    await people('Solo', 'Solo', 1, 3);
    await people('K-1', 'Team K-1', K - 1, 3);
    await people('B1', 'Team B1', 30, 4);

    const rows: unknown[][] = [];
    const event = (actor: string, day: string, type: string, target: string | null) => {
      rows.push([`${actor}-${rows.length}`, `${day}T10:00:00Z`, actor, type, target]);
      activeDays.set(actor, (activeDays.get(actor) ?? new Set()).add(day));
    };
    const everyone = Object.values(members).flat();
    for (let day = FIRST_WEEK; day <= LAST_DAY; day = addDays(day, 1)) {
      for (const person of everyone) if (random() < 0.3) event(person, day, 'post', null);
      for (const actor of members['A1']) {
        if (random() < 0.3) event(actor, day, 'reply', members['A2'][Math.floor(random() * 16)]);
      }
      for (const actor of members['B1'].slice(1, 7)) {
        if (random() < 0.3) event(actor, day, 'reply', members['A1'][Math.floor(random() * 16)]);
      }
      if (random() < 0.3) event(members['B1'][0], day, 'reply', members['K-1'][0]);
    }
    for (let i = 0; i < rows.length; i += 1000) {
      const batch = rows.slice(i, i + 1000);
      await q(
        `INSERT INTO activity_events (organisation_id, source_id, external_id, occurred_at, actor_id, type,
                                      target_actor_id)
         SELECT $1, $2, e.id, e.at::timestamptz, e.actor::uuid, e.type::activity_type, e.target::uuid
         FROM jsonb_to_recordset($3::jsonb) AS e(id text, at text, actor text, type text, target text)`,
        [
          organisationId,
          tenant.source.id,
          JSON.stringify(batch.map(([id, at, actor, type, target]) => ({ id, at, actor, type, target }))),
        ],
      );
    }
    await refreshRollups(api.dataSource, organisationId, {
      from: `${FIRST_WEEK}T00:00:00Z`,
      to: `${addDays(LAST_DAY, 1)}T00:00:00Z`,
    });
    const group = async (name: string, ids: string[]) => {
      const [row] = await q(
        `INSERT INTO groups (organisation_id, name, kind) VALUES ($1, $2, 'community') RETURNING id`,
        [organisationId, name],
      );
      for (const id of ids) {
        await q(`INSERT INTO group_members (organisation_id, group_id, person_id) VALUES ($1, $2, $3)`, [
          organisationId,
          row.id,
          id,
        ]);
      }
      groups[name] = row.id;
    };
    await group('A1 copy', members['A1']);
    await group('B1 copy', members['B1']);
    await group('A1 and X', [...members['A1'], ...members['X']]);
    await group('Three people', members['A1'].slice(0, 3));
    await group('Everyone but two', everyone.slice(2));
    await group('A1 but one', members['A1'].slice(1));
  });

  afterAll(async () => {
    await api.dataSource.query('DELETE FROM organisations WHERE id = $1', [tenant.organisation.id]);
    await api.close();
  });

  const range = `from=${FIRST_WEEK}&to=${LAST_DAY}`;
  type Point = { start: string; weeklyActive: number | null; active: number | null };
  const adoption = async (role: (typeof readers)[number], filter: string, granularity = 'week') =>
    (await as(role).get(`/kpis/adoption?${range}&granularity=${granularity}&${filter}`).expect(200)).body
      .points as Point[];
  /** X's true activity per period: 1 if active on a day of [start, start + days). */
  const truth = (start: string, days: number) => {
    for (let i = 0; i < days; i++) if (activeDays.get(members['X'][0])?.has(addDays(start, i))) return 1;
    return 0;
  };

  it.each(readers)(
    'refuses populations of 1..k-1 people and ones 1..k-1 away from another (%s)',
    async (role) => {
      const refused = async (filter: string, reason: RegExp) => {
        const { body } = await as(role).get(`/kpis/adoption?${range}&${filter}`).expect(400);
        expect(body.message).toMatch(reason);
      };
      await refused(`orgUnitId=${units['Solo']}`, /holds 1 people, fewer than k = 5/);
      await refused(`orgUnitId=${units['Team K-1']}`, /holds 4 people/);
      await refused(`groupId=${groups['Three people']}`, /holds 3 people/);
      await refused(`groupId=${groups['Everyone but two']}`, /differs from the whole organisation by 2/);
      await refused(
        `orgUnitId=${units['Team A1']}&groupId=${groups['A1 but one']}`,
        /org unit on its own by 1/,
      );
      for (const kpi of ['participation', 'retention', 'engagement', 'network', 'diffusion']) {
        await as(role).get(`/kpis/${kpi}?${range}&orgUnitId=${units['Solo']}`).expect(400);
      }
    },
  );

  it.each(readers)(
    '(a) a subtree minus its children does not give the person directly in it (%s)',
    async (role) => {
      for (const [granularity, days] of [
        ['week', 7],
        ['day', 1],
      ] as const) {
        const [division, a1, a2] = await Promise.all([
          adoption(role, `orgUnitId=${units['Division A']}`, granularity),
          adoption(role, `orgUnitId=${units['Team A1']}`, granularity),
          adoption(role, `orgUnitId=${units['Team A2']}`, granularity),
        ]);
        // Withheld figures say only that fewer than k people were active: the attack uses the shown ones.
        const estimates = division
          .map((point, i) => ({ point, children: [a1[i], a2[i]] }))
          .filter(({ point, children }) => [point, ...children].every((p) => p.active !== null))
          .map(({ point, children }) => ({
            estimate: (point.active ?? 0) - (children[0].active ?? 0) - (children[1].active ?? 0),
            actual: truth(point.start, days),
          }));
        expect(estimates.length).toBeGreaterThan(granularity === 'week' ? 10 : 40);
        // Three perturbed counts: at most ±2 each.
        for (const { estimate, actual } of estimates)
          expect(Math.abs(estimate - actual)).toBeLessThanOrEqual(6);
        const recovered = estimates.filter(({ estimate, actual }) => estimate === actual).length;
        expect(recovered / estimates.length).toBeLessThan(0.6);
      }
    },
  );

  it.each(readers)('(d) two groups a few people apart cannot both be addressed (%s)', async (role) => {
    const { body } = await as(role).get(`/kpis/adoption?${range}&groupId=${groups['A1 and X']}`).expect(400);
    expect(body.message).toMatch(/differs from the group "A1 copy" by 1 people, fewer than k = 5/);
    const near = await as(role).get(`/kpis/participation?${range}&groupId=${groups['A1 copy']}`).expect(400);
    expect(near.body.message).toMatch(/by 1 people/);
  });

  it.each(readers)(
    'gives the same figures for the same people, however and how often asked (%s)',
    async (role) => {
      const first = await adoption(role, `orgUnitId=${units['Team B1']}`);
      expect(await adoption(role, `orgUnitId=${units['Team B1']}`)).toEqual(first);
      // the same thirty people as a group: the same cells, the same noise — averaging gains nothing
      const asGroup = await adoption(role, `groupId=${groups['B1 copy']}`);
      expect(asGroup.map((p) => [p.active, p.weeklyActive])).toEqual(
        first.map((p) => [p.active, p.weeklyActive]),
      );
      // and the figures are perturbed at all: some differ from the exact count of active people
      const exact = first.map((point) => members['B1'].filter((id) => truthOf(id, point.start, 7)).length);
      expect(first.some((point, i) => point.active !== exact[i])).toBe(true);
    },
  );

  function truthOf(person: string, start: string, days: number): boolean {
    for (let i = 0; i < days; i++) if (activeDays.get(person)?.has(addDays(start, i))) return true;
    return false;
  }

  it.each(readers)("(b) a unit's interactions are the sums of its shown links (%s)", async (role) => {
    const { body } = await as(role).get(`/kpis/network?${range}`).expect(200);
    expect(body.hiddenLinks).toBeGreaterThan(0);
    type Link = { source: string; target: string; interactions: number };
    type Unit = {
      orgUnitId: string;
      outgoingInteractions: number | null;
      incomingInteractions: number | null;
    };
    for (const unit of body.units as Unit[]) {
      if (unit.outgoingInteractions === null) continue;
      const links = body.links as Link[];
      const sum = (side: 'source' | 'target') =>
        links
          .filter((link) => link[side] === unit.orgUnitId)
          .reduce((total, link) => total + link.interactions, 0);
      expect(unit.outgoingInteractions).toBe(sum('source'));
      expect(unit.incomingInteractions).toBe(sum('target'));
    }
    // Team B1's one actor towards Team K-1 is a hidden link: B1's total is its shown link to Team A1 only
    const b1 = (body.units as Unit[]).find((unit) => unit.orgUnitId === units['Team B1']);
    const b1ToA1 = (body.links as Link[]).find(
      (link) => link.source === units['Team B1'] && link.target === units['Team A1'],
    );
    expect(b1ToA1?.interactions).toBeGreaterThan(0);
    expect(b1?.outgoingInteractions).toBe(b1ToA1?.interactions);
  });

  it.each(readers)(
    '(c) a withheld class is never the only one withheld next to a shown total (%s)',
    async (role) => {
      for (const filter of ['', `orgUnitId=${units['Division A']}`, `orgUnitId=${units['Team A1']}`]) {
        const { body } = await as(role)
          .get(`/kpis/participation?${range}&granularity=day&${filter}`)
          .expect(200);
        type Participation = Record<
          'eligible' | 'creators' | 'contributors' | 'readers' | 'inactive',
          number | null
        >;
        for (const point of body.points as Participation[]) {
          if (point.eligible === null) continue;
          const withheld = (['creators', 'contributors', 'readers', 'inactive'] as const).filter(
            (name) => point[name] === null,
          );
          expect(withheld.length).not.toBe(1);
        }
        const personas = Object.values(body.personas as Record<string, number | null>);
        expect(personas.filter((count) => count === null).length).not.toBe(1);
      }
    },
  );

  it('(d, e) refuses phase targets and comparison groups of 1..k-1 people or a few people from a group', async () => {
    const manager = as('change_manager');
    const small = await manager
      .send('post', '/rollouts', { name: 'Tiny pilot', pilotTarget: { orgUnitIds: [units['Team K-1']] } })
      .expect(400);
    expect(small.body.message).toEqual(['pilotTarget: holds 4 people, fewer than k = 5']);
    const everyoneButTwo = await manager
      .send('post', '/rollouts', {
        name: 'Almost all',
        pilotTarget: { groupIds: [groups['Everyone but two']] },
      })
      .expect(400);
    expect(everyoneButTwo.body.message).toEqual(['comparison: holds 2 people, fewer than k = 5']);
    // a phase cut by level: level 2 of Division A is X alone
    const byLevel = await manager
      .send('post', '/rollouts', {
        name: 'Level 2',
        pilotTarget: { orgUnitIds: [units['Division A']], rules: [{ attribute: 'level', values: [2] }] },
      })
      .expect(400);
    expect(byLevel.body.message).toEqual(['pilotTarget: holds 1 people, fewer than k = 5']);
    // Team A1 is one person away from the community "A1 and X"
    const nearGroup = await manager
      .send('post', '/rollouts', { name: 'Pilot A1', pilotTarget: { orgUnitIds: [units['Team A1']] } })
      .expect(400);
    expect(nearGroup.body.message).toEqual(
      expect.arrayContaining([
        'pilotTarget: differs from the group "A1 and X" by 1 people, fewer than k = 5',
      ]),
    );
    const { body: plan } = await manager
      .send('post', '/rollouts', { name: 'Pilot A2', pilotTarget: { orgUnitIds: [units['Team A2']] } })
      .expect(201);
    // A2 plus X as the next phase: one person away from the pilot
    const oneMore = await manager
      .send('put', `/rollouts/${plan.id}/phases/${plan.phases[1].id}`, {
        name: 'Best cases',
        target: { orgUnitIds: [units['Team A2']], pseudonyms: ['X-0'] },
      })
      .expect(400);
    expect(oneMore.body.message).toEqual(
      expect.arrayContaining([expect.stringMatching(/^target: differs from the phase "Pilot" by 1 people/)]),
    );
  });

  it('(e) withholds both sides of a phase comparison when one side shrank to 1..k-1 people', async () => {
    const manager = as('change_manager');
    await api.dataSource.query(
      `INSERT INTO groups (organisation_id, name, kind) VALUES ($1, 'Shrinking', 'community')`,
      [organisationId],
    );
    const [{ id: shrinking }] = await api.dataSource.query(
      `SELECT id FROM groups WHERE organisation_id = $1 AND name = 'Shrinking'`,
      [organisationId],
    );
    for (const id of members['B1'].slice(0, 8)) {
      await api.dataSource.query(
        `INSERT INTO group_members (organisation_id, group_id, person_id) VALUES ($1, $2, $3)`,
        [organisationId, shrinking, id],
      );
    }
    const { body: plan } = await manager
      .send('post', '/rollouts', { name: 'Pilot shrinking', pilotTarget: { groupIds: [shrinking] } })
      .expect(201);
    // the community loses members after the phase was set: 3 people are left
    await api.dataSource.query(
      `DELETE FROM group_members WHERE group_id = $1 AND person_id = ANY($2::uuid[])`,
      [shrinking, members['B1'].slice(0, 5)],
    );
    for (const role of readers) {
      const { body } = await as(role)
        .get(`/rollouts/${plan.id}/phases/${plan.phases[0].id}/comparison?from=${FIRST_WEEK}&to=${LAST_DAY}`)
        .expect(200);
      expect(body.phasePopulation).toBeNull();
      expect(body.comparisonPopulation).toBeNull();
      for (const metric of body.metrics as {
        weeks: { phase: number | null; comparison: number | null }[];
      }[]) {
        for (const week of metric.weeks) expect([week.phase, week.comparison]).toEqual([null, null]);
      }
    }
  });
});
