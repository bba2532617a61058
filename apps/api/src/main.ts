import 'reflect-metadata';
import { ConfigError, loadConfig, requireStoreUrls } from '@uptake/config';
import { createApi } from './app/create-api';

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
