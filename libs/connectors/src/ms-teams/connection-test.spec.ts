import { HttpClient } from '@uptake/connector-sdk';
import { join } from 'node:path';
import { testMsTeamsConnection } from './connection-test';
import { startFakeTeamsGraph, type FakeTeamsGraph } from './fake-teams-graph';
import { msTeamsSettings } from './settings';

const TENANT = 'contoso.onmicrosoft.com';
const credentials = { clientId: '6f1c2a9e-4b7d-4e3a-9c51-2d8e7f0a1b34', clientSecret: 'fake-secret-value' };
let graph: FakeTeamsGraph;

beforeAll(async () => {
  graph = await startFakeTeamsGraph({
    tenants: { tenant: join(__dirname, 'fixtures', 'tenant.json') },
    tenantId: TENANT,
    ...credentials,
    pageSize: 2,
  });
});
afterAll(() => graph.close());
afterEach(() => graph.forbid(null));

function run(overrides: object = {}) {
  const settings = msTeamsSettings.parse({
    baseUrl: graph.url('tenant'),
    tokenUrl: graph.tokenUrl,
    tenantId: TENANT,
    ...overrides,
  });
  return testMsTeamsConnection({
    settings,
    credentials,
    http: new HttpClient({ maxRetries: 0 }),
    signal: new AbortController().signal,
    now: () => new Date(),
  });
}

const summary = (checks: Awaited<ReturnType<typeof run>>) =>
  checks.map(({ check, ok, missingPermission }) => `${check} ${ok ? 'ok' : `failed ${missingPermission}`}`);

describe('ms-teams connection test', () => {
  it('makes one request per permission, on the first team and its first channel', async () => {
    const before = graph.requests.length;
    expect(summary(await run())).toEqual([
      'credentials ok',
      'Team.ReadBasic.All ok',
      'Channel.ReadBasic.All ok',
      'TeamMember.Read.All ok',
      'ChannelMember.Read.All ok',
      'ChannelMessage.Read.All ok',
      'User.Read.All ok',
    ]);
    const made = graph.requests.slice(before);
    expect(made).toHaveLength(6);
    expect(made[0]).toBe('GET /tenant/v1.0/teams?$select=id&$top=1');
    expect(made[4]).toMatch(/^GET \/tenant\/v1\.0\/teams\/[^/]+\/channels\/[^/]+\/messages\/delta\?\$top=1$/);
  });

  it('asks for a configured team by id', async () => {
    const before = graph.requests.length;
    const team = '2f0e7a10-5c3b-4d8e-9a61-7b2c4d6e8f01';
    await run({ teams: [team] });
    expect(graph.requests[before]).toBe(`GET /tenant/v1.0/teams/${team}?$select=id`);
  });

  it('without Team.ReadBasic.All, names it and leaves what needs a team unchecked', async () => {
    graph.forbid(/\/teams$/);
    const checks = await run();
    expect(summary(checks)).toEqual([
      'credentials ok',
      'Team.ReadBasic.All failed Team.ReadBasic.All',
      'Channel.ReadBasic.All failed null',
      'TeamMember.Read.All failed null',
      'ChannelMember.Read.All failed null',
      'ChannelMessage.Read.All failed null',
      'User.Read.All ok',
    ]);
    expect(checks[2].message).toBe('not checked: Team.ReadBasic.All failed');
  });

  it('without Channel.ReadBasic.All, the channel permissions are left unchecked, saying why', async () => {
    graph.forbid(/\/channels$/);
    const checks = await run();
    expect(summary(checks)).toContain('Channel.ReadBasic.All failed Channel.ReadBasic.All');
    expect(checks.find((c) => c.check === 'ChannelMessage.Read.All')?.message).toBe(
      'not checked: Channel.ReadBasic.All failed',
    );
  });

  it('with includeChats, checks Chat.Read.All on the first user’s chats, in the chosen payment model', async () => {
    const before = graph.requests.length;
    const checks = await run({ includeChats: true, chatsModel: 'B' });
    expect(summary(checks).slice(-2)).toEqual(['User.Read.All ok', 'Chat.Read.All ok']);
    // 6 requests as above, then one message of Anna's (the first user listed) chats
    expect(graph.requests.slice(before)).toHaveLength(7);
    expect(graph.requests.at(-1)).toBe(
      'GET /tenant/v1.0/users/a1b2c3d4-0001-4000-8000-000000000001/chats/getAllMessages?$top=1&model=B',
    );
  });

  it('with includeChats and Graph denying the chats, names Chat.Read.All', async () => {
    graph.forbid(/\/chats\/getAllMessages$/);
    const checks = await run({ includeChats: true });
    expect(summary(checks).slice(-2)).toEqual(['User.Read.All ok', 'Chat.Read.All failed Chat.Read.All']);
    expect(checks.at(-1)?.message).toMatch(/needs the Chat\.Read\.All application permission/);
  });

  it('without includeChats, Chat.Read.All is not checked', async () => {
    const before = graph.requests.length;
    expect(summary(await run()).some((check) => check.startsWith('Chat.Read.All'))).toBe(false);
    expect(graph.requests.slice(before).some((r) => r.includes('getAllMessages'))).toBe(false);
  });
});
