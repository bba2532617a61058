import { createEmptyDatabase, testStoreUrls, uniqueSuffix } from '@uptake/testing';
import { QueryFailedError, type DataSource } from 'typeorm';
import { createDataSource, MIGRATIONS } from './data-source';
import { ActivityEvent } from './entities/activity-event.entity';
import { BusinessGoal } from './entities/business-goal.entity';
import { ActivitySource } from './entities/data-source.entity';
import { Group, GroupMember } from './entities/group.entity';
import { Organisation } from './entities/organisation.entity';
import { OrgUnit } from './entities/org-unit.entity';
import { Person } from './entities/person.entity';
import { RolloutPhase, RolloutPlan } from './entities/rollout.entity';
import { SyncRun } from './entities/sync-run.entity';

const TABLES = [
  'access_tokens',
  'activity_daily',
  'activity_events',
  'alert_rules',
  'audit_events',
  'business_goals',
  'data_sources',
  'group_members',
  'group_person_month',
  'groups',
  'guideline_acknowledgements',
  'interaction_daily',
  'interventions',
  'invitations',
  'kpi_report_snapshots',
  'kpi_rollup_versions',
  'memberships',
  'notification_channels',
  'notification_deliveries',
  'notification_settings',
  'org_units',
  'organisation_sso',
  'organisations',
  'people',
  'person_activity',
  'person_daily',
  'person_month',
  'quarantined_records',
  'rollout_gate_evaluations',
  'rollout_phases',
  'rollout_plans',
  'rollout_transitions',
  'rollup_refresh_requests',
  'sync_runs',
  'thread_rollup',
  'unattributed_daily',
  'usage_guidelines',
  'usage_metrics',
  'user_identities',
  'users',
];

async function userTables(dataSource: DataSource): Promise<string[]> {
  const rows: { table_name: string }[] = await dataSource.query(
    // Partitions (activity_events' months) are parts of their table, not tables of the schema.
    `SELECT table_name FROM information_schema.tables t
     WHERE table_schema = 'public' AND table_name <> 'migrations'
       AND NOT EXISTS (SELECT 1 FROM pg_inherits i WHERE i.inhrelid = format('%I.%I', t.table_schema, t.table_name)::regclass)
     ORDER BY 1`,
  );
  return rows.map((row) => row.table_name);
}

describe('migrations on an empty database', () => {
  it('go up to the full schema and back down to nothing', async () => {
    const database = await createEmptyDatabase();
    const dataSource = await createDataSource(database.url).initialize();
    try {
      expect(await userTables(dataSource)).toEqual([]);
      const applied = await dataSource.runMigrations();
      expect(applied.map((m) => m.name)).toEqual(MIGRATIONS.map((m) => m.name));
      expect(await userTables(dataSource)).toEqual(TABLES);

      // every table carries the tenant id; users are global identities whose rights are tenant-scoped
      // through memberships, and so are their identities at OpenID providers (one provider may serve many
      // organisations, such as Google's)
      const withoutTenant: { table_name: string }[] = await dataSource.query(
        `SELECT t.table_name FROM information_schema.tables t
         WHERE t.table_schema = 'public'
           AND t.table_name NOT IN ('migrations', 'organisations', 'users', 'user_identities')
           AND NOT EXISTS (SELECT 1 FROM information_schema.columns c
                           WHERE c.table_name = t.table_name AND c.column_name = 'organisation_id')`,
      );
      expect(withoutTenant).toEqual([]);

      for (let i = 0; i < MIGRATIONS.length; i++) await dataSource.undoLastMigration();
      expect(await userTables(dataSource)).toEqual([]);
      const types: unknown[] = await dataSource.query(
        `SELECT 1 FROM pg_type WHERE typname = 'activity_type'`,
      );
      expect(types).toHaveLength(0);

      // and up again: down really undid everything
      await dataSource.runMigrations();
      expect(await userTables(dataSource)).toEqual(TABLES);
    } finally {
      await dataSource.destroy();
      await database.drop();
    }
  });
});

describe('entities against the migrated schema', () => {
  let dataSource: DataSource;
  let organisation: Organisation;
  let source: ActivitySource;
  let alice: Person;
  let bob: Person;

  beforeAll(async () => {
    dataSource = await createDataSource(testStoreUrls().databaseUrl).initialize();
    organisation = await dataSource
      .getRepository(Organisation)
      .save({ name: 'Round Trip Ltd', slug: `round-trip-${uniqueSuffix()}` });
    source = await dataSource.getRepository(ActivitySource).save({
      organisationId: organisation.id,
      name: 'Slack',
      connectorType: 'slack-export',
      encryptedConfig: Buffer.from([1, 2, 3]),
    });
    [alice, bob] = await dataSource.getRepository(Person).save([
      { organisationId: organisation.id, pseudonym: 'p-alice', level: 3, startDate: '2025-01-01' },
      { organisationId: organisation.id, pseudonym: 'p-bob', level: 4 },
    ]);
  });

  afterAll(async () => {
    await dataSource.getRepository(Organisation).delete(organisation.id);
    await dataSource.destroy();
  });

  it('round-trips an organisation with defaults', async () => {
    const loaded = await dataSource.getRepository(Organisation).findOneByOrFail({ id: organisation.id });
    expect(loaded).toMatchObject({ name: 'Round Trip Ltd', minGroupSize: 5, timeZone: 'UTC' });
    expect(loaded.createdAt).toBeInstanceOf(Date);
  });

  it('keeps org unit paths for subtree queries, including after a move', async () => {
    const units = dataSource.getRepository(OrgUnit);
    const root = await units.save({ organisationId: organisation.id, name: 'Group', kind: 'organisation' });
    const division = await units.save({
      organisationId: organisation.id,
      parentId: root.id,
      name: 'Ops',
      kind: 'division',
    });
    const department = await units.save({
      organisationId: organisation.id,
      parentId: division.id,
      name: 'Logistics',
      kind: 'department',
    });
    const other = await units.save({
      organisationId: organisation.id,
      parentId: root.id,
      name: 'Sales',
      kind: 'division',
    });

    const reloaded = await units.findOneByOrFail({ id: department.id });
    expect(reloaded.path).toBe(`/${root.id}/${division.id}/${department.id}/`);

    await units.update(division.id, { parentId: other.id });
    const moved = await units.findOneByOrFail({ id: department.id });
    expect(moved.path).toBe(`/${root.id}/${other.id}/${division.id}/${department.id}/`);

    await expect(units.update(root.id, { parentId: department.id })).rejects.toThrow(
      /below its own descendant/,
    );
  });

  it('round-trips people, groups, memberships, sync runs, rollouts and goals', async () => {
    await dataSource.getRepository(Person).update(bob.id, { managerId: alice.id });
    expect((await dataSource.getRepository(Person).findOneByOrFail({ id: bob.id })).managerId).toBe(alice.id);

    const group = await dataSource.getRepository(Group).save({
      organisationId: organisation.id,
      sourceId: source.id,
      externalId: 'C1',
      name: 'general',
      kind: 'channel',
    });
    await dataSource
      .getRepository(GroupMember)
      .save({ organisationId: organisation.id, groupId: group.id, personId: alice.id, joinedAt: null });
    expect(await dataSource.getRepository(GroupMember).countBy({ groupId: group.id })).toBe(1);

    const run = await dataSource.getRepository(SyncRun).save({
      organisationId: organisation.id,
      sourceId: source.id,
      status: 'succeeded',
      recordsRead: 10,
      recordsInserted: 9,
      recordsDuplicate: 1,
    });
    const loadedRun = await dataSource.getRepository(SyncRun).findOneByOrFail({ id: run.id });
    expect(loadedRun).toMatchObject({
      recordsRead: 10,
      recordsInserted: 9,
      recordsDuplicate: 1,
      recordsQuarantined: 0,
    });

    const plan = await dataSource
      .getRepository(RolloutPlan)
      .save({ organisationId: organisation.id, name: 'Rollout 2026' });
    await dataSource.getRepository(RolloutPhase).save([
      {
        organisationId: organisation.id,
        planId: plan.id,
        position: 0,
        name: 'Pilot',
        gateCriteria: [
          { id: 'wau', metric: 'weekly_active_rate', operator: '>=', threshold: 0.4, consecutiveWeeks: 4 },
        ],
      },
      { organisationId: organisation.id, planId: plan.id, position: 1, name: 'Best cases' },
    ]);
    const phases = await dataSource
      .getRepository(RolloutPhase)
      .find({ where: { planId: plan.id }, order: { position: 'ASC' } });
    expect(phases.map((p) => p.name)).toEqual(['Pilot', 'Best cases']);
    expect(phases[0].gateCriteria).toEqual([
      { id: 'wau', metric: 'weekly_active_rate', operator: '>=', threshold: 0.4, consecutiveWeeks: 4 },
    ]);
    expect(phases[1].status).toBe('planned');
    // The defaults of the rollout migration: everyone, compared with the rest of the organisation.
    expect(phases[1].target).toEqual({ orgUnitIds: [], groupIds: [], pseudonyms: [], rules: [] });
    expect(phases[1].comparison).toEqual({ kind: 'rest-of-organisation' });

    const goal = await dataSource.getRepository(BusinessGoal).save({
      organisationId: organisation.id,
      name: 'Fewer internal e-mails',
      kpi: 'emails_sent_per_person_per_week',
      baseline: 42.5,
      target: 30,
      valueModel: { minutesSavedPerActivePersonPerDay: 5 },
    });
    expect((await dataSource.getRepository(BusinessGoal).findOneByOrFail({ id: goal.id })).baseline).toBe(
      42.5,
    );
  });

  it('never selects encrypted connector config unless asked', async () => {
    const loaded = await dataSource.getRepository(ActivitySource).findOneByOrFail({ id: source.id });
    expect(loaded.encryptedConfig).toBeUndefined();
  });

  it('round-trips an event and rejects a duplicate (organisation, source, external id)', async () => {
    const events = dataSource.getRepository(ActivityEvent);
    const occurredAt = new Date('2026-03-02T09:15:00.000Z');
    const saved = await events.save({
      organisationId: organisation.id,
      sourceId: source.id,
      externalId: 'msg-1',
      occurredAt,
      actorId: alice.id,
      type: 'reply',
      targetActorId: bob.id,
      threadExternalId: 'msg-0',
      contentLength: 120,
    });
    const loaded = await events.findOneByOrFail({ id: saved.id });
    expect(loaded).toMatchObject({
      externalId: 'msg-1',
      type: 'reply',
      actorId: alice.id,
      targetActorId: bob.id,
      contentLength: 120,
    });
    expect(loaded.occurredAt.toISOString()).toBe(occurredAt.toISOString());

    const duplicate = events.insert({
      organisationId: organisation.id,
      sourceId: source.id,
      externalId: 'msg-1',
      occurredAt,
      actorId: bob.id,
      type: 'post',
    });
    await expect(duplicate).rejects.toThrow(QueryFailedError);
    await expect(duplicate).rejects.toThrow(
      /duplicate key value violates unique constraint "activity_events_/,
    );
    expect(await events.countBy({ organisationId: organisation.id, externalId: 'msg-1' })).toBe(1);
  });

  it("rejects a reference to another tenant's row", async () => {
    const other = await dataSource
      .getRepository(Organisation)
      .save({ name: 'Other', slug: `other-${uniqueSuffix()}` });
    try {
      const insertAcrossTenants = dataSource
        .getRepository(Person)
        .insert({ organisationId: other.id, pseudonym: 'intruder', managerId: alice.id });
      await expect(insertAcrossTenants).rejects.toThrow(/foreign key/);
    } finally {
      await dataSource.getRepository(Organisation).delete(other.id);
    }
  });
});
