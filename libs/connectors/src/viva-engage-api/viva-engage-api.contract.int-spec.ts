import { HttpClient } from '@uptake/connector-sdk';
import { describeConnectorContract, earlierSettingsFixture } from '@uptake/ingest/testing';
import { join } from 'node:path';
import { startFakeYammer, type FakeYammer } from './fake-yammer-server';
import { vivaEngageApiConnector } from '.';

const TOKEN = 'yammer-fixture-token';
let yammer: FakeYammer;

beforeAll(async () => {
  yammer = await startFakeYammer({
    networks: {
      network: join(__dirname, 'fixtures/network.json'),
      malformed: join(__dirname, 'fixtures/malformed.json'),
    },
    token: TOKEN,
    pageSize: 3,
    // Every 7th request is answered 429 + Retry-After: the reads below go through retries.
    throttle: (n) => n % 7 === 0,
  });
});
afterAll(() => yammer.close());

// fixtures/README.md counts them: 19 activities in the public feed, 2 communities.
describeConnectorContract('viva-engage-api', () => ({
  connector: vivaEngageApiConnector,
  earlierSettings: earlierSettingsFixture(__dirname),
  corruptCheckpoints: [{ feeds: { all: 'yesterday' } }, { passes: { all: { top: 112 } } }],
  settings: { baseUrl: yammer.url('network') },
  credentials: { token: TOKEN },
  now: new Date('2024-04-01T00:00:00Z'),
  http: () => new HttpClient({ baseDelayMs: 1, sleep: async () => undefined }),
  expected: {
    activities: 19,
    groups: 2,
    warnings: [
      { code: 'viva-engage.identity-fallback', count: 3 },
      { code: 'viva-engage.reply-to-missing-message', count: 1 },
      { code: 'viva-engage.unknown-message-type.kudos_bonanza', count: 1 },
      { code: 'viva-engage.unlisted-likes', count: 2 },
    ],
  },
  invalidConfig: { settings: {}, credentials: { token: 'a b' }, field: 'credentials.token' },
  malformed: {
    settings: { baseUrl: yammer.url('malformed') },
    credentials: { token: TOKEN },
    // Newest first: 205 (bad date), 204 (fine), 203 (its post lands, its likes do not), 202, 201.
    expectedActivities: 2,
    expectedProblems: [
      { file: 'messages.json', line: 1, field: 'created_at', reasonIncludes: 'is not a Yammer time' },
      {
        file: 'messages.json',
        line: 3,
        field: 'liked_by.names',
        reasonIncludes: 'liked_by.names is not a list',
      },
      { file: 'messages.json', line: 4, field: 'sender_id', reasonIncludes: 'is not a Yammer user id' },
      { file: 'messages.json', line: 5, field: 'created_at', reasonIncludes: 'created_at is missing' },
    ],
  },
}));
