// First: TypeORM's unused database drivers are never loaded (libs/persistence/src/postgres-only).
import '@uptake/persistence/postgres-only';
import 'reflect-metadata';
import { ConfigError, loadConfig, requireStoreUrls } from '@uptake/config';
import { createApi } from './app/create-api';

// Started by the launcher (`npm start`, with an IPC channel): stop when the launcher is gone, even killed
// hard, rather than keep holding the port for the next start.
process.once('disconnect', () => process.kill(process.pid, 'SIGTERM'));

async function main(): Promise<void> {
  const config = requireStoreUrls(loadConfig());
  const { app } = await createApi(config);
  await app.listen(config.api.port, config.api.host);
  console.log(`Uptake API listening on http://${config.api.host}:${config.api.port}/api (docs: /api/docs)`);
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
