import type { DataSource } from 'typeorm';
import { insertEventOwners, undoFrom, useMigratedDatabase } from '../testing/migrated-database';
import { PartitionedActivityEvents1766000000000 } from './migrations/1766000000000-partitioned-activity-events';

/**
 * 1766000000000-partitioned-activity-events on a database with events: they move to their months with their ids,
 * the key still refuses a duplicate, and `down` restores the plain table with its foreign keys.
 */
describe('the partitioned-activity-events migration on existing events', () => {
  const migrated = useMigratedDatabase();
  let dataSource: DataSource;

  beforeAll(async () => {
    dataSource = migrated.dataSource;
    await undoFrom(dataSource, PartitionedActivityEvents1766000000000);
  });

  const stored = () =>
    dataSource.query(
      `SELECT id::int, external_id, tableoid::regclass::text AS partition FROM activity_events ORDER BY id`,
    );

  it('moves the rows into monthly partitions and back', async () => {
    const { organisationId, sourceId, personId } = await insertEventOwners(dataSource, {
      slug: 'old',
      pseudonym: 'anna',
    });
    for (const [externalId, at] of [
      ['m1', '2025-12-31T23:59:59Z'],
      ['m2', '2026-01-01T00:00:00Z'],
      ['m3', '2026-03-16T12:00:00Z'],
    ]) {
      await dataSource.query(
        `INSERT INTO activity_events (organisation_id, source_id, external_id, occurred_at, actor_id, type)
         VALUES ($1, $2, $3, $4, $5, 'post')`,
        [organisationId, sourceId, externalId, at, personId],
      );
    }
    const before = await stored();

    await dataSource.runMigrations({ transaction: 'each' });
    expect(await stored()).toEqual([
      { id: before[0].id, external_id: 'm1', partition: 'activity_events_2025_12' },
      { id: before[1].id, external_id: 'm2', partition: 'activity_events_2026_01' },
      { id: before[2].id, external_id: 'm3', partition: 'activity_events_2026_03' },
    ]);
    const duplicate = dataSource.query(
      `INSERT INTO activity_events (organisation_id, source_id, external_id, occurred_at, actor_id, type)
       VALUES ($1, $2, 'm2', '2026-01-01T00:00:00Z', $3, 'post')`,
      [organisationId, sourceId, personId],
    );
    await expect(duplicate).rejects.toThrow(/duplicate key/);
    // New ids continue after the moved ones.
    await dataSource.query(
      `INSERT INTO activity_events (organisation_id, source_id, external_id, occurred_at, actor_id, type)
       VALUES ($1, $2, 'm4', '2026-03-17T00:00:00Z', $3, 'post')`,
      [organisationId, sourceId, personId],
    );
    const [{ id: m4 }] = await dataSource.query(
      `SELECT id::int FROM activity_events WHERE external_id = 'm4'`,
    );
    expect(m4).toBeGreaterThan(before[2].id);

    await undoFrom(dataSource, PartitionedActivityEvents1766000000000);
    expect((await stored()).map((row: { partition: string }) => row.partition)).toEqual([
      'activity_events',
      'activity_events',
      'activity_events',
      'activity_events',
    ]);
    // The old shape's foreign key refuses another tenant's person again.
    const [other] = await dataSource.query(
      `INSERT INTO organisations (name, slug) VALUES ('Other', 'other') RETURNING id`,
    );
    const [intruder] = await dataSource.query(
      `INSERT INTO people (organisation_id, pseudonym) VALUES ($1, 'zed') RETURNING id`,
      [other.id],
    );
    await expect(
      dataSource.query(
        `INSERT INTO activity_events (organisation_id, source_id, external_id, occurred_at, actor_id, type)
         VALUES ($1, $2, 'x', '2026-03-17T00:00:00Z', $3, 'post')`,
        [organisationId, sourceId, intruder.id],
      ),
    ).rejects.toThrow(/foreign key/);
  });
});
