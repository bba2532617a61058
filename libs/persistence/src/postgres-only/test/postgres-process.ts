// A process started like the API and the worker: the stand-in first, then TypeORM on Postgres (the database URL
// is the first argument). Prints what it saw as one JSON line for postgres-only.int-spec.ts.
import { skippedDriverModules } from '../index';
import { DataSource } from 'typeorm';

async function main(): Promise<void> {
  const dataSource = await new DataSource({ type: 'postgres', url: process.argv[2] }).initialize();
  const [{ answer }] = await dataSource.query('SELECT 40 + 2 AS answer');
  await dataSource.destroy();
  let mysql: string;
  try {
    new DataSource({ type: 'mysql', url: 'mysql://127.0.0.1:1/none' });
    mysql = 'constructed';
  } catch (error) {
    mysql = (error as Error).message;
  }
  const loaded = Object.keys(require.cache).filter((file) => /typeorm[\\/]driver[\\/]/.test(file));
  console.log(JSON.stringify({ answer, skipped: skippedDriverModules, loaded, mysql }));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
