import 'reflect-metadata';
import { ConfigError, loadConfig } from '@uptake/config';
import { migrate } from '@uptake/persistence';
import { Client } from 'pg';

/**
 * Applies the pending database migrations and exits: the `migrate` command of the container image (a
 * Kubernetes Job or a compose service that runs before the API and workers start).
 *
 * Two runs at once (a re-created Job, two compose stacks on one database) must not both apply the same
 * migration, so the run holds a session-level Postgres advisory lock for its duration; a second run waits
 * for it and then finds nothing pending. DATABASE_URL is required: there is no embedded database here.
 */
const MIGRATION_LOCK = 0x75707461; // "upta"

async function main(): Promise<void> {
  const config = loadConfig();
  const url = config.database.url;
  if (!url)
    throw new ConfigError([
      {
        variable: 'DATABASE_URL',
        message: 'required by migrate (postgres://user:password@host:5432/uptake)',
      },
    ]);
  const lock = new Client({ connectionString: url });
  await lock.connect();
  try {
    await lock.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    const applied = await migrate(url);
    console.log(
      applied.length === 0
        ? 'migrate: the schema is up to date'
        : `migrate: applied ${applied.length} migration(s): ${applied.join(', ')}`,
    );
  } finally {
    await lock.end();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
