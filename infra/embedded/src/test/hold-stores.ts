import { loadConfig } from '@uptake/config';
import { ensureStores } from '../lib/stores';

/**
 * Test helper process: starts the embedded stores for UPTAKE_DATA_DIR and the EMBEDDED_* ports, prints
 * their URLs as one JSON line, then waits to be killed (the hard crash of a launcher).
 */
ensureStores(loadConfig())
  .then((stores) => {
    process.stdout.write(
      JSON.stringify({ postgres: stores.config.database.url, redis: stores.config.redis.url }) + '\n',
    );
    setInterval(() => undefined, 60_000);
  })
  .catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
