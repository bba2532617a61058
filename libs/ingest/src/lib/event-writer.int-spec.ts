import {
  ActivityEvent,
  ActivitySource,
  createDataSource,
  Group,
  Organisation,
  Person,
} from '@uptake/persistence';
import { testStoreUrls, uniqueSuffix } from '@uptake/testing';
import type { PoolClient } from 'pg';
import type { DataSource, QueryRunner } from 'typeorm';
import { inTransaction, writeEventBatch as writeBatch, type NormalisedEvent } from './event-writer';

const writeEventBatch: typeof writeBatch = (client, scope, events) =>
  inTransaction(client, () => writeBatch(client, scope, events));

const event = (externalId: string, overrides: Partial<NormalisedEvent> = {}): NormalisedEvent => ({
  externalId,
  occurredAt: new Date('2026-05-04T08:00:00Z'),
  actorPseudonym: 'alice',
  type: 'post',
  groupExternalId: null,
  threadExternalId: null,
  targetPseudonym: null,
  contentLength: 10,
  ...overrides,
});

describe('writeEventBatch', () => {
  let dataSource: DataSource;
  let queryRunner: QueryRunner;
  let client: PoolClient;
  let scope: { organisationId: string; sourceId: string };

  beforeAll(async () => {
    dataSource = await createDataSource(testStoreUrls().databaseUrl).initialize();
    const organisation = await dataSource
      .getRepository(Organisation)
      .save({ name: 'Writer', slug: `writer-${uniqueSuffix()}` });
    const source = await dataSource
      .getRepository(ActivitySource)
      .save({ organisationId: organisation.id, name: 'slack', connectorType: 'slack-export' });
    await dataSource.getRepository(Group).save({
      organisationId: organisation.id,
      sourceId: source.id,
      externalId: 'C1',
      name: 'general',
      kind: 'channel',
    });
    scope = { organisationId: organisation.id, sourceId: source.id };
    queryRunner = dataSource.createQueryRunner();
    client = (await queryRunner.connect()) as PoolClient;
  });

  afterAll(async () => {
    await queryRunner.release();
    await dataSource.getRepository(Organisation).delete(scope.organisationId);
    await dataSource.destroy();
  });

  it('stores events, resolving people (creating stubs) and groups', async () => {
    const result = await writeEventBatch(client, scope, [
      event('m1', { groupExternalId: 'C1', contentLength: 42 }),
      event('m2', {
        actorPseudonym: 'bob',
        type: 'reply',
        targetPseudonym: 'alice',
        threadExternalId: 'm1',
        groupExternalId: 'C1',
      }),
      event('m3', {
        actorPseudonym: 'carol',
        type: 'reaction',
        targetPseudonym: 'bob',
        groupExternalId: 'C-unknown',
        contentLength: null,
      }),
    ]);
    expect(result).toMatchObject({ inserted: 3, duplicates: 0 });
    expect(result.firstAt).toEqual(new Date('2026-05-04T08:00:00Z'));
    const people = await dataSource.getRepository(Person).findBy({ organisationId: scope.organisationId });
    expect(people.map((p) => p.pseudonym).sort()).toEqual(['alice', 'bob', 'carol']);
    const id = (pseudonym: string) => people.find((p) => p.pseudonym === pseudonym)!.id;
    const stored = await dataSource
      .getRepository(ActivityEvent)
      .find({ where: scope, order: { externalId: 'ASC' } });
    expect(stored.map((e) => [e.externalId, e.type, e.actorId, e.targetActorId, e.contentLength])).toEqual([
      ['m1', 'post', id('alice'), null, 42],
      ['m2', 'reply', id('bob'), id('alice'), 10],
      ['m3', 'reaction', id('carol'), id('bob'), null],
    ]);
    expect(stored[0].groupId).not.toBeNull();
    expect(stored[2].groupId).toBeNull();
  });

  it('counts a re-delivered batch as duplicates and keeps quotes and commas intact', async () => {
    const tricky = 'id,with "quotes"';
    const result = await writeEventBatch(client, scope, [
      event('m1'),
      event('m2'),
      event(tricky),
      event(tricky),
    ]);
    expect(result).toMatchObject({ inserted: 1, duplicates: 3 });
    expect(await dataSource.getRepository(ActivityEvent).countBy({ ...scope, externalId: tricky })).toBe(1);
  });

  it('stores a batch sent in several COPY chunks whole, with line breaks and quotes inside fields', async () => {
    // 1,300 rows: three chunks of at most 512 lines, with fields that need quoting on the chunk boundaries.
    const ids = Array.from({ length: 1300 }, (_, i) =>
      i % 511 === 0 ? `chunk-${i},"line\nbreak"` : `chunk-${i}`,
    );
    const result = await writeEventBatch(
      client,
      scope,
      ids.map((id, i) => event(id, { actorPseudonym: `p"${i % 7}`, count: (i % 3) + 1 })),
    );
    expect(result).toMatchObject({ inserted: 1300, duplicates: 0 });
    const rows: { external_id: string; count: number }[] = await dataSource.query(
      `SELECT external_id, count FROM activity_events
       WHERE organisation_id = $1 AND source_id = $2 AND external_id LIKE 'chunk-%'`,
      [scope.organisationId, scope.sourceId],
    );
    expect(rows.map((row) => row.external_id).sort()).toEqual([...ids].sort());
    expect(rows.reduce((total, row) => total + Number(row.count), 0)).toBe(
      ids.reduce((total, _, i) => total + (i % 3) + 1, 0),
    );
  });
  it('replaces a usage report count read again, withdraws a 0, and never changes an event', async () => {
    const report = (externalId: string, count: number, at = '2026-05-05T12:00:00Z') =>
      event(externalId, { count, fromReport: true, occurredAt: new Date(at), contentLength: null });
    expect(
      await writeEventBatch(client, scope, [report('r-post', 3), report('r-read', 12), report('r-like', 0)]),
    ).toMatchObject({ inserted: 2, updated: 0, duplicates: 0 });

    // The republished day: a corrected count, a withdrawn one, one unchanged, and an event with a stored id.
    const result = await writeEventBatch(client, scope, [
      report('r-post', 4, '2026-05-06T12:00:00Z'),
      report('r-read', 0, '2026-05-03T12:00:00Z'),
      report('r-like', 0),
      event('m1', { count: 9 }),
    ]);
    expect(result).toMatchObject({ inserted: 0, updated: 2, duplicates: 1 });
    // The corrected and withdrawn rows' times are the range the rollups refresh.
    expect([result.firstAt, result.lastAt]).toEqual([
      new Date('2026-05-05T12:00:00Z'),
      new Date('2026-05-05T12:00:00Z'),
    ]);
    const counts = await dataSource
      .getRepository(ActivityEvent)
      .find({ where: scope, order: { externalId: 'ASC' } });
    const byId = new Map(counts.map((e) => [e.externalId, e.count]));
    expect([byId.get('r-post'), byId.get('r-read'), byId.get('r-like'), byId.get('m1')]).toEqual([
      4,
      undefined,
      undefined,
      1,
    ]);
  });

  it('keeps the first of two report counts with one id in a batch', async () => {
    const report = (count: number) => event('r-twice', { count, fromReport: true, contentLength: null });
    expect(await writeEventBatch(client, scope, [report(5), report(6)])).toMatchObject({
      inserted: 1,
      duplicates: 1,
    });
    expect(
      (await dataSource.getRepository(ActivityEvent).findOneBy({ ...scope, externalId: 'r-twice' }))?.count,
    ).toBe(5);
  });

  it('rolls back the whole batch on a bad row and leaves the connection usable', async () => {
    const before = await dataSource.getRepository(ActivityEvent).countBy(scope);
    await expect(
      writeEventBatch(client, scope, [event('ok-1'), event('bad', { contentLength: -1 })]),
    ).rejects.toThrow(/content_length/);
    expect(await dataSource.getRepository(ActivityEvent).countBy(scope)).toBe(before);
    expect(await writeEventBatch(client, scope, [event('ok-1')])).toMatchObject({
      inserted: 1,
      duplicates: 0,
    });
  });
});
