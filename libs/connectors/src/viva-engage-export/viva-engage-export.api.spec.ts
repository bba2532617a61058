import {
  CheckpointError,
  HttpClient,
  InputError,
  parseConnectorConfig,
  standaloneReadContext,
  type ConnectorMessage,
  type ConnectorState,
} from '@uptake/connector-sdk';
import { createVivaEngageExportConnector, vivaEngageExportConnector } from '.';
import { VERIFIED_ADMIN } from './connection-test';
import { startFakeExportApi, type FakeExportApi } from './fake-export-api';
import { exportWindowZip } from './testing';

const TOKEN = 'verified-admin-token';
/** Three days after the fixture's first message day: lookbackDays 3 asks for 03-04, 03-05 and 03-06. */
const NOW = new Date('2024-03-07T00:00:00.400Z');
let api: FakeExportApi;
let throttled = new Set<number>();

beforeAll(async () => {
  api = await startFakeExportApi({
    token: TOKEN,
    exportFor: (since, until) => exportWindowZip('export', since, until),
    throttle: (n) => throttled.has(n),
  });
});
afterAll(() => api.close());
beforeEach(() => {
  api.requests.length = 0;
  api.exports.length = 0;
  throttled = new Set();
});

async function read(
  options: {
    settings?: Record<string, unknown>;
    credentials?: Record<string, unknown>;
    state?: ConnectorState;
    now?: Date;
    http?: HttpClient;
    connector?: typeof vivaEngageExportConnector;
  } = {},
): Promise<ConnectorMessage[]> {
  const connector = options.connector ?? vivaEngageExportConnector;
  const config = parseConnectorConfig(
    connector,
    { mode: 'api', exportUrl: api.url, lookbackDays: 3, ...options.settings },
    options.credentials ?? { token: TOKEN },
  );
  const messages: ConnectorMessage[] = [];
  const context = standaloneReadContext({
    ...config,
    state: options.state,
    now: options.now ?? NOW,
    http: options.http ?? new HttpClient({ baseDelayMs: 1, sleep: async () => undefined }),
  });
  for await (const message of connector.read(context)) messages.push(message);
  return messages;
}

const ids = (messages: ConnectorMessage[]) =>
  messages.flatMap((m) => (m.kind === 'activity' ? [m.record.externalId] : []));
const activityCheckpoints = (messages: ConnectorMessage[]) =>
  messages.flatMap((m) => (m.kind === 'checkpoint' && m.stream === 'activity' ? [m.state] : []));

describe('viva-engage-export, mode api (the Data Export API)', () => {
  it('downloads daily exports since lookbackDays, reads each like an upload and checkpoints its end', async () => {
    const messages = await read();
    // now 03-07 00:00:00.4 -> whole seconds; 3 days back; one day a window.
    expect(api.exports).toEqual([
      '2024-03-04T00:00:00+00:00..2024-03-05T00:00:00+00:00',
      '2024-03-05T00:00:00+00:00..2024-03-06T00:00:00+00:00',
      '2024-03-06T00:00:00+00:00..2024-03-07T00:00:00+00:00',
    ]);
    expect(api.requests[0]).toContain('model=Message&model=User&model=Group&include=csv');
    // The same 15 activities as the upload of the whole export (fixtures/README.md): 03-04 has 2005, 2001 and
    // its 2 mentions, 2006, 2007, 2008; 03-05 2009 .. 2014 and 2014's mention of Dan; 03-06 2016.
    expect(ids(messages)).toEqual([
      '2005',
      '2001',
      '2001:mention:1002',
      '2001:mention:1003',
      '2006',
      '2007',
      '2008',
      '2009',
      '2010',
      '2011',
      '2012',
      '2013',
      '2014',
      '2014:mention:1004',
      '2016',
    ]);
    const ends = activityCheckpoints(messages).filter((s) => !('window' in (s as object)));
    // The run's first checkpoint (nothing read yet), then each window's end.
    expect(ends).toEqual([
      {},
      { exportedUntil: '2024-03-05T00:00:00.000Z' },
      { exportedUntil: '2024-03-06T00:00:00.000Z' },
      { exportedUntil: '2024-03-07T00:00:00.000Z' },
    ]);
    // Inside a window: its bounds and the line, after the exports read before it.
    expect(activityCheckpoints(messages)).toContainEqual({
      exportedUntil: '2024-03-05T00:00:00.000Z',
      window: { since: '2024-03-05T00:00:00.000Z', until: '2024-03-06T00:00:00.000Z', line: 8 },
    });
  });

  it('continues from the last export: caught up, it downloads nothing; a day later, one window', async () => {
    const state = { activity: { exportedUntil: '2024-03-07T00:00:00.000Z' } };
    expect(ids(await read({ state }))).toEqual([]);
    expect(api.exports).toEqual([]);
    await read({ state, now: new Date('2024-03-08T06:00:00Z') });
    // A whole day, then the rest up to now (the next sync starts at 06:00).
    expect(api.exports).toEqual([
      '2024-03-07T00:00:00+00:00..2024-03-08T00:00:00+00:00',
      '2024-03-08T00:00:00+00:00..2024-03-08T06:00:00+00:00',
    ]);
  });

  it('resumes a window at its line: downloads it again and reads on after the line', async () => {
    const state = {
      activity: {
        window: { since: '2024-03-04T00:00:00.000Z', until: '2024-03-05T00:00:00.000Z', line: 3 },
      },
    };
    const messages = await read({ state, settings: { maxExportsPerRun: 1 } });
    expect(api.exports).toEqual(['2024-03-04T00:00:00+00:00..2024-03-05T00:00:00+00:00']);
    // Lines 2 (2005) and 3 (2001 and its mentions) were read; 2006 (lines 4-5) .. 2008 remain. Reply targets
    // of the window are known again (2006 answers Bob's 2005).
    expect(ids(messages)).toEqual(['2006', '2007', '2008']);
    const reply = messages.find((m) => m.kind === 'activity' && m.record.externalId === '2006');
    expect(reply).toMatchObject({ record: { targetExternalId: 'bob.ng@example.com' } });
    // The window's warnings were committed by the attempt that read its first lines: not again.
    expect(
      messages.filter((m) => m.kind === 'warning').map((m) => m.kind === 'warning' && m.warning.code),
    ).toEqual(['viva-engage.export-bound-reached']);
  });

  it('stops at maxExportsPerRun, saying so, and the next sync goes on', async () => {
    const first = await read({ settings: { maxExportsPerRun: 2 } });
    expect(api.exports).toHaveLength(2);
    expect(
      first.filter((m) => m.kind === 'warning' && m.warning.code === 'viva-engage.export-bound-reached'),
    ).toHaveLength(1);
    const state = { activity: activityCheckpoints(first).at(-1) as never };
    const second = await read({ settings: { maxExportsPerRun: 2 }, state });
    expect(api.exports.at(-1)).toBe('2024-03-06T00:00:00+00:00..2024-03-07T00:00:00+00:00');
    expect(ids(second)).toEqual(['2016']);
  });

  it('retries a 429 after its Retry-After', async () => {
    throttled = new Set([1]);
    const http = new HttpClient({ baseDelayMs: 1, sleep: async () => undefined });
    const messages = await read({ http, settings: { maxExportsPerRun: 1 } });
    expect(http.throttled).toBe(1);
    // The first request (429) and its retry, for the same window.
    expect(api.requests).toHaveLength(2);
    expect(ids(messages)).toHaveLength(7);
  });

  it('fails at once with a clear error for a refused token (401) or one that is no verified admin’s (403)', async () => {
    const refused = read({ credentials: { token: 'someone-elses-token' } });
    await expect(refused).rejects.toThrow(InputError);
    await expect(refused).rejects.toThrow('answered 401 Unauthorized to the Data Export API');
    const forbidding = await startFakeExportApi({
      token: TOKEN,
      forbidden: true,
      exportFor: async () => Buffer.alloc(0),
    });
    try {
      await expect(read({ settings: { exportUrl: forbidding.url } })).rejects.toThrow(
        'only verified admins may export network data',
      );
    } finally {
      await forbidding.close();
    }
  });

  it('needs a token in mode api, and an upload in mode upload; old settings read uploads as before', async () => {
    await expect(read({ credentials: {} })).rejects.toThrow('settings.mode api needs credentials.token');
    const upload = parseConnectorConfig(vivaEngageExportConnector, { directory: 'never' }, {});
    expect(upload.settings.mode).toBe('upload');
    const context = standaloneReadContext({ ...upload });
    const reading = async () => {
      for await (const _ of vivaEngageExportConnector.read(context)) void _;
    };
    await expect(reading()).rejects.toThrow('reads uploaded export zips (settings.mode upload): upload one');
  });

  it('refuses a checkpoint it did not write', async () => {
    await expect(read({ state: { activity: { exportedUntil: 'yesterday' } } })).rejects.toThrow(
      CheckpointError,
    );
    // An upload's position is no position in the API's exports.
    await expect(read({ state: { activity: { line: 3 } } })).rejects.toThrow(CheckpointError);
    await expect(
      read({ state: { activity: { window: { since: '2024-03-04T00:00:00Z', line: 1 } } } }),
    ).rejects.toThrow('activity.window.until');
  });

  it('treats a window whose export holds no Messages.csv as quiet', async () => {
    const quiet = await startFakeExportApi({
      token: TOKEN,
      exportFor: async () => {
        const { zipEntries } = await import('./testing');
        const { readFile } = await import('node:fs/promises');
        return readFile((await zipEntries('quiet.zip', [['Users.csv', 'id,email\n']])).path);
      },
    });
    try {
      const messages = await read({
        settings: { exportUrl: quiet.url },
        connector: createVivaEngageExportConnector(),
      });
      expect(ids(messages)).toEqual([]);
      expect(quiet.exports).toHaveLength(3);
      expect(activityCheckpoints(messages).at(-1)).toEqual({ exportedUntil: '2024-03-07T00:00:00.000Z' });
    } finally {
      await quiet.close();
    }
  });

  it('tests the connection: the token, and whether its user is a verified admin; nothing in mode upload', async () => {
    const test = async (
      settings: Record<string, unknown>,
      credentials: Record<string, unknown>,
      url = api.url,
    ) => {
      const config = parseConnectorConfig(
        vivaEngageExportConnector,
        { exportUrl: url, ...settings },
        credentials,
      );
      return vivaEngageExportConnector.testConnection?.({
        ...config,
        http: new HttpClient({ baseDelayMs: 1, sleep: async () => undefined }),
        signal: new AbortController().signal,
        now: () => NOW,
      });
    };
    expect(await test({}, {})).toEqual([expect.objectContaining({ check: 'mode', ok: true })]);
    expect(await test({ mode: 'api' }, { token: TOKEN })).toEqual([
      expect.objectContaining({ check: 'credentials', ok: true }),
      expect.objectContaining({ check: VERIFIED_ADMIN, ok: true, missingPermission: null }),
    ]);
    expect(await test({ mode: 'api' }, { token: 'someone-elses-token' })).toEqual([
      expect.objectContaining({ check: 'credentials', ok: false, message: expect.stringContaining('401') }),
    ]);
    expect(await test({ mode: 'api' }, {})).toEqual([
      expect.objectContaining({
        check: 'credentials',
        ok: false,
        message: expect.stringContaining('no token'),
      }),
    ]);
    const notAdmin = await startFakeExportApi({
      token: TOKEN,
      forbidden: true,
      exportFor: async () => Buffer.alloc(0),
    });
    try {
      expect(await test({ mode: 'api' }, { token: TOKEN }, notAdmin.url)).toEqual([
        expect.objectContaining({ check: 'credentials', ok: true }),
        expect.objectContaining({ check: VERIFIED_ADMIN, ok: false, missingPermission: VERIFIED_ADMIN }),
      ]);
      // No export was asked for.
      expect(notAdmin.requests).toEqual(['/api/v1/users/current.json']);
    } finally {
      await notAdmin.close();
    }
  });
});
