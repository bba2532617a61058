import { HttpClient } from '@uptake/connector-sdk';
import { join } from 'node:path';
import { testVivaEngageApiConnection } from './connection-test';
import { startFakeYammer, type FakeYammer } from './fake-yammer-server';

const TOKEN = 'fixture-yammer-token';
let yammer: FakeYammer;

beforeAll(async () => {
  yammer = await startFakeYammer({
    networks: { network: join(__dirname, 'fixtures', 'network.json') },
    token: TOKEN,
    pageSize: 5,
  });
});
afterAll(() => yammer.close());

function run(token: string, groups?: string[]) {
  return testVivaEngageApiConnection({
    settings: { baseUrl: yammer.url('network'), groups, lookbackDays: 90, maxPagesPerRun: 500 },
    credentials: { token },
    http: new HttpClient({ maxRetries: 0 }),
    signal: new AbortController().signal,
    now: () => new Date(),
  });
}

describe('viva-engage-api connection test', () => {
  it('checks the token on users/current.json, then one message of the feed', async () => {
    const before = yammer.requests.length;
    expect((await run(TOKEN)).map((c) => [c.check, c.ok])).toEqual([
      ['credentials', true],
      ['messages', true],
    ]);
    expect(yammer.requests.slice(before)).toEqual(['users/current.json', 'messages.json?limit=1']);
  });

  it('stops at a token answered 401, saying it is not valid', async () => {
    const before = yammer.requests.length;
    const checks = await run('wrong-token-value');
    expect(checks).toEqual([
      {
        check: 'credentials',
        ok: false,
        message: expect.stringContaining('answered 401 Unauthorized to users/current.json'),
        missingPermission: null,
      },
    ]);
    expect(yammer.requests.length - before).toBe(1);
  });

  it("reads the first configured community's feed; one that does not exist fails the messages check", async () => {
    const checks = await run(TOKEN, ['999999']);
    expect(checks[1]).toEqual({
      check: 'messages',
      ok: false,
      message: 'Viva Engage answered 404 Not Found to messages/in_group/999999.json',
      missingPermission: null,
    });
  });
});
