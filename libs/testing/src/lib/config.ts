import { loadConfig, requireStoreUrls, type ResolvedConfig } from '@uptake/config';
import { testStoreUrls } from './databases';

/** A server configuration for integration tests: the test stores, a fixed test key, quiet logs, no rate limit. */
export function testConfig(overrides: Record<string, string> = {}): ResolvedConfig {
  const { databaseUrl, redisUrl } = testStoreUrls();
  return requireStoreUrls(
    loadConfig({
      NODE_ENV: 'test',
      DATABASE_URL: databaseUrl,
      REDIS_URL: redisUrl,
      UPTAKE_SECRET_KEY: Buffer.alloc(32, 42).toString('base64'),
      LOG_LEVEL: 'silent',
      RATE_LIMIT_PER_MINUTE: '100000',
      RENDER_RATE_LIMIT_PER_MINUTE: '100000',
      // Test files share one database: a reconciler would act on other files' runs. Its tests turn it on.
      RECONCILE_INTERVAL_SECONDS: '0',
      LOGIN_FREE_FAILURES: '1000',
      LOGIN_SLOWDOWN_AFTER: '100000',
      ...overrides,
    }),
  );
}
