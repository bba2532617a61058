import type { Options } from 'pino-http';
import type { LogFormat, ResolvedConfig } from './config';
import { requestIdOf } from './observability';

/**
 * The structured logger of every Uptake process, API and worker alike (nestjs-pino): one JSON line per entry
 * at LOG_LEVEL, with the Nest context. LOG_FORMAT=pretty in a process of its own (`nx serve api`) formats
 * with pino-pretty on one line; under the launcher (`npm start`) the API and the worker always write JSON,
 * which the launcher turns into short lines with formatLogLine.
 */
export function loggerOptions(
  config: Pick<ResolvedConfig, 'logLevel' | 'env'> & Partial<Pick<ResolvedConfig, 'logFormat'>>,
): Options {
  const format: LogFormat = config.logFormat ?? (config.env === 'development' ? 'pretty' : 'json');
  return {
    level: config.logLevel,
    // Query strings may carry filters but never personal data; bodies are never logged.
    redact: ['req.headers.authorization', 'req.headers.cookie'],
    // Each request's id (`req.id` on its log lines) is the caller's safe x-request-id or a new UUID, and is
    // sent back in the x-request-id response header; the jobs the request queues carry it as `requestId`.
    genReqId: requestIdOf,
    ...(format === 'pretty' ? { transport: { target: 'pino-pretty', options: { singleLine: true } } } : {}),
  };
}

export type LogLevelName = ResolvedConfig['logLevel'];

/** pino's numeric levels. */
const LEVELS: Record<LogLevelName, number> = {
  trace: 10,
  debug: 20,
  info: 30,
  warn: 40,
  error: 50,
  fatal: 60,
  silent: Number.POSITIVE_INFINITY,
};

/**
 * Nest's start-up chatter (one line per module and per route: over a hundred for the API) and what the
 * libraries log while connecting: worth seeing when debugging a start, noise otherwise.
 */
export const START_UP_CONTEXTS: ReadonlySet<string> = new Set([
  'NestFactory',
  'NestApplication',
  'InstanceLoader',
  'RoutesResolver',
  'RouterExplorer',
  'TypeOrmModule',
  'TypeORM',
  'BullModule',
  'BullMQ',
]);

export interface PrettyLogOptions {
  /** LOG_LEVEL: lines below it are not shown; request lines and start-up chatter only from debug. */
  level: LogLevelName;
  /** ANSI colours (the launcher's stdout is a terminal) instead of WARN / ERROR words. */
  colour: boolean;
  /** Who wrote the line: 'api', 'worker', 'uptake' (the launcher). */
  source: string;
  /** Zone of the time shown (default: the machine's). */
  timeZone?: string;
}

/** A pino line parsed: level, time, msg, and whatever the process bound (req, res, err, context, job). */
export type LogRecord = Record<string, unknown>;

const ANSI = {
  dim: '\u001b[2m',
  red: '\u001b[31m',
  yellow: '\u001b[33m',
  cyan: '\u001b[36m',
  reset: '\u001b[0m',
};
/** A line longer than this (a huge error message, a long URL) is cut: the JSON logs keep everything. */
const MAX_MESSAGE = 500;
/** Stack lines shown under an error (the top frames say where; the rest is in the JSON logs). */
const MAX_STACK_LINES = 8;

function levelOf(record: LogRecord): number {
  return typeof record['level'] === 'number' ? record['level'] : LEVELS.info;
}

function clock(time: unknown, timeZone: string | undefined): string {
  const at = typeof time === 'number' ? new Date(time) : new Date();
  return new Intl.DateTimeFormat('en-GB', {
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
    timeZone,
  }).format(at);
}

function cut(text: string): string {
  return text.length > MAX_MESSAGE ? `${text.slice(0, MAX_MESSAGE - 1)}…` : text;
}

/** A pino-http request line ("request completed" / "request errored"): method, path, status, duration. */
function requestLine(record: LogRecord): { text: string; failed: boolean } | null {
  const req = record['req'] as { method?: unknown; url?: unknown } | undefined;
  const res = record['res'] as { statusCode?: unknown } | undefined;
  if (!req || !res || typeof req.method !== 'string') return null;
  const status = typeof res.statusCode === 'number' ? res.statusCode : 0;
  const took = typeof record['responseTime'] === 'number' ? ` ${record['responseTime']} ms` : '';
  const failed = status >= 500 || record['err'] !== undefined;
  return { text: `${req.method} ${cut(String(req.url ?? ''))} ${status}${took}`, failed };
}

function errorDetails(record: LogRecord, message: string): string[] {
  const err = record['err'] as { message?: unknown; stack?: unknown } | undefined;
  if (!err) return [message];
  const errMessage = typeof err.message === 'string' ? err.message : '';
  const first = errMessage && !message.includes(errMessage) ? `${message}: ${cut(errMessage)}` : message;
  const stack = typeof err.stack === 'string' ? err.stack.split('\n').slice(1, 1 + MAX_STACK_LINES) : [];
  return [first, ...stack.map((line) => `    ${line.trim()}`)];
}

/**
 * One log record as the short line(s) `npm start` prints, or null when LOG_LEVEL hides it: `12:03:04 api
 * message`, warnings and errors marked (colour on a terminal, WARN / ERROR otherwise), an error's top stack
 * frames under it. HTTP requests become `GET /api/health 200 3 ms`, shown from LOG_LEVEL=debug only (a
 * failed one, 5xx, always, as an error); Nest's start-up chatter likewise from debug only.
 */
export function formatLogRecord(record: LogRecord, options: PrettyLogOptions): string | null {
  const threshold = LEVELS[options.level];
  const request = requestLine(record);
  let level = levelOf(record);
  if (request?.failed) level = Math.max(level, LEVELS.error);
  const chatter =
    (request !== null && !request.failed) ||
    (typeof record['context'] === 'string' && START_UP_CONTEXTS.has(record['context']));
  if (chatter && level <= LEVELS.info) level = Math.min(level, LEVELS.debug);
  if (level < threshold) return null;
  const message = request?.text ?? cut(String(record['msg'] ?? ''));
  const lines = level >= LEVELS.error ? errorDetails(record, message) : [message];
  return prettyLines(lines, level, record['time'], options);
}

function prettyLines(lines: string[], level: number, time: unknown, options: PrettyLogOptions): string {
  const word =
    level >= LEVELS.fatal ? 'FATAL' : level >= LEVELS.error ? 'ERROR' : level >= LEVELS.warn ? 'WARN' : '';
  const colour =
    level >= LEVELS.error
      ? ANSI.red
      : level >= LEVELS.warn
        ? ANSI.yellow
        : level < LEVELS.info
          ? ANSI.dim
          : '';
  const head = `${clock(time, options.timeZone)} ${options.source.padEnd(6)}`;
  if (!options.colour) {
    const marked = word ? `${word} ${lines[0]}` : lines[0];
    return [`${head} ${marked}`, ...lines.slice(1)].join('\n');
  }
  const paint = (text: string) => (colour ? `${colour}${text}${ANSI.reset}` : text);
  const first = `${ANSI.dim}${head.slice(0, 8)}${ANSI.reset} ${ANSI.cyan}${head.slice(9)}${ANSI.reset} ${paint(word ? `${word} ${lines[0]}` : lines[0])}`;
  return [first, ...lines.slice(1).map(paint)].join('\n');
}

/**
 * A line a process wrote, for `npm start`: a pino JSON line through formatLogRecord; anything else (a
 * console line, a stack trace Node printed) as it is, at info or, from stderr, as a warning. Empty lines
 * and hidden records give null.
 */
export function formatLogLine(line: string, options: PrettyLogOptions & { stderr?: boolean }): string | null {
  if (line.trim() === '') return null;
  if (line.startsWith('{')) {
    try {
      const record = JSON.parse(line) as unknown;
      if (record && typeof record === 'object' && !Array.isArray(record) && 'level' in record)
        return formatLogRecord(record as LogRecord, options);
    } catch {
      // Not JSON after all: shown as text.
    }
  }
  const level = options.stderr ? LEVELS.warn : LEVELS.info;
  return level < LEVELS[options.level] ? null : prettyLines([cut(line)], level, undefined, options);
}
