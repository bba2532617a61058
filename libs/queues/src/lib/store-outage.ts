/**
 * Recognises errors that mean "Postgres or Redis is unreachable right now" (refused, cut, timed out,
 * restarting), as opposed to errors of the request or the data. Such errors pass: the API answers 503 with
 * Retry-After, the worker waits the outage out instead of spending a job's attempts.
 */
export type UnavailableStore = 'postgres' | 'redis' | 'network';

/**
 * Socket errors of a connection that could not be made or was cut: 'network', as they may come from a store
 * (pg reports a refused connection like this) or from anything else the process talks to.
 */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
]);

/**
 * SQLSTATEs: class 08 (connection exception), 57P01-57P03 (admin shutdown, crash shutdown, cannot connect
 * now: starting up or in recovery), 53300 (too many connections).
 */
const POSTGRES_UNAVAILABLE_STATE = /^(08\d{3}|57P0[123]|53300)$/;

/** node-postgres and pg-pool messages for a connection lost or never made. */
const POSTGRES_MESSAGES = [
  /^Connection terminated/,
  /timeout exceeded when trying to connect/,
  /Client has encountered a connection error and is not queryable/,
  /the database system is (starting up|shutting down|in recovery mode)/,
];

/** ioredis messages: offline queue off, connection closed, command timeout, retries per request used up. */
const REDIS_MESSAGES = [
  /Stream isn't writeable and enableOfflineQueue options is false/,
  /^Connection is closed\.?$/,
  /^Command timed out$/,
  /Reached the max retries per request limit/,
];

/** Causes are followed this deep (TypeORM's driverError, Error.cause, AggregateError.errors). */
const MAX_DEPTH = 4;

/** Ports of the stores: a refused or cut connection to one of them names that store. */
export interface StorePorts {
  postgres?: number;
  redis?: number;
}

/** The ports of a DATABASE_URL and a REDIS_URL (defaults 5432 and 6379). */
export function storePorts(databaseUrl: string, redisUrl: string): StorePorts {
  return {
    postgres: Number(new URL(databaseUrl).port || 5432),
    redis: Number(new URL(redisUrl).port || 6379),
  };
}

export function unavailableStore(error: unknown, ports: StorePorts = {}, depth = 0): UnavailableStore | null {
  if (!error || typeof error !== 'object' || depth > MAX_DEPTH) return null;
  const { name, message, code, port } = error as {
    name?: unknown;
    message?: unknown;
    code?: unknown;
    port?: unknown;
  };
  const text = typeof message === 'string' ? message : '';
  if (name === 'MaxRetriesPerRequestError' || REDIS_MESSAGES.some((pattern) => pattern.test(text))) {
    return 'redis';
  }
  if (typeof code === 'string' && POSTGRES_UNAVAILABLE_STATE.test(code)) return 'postgres';
  if (POSTGRES_MESSAGES.some((pattern) => pattern.test(text))) return 'postgres';
  const nested = [
    (error as { driverError?: unknown }).driverError,
    (error as { cause?: unknown }).cause,
    ...(Array.isArray((error as { errors?: unknown }).errors) ? (error as { errors: unknown[] }).errors : []),
  ];
  for (const inner of nested.slice(0, 8)) {
    const store = unavailableStore(inner, ports, depth + 1);
    if (store) return store;
  }
  if (typeof code !== 'string' || !NETWORK_CODES.has(code)) return null;
  if (port !== undefined && port === ports.postgres) return 'postgres';
  if (port !== undefined && port === ports.redis) return 'redis';
  return 'network';
}
