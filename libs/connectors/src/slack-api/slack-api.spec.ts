import { HttpClient, parseConnectorConfig, type ActivityRecord } from '@uptake/connector-sdk';
import { join } from 'node:path';
import { slackExportConnector } from '../slack-export';
import { activitiesOf, countByType, readSlackConnector } from '../shared/slack/testing';
import { startFakeSlack, type FakeSlack } from './fake-slack-server';
import { readHistoryState } from './history-state';
import { slackApiConnector } from '.';

const FIXTURES = join(__dirname, '../slack-export/fixtures');
const TOKEN = 'xoxb-1234-5678-fixture';
const NOW = new Date('2024-04-01T00:00:00Z'); // 1711929600
/** An HttpClient that retries 429s at once (the fake server asks for Retry-After: 1). */
const fastHttp = () => new HttpClient({ baseDelayMs: 1, sleep: async () => undefined });

let slack: FakeSlack;
let throttled = new Set<number>();

beforeAll(async () => {
  slack = await startFakeSlack({
    workspaces: { export: join(FIXTURES, 'export') },
    token: TOKEN,
    pageSize: 3,
    throttle: (n) => throttled.has(n),
  });
});
afterAll(() => slack.close());
beforeEach(() => {
  slack.requests.length = 0;
  throttled = new Set();
});

const read = (settings: Record<string, unknown> = {}, state = {}, http = fastHttp(), now = NOW) =>
  readSlackConnector(slackApiConnector, {
    settings: { baseUrl: slack.url('export'), ...settings },
    credentials: { token: TOKEN },
    state,
    http,
    now,
  });
const byId = (a: ActivityRecord, b: ActivityRecord) => (a.externalId < b.externalId ? -1 : 1);

describe('slackApiConnector against a fake Slack serving the export fixture', () => {
  it('yields exactly what the export of the same workspace yields', async () => {
    const fromApi = await read();
    const fromExport = await readSlackConnector(slackExportConnector, {
      file: join(FIXTURES, 'slack-export.zip'),
    });
    // 20 activities, hand-counted in slack-export/fixtures/README.md
    expect(countByType(fromApi)).toEqual({ post: 5, reply: 4, reaction: 6, mention: 4, join: 1 });
    expect(activitiesOf(fromApi).sort(byId)).toEqual(activitiesOf(fromExport).sort(byId));
    const groups = (messages: typeof fromApi) => messages.filter((m) => m.kind === 'group');
    expect(groups(fromApi)).toEqual(groups(fromExport));
    expect(fromApi.filter((m) => m.kind === 'invalid')).toEqual([]);
  });

  it('pages with cursors, reads thread replies, and retries a 429 after Retry-After', async () => {
    throttled = new Set([2]);
    const http = fastHttp();
    const messages = await read({}, {}, http);
    expect(activitiesOf(messages)).toHaveLength(20);
    expect(http.throttled).toBe(1);
    // Request 2 was answered 429 and sent again: the first users.list page is followed by the second, twice.
    expect(slack.requests[1]).toBe(slack.requests[2]);
    const history = slack.requests.filter((r) => r.startsWith('conversations.history?channel=C01GENERAL'));
    // general has 7 top-level messages: pages of 3, 3 and 1, the later ones by cursor
    expect(history).toHaveLength(3);
    expect(history.slice(1).every((r) => r.includes('cursor='))).toBe(true);
    // threads with replies: Alice's in general, Carol's in leadership, Erin's in random
    expect(slack.requests.filter((r) => r.startsWith('conversations.replies'))).toHaveLength(3);
  });

  it('checkpoints after each history page and resumes from any of them without skipping', async () => {
    const all = await read();
    const states = all.flatMap((m) => (m.kind === 'checkpoint' && m.stream === 'activity' ? [m.state] : []));
    // general: 3 pages, random: 1 (3 messages), leadership: 1
    expect(states).toHaveLength(5);
    const ids = activitiesOf(all).map((a) => a.externalId);
    for (const state of states) {
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
    // After a complete read every channel is done up to the read's start; the next read asks from there.
    expect(readHistoryState(states.at(-1))).toEqual({
      channels: {
        C01GENERAL: '1711929600.000000',
        C02RANDOM: '1711929600.000000',
        G01LEADS: '1711929600.000000',
      },
      passes: {},
    });
    slack.requests.length = 0;
    expect(activitiesOf(await read({}, { activity: states.at(-1) }))).toEqual([]);
    expect(
      slack.requests
        .filter((r) => r.startsWith('conversations.history'))
        .every((r) => r.includes('oldest=1711929600.000000')),
    ).toBe(true);
  });

  it('continues a channel below the oldest message read when a pass was cut short', async () => {
    const all = await read();
    const first = all.find((m) => m.kind === 'checkpoint' && m.stream === 'activity');
    // general, page 1 (newest first): Dave's post 03-05 10:00, the bot user's message, the topic change
    expect(readHistoryState(first?.kind === 'checkpoint' ? first.state : null).passes).toEqual({
      C01GENERAL: { latest: '1711929600.000000', before: '1709632800.000200' },
    });
  });

  it('reads only the chosen channels, by name or id', async () => {
    const messages = await read({ channels: ['#random', 'G01LEADS'] });
    // random 3 + 4, leadership 3
    expect(activitiesOf(messages)).toHaveLength(10);
    expect(messages.flatMap((m) => (m.kind === 'group' ? [m.record.externalId] : []))).toEqual([
      'C02RANDOM',
      'G01LEADS',
    ]);
  });

  it('goes back lookbackDays on the first read', async () => {
    // From 2024-03-05T00:00Z: general 03-05 (4), leadership 03-05 (3), random 03-06 (4) = 11
    const messages = await read({ lookbackDays: 5 }, {}, fastHttp(), new Date('2024-03-10T00:00:00Z'));
    expect(activitiesOf(messages)).toHaveLength(11);
    expect(slack.requests.find((r) => r.startsWith('conversations.history'))).toContain(
      'oldest=1709596800.000000',
    );
  });

  it('fails with a clear error when Slack rejects the token', async () => {
    const messages = readSlackConnector(slackApiConnector, {
      settings: { baseUrl: slack.url('export') },
      credentials: { token: 'xoxb-revoked' },
      http: fastHttp(),
    });
    await expect(messages).rejects.toThrow(
      'Slack rejected the token: Slack API users.list failed: invalid_auth (the token is not valid)',
    );
  });

  it('validates settings and credentials, naming the field', () => {
    expect(() => parseConnectorConfig(slackApiConnector, {}, { token: 'abc' })).toThrow('credentials.token');
    expect(() => parseConnectorConfig(slackApiConnector, { lookbackDays: 0 }, { token: TOKEN })).toThrow(
      'settings.lookbackDays',
    );
    expect(() => parseConnectorConfig(slackApiConnector, { team: 'x' }, { token: TOKEN })).toThrow(
      'settings',
    );
    expect(parseConnectorConfig(slackApiConnector, {}, { token: 'xoxp-1-2' }).settings).toEqual({
      baseUrl: 'https://slack.com/api',
      identity: 'email',
      lookbackDays: 90,
    });
  });
});

describe('readHistoryState', () => {
  it('keeps valid entries and drops what it does not understand', () => {
    expect(
      readHistoryState({
        channels: { C1: '1709550000.000200', C2: 'yesterday' },
        passes: { C3: { latest: '1711929600.000000', before: '1709632800.000200' }, C4: { latest: 1 } },
      }),
    ).toEqual({
      channels: { C1: '1709550000.000200' },
      passes: { C3: { latest: '1711929600.000000', before: '1709632800.000200' } },
    });
    expect(readHistoryState(null)).toEqual({ channels: {}, passes: {} });
  });
});
