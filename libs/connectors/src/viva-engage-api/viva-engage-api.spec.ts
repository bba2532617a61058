import {
  CheckpointError,
  HttpClient,
  parseConnectorConfig,
  type ConnectorMessage,
} from '@uptake/connector-sdk';
import { join } from 'node:path';
import { activitiesOf, countByType, readSlackConnector } from '../shared/slack/testing';
import { startFakeYammer, type FakeYammer } from './fake-yammer-server';
import { parseYammerTime } from './yammer-message';
import { vivaEngageApiConnector } from '.';

const TOKEN = 'yammer-fixture-token';
const fastHttp = () => new HttpClient({ baseDelayMs: 1, sleep: async () => undefined });
let yammer: FakeYammer;
let throttled = new Set<number>();

beforeAll(async () => {
  yammer = await startFakeYammer({
    networks: { network: join(__dirname, 'fixtures/network.json') },
    token: TOKEN,
    pageSize: 3,
    throttle: (n) => throttled.has(n),
  });
});
afterAll(() => yammer.close());
beforeEach(() => {
  yammer.requests.length = 0;
  throttled = new Set();
});

const read = (settings: Record<string, unknown> = {}, state = {}, http = fastHttp(), token = TOKEN) =>
  readSlackConnector(vivaEngageApiConnector, {
    settings: { baseUrl: yammer.url('network'), ...settings },
    credentials: { token },
    state,
    http,
    now: new Date('2024-04-01T00:00:00Z'),
  });
const activity = (messages: ConnectorMessage[], externalId: string) =>
  activitiesOf(messages).find((a) => a.externalId === externalId);
const checkpoints = (messages: ConnectorMessage[]) =>
  messages.flatMap((m) => (m.kind === 'checkpoint' && m.stream === 'activity' ? [m.state] : []));

describe('vivaEngageApiConnector against a fake Yammer', () => {
  it('maps the public feed as counted in fixtures/README.md', async () => {
    const messages = await read();
    expect(countByType(messages)).toEqual({
      post: 3,
      question: 1,
      reply: 2,
      answer: 2,
      // 102 -> Carol (body and notified_user_ids: one), 103 -> Erin (body), 111 -> Bob (body; Alice is its sender)
      mention: 3,
      reaction: 8,
    });
    expect(activity(messages, '102')).toMatchObject({
      type: 'reply',
      actorExternalId: 'bob.marsh@example.com',
      targetExternalId: 'alice.lee@example.com',
      threadExternalId: '101',
      groupExternalId: '10',
      contentLength: 'Great, thanks [[user:3]]'.length,
    });
    // The question's replies are answers, aimed at Dave, who has no e-mail address.
    expect(activity(messages, '105')).toMatchObject({ type: 'answer', targetExternalId: 'yammer:4' });
    // Erin is in no member list nor reference: looked up by /users/5.json.
    expect(activity(messages, '103:like:5')).toMatchObject({
      type: 'reaction',
      actorExternalId: 'erin.roe@example.com',
      targetExternalId: 'carol.diaz@example.com',
    });
    expect(activity(messages, '103:like:unlisted')).toMatchObject({ actorExternalId: null, count: 2 });
    // The announcement notifies members: not mentions; the person its body names ([[user:5]]) is one.
    expect(
      activitiesOf(messages)
        .filter((a) => a.externalId.startsWith('103:mention'))
        .map((a) => [a.externalId, a.actorExternalId, a.targetExternalId, a.threadExternalId]),
    ).toEqual([['103:mention:5', 'carol.diaz@example.com', 'erin.roe@example.com', '103']]);
    expect(
      activitiesOf(messages)
        .filter((a) => a.type === 'mention')
        .map((a) => a.externalId)
        .sort(),
    ).toEqual(['102:mention:3', '103:mention:5', '111:mention:2']);
    expect(JSON.stringify(messages)).not.toContain('[[user');
    // The bot's message: only Alice's like, aimed at no one.
    expect(activity(messages, '108:like:1')).toMatchObject({ targetExternalId: null });
    expect(activity(messages, '109')).toMatchObject({
      type: 'reply',
      targetExternalId: null,
      threadExternalId: '100',
    });
    expect(JSON.stringify(messages)).not.toContain('Release 4.2');
  });

  it('lists communities with their members, a private one without its name', async () => {
    const groups = (await read()).flatMap((m) => (m.kind === 'group' ? [m.record] : []));
    expect(groups).toEqual([
      {
        externalId: '10',
        name: 'Engineering',
        kind: 'community',
        isPrivate: false,
        memberExternalIds: [
          'alice.lee@example.com',
          'bob.marsh@example.com',
          'carol.diaz@example.com',
          'yammer:4',
        ],
      },
      {
        externalId: '11',
        name: 'Private community',
        kind: 'community',
        isPrivate: true,
        memberExternalIds: ['alice.lee@example.com', 'carol.diaz@example.com'],
      },
    ]);
  });

  it('pages member lists with page= until more_available is false; a list it may not read (403) is no list', async () => {
    await read();
    // Engineering has 4 members, 2 a page: page 2 says more_available false. Leadership's 2 fit on page 1.
    expect(yammer.requests.filter((r) => r.startsWith('users/in_group/'))).toEqual([
      'users/in_group/10.json?page=1',
      'users/in_group/10.json?page=2',
      'users/in_group/11.json?page=1',
    ]);
    const forbidding = await startFakeYammer({
      networks: { network: join(__dirname, 'fixtures/network.json') },
      token: TOKEN,
      pageSize: 3,
      membersForbidden: [11],
    });
    try {
      const messages = await readSlackConnector(vivaEngageApiConnector, {
        settings: { baseUrl: forbidding.url('network') },
        credentials: { token: TOKEN },
        http: fastHttp(),
        now: new Date('2024-04-01T00:00:00Z'),
      });
      const groups = messages.flatMap((m) => (m.kind === 'group' ? [m.record] : []));
      expect(groups.map((g) => [g.externalId, g.memberExternalIds?.length ?? null])).toEqual([
        ['10', 4],
        // Stored without a member list: memberships read before are kept, none are removed.
        ['11', null],
      ]);
      expect(
        messages.flatMap((m) =>
          m.kind === 'warning' && m.warning.code === 'viva-engage.members-not-read' ? [m.warning.file] : [],
        ),
      ).toEqual(['users/in_group/11.json']);
      // The activities do not depend on the member lists.
      expect(activitiesOf(messages)).toHaveLength(19);
    } finally {
      await forbidding.close();
    }
  });

  it('reads chosen communities through their feeds, private ones included; a deleted liker is yammer:<id>', async () => {
    const messages = await read({ groups: ['11'] });
    expect(activitiesOf(messages).map((a) => [a.externalId, a.actorExternalId])).toEqual([
      ['110', 'alice.lee@example.com'],
      ['110:like:6', 'yammer:6'],
    ]);
    expect(yammer.requests).toContain('users/6.json');
    expect(yammer.requests.some((r) => r.startsWith('messages/in_group/11.json'))).toBe(true);
  });

  it('pages with older_than, retries a 429 after Retry-After, and resumes from any checkpoint', async () => {
    throttled = new Set([3]);
    const http = fastHttp();
    const all = await read({}, {}, http);
    expect(http.throttled).toBe(1);
    const pages = yammer.requests.filter((r) => r.startsWith('messages.json'));
    // 11 public messages in pages of 3 (a throttled page is asked for twice: listed once here)
    expect(pages.filter((r, i) => pages.indexOf(r) === i)).toEqual([
      'messages.json?limit=20',
      'messages.json?older_than=109&limit=20',
      'messages.json?older_than=106&limit=20',
      'messages.json?older_than=103&limit=20',
    ]);
    const states = checkpoints(all);
    expect(states).toHaveLength(4);
    expect(states[0]).toEqual({ feeds: {}, passes: { all: { top: '112', before: '109' } } });
    expect(states.at(-1)).toEqual({ feeds: { all: '112' }, passes: {} });
    const ids = activitiesOf(all).map((a) => a.externalId);
    for (const state of states.slice(0, -1)) {
      const tail = activitiesOf(await read({}, { activity: state })).map((a) => a.externalId);
      const head = activitiesOf(
        all.slice(
          0,
          all.findIndex((m) => m.kind === 'checkpoint' && m.state === state),
        ),
      );
      expect(new Set([...head.map((a) => a.externalId), ...tail])).toEqual(new Set(ids));
      expect(tail.length).toBeLessThan(ids.length);
    }
    // After a complete read the next one reads one page and stops at the newest message read.
    yammer.requests.length = 0;
    expect(activitiesOf(await read({}, { activity: states.at(-1) }))).toEqual([]);
    expect(yammer.requests.filter((r) => r.startsWith('messages.json'))).toHaveLength(1);
  });

  it('stops at maxPagesPerRun with the pass saved, and at lookbackDays on a first read', async () => {
    const bounded = await read({ maxPagesPerRun: 2 });
    expect(checkpoints(bounded).at(-1)).toEqual({
      feeds: {},
      passes: { all: { top: '112', before: '106' } },
    });
    expect(
      bounded.some((m) => m.kind === 'warning' && m.warning.code === 'viva-engage.page-bound-reached'),
    ).toBe(true);
    const recent = await readSlackConnector(vivaEngageApiConnector, {
      settings: { baseUrl: yammer.url('network'), lookbackDays: 28 },
      credentials: { token: TOKEN },
      http: fastHttp(),
      now: new Date('2024-03-31T12:00:00Z'),
    });
    // From 2024-03-03T12:00Z: 109 (03-03 11:00) is older; 111 and its mention of Bob remain (112 is an
    // unknown type).
    expect(activitiesOf(recent).map((a) => a.externalId)).toEqual(['111', '111:mention:2']);
  });

  it('fails at once with a clear error when Yammer answers 401', async () => {
    await expect(read({}, {}, fastHttp(), 'revoked-token')).rejects.toThrow(
      'Viva Engage (Yammer) answered 401 Unauthorized to groups.json: the token is not valid',
    );
  });

  it('refuses a checkpoint it did not write', async () => {
    await expect(read({}, { activity: { feeds: { all: 12 } } })).rejects.toThrow(CheckpointError);
  });

  it('validates settings and credentials, naming the field', () => {
    expect(() => parseConnectorConfig(vivaEngageApiConnector, {}, { token: '' })).toThrow(
      'credentials.token',
    );
    expect(() => parseConnectorConfig(vivaEngageApiConnector, { groups: ['eng'] }, { token: TOKEN })).toThrow(
      'settings.groups.0',
    );
    expect(parseConnectorConfig(vivaEngageApiConnector, {}, { token: TOKEN }).settings).toEqual({
      baseUrl: 'https://www.yammer.com/api/v1',
      lookbackDays: 90,
      maxPagesPerRun: 500,
    });
  });
});

describe('parseYammerTime', () => {
  it('reads the API format and RFC 3339, nothing else', () => {
    expect(parseYammerTime('2024/03/01 09:00:00 +0100')?.toISOString()).toBe('2024-03-01T08:00:00.000Z');
    expect(parseYammerTime('2024-03-01T09:00:00Z')?.toISOString()).toBe('2024-03-01T09:00:00.000Z');
    expect(parseYammerTime('03/01/2024')).toBeNull();
    expect(parseYammerTime(1709283600)).toBeNull();
  });
});
