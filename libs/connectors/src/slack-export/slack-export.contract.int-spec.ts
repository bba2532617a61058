import { describeConnectorContract } from '@uptake/ingest/testing';
import { join } from 'node:path';
import { inputFile } from '../slack/testing';
import { slackExportConnector } from '.';

const fixture = (name: string) => () => inputFile(join(__dirname, 'fixtures', name));

// Hand counts in fixtures/README.md: 6 + 4 + 3 + 3 + 4 = 20 activities in 5 day files, 3 channels.
describeConnectorContract('slack-export', () => ({
  connector: slackExportConnector,
  settings: {},
  file: fixture('slack-export.zip'),
  expected: { activities: 20, groups: 3 },
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
