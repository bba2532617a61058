import { formatLogLine, formatLogRecord, loggerOptions, type PrettyLogOptions } from './logging';

/** 2026-12-01 09:15:42 UTC */
const TIME = Date.UTC(2026, 11, 1, 9, 15, 42);
const PLAIN: PrettyLogOptions = { level: 'info', colour: false, source: 'api', timeZone: 'UTC' };
const DEBUG: PrettyLogOptions = { ...PLAIN, level: 'debug' };

/** A pino-http line as the API writes it (headers shortened). */
function request(statusCode: number, extra: Record<string, unknown> = {}) {
  return {
    level: 30,
    time: TIME,
    pid: 1,
    hostname: 'vm',
    req: { id: '9c4c186b-1800-40f1-9f13-0f60a8aa698d', method: 'GET', url: '/api/health', headers: {} },
    res: { statusCode, headers: { 'x-request-id': '9c4c186b-1800-40f1-9f13-0f60a8aa698d' } },
    responseTime: 15,
    msg: statusCode >= 500 ? 'request errored' : 'request completed',
    ...extra,
  };
}

describe('formatLogRecord (what `npm start` prints)', () => {
  it('prints time, source and message on one short line; no level word at info', () => {
    expect(
      formatLogRecord(
        { level: 30, time: TIME, context: 'SyncSchedules', msg: 'sync schedules: 0 active' },
        PLAIN,
      ),
    ).toBe('09:15:42 api    sync schedules: 0 active');
  });

  it('marks warnings and errors with a word without a terminal, and an error with its top frames', () => {
    expect(formatLogRecord({ level: 40, time: TIME, msg: 'Redis is slow' }, PLAIN)).toBe(
      '09:15:42 api    WARN Redis is slow',
    );
    const err = {
      type: 'Error',
      message: 'connect ECONNREFUSED',
      stack: 'Error: connect ECONNREFUSED\n    at a (x.js:1)\n  at b (y.js:2)',
    };
    expect(
      formatLogRecord({ level: 50, time: TIME, msg: 'sync failed', err }, { ...PLAIN, source: 'worker' }),
    ).toBe('09:15:42 worker ERROR sync failed: connect ECONNREFUSED\n    at a (x.js:1)\n    at b (y.js:2)');
    expect(formatLogRecord({ level: 60, time: TIME, msg: 'out of memory' }, PLAIN)).toBe(
      '09:15:42 api    FATAL out of memory',
    );
  });

  it('colours warnings yellow and errors red on a terminal, with no level word needed to find them', () => {
    const warn = formatLogRecord({ level: 40, time: TIME, msg: 'slow' }, { ...PLAIN, colour: true })!;
    expect(warn).toBe('\u001b[2m09:15:42\u001b[0m \u001b[36mapi   \u001b[0m \u001b[33mWARN slow\u001b[0m');
    const error = formatLogRecord({ level: 50, time: TIME, msg: 'broken' }, { ...PLAIN, colour: true })!;
    expect(error).toContain('\u001b[31mERROR broken\u001b[0m');
    const info = formatLogRecord({ level: 30, time: TIME, msg: 'fine' }, { ...PLAIN, colour: true })!;
    expect(info.endsWith(' fine')).toBe(true);
  });

  it('shows one short line per HTTP request at debug only; a failed request always, as an error', () => {
    expect(formatLogRecord(request(200), PLAIN)).toBeNull();
    expect(formatLogRecord(request(404), PLAIN)).toBeNull();
    expect(formatLogRecord(request(200), DEBUG)).toBe('09:15:42 api    GET /api/health 200 15 ms');
    expect(formatLogRecord(request(503), PLAIN)).toBe('09:15:42 api    ERROR GET /api/health 503 15 ms');
    // an error at warn level still shows
    expect(formatLogRecord(request(500), { ...PLAIN, level: 'warn' })).toContain('ERROR GET /api/health 500');
  });

  it('hides Nest’s start-up chatter at info and shows it at debug', () => {
    const routes = {
      level: 30,
      time: TIME,
      context: 'RouterExplorer',
      msg: 'Mapped {/api/health, GET} route',
    };
    const modules = {
      level: 30,
      time: TIME,
      context: 'InstanceLoader',
      msg: 'BullModule dependencies initialized',
    };
    expect(formatLogRecord(routes, PLAIN)).toBeNull();
    expect(formatLogRecord(modules, PLAIN)).toBeNull();
    expect(formatLogRecord(routes, DEBUG)).toBe('09:15:42 api    Mapped {/api/health, GET} route');
    // a warning from the same context is not chatter
    expect(formatLogRecord({ ...modules, level: 40, msg: 'retrying' }, PLAIN)).toBe(
      '09:15:42 api    WARN retrying',
    );
  });

  it('follows LOG_LEVEL: below it nothing, silent shows nothing at all', () => {
    expect(formatLogRecord({ level: 30, time: TIME, msg: 'x' }, { ...PLAIN, level: 'warn' })).toBeNull();
    expect(formatLogRecord({ level: 20, time: TIME, msg: 'x' }, PLAIN)).toBeNull();
    expect(formatLogRecord({ level: 60, time: TIME, msg: 'x' }, { ...PLAIN, level: 'silent' })).toBeNull();
  });

  it('cuts a very long message (the JSON logs keep it whole)', () => {
    const line = formatLogRecord({ level: 30, time: TIME, msg: 'x'.repeat(2_000) }, PLAIN)!;
    expect(line.length).toBe('09:15:42 api    '.length + 500);
    expect(line.endsWith('…')).toBe(true);
  });
});

describe('formatLogLine', () => {
  it('parses pino JSON lines and passes other text through, stderr text as a warning', () => {
    const json = JSON.stringify({ level: 30, time: TIME, msg: 'demo sync queued' });
    expect(formatLogLine(json, PLAIN)).toBe('09:15:42 api    demo sync queued');
    expect(formatLogLine(JSON.stringify(request(200)), PLAIN)).toBeNull();
    expect(formatLogLine('Uptake API listening on http://127.0.0.1:3000/api', PLAIN)).toMatch(
      /^\d\d:\d\d:\d\d api {4}Uptake API listening on http:\/\/127\.0\.0\.1:3000\/api$/,
    );
    expect(formatLogLine('(node:12) Warning: something', { ...PLAIN, stderr: true })).toMatch(
      / WARN \(node:12\) Warning: something$/,
    );
    expect(formatLogLine('{not json', PLAIN)).toMatch(/ \{not json$/);
    expect(formatLogLine('   ', PLAIN)).toBeNull();
  });
});

describe('loggerOptions', () => {
  it('keeps request ids and redaction in every format; JSON has no transport, pretty one of pino-pretty', () => {
    const json = loggerOptions({ logLevel: 'info', env: 'development', logFormat: 'json' });
    expect(json.transport).toBeUndefined();
    expect(json.redact).toEqual(['req.headers.authorization', 'req.headers.cookie']);
    expect(typeof json.genReqId).toBe('function');
    const pretty = loggerOptions({ logLevel: 'debug', env: 'production', logFormat: 'pretty' });
    expect(pretty.transport).toEqual({ target: 'pino-pretty', options: { singleLine: true } });
    expect(pretty.genReqId).toBe(json.genReqId);
    // without a format, as the config's default: pretty in development only
    expect(loggerOptions({ logLevel: 'info', env: 'development' }).transport).toBeDefined();
    expect(loggerOptions({ logLevel: 'info', env: 'production' }).transport).toBeUndefined();
  });
});
