import { ActivitySource, createDataSource, Group, Organisation, Person } from '@uptake/persistence';
import { testStoreUrls, uniqueSuffix } from '@uptake/testing';
import type { PoolClient } from 'pg';
import type { DataSource, QueryRunner } from 'typeorm';
import { ensureEventPartitions } from './event-partitions';
import { inTransaction, writeEventBatch, type NormalisedEvent } from './event-writer';

/**
 * activity_events partitioned by month: idempotence across month boundaries, months created for what a batch
 * brings, and references checked per statement (1766000000000-partitioned-activity-events).
 */
const event = (
  externalId: string,
  at: string,
  overrides: Partial<NormalisedEvent> = {},
): NormalisedEvent => ({
  externalId,
  occurredAt: new Date(at),
  actorPseudonym: 'ann',
  type: 'post',
  groupExternalId: null,
  threadExternalId: null,
  targetPseudonym: null,
  contentLength: 1,
  ...overrides,
});

describe('partitioned activity_events', () => {
  let dataSource: DataSource;
  let queryRunner: QueryRunner;
  let client: PoolClient;
  let scope: { organisationId: string; sourceId: string };
  let other: { organisationId: string; sourceId: string; personId: string };

  const write = (events: NormalisedEvent[]) =>
    inTransaction(client, () => writeEventBatch(client, scope, events));
  const partitionOf = async (externalId: string): Promise<string[]> =>
    (
      await client.query<{ partition: string }>(
        `SELECT tableoid::regclass::text AS partition FROM activity_events
         WHERE organisation_id = $1 AND source_id = $2 AND external_id = $3`,
        [scope.organisationId, scope.sourceId, externalId],
      )
    ).rows.map((row) => row.partition);

  beforeAll(async () => {
    dataSource = await createDataSource(testStoreUrls().databaseUrl).initialize();
    const [organisation, otherOrganisation] = await dataSource.getRepository(Organisation).save([
      { name: 'Partitions', slug: `partitions-${uniqueSuffix()}` },
      { name: 'Other tenant', slug: `other-${uniqueSuffix()}` },
    ]);
    const [source, otherSource] = await dataSource.getRepository(ActivitySource).save([
      { organisationId: organisation.id, name: 'slack', connectorType: 'slack-export' },
      { organisationId: otherOrganisation.id, name: 'slack', connectorType: 'slack-export' },
    ]);
    const intruder = await dataSource
      .getRepository(Person)
      .save({ organisationId: otherOrganisation.id, pseudonym: 'zed' });
    scope = { organisationId: organisation.id, sourceId: source.id };
    other = { organisationId: otherOrganisation.id, sourceId: otherSource.id, personId: intruder.id };
    queryRunner = dataSource.createQueryRunner();
    client = (await queryRunner.connect()) as PoolClient;
  });

  afterAll(async () => {
    await queryRunner.release();
    await dataSource.getRepository(Organisation).delete([scope.organisationId, other.organisationId]);
    await dataSource.destroy();
  });

  it('stores a re-delivery across a month boundary once, however it is batched', async () => {
    const records = [
      event('b-1', '2026-01-31T23:59:59.999Z'),
      event('b-2', '2026-02-01T00:00:00.000Z'),
      event('b-3', '2026-02-28T23:30:00.000Z'),
      event('b-4', '2026-03-01T00:30:00.000Z'),
    ];
    expect(await write(records)).toMatchObject({ inserted: 4, duplicates: 0 });
    // Again, split at other points and in another order.
    expect(await write([records[3], records[0]])).toMatchObject({ inserted: 0, duplicates: 2 });
    expect(await write([records[2], records[1], records[0]])).toMatchObject({ inserted: 0, duplicates: 3 });
    expect(await partitionOf('b-1')).toEqual(['activity_events_2026_01']);
    expect(await partitionOf('b-2')).toEqual(['activity_events_2026_02']);
    expect(await partitionOf('b-4')).toEqual(['activity_events_2026_03']);
  });

  it('creates the partition of a late event for an old month instead of using the default one', async () => {
    expect(await write([event('late-1', '2019-03-15T10:00:00Z')])).toMatchObject({ inserted: 1 });
    expect(await partitionOf('late-1')).toEqual(['activity_events_2019_03']);
  });

  it('moves rows that reached the default partition into their month when it is created', async () => {
    // A direct insert (not the pipeline) for a month without a partition lands in the default one.
    const { rows } = await client.query<{ id: string }>(
      `INSERT INTO people (organisation_id, pseudonym) VALUES ($1, 'direct') RETURNING id`,
      [scope.organisationId],
    );
    await client.query(
      `INSERT INTO activity_events (organisation_id, source_id, external_id, occurred_at, actor_id, type)
       VALUES ($1, $2, 'direct-1', '2011-07-04T12:00:00Z', $3, 'post')`,
      [scope.organisationId, scope.sourceId, rows[0].id],
    );
    expect(await partitionOf('direct-1')).toEqual(['activity_events_default']);
    await inTransaction(client, () =>
      ensureEventPartitions(client, new Date('2011-07-01T00:00:00Z'), new Date('2011-07-31T00:00:00Z')),
    );
    expect(await partitionOf('direct-1')).toEqual(['activity_events_2011_07']);
  });

  it('creates a month once when several workers ask for it at the same time', async () => {
    const runners = await Promise.all([1, 2, 3].map(() => dataSource.createQueryRunner()));
    try {
      const clients = (await Promise.all(runners.map((runner) => runner.connect()))) as PoolClient[];
      const created = await Promise.all(
        clients.map((each) =>
          ensureEventPartitions(each, new Date('2012-05-10T00:00:00Z'), new Date('2012-06-10T00:00:00Z')),
        ),
      );
      expect(created.reduce((sum, n) => sum + n, 0)).toBe(2);
    } finally {
      await Promise.all(runners.map((runner) => runner.release()));
    }
  });

  it('refuses a range it cannot bound', async () => {
    await expect(
      ensureEventPartitions(client, new Date('1900-01-01T00:00:00Z'), new Date('2026-01-01T00:00:00Z')),
    ).rejects.toThrow(/spans more than 1200 months/);
  });

  it("refuses an event of another tenant's person, group or source, in one check per statement", async () => {
    const { rows } = await client.query<{ id: string }>(
      `SELECT id FROM people WHERE organisation_id = $1 AND pseudonym = 'ann'`,
      [scope.organisationId],
    );
    const insert = (actor: string, source: string, externalId: string) =>
      client.query(
        `INSERT INTO activity_events (organisation_id, source_id, external_id, occurred_at, actor_id, type)
         VALUES ($1, $2, $3, '2026-02-10T12:00:00Z', $4, 'post'), ($1, $2, $3 || '-ok', '2026-02-10T12:00:00Z', $5, 'post')`,
        [scope.organisationId, source, externalId, actor, rows[0].id],
      );
    await expect(insert(other.personId, scope.sourceId, 'x-person')).rejects.toThrow(
      new RegExp(`actor_id ${other.personId} of event x-person .* is not a row of organisation`),
    );
    await expect(insert(rows[0].id, other.sourceId, 'x-source')).rejects.toThrow(/source_id .* is not a row/);
    const group = await dataSource.getRepository(Group).save({
      organisationId: other.organisationId,
      sourceId: other.sourceId,
      externalId: 'G',
      name: 'theirs',
      kind: 'channel',
    });
    await expect(
      client.query(
        `UPDATE activity_events SET group_id = $3 WHERE organisation_id = $1 AND source_id = $2 AND external_id = 'b-1'`,
        [scope.organisationId, scope.sourceId, group.id],
      ),
    ).rejects.toMatchObject({ code: '23503' });
    // Nothing of the refused statements was stored.
    expect(await partitionOf('x-person-ok')).toEqual([]);
  });

  it('keeps the former cascades: an erased person loses their events, a deleted group and target become NULL', async () => {
    const group = await dataSource.getRepository(Group).save({
      organisationId: scope.organisationId,
      sourceId: scope.sourceId,
      externalId: 'C-cascade',
      name: 'cascade',
      kind: 'channel',
    });
    await write([
      event('c-1', '2026-02-11T10:00:00Z', { actorPseudonym: 'bea', groupExternalId: 'C-cascade' }),
      event('c-2', '2026-02-11T11:00:00Z', {
        type: 'reply',
        targetPseudonym: 'bea',
        groupExternalId: 'C-cascade',
      }),
    ]);
    await dataSource.getRepository(Group).delete(group.id);
    await dataSource.getRepository(Person).delete({ organisationId: scope.organisationId, pseudonym: 'bea' });
    const { rows } = await client.query(
      `SELECT external_id, group_id, target_actor_id FROM activity_events
       WHERE organisation_id = $1 AND external_id IN ('c-1', 'c-2')`,
      [scope.organisationId],
    );
    expect(rows).toEqual([{ external_id: 'c-2', group_id: null, target_actor_id: null }]);
  });
});
