import { HttpClient } from '@uptake/connector-sdk';
import { describeConnectorContract, earlierSettingsFixture } from '@uptake/ingest/testing';
import { join } from 'node:path';
import { startFakeSlack, type FakeSlack } from './fake-slack-server';
import { slackApiConnector } from '.';

const FIXTURES = join(__dirname, '../slack-export/fixtures');
const TOKEN = 'xoxb-1234-5678-fixture';
let slack: FakeSlack;

beforeAll(async () => {
  slack = await startFakeSlack({
    workspaces: { export: join(FIXTURES, 'export'), malformed: join(FIXTURES, 'malformed') },
    token: TOKEN,
    pageSize: 3,
    // Every 7th request is answered 429 + Retry-After: the reads below go through retries.
    throttle: (n) => n % 7 === 0,
  });
});
afterAll(() => slack.close());

// Same workspace as the export fixture: 20 activities, 3 channels (slack-export/fixtures/README.md).
describeConnectorContract('slack-api', () => ({
  connector: slackApiConnector,
  earlierSettings: earlierSettingsFixture(__dirname),
  corruptCheckpoints: [{ channels: { C1: 'yesterday' } }, { passes: { C1: { latest: 1 } } }],
  settings: { baseUrl: slack.url('export') },
  credentials: { token: TOKEN },
  now: new Date('2024-04-01T00:00:00Z'),
  http: () => new HttpClient({ baseDelayMs: 1, sleep: async () => undefined }),
  // As in the export, Dave has no e-mail address: the run says he is identified by his Slack id.
  expected: {
    activities: 20,
    groups: 3,
    warnings: [{ code: 'slack.identity-fallback', count: 1, file: 'users.list' }],
  },
  invalidConfig: { settings: {}, credentials: { token: 'hunter2' }, field: 'credentials.token' },
  malformed: {
    settings: { baseUrl: slack.url('malformed') },
    credentials: { token: TOKEN },
    // The API serves no unparsable day file: 2 posts of 03-04 + 1 of 03-06, and 3 bad messages that
    // the fake serves first in #general's history (no valid ts first, then newest first).
    expectedActivities: 3,
    expectedProblems: [
      {
        file: 'conversations.history?channel=C01GENERAL',
        line: 1,
        field: 'ts',
        reasonIncludes: 'ts is missing',
      },
      {
        file: 'conversations.history?channel=C01GENERAL',
        line: 2,
        field: 'ts',
        reasonIncludes: 'not a Slack timestamp',
      },
      {
        file: 'conversations.history?channel=C01GENERAL',
        line: 3,
        field: 'user',
        reasonIncludes: 'user is missing',
      },
    ],
  },
}));
