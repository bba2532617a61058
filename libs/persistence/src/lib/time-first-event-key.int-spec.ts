import { uniqueSuffix } from '@uptake/testing';
import type { DataSource } from 'typeorm';
import { insertEventOwners, undoFrom, useMigratedDatabase } from '../testing/migrated-database';
import { TimeFirstEventKey1766700000000 } from './migrations/1766700000000-time-first-event-key';

/** The columns of activity_events' primary key, in order. */
async function keyColumns(dataSource: DataSource): Promise<string[]> {
  const rows: { column: string }[] = await dataSource.query(
    `SELECT a.attname AS column
     FROM pg_constraint c CROSS JOIN LATERAL unnest(c.conkey) WITH ORDINALITY AS k(attnum, position)
     JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum
     WHERE c.conrelid = 'activity_events'::regclass AND c.contype = 'p' ORDER BY k.position`,
  );
  return rows.map((row) => row.column);
}

describe('1766700000000: activity_events keyed time first', () => {
  const migrated = useMigratedDatabase();

  it('keeps the stored events and their idempotence when the key turns time first (undone, then applied again)', async () => {
    const { dataSource } = migrated;
    await undoFrom(dataSource, TimeFirstEventKey1766700000000);
    expect(await keyColumns(dataSource)).toEqual([
      'organisation_id',
      'source_id',
      'external_id',
      'occurred_at',
    ]);
    const { organisationId, sourceId, personId } = await insertEventOwners(dataSource, {
      slug: `key-${uniqueSuffix()}`,
      pseudonym: 'p',
    });
    // Two months, so the key is rebuilt in more than one partition.
    const insert = (externalId: string, at: string) =>
      dataSource.query(
        `INSERT INTO activity_events (organisation_id, source_id, external_id, occurred_at, actor_id, type)
         VALUES ($1, $2, $3, $4, $5, 'post') ON CONFLICT (organisation_id, source_id, external_id, occurred_at) DO NOTHING
         RETURNING id`,
        [organisationId, sourceId, externalId, at, personId],
      );
    expect(await insert('m1', '2026-03-31T23:00:00Z')).toHaveLength(1);
    expect(await insert('m2', '2026-04-01T01:00:00Z')).toHaveLength(1);

    await dataSource.runMigrations();
    expect(await keyColumns(dataSource)).toEqual([
      'organisation_id',
      'source_id',
      'occurred_at',
      'external_id',
    ]);
    const stored: { external_id: string }[] = await dataSource.query(
      `SELECT external_id FROM activity_events WHERE source_id = $1 ORDER BY external_id`,
      [sourceId],
    );
    expect(stored.map((row) => row.external_id)).toEqual(['m1', 'm2']);
    // the same ON CONFLICT target still names the key: a re-delivered record is skipped, a new time is new
    expect(await insert('m1', '2026-03-31T23:00:00Z')).toHaveLength(0);
    expect(await insert('m2', '2026-04-01T01:00:00Z')).toHaveLength(0);
    expect(await insert('m1', '2026-04-02T08:00:00Z')).toHaveLength(1);
    // every month partition got the new key and the partial indexes (created ahead or ATTACHed later)
    const [{ partitions, missing }] = await dataSource.query(
      `SELECT count(*)::int AS partitions,
              count(*) FILTER (WHERE NOT EXISTS (
                SELECT 1 FROM pg_index i JOIN pg_inherits x ON x.inhrelid = i.indexrelid
                WHERE i.indrelid = p.inhrelid AND x.inhparent = 'activity_events_root_idx'::regclass))::int AS missing
       FROM pg_inherits p WHERE p.inhparent = 'activity_events'::regclass`,
    );
    expect(partitions).toBeGreaterThan(1);
    expect(missing).toBe(0);
  });
});
