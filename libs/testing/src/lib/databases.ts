import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

/** The DATABASE_URL / REDIS_URL that the integration-test global setup exported. */
export function testStoreUrls(): { databaseUrl: string; redisUrl: string } {
  const databaseUrl = process.env['DATABASE_URL'];
  const redisUrl = process.env['REDIS_URL'];
  if (!databaseUrl || !redisUrl) {
    throw new Error(
      "DATABASE_URL/REDIS_URL are not set: is this project's jest config using { stores: true }?",
    );
  }
  return { databaseUrl, redisUrl };
}

/** A unique suffix for names (databases, queues, slugs) so parallel test files never collide. */
export function uniqueSuffix(): string {
  return randomBytes(5).toString('hex');
}

/** Creates an empty database on the test cluster; returns its URL and a function that drops it. */
export async function createEmptyDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const { databaseUrl } = testStoreUrls();
  const name = `uptake_scratch_${uniqueSuffix()}`;
  const admin = adminUrl(databaseUrl);
  await withClient(admin, (client) => client.query(`CREATE DATABASE ${name}`));
  const url = new URL(databaseUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () =>
      withClient(admin, (client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(
        () => undefined,
      ),
  };
}

function adminUrl(databaseUrl: string): string {
  const url = new URL(databaseUrl);
  url.pathname = '/postgres';
  return url.toString();
}

export async function withClient<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
