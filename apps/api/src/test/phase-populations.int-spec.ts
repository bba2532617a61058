import { RolloutEvaluator } from '@uptake/rollout';
import request from 'supertest';
import { bearer, createTenant, startTestApi, type TestApi, type TestTenant } from './support';

/*
 * A phase's people are resolved into its cohort groups when the phase is saved and by the worker's gate
 * evaluation, never by a read. Organisation (k = 2): Pilot unit p1..p3, Other unit o1..o3, all in the
 * directory. Every write to a table of the organisation is counted by a trigger (test_write_probe), so a
 * read that writes anything fails here, whichever code path it takes.
 */
describe('phase populations: resolved on write, read without writing', () => {
  let api: TestApi;
  let tenant: TestTenant;
  let organisationId: string;
  const units: Record<'pilot' | 'other', string> = { pilot: '', other: '' };
  const people: Record<string, string> = {};
  const server = () => api.app.getHttpServer();
  const get = (path: string) =>
    request(server())
      .get(`/api/organisations/${organisationId}${path}`)
      .set(...bearer(tenant.tokens.change_manager));
  const send = (method: 'post' | 'put', path: string, body: object) =>
    request(server())
      [method](`/api/organisations/${organisationId}${path}`)
      .set(...bearer(tenant.tokens.change_manager))
      .send(body);
  const q = (sql: string, params: unknown[] = []) => api.dataSource.query(sql, params);
  const writes = async (): Promise<string[]> =>
    (await q('SELECT table_name, operation FROM test_write_probe ORDER BY 1, 2')).map(
      (row: { table_name: string; operation: string }) => `${row.operation} ${row.table_name}`,
    );
  const members = async (groupId: string): Promise<string[]> =>
    (await q('SELECT person_id FROM group_members WHERE group_id = $1 ORDER BY person_id', [groupId])).map(
      (row: { person_id: string }) => row.person_id,
    );
  const idsOf = (...names: string[]) => names.map((name) => people[name]).sort();
  /** Tables with an organisation_id (partitions get the trigger of their parent). */
  let watched: string[] = [];

  beforeAll(async () => {
    api = await startTestApi();
    tenant = await createTenant(api.dataSource, 'phase-populations');
    organisationId = tenant.organisation.id;
    await q(`UPDATE organisations SET min_group_size = 2, time_zone = 'UTC' WHERE id = $1`, [organisationId]);
    for (const unit of ['pilot', 'other'] as const) {
      const [row] = await q(
        `INSERT INTO org_units (organisation_id, name, kind) VALUES ($1, $2, 'department') RETURNING id`,
        [organisationId, unit],
      );
      units[unit] = row.id;
      for (const n of [1, 2, 3]) {
        const name = `${unit[0]}${n}`;
        const [person] = await q(
          `INSERT INTO people (organisation_id, pseudonym, in_directory, org_unit_id)
           VALUES ($1, $2, true, $3) RETURNING id`,
          [organisationId, `${name}-${organisationId}`, row.id],
        );
        people[name] = person.id;
      }
    }
    await q('CREATE TABLE test_write_probe (table_name text NOT NULL, operation text NOT NULL)');
    await q(`CREATE FUNCTION test_write_probe() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE organisation text;
      BEGIN
        IF TG_OP = 'DELETE' THEN organisation := OLD.organisation_id::text;
        ELSE organisation := NEW.organisation_id::text;
        END IF;
        IF organisation = TG_ARGV[0] THEN
          INSERT INTO test_write_probe (table_name, operation) VALUES (TG_TABLE_NAME, TG_OP);
        END IF;
        RETURN NULL;
      END $$`);
    // Authentication stamps access_tokens.last_used_at (at most once a minute, by design): not the request's data.
    watched = (
      await q(
        `SELECT c.relname FROM pg_class c
           JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'public'
           JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'organisation_id' AND NOT a.attisdropped
         WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition AND c.relname <> 'access_tokens'
         ORDER BY c.relname`,
      )
    ).map((row: { relname: string }) => row.relname);
    for (const table of watched) {
      await q(
        `CREATE TRIGGER test_write_probe AFTER INSERT OR UPDATE OR DELETE ON "${table}"
         FOR EACH ROW EXECUTE FUNCTION test_write_probe('${organisationId}')`,
      );
    }
  });

  afterAll(async () => {
    for (const table of watched) await q(`DROP TRIGGER IF EXISTS test_write_probe ON "${table}"`);
    await q('DROP FUNCTION IF EXISTS test_write_probe()');
    await q('DROP TABLE IF EXISTS test_write_probe');
    await q('DELETE FROM organisations WHERE id = $1', [organisationId]);
    await api.close();
  });

  let planId: string;
  let pilot: { id: string; cohortGroupId: string; comparisonGroupId: string };

  it('watches the tables a phase read could write', () => {
    expect(watched).toEqual(expect.arrayContaining(['groups', 'group_members', 'rollout_phases']));
  });

  it("stores the phase's people when the plan is created, before any evaluation", async () => {
    const { body } = await send('post', '/rollouts', {
      name: 'Pilot plan',
      pilotTarget: { orgUnitIds: [units.pilot] },
    }).expect(201);
    planId = body.id;
    pilot = body.phases[0];
    expect(pilot.cohortGroupId).toEqual(expect.any(String));
    expect(await members(pilot.cohortGroupId)).toEqual(idsOf('p1', 'p2', 'p3'));
    expect(await members(pilot.comparisonGroupId)).toEqual(idsOf('o1', 'o2', 'o3'));
  });

  it('re-resolves them in the request that changes the target', async () => {
    await q('DELETE FROM test_write_probe');
    const { body } = await send('put', `/rollouts/${planId}/phases/${pilot.id}`, {
      name: 'Pilot',
      target: { orgUnitIds: [units.other], pseudonyms: [`p1-${organisationId}`] },
    }).expect(200);
    expect(body.phases[0].cohortGroupId).toBe(pilot.cohortGroupId);
    expect(await members(pilot.cohortGroupId)).toEqual(idsOf('o1', 'o2', 'o3', 'p1'));
    expect(await members(pilot.comparisonGroupId)).toEqual(idsOf('p2', 'p3'));
    // the probe sees the write request's changes (so a silent probe below means no write)
    expect(await writes()).toEqual(
      expect.arrayContaining(['DELETE group_members', 'INSERT group_members', 'UPDATE rollout_phases']),
    );
  });

  it('answers the comparison, the plan and ?phaseId= KPI requests without writing', async () => {
    await q('DELETE FROM test_write_probe');
    const { body } = await get(`/rollouts/${planId}/phases/${pilot.id}/comparison`).expect(200);
    expect(body).toMatchObject({ phasePopulation: 4, comparisonPopulation: 2 });
    await get(`/rollouts/${planId}`).expect(200);
    await get(`/rollouts/${planId}/phases/${pilot.id}/evaluations`).expect(200);
    const adoption = await get(`/kpis/adoption?phaseId=${pilot.id}`).expect(200);
    expect(adoption.body.scope.groupId).toBe(pilot.cohortGroupId);
    await get(`/kpis/participation?phaseId=${pilot.id}`).expect(200);
    expect(await writes()).toEqual([]);
  });

  it('answers for a phase never resolved from what is stored (nothing yet), still without writing', async () => {
    // The tenant's phase was stored directly, as before populations were resolved on save.
    const phase = tenant.phase;
    expect(phase.cohortGroupId).toBeNull();
    await q('DELETE FROM test_write_probe');
    const { body } = await get(`/rollouts/${tenant.plan.id}/phases/${phase.id}/comparison`).expect(200);
    expect(body).toMatchObject({ phasePopulation: null, comparisonPopulation: null });
    expect(body.metrics.length).toBeGreaterThan(0);
    for (const metric of body.metrics) {
      expect(metric).toMatchObject({ phase: null, comparison: null, difference: null });
      expect(metric.suppressed).toBeUndefined();
      expect(metric.weeks.length).toBeGreaterThan(0);
      for (const week of metric.weeks) expect([week.phase, week.comparison]).toEqual([null, null]);
    }
    const kpi = await get(`/kpis/adoption?phaseId=${phase.id}`).expect(409);
    expect(kpi.body.message).toMatch(/^The people of rollout phase 'Pilot' are not resolved yet/);
    expect(await writes()).toEqual([]);

    // The worker's gate evaluation resolves them; the same reads then answer with them.
    await new RolloutEvaluator(api.dataSource).evaluatePlan(tenant.plan.id, 'change');
    const resolved = await get(`/rollouts/${tenant.plan.id}/phases/${phase.id}/comparison`).expect(200);
    // everyone (the tenant's 6 people) against nobody: an empty side is not withheld
    expect(resolved.body).toMatchObject({ phasePopulation: 6, comparisonPopulation: 0 });
    await get(`/kpis/adoption?phaseId=${phase.id}`).expect(200);
  });
});
