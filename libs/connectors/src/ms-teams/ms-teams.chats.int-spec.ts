import { HttpClient } from '@uptake/connector-sdk';
import {
  describeConnectorContract,
  earlierSettingsFixture,
  readAll,
  stateAfter,
} from '@uptake/ingest/testing';
import { join } from 'node:path';
import { startFakeTeamsGraph, type FakeTeamsGraph } from './fake-teams-graph';
import { msTeamsConnector } from '.';

/*
 * Chats (includeChats) of fixtures/tenant.json, counted by hand in fixtures/README.md ("chats"): 5 chat
 * activities in 2 private conversations; with the 16 channel activities and 5 groups,
 * 21 activities and 7 groups.
 */
const TENANT = 'contoso.onmicrosoft.com';
const credentials = { clientId: '6f1c2a9e-4b7d-4e3a-9c51-2d8e7f0a1b34', clientSecret: 'fake-secret-value' };
const ANNA = 'a1b2c3d4-0001-4000-8000-000000000001';
const BEN = 'a1b2c3d4-0002-4000-8000-000000000002';
const CHLOE = 'a1b2c3d4-0003-4000-8000-000000000003';
const ONE_ON_ONE = `19:${ANNA}_${BEN}@unq.gbl.spaces`;
const GROUP_CHAT = '19:7c1e5a0f3b2d4c6e8a9b1d3f5e7a9c0b@thread.v2';
let graph: FakeTeamsGraph;

beforeAll(async () => {
  const tenant = join(__dirname, 'fixtures', 'tenant.json');
  graph = await startFakeTeamsGraph({
    tenants: {
      tenant,
      incremental: tenant,
      refused: tenant,
      malformed: join(__dirname, 'fixtures', 'tenant-malformed-chats.json'),
    },
    tenantId: TENANT,
    ...credentials,
    pageSize: 2,
    // Every 11th Graph request is answered 429 + Retry-After.
    throttle: (n) => n % 11 === 0,
  });
});
afterAll(() => graph.close());
afterEach(() => graph.forbid(null));

const settings = (tenant = 'tenant', overrides: object = {}) => ({
  baseUrl: graph.url(tenant),
  tokenUrl: graph.tokenUrl,
  tenantId: TENANT,
  includeChats: true,
  ...overrides,
});
const http = () => new HttpClient({ baseDelayMs: 1, sleep: async () => undefined });
const contract = { connector: msTeamsConnector, http };
type Messages = Awaited<ReturnType<typeof readAll>>;
const activities = (messages: Messages) => messages.flatMap((m) => (m.kind === 'activity' ? [m.record] : []));
const chats = (messages: Messages) => activities(messages).filter((r) => r.type === 'chat');
const codes = (messages: Messages) => messages.flatMap((m) => (m.kind === 'warning' ? [m.warning.code] : []));

describeConnectorContract('ms-teams with chats (Microsoft Graph getAllMessages)', () => ({
  connector: msTeamsConnector,
  earlierSettings: earlierSettingsFixture(__dirname),
  corruptCheckpoints: [
    { links: {}, chats: { since: 'yesterday', pass: null } },
    { links: {}, chats: { since: null, pass: { until: '2024-03-31T00:00:00Z', after: 7, next: null } } },
  ],
  settings: settings(),
  credentials,
  http,
  expected: {
    // 16 in channels + 5 in chats; 5 groups + 2 chats
    activities: 21,
    groups: 7,
    warnings: [
      { code: 'ms-teams.app-messages', count: 1 },
      { code: 'ms-teams.deleted-thread-root', count: 1 },
      { code: 'ms-teams.identity-fallback', count: 1 },
      { code: 'ms-teams.unknown-message-type.unknownFutureValue', count: 1 },
    ],
  },
  invalidConfig: {
    settings: { ...settings(), chatsModel: 'C' },
    credentials,
    field: 'settings.chatsModel',
  },
  malformed: {
    settings: settings('malformed'),
    credentials,
    // fixtures/tenant-malformed-chats.json: one group chat of Anna and Chloe, 3 messages, 2 a page
    expectedActivities: 1,
    expectedProblems: [
      {
        // Anna's listing, page 1: Chloe's message (not hers), then hers with a date Graph never writes
        file: `users/${ANNA}/chats/getAllMessages page 1`,
        line: 2,
        field: 'createdDateTime',
        recordId: '1711460000000',
        reasonIncludes: 'is not a date-time',
      },
      {
        // Chloe's listing, page 1: her message names no chat
        file: `users/${CHLOE}/chats/getAllMessages page 1`,
        line: 1,
        field: 'chatId',
        recordId: '1711459900000',
        reasonIncludes: 'names no chat',
      },
    ],
  },
}));

describe('ms-teams chats against the fake Graph', () => {
  it('reads each chat message once, from its author, as a private chat without thread, target or mention', async () => {
    graph.requests.length = 0;
    const messages = await readAll(contract, {
      settings: settings('tenant', { chatsModel: 'B' }),
      credentials,
    });
    expect(
      chats(messages).map((r) => [
        r.externalId,
        r.actorExternalId,
        r.groupExternalId,
        r.threadExternalId,
        r.targetExternalId,
      ]),
    ).toEqual([
      // Anna's listing (both chats): her message, Ben's heart on it, her edited message (once, as first read)
      [`${ONE_ON_ONE}:1711450000000`, 'anna.schmidt@contoso.com', ONE_ON_ONE, null, null],
      [`${ONE_ON_ONE}:1711450000000:reaction:heart:${BEN}`, 'ben.okafor@contoso.com', ONE_ON_ONE, null, null],
      [`${GROUP_CHAT}:1711454300000`, 'anna.schmidt@contoso.com', GROUP_CHAT, null, null],
      // Ben's: his answer (the call event is no activity)
      [`${ONE_ON_ONE}:1711450600000`, 'ben.okafor@contoso.com', ONE_ON_ONE, null, null],
      // Chloe's: her message; its mention of Anna is not kept. Dmitri's deleted message is nothing.
      [`${GROUP_CHAT}:1711454000000`, 'chloe@contoso.onmicrosoft.com', GROUP_CHAT, null, null],
    ]);
    expect(activities(messages).some((r) => r.type === 'mention' && r.groupExternalId === GROUP_CHAT)).toBe(
      false,
    );
    // "Lunch at noon?" once the tags are stripped
    expect(chats(messages)[0].contentLength).toBe(14);
    const groups = messages.flatMap((m) =>
      m.kind === 'group' && m.record.kind === 'group' ? [m.record] : [],
    );
    expect(groups).toEqual([
      {
        externalId: ONE_ON_ONE,
        name: 'Private conversation',
        kind: 'group',
        isPrivate: true,
        memberExternalIds: null,
      },
      {
        externalId: GROUP_CHAT,
        name: 'Private conversation',
        kind: 'group',
        isPrivate: true,
        memberExternalIds: null,
      },
    ]);
    // The chat topic ("Offsite planning (Anna, Chloe, Dmitri)") is stored nowhere.
    expect(JSON.stringify(messages)).not.toContain('Offsite');
    // One pass over the 4 users of the tenant, each with the payment model and the pass's upper bound.
    // (a throttled request is logged again when retried)
    const requests = [
      ...new Set(graph.requests.filter((r) => r.includes('getAllMessages') && !r.includes('skiptoken'))),
    ];
    expect(requests.map((r) => /users\/([^/]+)\//.exec(r)?.[1])).toEqual([
      ANNA,
      BEN,
      CHLOE,
      'a1b2c3d4-0004-4000-8000-000000000004',
    ]);
    // 5 channel pages, 4 + 2 + 2 + 2 chat pages (fixtures/README.md), the end of the pass
    expect(messages.filter((m) => m.kind === 'checkpoint' && m.stream === 'activity')).toHaveLength(16);
    expect(requests[0]).toMatch(/\?\$top=50&model=B&\$filter=lastModifiedDateTime%20lt%20\d{4}-/);
  });

  it('reads chats only when includeChats is set', async () => {
    graph.requests.length = 0;
    const messages = await readAll(contract, {
      settings: settings('tenant', { includeChats: false }),
      credentials,
    });
    expect(chats(messages)).toHaveLength(0);
    expect(activities(messages)).toHaveLength(16);
    expect(graph.requests.some((r) => r.includes('getAllMessages'))).toBe(false);
  });

  it('without Chat.Read.All, reads the channels and warns, naming the permission; a later run reads the chats', async () => {
    graph.forbid(/\/chats\/getAllMessages$/);
    const refused = await readAll(contract, { settings: settings('refused'), credentials });
    expect(activities(refused)).toHaveLength(16);
    expect(codes(refused)).toContain('ms-teams.chats-permission-missing');
    const warning = refused.find(
      (m) => m.kind === 'warning' && m.warning.code === 'ms-teams.chats-permission-missing',
    );
    expect(warning).toMatchObject({ warning: { message: expect.stringContaining('Chat.Read.All') } });
    graph.forbid(null);
    const granted = await readAll(
      contract,
      { settings: settings('refused'), credentials },
      stateAfter(refused),
    );
    expect(chats(granted)).toHaveLength(5);
  });

  it('warns when Graph asks for payment (402) for the chosen model, and still reads the channels', async () => {
    graph.forbid(/\/chats\/getAllMessages$/, 402);
    const messages = await readAll(contract, {
      settings: settings('tenant', { chatsModel: 'B' }),
      credentials,
    });
    expect(activities(messages)).toHaveLength(16);
    expect(codes(messages)).toContain('ms-teams.chats-payment-required');
  });

  it('resumes a pass mid-user from the next link of its checkpoint', async () => {
    // 5 channel pages, then Anna's 4 pages (8 messages), then Ben's first page: stop there.
    const head = await readAll(
      contract,
      { settings: settings(), credentials },
      {},
      { stream: 'activity', count: 10 },
    );
    const state = stateAfter(head).activity as {
      chats: { pass: { after: string; next: { user: string; link: string } } };
    };
    expect(state.chats.pass.after).toBe(ANNA);
    expect(state.chats.pass.next.user).toBe(BEN);
    expect(state.chats.pass.next.link).toMatch(/skiptoken=2$/);
    const tail = await readAll(contract, { settings: settings(), credentials }, stateAfter(head));
    const headIds = new Set(chats(head).map((r) => r.externalId));
    expect(chats(tail).some((r) => headIds.has(r.externalId))).toBe(false);
    // before the stop: Anna's 3 and Ben's answer (his page 1); after: his page 2 (the call event), Chloe's 1
    expect([headIds.size, chats(tail).length]).toEqual([4, 1]);
  });

  it('reads only what changed since the last pass, up to 5 minutes before the run', async () => {
    const first = await readAll(
      { ...contract, now: new Date('2024-04-01T00:00:00Z') },
      { settings: settings('incremental'), credentials },
    );
    expect(chats(first)).toHaveLength(5);
    expect((stateAfter(first).activity as { chats: unknown }).chats).toEqual({
      since: '2024-03-31T23:55:00.000Z',
      pass: null,
    });
    const at = (iso: string) => ({
      messageType: 'message',
      createdDateTime: iso,
      lastModifiedDateTime: iso,
      deletedDateTime: null,
      chatId: ONE_ON_ONE,
      body: { contentType: 'text', content: 'later' },
      reactions: [],
      mentions: [],
    });
    const person = (id: string) => ({ user: { id, userIdentityType: 'aadUser' } });
    graph.postChat('incremental', ONE_ON_ONE, {
      ...at('2024-04-01T09:00:00.000Z'),
      id: '1711962000000',
      from: person(BEN),
    });
    // changed 2 minutes before the second run: it waits for the pass after
    graph.postChat('incremental', ONE_ON_ONE, {
      ...at('2024-04-01T23:58:00.000Z'),
      id: '1712015880000',
      from: person(ANNA),
    });
    graph.requests.length = 0;
    const second = await readAll(
      { ...contract, now: new Date('2024-04-02T00:00:00Z') },
      { settings: settings('incremental'), credentials },
      stateAfter(first),
    );
    expect(chats(second).map((r) => r.externalId)).toEqual([`${ONE_ON_ONE}:1711962000000`]);
    expect(graph.requests.find((r) => r.includes('getAllMessages'))).toContain(
      '$filter=lastModifiedDateTime%20gt%202024-03-31T23%3A55%3A00.000Z%20and%20lastModifiedDateTime%20lt%202024-04-01T23%3A55%3A00.000Z',
    );
    const third = await readAll(
      { ...contract, now: new Date('2024-04-03T00:00:00Z') },
      { settings: settings('incremental'), credentials },
      stateAfter(second),
    );
    expect(chats(third).map((r) => r.externalId)).toEqual([`${ONE_ON_ONE}:1712015880000`]);
  });
});
