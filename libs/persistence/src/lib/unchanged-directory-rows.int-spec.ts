import { testStoreUrls, uniqueSuffix } from '@uptake/testing';
import type { DataSource } from 'typeorm';
import { undoFrom, useMigratedDatabase } from '../testing/migrated-database';
import { createDataSource } from './data-source';
import { UnchangedDirectoryRows1766500000000 } from './migrations/1766500000000-unchanged-directory-rows';

const directoryVersion = async (dataSource: DataSource, organisationId: string): Promise<number> => {
  const [row] = await dataSource.query(
    'SELECT directory_version FROM kpi_rollup_versions WHERE organisation_id = $1',
    [organisationId],
  );
  return Number(row.directory_version);
};

/** An organisation with a unit, two people in it, a group and a membership. */
async function smallDirectory(dataSource: DataSource) {
  const [organisation] = await dataSource.query(
    `INSERT INTO organisations (name, slug) VALUES ('Unchanged', $1) RETURNING id`,
    [`unchanged-${uniqueSuffix()}`],
  );
  const organisationId: string = organisation.id;
  const [unit] = await dataSource.query(
    `INSERT INTO org_units (organisation_id, external_id, name, kind) VALUES ($1, 'sales', 'Sales', 'department')
     RETURNING id`,
    [organisationId],
  );
  await dataSource.query(
    `INSERT INTO people (organisation_id, pseudonym, org_unit_id, level) VALUES ($1, 'a', $2, 3), ($1, 'b', $2, 4)`,
    [organisationId, unit.id],
  );
  const [group] = await dataSource.query(
    `INSERT INTO groups (organisation_id, name, kind) VALUES ($1, 'general', 'channel') RETURNING id`,
    [organisationId],
  );
  await dataSource.query(
    `INSERT INTO group_members (organisation_id, group_id, person_id)
     SELECT $1, $2, id FROM people WHERE organisation_id = $1`,
    [organisationId, group.id],
  );
  return { organisationId, unitId: unit.id as string, groupId: group.id as string };
}

/** Statements that write what the rows already hold (another writer than the ingest's, a cohort refresh). */
const NO_OP_STATEMENTS = [
  `UPDATE people SET level = level, org_unit_id = org_unit_id WHERE organisation_id = $1`,
  `UPDATE org_units SET name = name, parent_id = parent_id WHERE organisation_id = $1`,
  `UPDATE group_members SET joined_at = joined_at WHERE organisation_id = $1`,
  `UPDATE groups SET name = 'general' WHERE organisation_id = $1`,
  `DELETE FROM group_members WHERE organisation_id = $1 AND person_id IS NULL`,
  `INSERT INTO people (organisation_id, pseudonym) VALUES ($1, 'a') ON CONFLICT DO NOTHING`,
];

describe('1766500000000: the directory version moves only when a directory row really changed', () => {
  let dataSource: DataSource;

  beforeAll(async () => {
    dataSource = await createDataSource(testStoreUrls().databaseUrl).initialize();
  });

  afterAll(async () => {
    await dataSource?.destroy();
  });

  it('ignores statements that write what the rows already hold', async () => {
    const { organisationId } = await smallDirectory(dataSource);
    const version = await directoryVersion(dataSource, organisationId);
    const rowVersions = () =>
      dataSource.query(`SELECT xmin::text FROM people WHERE organisation_id = $1 ORDER BY pseudonym`, [
        organisationId,
      ]);
    const before = await rowVersions();
    for (const statement of NO_OP_STATEMENTS) await dataSource.query(statement, [organisationId]);
    expect(await directoryVersion(dataSource, organisationId)).toBe(version);
    // Not written at all: no new row versions (no dead tuples either).
    expect(await rowVersions()).toEqual(before);
    await dataSource.query('DELETE FROM organisations WHERE id = $1', [organisationId]);
  });

  it('still bumps once per statement that changes a person, unit, membership or group', async () => {
    const { organisationId, unitId, groupId } = await smallDirectory(dataSource);
    const changes: [string, unknown[]][] = [
      // One row of two changes: the statement bumps (once), the unchanged row is left as it was.
      [`UPDATE people SET level = 3 WHERE organisation_id = $1`, [organisationId]],
      [`UPDATE org_units SET name = 'Sales & Marketing' WHERE id = $1`, [unitId]],
      [`UPDATE group_members SET joined_at = '2026-03-02' WHERE group_id = $1`, [groupId]],
      [`UPDATE groups SET is_private = true WHERE id = $1`, [groupId]],
      [`INSERT INTO groups (organisation_id, name, kind) VALUES ($1, 'cohort', 'cohort')`, [organisationId]],
      [`DELETE FROM groups WHERE organisation_id = $1 AND name = 'cohort'`, [organisationId]],
    ];
    let version = await directoryVersion(dataSource, organisationId);
    for (const [statement, parameters] of changes) {
      await dataSource.query(statement, parameters);
      const now = await directoryVersion(dataSource, organisationId);
      expect({ statement, bumps: now - version }).toEqual({ statement, bumps: 1 });
      version = now;
    }
    // Deleting the organisation cascades through its groups without re-creating its version row.
    await dataSource.query('DELETE FROM organisations WHERE id = $1', [organisationId]);
    expect(
      await dataSource.query('SELECT 1 FROM kpi_rollup_versions WHERE organisation_id = $1', [
        organisationId,
      ]),
    ).toEqual([]);
  });
});

describe('1766500000000 down and up again', () => {
  const migrated = useMigratedDatabase();

  it('restores the earlier triggers, and re-applies cleanly', async () => {
    const { dataSource } = migrated;
    await undoFrom(dataSource, UnchangedDirectoryRows1766500000000);
    const { organisationId } = await smallDirectory(dataSource);
    let version = await directoryVersion(dataSource, organisationId);
    // Before this migration a no-op update bumped, and groups did not.
    await dataSource.query(NO_OP_STATEMENTS[0], [organisationId]);
    await dataSource.query(`UPDATE groups SET is_private = true WHERE organisation_id = $1`, [
      organisationId,
    ]);
    expect(await directoryVersion(dataSource, organisationId)).toBe(version + 1);

    await dataSource.runMigrations();
    version = await directoryVersion(dataSource, organisationId);
    await dataSource.query(NO_OP_STATEMENTS[0], [organisationId]);
    await dataSource.query(`UPDATE groups SET is_private = false WHERE organisation_id = $1`, [
      organisationId,
    ]);
    expect(await directoryVersion(dataSource, organisationId)).toBe(version + 1);
  });
});
