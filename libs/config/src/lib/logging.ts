import type { Options } from 'pino-http';
import type { ResolvedConfig } from './config';
import { requestIdOf } from './observability';

/**
 * The structured logger of every Uptake process, API and worker alike (nestjs-pino): one JSON line per entry
 * at LOG_LEVEL, with the Nest context; single-line pretty output in development.
 */
export function loggerOptions(config: Pick<ResolvedConfig, 'logLevel' | 'env'>): Options {
  return {
    level: config.logLevel,
    // Query strings may carry filters but never personal data; bodies are never logged.
    redact: ['req.headers.authorization', 'req.headers.cookie'],
    // Each request's id (`req.id` on its log lines) is the caller's safe x-request-id or a new UUID, and is
    // sent back in the x-request-id response header; the jobs the request queues carry it as `requestId`.
    genReqId: requestIdOf,
    ...(config.env === 'development'
      ? { transport: { target: 'pino-pretty', options: { singleLine: true } } }
      : {}),
  };
}
