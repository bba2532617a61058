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
import {
  inTransaction,
  newWriterCache,
  writeEventBatch as writeBatch,
  type BatchResult,
  type NormalisedEvent,
} from './event-writer';

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

  describe('copied directly, merged after meeting stored events', () => {
    /** The statements a write sends on `client` (the real connection, recorded as they pass). */
    async function statementsOf(work: () => Promise<unknown>): Promise<string[]> {
      const sent: string[] = [];
      const query = client.query.bind(client) as (...args: unknown[]) => unknown;
      const recording = (...args: unknown[]) => {
        const [first] = args;
        const text = typeof first === 'string' ? first : (first as { text?: string }).text;
        if (typeof text === 'string') sent.push(text.replace(/\s+/g, ' ').trim());
        return query(...args);
      };
      Object.assign(client, { query: recording });
      try {
        await work();
      } finally {
        Object.assign(client, { query });
      }
      return sent;
    }
    const staging = (sent: string[]) => sent.some((text) => text.startsWith('COPY staging_events'));
    const at = (hours: number) => new Date(Date.parse('2026-05-10T08:00:00Z') + hours * 3_600_000);
    const rowsOf = async (prefix: string) =>
      (await dataSource.query(
        `SELECT external_id, occurred_at, actor_id, type, group_id, thread_external_id, target_actor_id,
                content_length, count, from_report
         FROM activity_events WHERE organisation_id = $1 AND source_id = $2 AND external_id LIKE $3 || '%'
         ORDER BY external_id`,
        [scope.organisationId, scope.sourceId, prefix],
      )) as Record<string, unknown>[];

    it('stores a new batch by one COPY into activity_events, the same rows the merge stores', async () => {
      const batch = (prefix: string) => [
        event(`${prefix}-1`, { occurredAt: at(0), groupExternalId: 'C1' }),
        event(`${prefix}-2`, {
          occurredAt: at(1),
          actorPseudonym: 'dave',
          type: 'reply',
          threadExternalId: `${prefix}-1`,
          targetPseudonym: 'alice',
          groupExternalId: 'C-unknown',
        }),
        // the first record of an id is kept, as the merge keeps it
        event(`${prefix}-3`, { occurredAt: at(2), type: 'reaction', actorPseudonym: null, count: 4 }),
        event(`${prefix}-3`, { occurredAt: at(3), type: 'reaction', actorPseudonym: 'erin' }),
      ];
      const cache = newWriterCache();
      let direct: BatchResult | undefined;
      const sent = await statementsOf(async () => {
        direct = await inTransaction(client, () => writeBatch(client, scope, batch('direct'), cache));
      });
      expect(staging(sent)).toBe(false);
      expect(sent.some((text) => text.startsWith('COPY activity_events'))).toBe(true);
      // the merge, forced: a cache that met stored events
      let merged: BatchResult | undefined;
      const mergedSent = await statementsOf(async () => {
        merged = await inTransaction(client, () =>
          writeBatch(client, scope, batch('merged'), { ...newWriterCache(), merging: true }),
        );
      });
      expect(staging(mergedSent)).toBe(true);
      expect(direct).toEqual(merged);
      expect(direct).toMatchObject({ inserted: 3, duplicates: 1, firstAt: at(0), lastAt: at(2) });
      const unprefixed = (rows: Record<string, unknown>[]) =>
        rows.map((row) => ({
          ...row,
          external_id: String(row['external_id']).replace(/^\w+-/, ''),
          thread_external_id:
            row['thread_external_id'] && String(row['thread_external_id']).replace(/^\w+-/, ''),
        }));
      expect(unprefixed(await rowsOf('direct-'))).toEqual(unprefixed(await rowsOf('merged-')));
      expect((await rowsOf('direct-'))[0]['group_id']).not.toBeNull();
    });

    it('merges a batch that meets stored events, in the same transaction, and copies again once one finds none', async () => {
      const cache = newWriterCache();
      await inTransaction(client, () =>
        writeBatch(client, scope, [event('again-1', { occurredAt: at(5) })], cache),
      );
      const results: BatchResult[] = [];
      const sent = await statementsOf(() =>
        inTransaction(client, async () => {
          // half stored: the direct COPY is refused whole, its savepoint rolled back, and the batch merged
          results.push(
            await writeBatch(
              client,
              scope,
              [event('again-1', { occurredAt: at(5) }), event('again-2', { occurredAt: at(6) })],
              cache,
            ),
          );
          // nothing stored: merged (the writer is merging), and it finds none
          results.push(await writeBatch(client, scope, [event('again-3', { occurredAt: at(7) })], cache));
        }),
      );
      expect(sent.filter((text) => text === 'ROLLBACK TO SAVEPOINT direct_copy')).toHaveLength(1);
      expect(sent.filter((text) => text.startsWith('COPY staging_events'))).toHaveLength(2);
      expect(results.map(({ inserted, duplicates }) => ({ inserted, duplicates }))).toEqual([
        { inserted: 1, duplicates: 1 },
        { inserted: 1, duplicates: 0 },
      ]);
      expect(cache.merging).toBe(false);
      const next = await statementsOf(() =>
        inTransaction(client, () =>
          writeBatch(client, scope, [event('again-4', { occurredAt: at(8) })], cache),
        ),
      );
      expect(staging(next)).toBe(false);
      expect((await rowsOf('again-')).map((row) => row['external_id'])).toEqual([
        'again-1',
        'again-2',
        'again-3',
        'again-4',
      ]);
    });
  });
});
