import type { ActivityRecord, ConnectorMessage } from '@uptake/connector-sdk';
import {
  ActivitySource,
  createDataSource,
  Organisation,
  Person,
  QuarantinedRecord,
  SyncRun,
} from '@uptake/persistence';
import { testStoreUrls, uniqueSuffix } from '@uptake/testing';
import type { DataSource } from 'typeorm';
import { ingest } from './pipeline';
import { pseudonymise } from './pseudonymise';

async function* from(messages: ConnectorMessage[]): AsyncIterable<ConnectorMessage> {
  yield* messages;
}

const activity = (externalId: string, overrides: Partial<ActivityRecord> = {}): ConnectorMessage => ({
  kind: 'activity',
  record: {
    externalId,
    occurredAt: new Date('2026-11-02T09:00:00Z'),
    actorExternalId: 'Ann@Example.com',
    type: 'post',
    groupExternalId: 'C1',
    threadExternalId: null,
    targetExternalId: null,
    contentLength: 12,
    count: 1,
    ...overrides,
  },
});

describe('ingest pipeline', () => {
  let dataSource: DataSource;
  let scope: { organisationId: string; sourceId: string; syncRunId: string };
  let key: Buffer;

  beforeAll(async () => {
    dataSource = await createDataSource(testStoreUrls().databaseUrl).initialize();
    const organisation = await dataSource
      .getRepository(Organisation)
      .save({ name: 'Pipeline', slug: `pipeline-${uniqueSuffix()}` });
    const source = await dataSource
      .getRepository(ActivitySource)
      .save({ organisationId: organisation.id, name: 'src', connectorType: 'csv' });
    const run = await dataSource
      .getRepository(SyncRun)
      .save({ organisationId: organisation.id, sourceId: source.id, status: 'running' });
    scope = { organisationId: organisation.id, sourceId: source.id, syncRunId: run.id };
    const [row] = await dataSource.query('SELECT pseudonym_key FROM organisations WHERE id = $1', [
      organisation.id,
    ]);
    key = row.pseudonym_key;
  });

  afterAll(async () => {
    await dataSource.getRepository(Organisation).delete(scope.organisationId);
    await dataSource.destroy();
  });

  it('stores directory, groups, activity and usage; quarantines bad records; records counts on the run', async () => {
    const result = await ingest(
      dataSource,
      scope,
      from([
        {
          kind: 'orgUnit',
          record: { externalId: 'sales', name: 'Sales', kind: 'department', parentExternalId: null },
        },
        {
          kind: 'person',
          record: {
            // the manager is listed after the person: a stub is created, then filled in
            externalId: 'ann@example.com',
            orgUnitExternalId: 'sales',
            legacyCompanyExternalId: null,
            managerExternalId: 'boss@example.com',
            level: 3,
            location: 'Lyon',
            startDate: '2024-01-01',
            endDate: null,
          },
        },
        {
          kind: 'person',
          record: {
            externalId: 'boss@example.com',
            orgUnitExternalId: 'sales',
            legacyCompanyExternalId: null,
            managerExternalId: null,
            level: 2,
            location: 'Lyon',
            startDate: '2020-01-01',
            endDate: null,
          },
        },
        { kind: 'checkpoint', stream: 'directory', state: { line: 3 } },
        {
          kind: 'group',
          record: {
            externalId: 'C1',
            name: 'general',
            kind: 'channel',
            isPrivate: false,
            memberExternalIds: ['ann@example.com'],
          },
        },
        activity('m1'),
        activity('m2', {
          type: 'reply',
          actorExternalId: 'boss@example.com',
          targetExternalId: 'ann@example.com',
        }),
        // a connector bug: message text must never reach the database
        {
          kind: 'activity',
          record: {
            ...(activity('m3') as { record: ActivityRecord }).record,
            text: 'secret',
          } as ActivityRecord,
        },
        activity('m4', { occurredAt: new Date('invalid') }),
        {
          kind: 'invalid',
          problem: { location: { file: 'day.json', line: 7, field: 'ts' }, reason: 'ts: missing' },
        },
        {
          kind: 'usage',
          record: { personExternalId: 'ann@example.com', day: '2026-11-02', metric: 'email.sent', value: 14 },
        },
        { kind: 'checkpoint', stream: 'activity', state: { cursor: 'abc' } },
      ]),
      { fileName: 'upload.csv' },
    );

    expect(result).toMatchObject({
      read: 2,
      inserted: 2,
      duplicates: 0,
      quarantined: 3,
      usage: 1,
      people: 2,
      orgUnits: 1,
    });
    expect(result.state).toEqual({ directory: { line: 3 }, activity: { cursor: 'abc' } });

    const people = await dataSource.getRepository(Person).findBy({ organisationId: scope.organisationId });
    const ann = people.find((p) => p.pseudonym === pseudonymise(key, 'ann@example.com'))!;
    const boss = people.find((p) => p.pseudonym === pseudonymise(key, 'boss@example.com'))!;
    expect(people).toHaveLength(2);
    expect(ann.managerId).toBe(boss.id);
    expect(boss.level).toBe(2);
    // identities are normalised before hashing: Ann@Example.com in activity is the directory's ann
    const [{ actors }] = await dataSource.query(
      'SELECT count(DISTINCT actor_id)::int AS actors FROM activity_events WHERE source_id = $1',
      [scope.sourceId],
    );
    expect(actors).toBe(2);

    const problems = await dataSource
      .getRepository(QuarantinedRecord)
      .find({ where: { syncRunId: scope.syncRunId }, order: { id: 'ASC' } });
    expect(problems.map((p) => [p.file, p.line, p.field, p.recordId])).toEqual([
      ['upload.csv', null, null, 'm3'],
      ['upload.csv', null, 'occurredAt', 'm4'],
      ['day.json', 7, 'ts', null],
    ]);
    expect(problems[0].reason).toContain('text');
    expect(JSON.stringify(problems)).not.toContain('secret');

    const run = await dataSource.getRepository(SyncRun).findOneByOrFail({ id: scope.syncRunId });
    expect(run).toMatchObject({
      recordsRead: 2,
      recordsInserted: 2,
      recordsQuarantined: 3,
      recordsUsage: 1,
      recordsDirectory: 3,
    });
    expect(run.checkpoint).toEqual({ directory: { line: 3 }, activity: { cursor: 'abc' } });
    expect(run.affectedFrom).toEqual(new Date('2026-11-02T09:00:00Z'));
  });

  it('records warnings on the run with the batch, and counts a resumed attempt’s preamble once', async () => {
    const run = await dataSource
      .getRepository(SyncRun)
      .save({ organisationId: scope.organisationId, sourceId: scope.sourceId, status: 'running' });
    const runScope = { ...scope, syncRunId: run.id };
    const fallback = { code: 'identity', message: 'ids', count: 2, file: 'users.json' };
    const skipped = { code: 'skipped', message: 'skipped on purpose', count: 1 };
    const head: ConnectorMessage[] = [
      { kind: 'warning', warning: fallback },
      { kind: 'checkpoint', stream: 'groups', state: { done: true } },
      activity('w1'),
      { kind: 'warning', warning: skipped },
      { kind: 'checkpoint', stream: 'activity', state: { at: 1 } },
    ];
    const first = await ingest(dataSource, runScope, from(head), { batchSize: 1 });
    expect(first.warnings).toEqual([fallback, skipped]);
    // the attempt that resumes reads the preamble again, then more of the same after its checkpoint
    const tail: ConnectorMessage[] = [
      { kind: 'warning', warning: fallback },
      { kind: 'checkpoint', stream: 'groups', state: { done: true } },
      activity('w2'),
      { kind: 'warning', warning: { ...skipped, count: 3 } },
    ];
    await ingest(dataSource, runScope, from(tail), { initialState: first.state });
    const stored = await dataSource.getRepository(SyncRun).findOneByOrFail({ id: run.id });
    expect(stored.warnings).toEqual([fallback, { ...skipped, count: 4 }]);
    expect(stored.recordsInserted).toBe(2);
  });

  it('stores reactions without a person as volume, creating nobody', async () => {
    const before = await dataSource.getRepository(Person).countBy({ organisationId: scope.organisationId });
    const result = await ingest(
      dataSource,
      scope,
      from([
        activity('volume-1', { actorExternalId: null, type: 'reaction', count: 4, contentLength: null }),
        // only reactions may lack a person
        activity('volume-2', { actorExternalId: null, type: 'post' }),
      ]),
    );
    expect(result).toMatchObject({ inserted: 1, quarantined: 1 });
    const [event] = await dataSource.query(
      `SELECT actor_id, type::text, count FROM activity_events WHERE organisation_id = $1 AND external_id = 'volume-1'`,
      [scope.organisationId],
    );
    expect(event).toEqual({ actor_id: null, type: 'reaction', count: 4 });
    expect(await dataSource.getRepository(Person).countBy({ organisationId: scope.organisationId })).toBe(
      before,
    );
  });

  it('replaces a re-read usage figure and counts re-read events as duplicates', async () => {
    const result = await ingest(
      dataSource,
      { organisationId: scope.organisationId, sourceId: scope.sourceId },
      from([
        activity('m1'),
        {
          kind: 'usage',
          record: { personExternalId: 'ann@example.com', day: '2026-11-02', metric: 'email.sent', value: 15 },
        },
      ]),
    );
    expect(result).toMatchObject({ inserted: 0, duplicates: 1, usage: 1 });
    const rows = await dataSource.query('SELECT value FROM usage_metrics WHERE organisation_id = $1', [
      scope.organisationId,
    ]);
    expect(rows).toEqual([{ value: 15 }]);
  });

  it('commits at checkpoints once a batch is full, so the committed state covers exactly the committed records', async () => {
    const commits: { inserted: number; state: unknown }[] = [];
    const messages: ConnectorMessage[] = [];
    for (let i = 0; i < 10; i++) {
      messages.push(activity(`batch-${i}`));
      messages.push({ kind: 'checkpoint', stream: 'activity', state: { position: i + 1 } });
    }
    await ingest(
      dataSource,
      { organisationId: scope.organisationId, sourceId: scope.sourceId },
      from(messages),
      {
        batchSize: 4,
        onCommit: (progress) =>
          void commits.push({ inserted: progress.inserted, state: progress.state['activity'] }),
      },
    );
    expect(commits).toEqual([
      { inserted: 4, state: { position: 4 } },
      { inserted: 8, state: { position: 8 } },
      { inserted: 10, state: { position: 10 } },
    ]);
  });
});
