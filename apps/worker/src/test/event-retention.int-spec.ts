import { refreshRollups } from '@uptake/kpi';
import { ActivitySource, createDataSource, migrate, Organisation } from '@uptake/persistence';
import { createEmptyDatabase, uniqueSuffix } from '@uptake/testing';
import type { DataSource } from 'typeorm';
import { EventRetention, RETENTION_LOCK, type RetentionBounds } from '../app/retention/event-retention';
import { tryAdvisoryLock } from '../app/stores/advisory-lock';

const ROLLUP_TABLES = [
  'activity_daily',
  'unattributed_daily',
  'person_daily',
  'person_month',
  'group_person_month',
  'person_activity',
  'interaction_daily',
  'thread_rollup',
];
/** The pass's clock: July 2026, so a 3-month policy keeps April (local) onwards. */
const NOW = new Date('2026-07-15T12:00:00Z');
const WHOLE_RANGE = { from: '2025-10-01T00:00:00Z', to: '2026-08-01T00:00:00Z' };
const UNBOUNDED: RetentionBounds = { batchSize: 1_000, batchesPerPass: 1_000, rollupMonthsPerPass: 1_000 };

interface Org {
  id: string;
  sourceId: string;
  people: string[];
  groupId: string;
}

/**
 * Retention with real Postgres, in a database of its own (partitions are dropped). Organisation "kept" has a
 * 3-month policy in Europe/Amsterdam (cutoff 2026-04-01 local = 2026-03-31T22:00Z); "all" has none.
 */
describe('event retention', () => {
  let database: { url: string; drop(): Promise<void> };
  let dataSource: DataSource;
  let policy: Org;
  let keepAll: Org;
  let retention: EventRetention;

  async function organisation(name: string, timeZone: string, months: number | null): Promise<Org> {
    const saved = await dataSource
      .getRepository(Organisation)
      .save({ name, slug: `${name}-${uniqueSuffix()}`, timeZone, eventRetentionMonths: months });
    const source = await dataSource
      .getRepository(ActivitySource)
      .save({ organisationId: saved.id, name: 'src', connectorType: 'csv' });
    const people: { id: string }[] = await dataSource.query(
      `INSERT INTO people (organisation_id, pseudonym) SELECT $1, 'p' || n FROM generate_series(1, 4) n RETURNING id`,
      [saved.id],
    );
    const [group] = await dataSource.query(
      `INSERT INTO groups (organisation_id, source_id, external_id, name, kind)
       VALUES ($1, $2, 'g', 'general', 'channel') RETURNING id`,
      [saved.id, source.id],
    );
    return { id: saved.id, sourceId: source.id, people: people.map((p) => p.id), groupId: group.id };
  }

  /** Events of one organisation: a post, a reply to it, a mention, a join and an unlisted reaction per time. */
  async function events(org: Org, times: string[]): Promise<void> {
    for (const [i, at] of times.entries()) {
      const post = `${org.id}-post-${i}`;
      const [a, b, c] = [org.people[i % 4], org.people[(i + 1) % 4], org.people[(i + 2) % 4]];
      await dataSource.query(
        `INSERT INTO activity_events (organisation_id, source_id, external_id, occurred_at, actor_id, type, group_id,
                                      thread_external_id, target_actor_id, content_length)
         VALUES ($1, $2, $3, $4::timestamptz, $5, 'post', $8, NULL, NULL, 10),
                ($1, $2, $3 || '-reply', $4::timestamptz + interval '1 hour', $6, 'reply', $8, $3, $5, 5),
                ($1, $2, $3 || '-mention', $4::timestamptz + interval '2 hours', $7, 'mention', NULL, NULL, $5, NULL),
                ($1, $2, $3 || '-join', $4::timestamptz + interval '3 hours', $7, 'join', $8, NULL, NULL, NULL),
                ($1, $2, $3 || '-reaction', $4::timestamptz + interval '4 hours', NULL, 'reaction', $8, $3, NULL, NULL)`,
        [org.id, org.sourceId, post, at, a, b, c, org.groupId],
      );
    }
  }

  const count = async (org: Org, where = 'true'): Promise<number> =>
    (
      await dataSource.query(
        `SELECT count(*)::int AS n FROM activity_events WHERE organisation_id = $1 AND ${where}`,
        [org.id],
      )
    )[0].n;

  const rollups = async (org: Org): Promise<Record<string, unknown[]>> => {
    const result: Record<string, unknown[]> = {};
    for (const table of ROLLUP_TABLES) {
      result[table] = await dataSource.query(
        `SELECT to_jsonb(t) - 'organisation_id' AS row FROM ${table} t WHERE t.organisation_id = $1 ORDER BY t::text`,
        [org.id],
      );
    }
    return result;
  };

  const partitions = async (): Promise<string[]> =>
    (
      await dataSource.query(
        `SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
         WHERE i.inhparent = 'activity_events'::regclass ORDER BY 1`,
      )
    ).map((row: { relname: string }) => row.relname);

  const version = async (org: Org): Promise<number> =>
    Number(
      (
        await dataSource.query('SELECT version FROM kpi_rollup_versions WHERE organisation_id = $1', [org.id])
      )[0].version,
    );

  beforeAll(async () => {
    database = await createEmptyDatabase();
    await migrate(database.url);
    dataSource = await createDataSource(database.url).initialize();
    retention = new EventRetention(dataSource);
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });

  beforeEach(async () => {
    await dataSource.query('DELETE FROM organisations');
    await dataSource.query(`SELECT activity_events_ensure_partitions('2025-11-01', '2026-07-31')`);
    policy = await organisation('policy', 'Europe/Amsterdam', 3);
    keepAll = await organisation('all', 'UTC', null);
    await events(policy, [
      '2026-01-05T10:00:00Z', // January: only this organisation has rows there
      '2026-01-20T10:00:00Z',
      '2026-02-10T10:00:00Z', // February: shared with the other organisation
      '2026-03-10T10:00:00Z',
      '2026-03-31T22:30:00Z', // 1 April in Amsterdam: kept
      '2026-05-10T10:00:00Z',
      '2026-07-01T10:00:00Z',
    ]);
    await events(keepAll, ['2025-11-10T10:00:00Z', '2026-02-12T10:00:00Z', '2026-06-01T10:00:00Z']);
    // A reply in May to a thread of March: after retention the thread has lost its root.
    await dataSource.query(
      `INSERT INTO activity_events (organisation_id, source_id, external_id, occurred_at, actor_id, type,
                                    thread_external_id)
       VALUES ($1, $2, 'late-reply', '2026-05-20T10:00:00Z', $3, 'reply', $4)`,
      [policy.id, policy.sourceId, policy.people[3], `${policy.id}-post-3`],
    );
    for (const org of [policy, keepAll]) await refreshRollups(dataSource, org.id, WHOLE_RANGE);
  });

  it("deletes one organisation's expired events and rollups, keeps the other's, and drops only months nobody keeps", async () => {
    const otherRollups = await rollups(keepAll);
    const expired = await count(policy, `occurred_at < '2026-03-31T22:00:00Z'`);
    const kept = await count(policy, `occurred_at >= '2026-03-31T22:00:00Z'`);
    const inJanuary = await count(policy, `occurred_at < '2026-02-01T00:00:00Z'`);
    expect([expired, kept, inJanuary]).toEqual([20, 16, 10]);
    expect(await partitions()).toEqual(
      expect.arrayContaining([
        'activity_events_2025_11',
        'activity_events_2025_12',
        'activity_events_2026_01',
      ]),
    );

    const report = await retention.run(NOW, UNBOUNDED);

    // January held only expired rows and December none: dropped. November and February hold the other
    // organisation's rows: kept, and February lost the expired organisation's rows by batches.
    expect(report?.partitionsDropped).toEqual(['activity_events_2025_12', 'activity_events_2026_01']);
    const left = await partitions();
    expect(left).toEqual(expect.arrayContaining(['activity_events_2025_11', 'activity_events_2026_02']));
    expect(left).not.toContain('activity_events_2026_01');
    expect(report?.organisations).toEqual([
      expect.objectContaining({
        organisationId: policy.id,
        cutoff: new Date('2026-03-31T22:00:00Z'),
        eventsDeleted: expired - inJanuary,
        rollupsClearedBefore: '2026-04-01',
      }),
    ]);
    expect(await count(policy, `occurred_at < '2026-03-31T22:00:00Z'`)).toBe(0);
    expect(await count(policy)).toBe(kept);
    expect(await count(keepAll)).toBe(15);

    // No rollup day before the local cutoff is left; what is left equals a refresh from scratch of the
    // remaining events (the March thread answered in May becomes a thread without its root).
    for (const table of ['activity_daily', 'person_daily', 'unattributed_daily', 'interaction_daily']) {
      const [{ first }] = await dataSource.query(
        `SELECT min(day)::text AS first FROM ${table} WHERE organisation_id = $1`,
        [policy.id],
      );
      expect([table, first]).toEqual([table, '2026-04-01']);
    }
    const afterRetention = await rollups(policy);
    expect(afterRetention.thread_rollup).toContainEqual({
      row: expect.objectContaining({
        thread_key: `${policy.id}-post-3`,
        root_actor_id: null,
        root_day: '2026-05-20',
      }),
    });
    await refreshRollups(dataSource, policy.id, WHOLE_RANGE);
    expect(afterRetention).toEqual(await rollups(policy));
    expect(await rollups(keepAll)).toEqual(otherRollups);
  });

  it('does nothing more when run again, and runs one pass at a time', async () => {
    await retention.run(NOW, UNBOUNDED);
    const before = {
      rollups: await rollups(policy),
      version: await version(policy),
      parts: await partitions(),
    };

    // While another worker's pass holds the lock, a pass returns at once without touching anything.
    const held = await tryAdvisoryLock(dataSource, RETENTION_LOCK);
    expect(await new EventRetention(dataSource).run(NOW, UNBOUNDED)).toBeNull();
    await held?.release();

    expect(await retention.run(NOW, UNBOUNDED)).toEqual({
      partitionsDropped: [],
      organisations: [expect.objectContaining({ eventsDeleted: 0, batches: 0, rollupsClearedBefore: null })],
      bounded: false,
    });
    expect({
      rollups: await rollups(policy),
      version: await version(policy),
      parts: await partitions(),
    }).toEqual(before);
  });

  it('deletes at most the batch size per batch and the bound per pass, and goes on where it stopped', async () => {
    // February, March and the last hours of 31 March UTC: the rows left after January's partition is dropped.
    const toDelete = await count(
      policy,
      `occurred_at >= '2026-02-01' AND occurred_at < '2026-03-31T22:00:00Z'`,
    );
    expect(toDelete).toBe(10);
    const bounds: RetentionBounds = { batchSize: 3, batchesPerPass: 2, rollupMonthsPerPass: 1_000 };

    // A batch stays in one partition: 3 of February's 5 rows, then its last 2.
    const first = await retention.run(NOW, bounds);
    expect(first?.organisations[0]).toMatchObject({ eventsDeleted: 5, batches: 2 });
    expect(first?.bounded).toBe(true);
    expect(await count(policy, `occurred_at < '2026-03-31T22:00:00Z'`)).toBe(toDelete - 5);
    // Oldest first: February (5 rows) is gone, so its rollups go; March, still partly there, keeps its own.
    expect(first?.organisations[0].rollupsClearedBefore).toBe('2026-03-01');
    const [{ first: firstDay }] = await dataSource.query(
      'SELECT min(day)::text AS first FROM activity_daily WHERE organisation_id = $1',
      [policy.id],
    );
    expect(firstDay).toBe('2026-03-10');

    const second = await retention.run(NOW, bounds);
    expect(second?.organisations[0]).toMatchObject({
      eventsDeleted: 5,
      batches: 2,
      rollupsClearedBefore: '2026-04-01',
    });
    expect(second?.bounded).toBe(false);
    expect(await count(policy, `occurred_at < '2026-03-31T22:00:00Z'`)).toBe(0);
  });

  it('keeps everything once the policy is removed, and a longer policy keeps more', async () => {
    await dataSource.query('UPDATE organisations SET event_retention_months = NULL WHERE id = $1', [
      policy.id,
    ]);
    const before = await count(policy);
    expect(await retention.run(NOW, UNBOUNDED)).toEqual({
      partitionsDropped: [],
      organisations: [],
      bounded: false,
    });
    expect(await count(policy)).toBe(before);

    // Five months before July: January goes, February on stays. The local cutoff (1 February in Amsterdam,
    // 31 January 23:00 UTC) is before the end of January's UTC partition, so its rows go by batches.
    await dataSource.query('UPDATE organisations SET event_retention_months = 5 WHERE id = $1', [policy.id]);
    const report = await retention.run(NOW, UNBOUNDED);
    expect(report?.partitionsDropped).toEqual(['activity_events_2025_12']);
    expect(report?.organisations[0]).toMatchObject({ eventsDeleted: 10, rollupsClearedBefore: '2026-02-01' });
    expect(await count(policy)).toBe(before - 10);
    expect(await partitions()).toContain('activity_events_2026_01');

    // The column's own bounds (the API refuses them first, naming the field).
    await expect(
      dataSource.query('UPDATE organisations SET event_retention_months = 2 WHERE id = $1', [policy.id]),
    ).rejects.toThrow(/check constraint/);
  });
});
