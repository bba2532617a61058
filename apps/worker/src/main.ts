// First: TypeORM's unused database drivers are never loaded (libs/persistence/src/postgres-only).
import '@uptake/persistence/postgres-only';
import 'reflect-metadata';
import { ConfigError, loadConfig, requireStoreUrls } from '@uptake/config';
import { createWorker } from './app/create-worker';

// Started by the launcher (`npm start`, with an IPC channel): stop when the launcher is gone, even killed
// hard, rather than keep working next to the worker of the next start.
process.once('disconnect', () => process.kill(process.pid, 'SIGTERM'));

createWorker(requireStoreUrls(loadConfig()))
  .then(() => console.log('Uptake worker started'))
  .catch((error: unknown) => {
    console.error(error instanceof ConfigError ? error.message : error);
    process.exit(1);
  });
