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

/**
 * An organisation with one source and one person, in plain SQL (the entities follow the newest schema; a spec
 * may run on an earlier one): what a migration spec of activity_events writes its events for.
 */
export async function insertEventOwners(
  dataSource: DataSource,
  names: { slug: string; pseudonym: string },
): Promise<{ organisationId: string; sourceId: string; personId: string }> {
  const [organisation] = await dataSource.query(
    `INSERT INTO organisations (name, slug) VALUES ($1, $1) RETURNING id`,
    [names.slug],
  );
  const [source] = await dataSource.query(
    `INSERT INTO data_sources (organisation_id, name, connector_type) VALUES ($1, 'csv', 'csv') RETURNING id`,
    [organisation.id],
  );
  const [person] = await dataSource.query(
    `INSERT INTO people (organisation_id, pseudonym) VALUES ($1, $2) RETURNING id`,
    [organisation.id, names.pseudonym],
  );
  return { organisationId: organisation.id, sourceId: source.id, personId: person.id };
}
