import type { Options } from 'pino-http';
import type { ResolvedConfig } from './config';

/**
 * The structured logger of every Uptake process, API and worker alike (nestjs-pino): one JSON line per entry
 * at LOG_LEVEL, with the Nest context; single-line pretty output in development.
 */
export function loggerOptions(config: Pick<ResolvedConfig, 'logLevel' | 'env'>): Options {
  return {
    level: config.logLevel,
    // Query strings may carry filters but never personal data; bodies are never logged.
    redact: ['req.headers.authorization', 'req.headers.cookie'],
    ...(config.env === 'development'
      ? { transport: { target: 'pino-pretty', options: { singleLine: true } } }
      : {}),
  };
}
