import 'reflect-metadata';
import { ConfigError, loadConfig, requireStoreUrls } from '@uptake/config';
import { createWorker } from './app/create-worker';

createWorker(requireStoreUrls(loadConfig()))
  .then(() => console.log('Uptake worker started'))
  .catch((error: unknown) => {
    console.error(error instanceof ConfigError ? error.message : error);
    process.exit(1);
  });
