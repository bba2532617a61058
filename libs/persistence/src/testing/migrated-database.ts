import { createEmptyDatabase } from '@uptake/testing';
import type { DataSource } from 'typeorm';
import { createDataSource, MIGRATIONS } from '../lib/data-source';

/**
 * A throw-away database with every migration applied, for the migration specs that undo some of them: created
 * before the describe block's tests (`migrated.dataSource`), dropped after them.
 */
export function useMigratedDatabase(): { dataSource: DataSource } {
  const migrated = {} as { dataSource: DataSource };
  let database: { url: string; drop(): Promise<void> } | undefined;
  beforeAll(async () => {
    database = await createEmptyDatabase();
    migrated.dataSource = await createDataSource(database.url).initialize();
    await migrated.dataSource.runMigrations();
  });
  afterAll(async () => {
    await migrated.dataSource?.destroy();
    await database?.drop();
  });
  return migrated;
}

/** Undoes `migration` and every later one: the schema as it was just before it. */
export async function undoFrom(
  dataSource: DataSource,
  migration: (typeof MIGRATIONS)[number],
): Promise<void> {
  const later = MIGRATIONS.length - MIGRATIONS.indexOf(migration);
  for (let n = 0; n < later; n++) await dataSource.undoLastMigration();
}
