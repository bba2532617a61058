import { describeConnectorContract, earlierSettingsFixture } from '@uptake/ingest/testing';
import { join } from 'node:path';
import { inputFile } from '../shared/slack/testing';
import { slackExportConnector } from '.';

const fixture = (name: string) => () => inputFile(join(__dirname, 'fixtures', name));

// Hand counts in fixtures/README.md: 6 + 4 + 3 + 3 + 4 = 20 activities in 5 day files, 3 channels.
describeConnectorContract('slack-export', () => ({
  connector: slackExportConnector,
  earlierSettings: earlierSettingsFixture(__dirname),
  corruptCheckpoints: [{ lastDayFile: 'users.json' }, { lastDayFile: 7 }],
  settings: {},
  file: fixture('slack-export.zip'),
  // Dave has no e-mail address: he is identified by his Slack id, and the run says so.
  expected: {
    activities: 20,
    groups: 3,
    warnings: [{ code: 'slack.identity-fallback', count: 1, file: 'users.json' }],
  },
  invalidConfig: { settings: { identity: 'name' }, field: 'settings.identity' },
  malformed: {
    settings: {},
    file: fixture('slack-export-malformed.zip'),
    // 2 posts on 03-04 + 1 on 03-06; 03-05 is not JSON, 03-06 has 3 bad messages
    expectedActivities: 3,
    expectedProblems: [
      { file: 'general/2024-03-05.json', reasonIncludes: 'not valid JSON' },
      { file: 'general/2024-03-06.json', line: 2, field: 'ts', reasonIncludes: 'ts is missing' },
      { file: 'general/2024-03-06.json', line: 3, field: 'ts', reasonIncludes: 'not a Slack timestamp' },
      { file: 'general/2024-03-06.json', line: 4, field: 'user', reasonIncludes: 'user is missing' },
    ],
  },
}));

// A Business+ export (fixtures/README.md, business/): private channel, direct message, group DM, huddles,
// a deleted thread root, unlisted reactions and files that are skipped on purpose. 30 activities in 6 day
// files, 5 conversations; every warning counted once, also when the read resumes from a checkpoint.
describeConnectorContract('slack-export (Business+ export)', () => ({
  connector: slackExportConnector,
  earlierSettings: earlierSettingsFixture(__dirname),
  settings: {},
  file: fixture('slack-export-business.zip'),
  expected: {
    activities: 30,
    groups: 5,
    warnings: [
      { code: 'slack.skipped-entry', count: 1, file: 'canvases/' },
      { code: 'slack.skipped-entry', count: 1, file: 'file_conversations/' },
      { code: 'slack.skipped-entry', count: 1, file: 'huddle_transcripts/' },
      { code: 'slack.skipped-entry', count: 1, file: 'integration_logs.json' },
      { code: 'slack.skipped-entry', count: 1, file: 'lists/' },
      // the canvas beside the private channel's day files, not named
      { code: 'slack.skipped-entry', count: 1 },
      { code: 'slack.unlisted-folder', count: 1, file: 'old-channel/' },
      { code: 'slack.unlisted-reactions', count: 4 },
      { code: 'slack.unknown-subtype.assistant_app_thread', count: 1 },
      { code: 'slack.deleted-thread-root', count: 1 },
    ],
  },
  invalidConfig: { settings: { includePrivate: 'yes' }, field: 'settings.includePrivate' },
  malformed: {
    settings: {},
    file: fixture('slack-export-malformed.zip'),
    expectedActivities: 3,
    expectedProblems: [
      { file: 'general/2024-03-05.json', reasonIncludes: 'not valid JSON' },
      { file: 'general/2024-03-06.json', line: 2, field: 'ts', reasonIncludes: 'ts is missing' },
      { file: 'general/2024-03-06.json', line: 3, field: 'ts', reasonIncludes: 'not a Slack timestamp' },
      { file: 'general/2024-03-06.json', line: 4, field: 'user', reasonIncludes: 'user is missing' },
    ],
  },
}));
