import { HttpClient, InputError } from '@uptake/connector-sdk';
import {
  describeConnectorContract,
  earlierSettingsFixture,
  readAll,
  stateAfter,
} from '@uptake/ingest/testing';
import { join } from 'node:path';
import { startFakeTeamsGraph, type FakeTeamsGraph } from './fake-teams-graph';
import { msTeamsConnector } from '.';

const TENANT = 'contoso.onmicrosoft.com';
const credentials = { clientId: '6f1c2a9e-4b7d-4e3a-9c51-2d8e7f0a1b34', clientSecret: 'fake-secret-value' };
let graph: FakeTeamsGraph;

beforeAll(async () => {
  graph = await startFakeTeamsGraph({
    tenants: {
      tenant: join(__dirname, 'fixtures', 'tenant.json'),
      malformed: join(__dirname, 'fixtures', 'tenant-malformed.json'),
      incremental: join(__dirname, 'fixtures', 'tenant.json'),
    },
    tenantId: TENANT,
    ...credentials,
    pageSize: 2,
    // Every 9th Graph request is answered 429 + Retry-After: the reads below go through retries.
    throttle: (n) => n % 9 === 0,
  });
});
afterAll(() => graph.close());

const settings = (tenant = 'tenant', overrides: object = {}) => ({
  baseUrl: graph.url(tenant),
  tokenUrl: graph.tokenUrl,
  tenantId: TENANT,
  ...overrides,
});
const http = () => new HttpClient({ baseDelayMs: 1, sleep: async () => undefined });

// fixtures/README.md counts them: 16 activities, 2 teams and 3 channels.
describeConnectorContract('ms-teams (Microsoft Graph channel messages)', () => ({
  connector: msTeamsConnector,
  earlierSettings: earlierSettingsFixture(__dirname),
  corruptCheckpoints: [{ links: { C1: 7 } }, { links: 'all' }, { links: { C1: 'not a url' } }],
  settings: settings(),
  credentials,
  http,
  expected: {
    activities: 16,
    groups: 5,
    warnings: [
      { code: 'ms-teams.app-messages', count: 1 },
      { code: 'ms-teams.deleted-thread-root', count: 1 },
      { code: 'ms-teams.identity-fallback', count: 1 },
      { code: 'ms-teams.unknown-message-type.unknownFutureValue', count: 1 },
    ],
  },
  invalidConfig: { settings: { ...settings(), pageSize: 51 }, credentials, field: 'settings.pageSize' },
  malformed: {
    settings: settings('malformed'),
    credentials,
    expectedActivities: 2,
    expectedProblems: [
      {
        file: 'teams/2f0e7a10-5c3b-4d8e-9a61-7b2c4d6e8f01/channels/19:b1a6d0e3c47f4a2e9c8b5d7f3e1a0c21@thread.tacv2/messages/delta page 1',
        line: 1,
        field: 'id',
        reasonIncludes: 'no id',
      },
      {
        file: 'teams/2f0e7a10-5c3b-4d8e-9a61-7b2c4d6e8f01/channels/19:b1a6d0e3c47f4a2e9c8b5d7f3e1a0c21@thread.tacv2/messages/delta page 1',
        line: 2,
        field: 'createdDateTime',
        reasonIncludes: '"yesterday" is not a date-time',
      },
      {
        file: 'teams/2f0e7a10-5c3b-4d8e-9a61-7b2c4d6e8f01/channels/19:b1a6d0e3c47f4a2e9c8b5d7f3e1a0c21@thread.tacv2/messages/delta page 2',
        line: 1,
        field: 'from.user.id',
        reasonIncludes: 'no author',
      },
      {
        file: 'teams/2f0e7a10-5c3b-4d8e-9a61-7b2c4d6e8f01/channels/19:b1a6d0e3c47f4a2e9c8b5d7f3e1a0c21@thread.tacv2/messages/delta page 2',
        line: 2,
        field: 'occurredAt',
        reasonIncludes: '0001-01-01',
      },
      {
        file: 'teams/2f0e7a10-5c3b-4d8e-9a61-7b2c4d6e8f01/channels/19:b1a6d0e3c47f4a2e9c8b5d7f3e1a0c21@thread.tacv2/messages/delta page 3',
        line: 1,
        field: 'reactions.0.user.user.id',
        reasonIncludes: 'no person',
      },
    ],
  },
}));

describe('ms-teams against the fake Graph', () => {
  const contract = { connector: msTeamsConnector, http };
  const C1 = '19:b1a6d0e3c47f4a2e9c8b5d7f3e1a0c21@thread.tacv2';
  const activities = (messages: Awaited<ReturnType<typeof readAll>>) =>
    messages.flatMap((m) => (m.kind === 'activity' ? [m.record] : []));
  const codes = (messages: Awaited<ReturnType<typeof readAll>>) =>
    messages.flatMap((m) => (m.kind === 'warning' ? [m.warning.code] : []));

  it('keys people by their UPN from the object id, with mentions, reactions and threads', async () => {
    graph.requests.length = 0;
    const records = activities(await readAll(contract, { settings: settings(), credentials }));
    // One listing of the users; only the id it did not list is asked for on its own.
    expect(graph.requests.filter((r) => r.includes('/users'))).toEqual([
      'GET /tenant/v1.0/users?$select=id,userPrincipalName,mail&$top=999',
      'GET /tenant/v1.0/users?$skiptoken=2',
      'GET /tenant/v1.0/users/a1b2c3d4-0005-4000-8000-000000000005?$select=id,userPrincipalName,mail',
    ]);
    const root = `${C1}:1711443600000`;
    expect(
      records
        .filter((r) => r.threadExternalId === root)
        .map((r) => [r.type, r.actorExternalId, r.targetExternalId]),
    ).toEqual([
      ['post', 'anna.schmidt@contoso.com', null],
      ['mention', 'anna.schmidt@contoso.com', 'ben.okafor@contoso.com'],
      ['reaction', 'ben.okafor@contoso.com', 'anna.schmidt@contoso.com'],
      ['reaction', 'chloe@contoso.onmicrosoft.com', 'anna.schmidt@contoso.com'],
      ['reply', 'ben.okafor@contoso.com', 'anna.schmidt@contoso.com'],
      ['reply', 'chloe@contoso.onmicrosoft.com', 'anna.schmidt@contoso.com'],
      ['reaction', 'anna.schmidt@contoso.com', 'chloe@contoso.onmicrosoft.com'],
    ]);
    const post = records.find((r) => r.externalId === root);
    // "Hello Ben, the plan is ready & shared." once the tags are stripped and &amp; decoded.
    expect(post?.contentLength).toBe(38);
    const reaction = records.find(
      (r) => r.type === 'reaction' && r.actorExternalId === 'ben.okafor@contoso.com',
    );
    expect(reaction?.occurredAt).toEqual(new Date('2024-03-26T09:05:00.000Z'));
    // The edited post is one post at its creation time; a post without replies starts no thread.
    const edited = records.find((r) => r.externalId === `${C1}:1711447200000`);
    expect([edited?.occurredAt, edited?.threadExternalId]).toEqual([
      new Date('2024-03-26T10:00:00.000Z'),
      null,
    ]);
    // The reply to the deleted root keeps its thread, without a target.
    const orphan = records.find((r) => r.externalId === `${C1}:1711451400000`);
    expect([orphan?.type, orphan?.threadExternalId, orphan?.targetExternalId]).toEqual([
      'reply',
      `${C1}:1711450800000`,
      null,
    ]);
    // The user Graph does not know is keyed by the object id.
    expect(
      records.some((r) => r.actorExternalId === 'entra-object-id:a1b2c3d4-0005-4000-8000-000000000005'),
    ).toBe(true);
  });

  it('keys people by mail with identity "mail", falling back to the UPN', async () => {
    const records = activities(
      await readAll(contract, { settings: settings('tenant', { identity: 'mail' }), credentials }),
    );
    const actors = new Set(records.map((r) => r.actorExternalId));
    expect(actors).toContain('chloe.martin@contoso.com');
    expect(actors).toContain('dmitri.ivanov@contoso.com');
  });

  it('honours 429 Retry-After through the SDK client', async () => {
    const waits: number[] = [];
    const client = new HttpClient({ baseDelayMs: 1, sleep: async (ms) => void waits.push(ms) });
    const records = activities(
      await readAll({ ...contract, http: () => client }, { settings: settings(), credentials }),
    );
    expect(records).toHaveLength(16);
    expect(client.throttled).toBeGreaterThan(0);
    expect(waits.every((ms) => ms === 1_000)).toBe(true);
  });

  it('resumes mid-channel from the next link of its checkpoint', async () => {
    const head = await readAll(
      contract,
      { settings: settings(), credentials },
      {},
      { stream: 'activity', count: 1 },
    );
    const state = stateAfter(head);
    expect((state.activity as { links: Record<string, string> }).links[C1]).toMatch(
      /\/messages\/delta\?\$skiptoken=2$/,
    );
    graph.requests.length = 0;
    const tail = activities(await readAll(contract, { settings: settings(), credentials }, state));
    expect(graph.requests.find((r) => r.includes('/messages/delta'))).toMatch(/\$skiptoken=2$/);
    const headIds = new Set(activities(head).map((r) => r.externalId));
    expect(tail.some((r) => headIds.has(r.externalId))).toBe(false);
    expect(headIds.size + tail.length).toBe(16);
  });

  it('reads only what is new from the delta links of the last run; an edit or re-read root is no new activity', async () => {
    const first = await readAll(contract, { settings: settings('incremental'), credentials });
    const message = (id: string, from: string, at: string) => ({
      id,
      messageType: 'message',
      createdDateTime: at,
      lastModifiedDateTime: at,
      deletedDateTime: null,
      from: {
        application: null,
        device: null,
        user: { id: from, displayName: 'x', userIdentityType: 'aadUser' },
      },
      body: { contentType: 'text', content: 'new one' },
      mentions: [],
      reactions: [],
    });
    graph.post(
      'incremental',
      C1,
      message('1711540000000', 'a1b2c3d4-0002-4000-8000-000000000002', '2024-03-27T12:00:00.000Z'),
    );
    graph.post(
      'incremental',
      C1,
      message('1711540000001', 'a1b2c3d4-0001-4000-8000-000000000001', '2024-03-27T12:05:00.000Z'),
      '1711447200000',
    );
    const next = activities(
      await readAll(contract, { settings: settings('incremental'), credentials }, stateAfter(first)),
    );
    const firstIds = new Set(activities(first).map((r) => r.externalId));
    expect(
      next.filter((r) => !firstIds.has(r.externalId)).map((r) => [r.type, r.externalId, r.threadExternalId]),
    ).toEqual([
      ['reply', `${C1}:1711540000001`, `${C1}:1711447200000`],
      ['post', `${C1}:1711540000000`, null],
    ]);
    // The root re-read with its new reply now starts a thread: the stored post keeps its first record.
    expect(next.map((r) => r.externalId)).toEqual([
      `${C1}:1711447200000`,
      `${C1}:1711540000001`,
      `${C1}:1711540000000`,
    ]);
  });

  it('starts a new round when Graph says a stored delta link expired (410)', async () => {
    const first = await readAll(contract, { settings: settings(), credentials });
    graph.expireDeltaTokens();
    const again = await readAll(contract, { settings: settings(), credentials }, stateAfter(first));
    expect(codes(again).filter((c) => c === 'ms-teams.delta-restarted')).toHaveLength(3);
    expect(new Set(activities(again).map((r) => r.externalId)).size).toBe(16);
  });

  it('stops at maxPagesPerRun with a warning, keeping where it stopped', async () => {
    const messages = await readAll(contract, {
      settings: settings('tenant', { maxPagesPerRun: 2 }),
      credentials,
    });
    expect(codes(messages)).toContain('ms-teams.page-limit');
    expect(messages.filter((m) => m.kind === 'checkpoint' && m.stream === 'activity')).toHaveLength(2);
  });

  it('fails at once when Entra ID refuses the client secret', async () => {
    const read = readAll(contract, {
      settings: settings(),
      credentials: { ...credentials, clientSecret: 'wrong' },
    });
    await expect(read).rejects.toThrow(/refused a token for tenant 'contoso\.onmicrosoft\.com'.*401/);
    await expect(read).rejects.toBeInstanceOf(InputError);
  });

  it('fails at once, naming the request, when Graph rejects the access token (401)', async () => {
    const own = await startFakeTeamsGraph({
      tenants: { tenant: join(__dirname, 'fixtures', 'tenant.json') },
      tenantId: TENANT,
      ...credentials,
      pageSize: 2,
    });
    own.refuseTokens();
    try {
      const read = readAll(contract, {
        settings: { baseUrl: own.url(), tokenUrl: own.tokenUrl, tenantId: TENANT },
        credentials,
      });
      await expect(read).rejects.toThrow(/rejected the app's access token for GET \/users .*401/);
      await expect(read).rejects.toBeInstanceOf(InputError);
    } finally {
      await own.close();
    }
  });
});
