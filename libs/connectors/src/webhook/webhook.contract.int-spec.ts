import { describeConnectorContract, earlierSettingsFixture } from '@uptake/ingest/testing';
import { join } from 'node:path';
import { createWebhookConnector } from '.';
import { fixtureFile } from '../shared/testing/fixture-file';

const fixtures = join(__dirname, 'fixtures');
const file = 'batch-malformed.json';

describeConnectorContract('webhook', () => ({
  // The production interval (500 events) gives one checkpoint on a fixture; resume needs several.
  connector: createWebhookConnector({ checkpointEvery: 5 }),
  earlierSettings: earlierSettingsFixture(__dirname),
  corruptCheckpoints: [{ line: 2.5 }],
  settings: {},
  file: () => fixtureFile(fixtures, 'batch.json'),
  // batch.json: 12 valid events (wh-1..wh-12) -> 12 activities; checkpoints after events 5, 10 and 12.
  // Groups: team-apollo (wh-1..wh-6) and help-desk (wh-7..wh-11); wh-12 has none -> 2 groups.
  expected: { activities: 12, groups: 2 },
  invalidConfig: { settings: { typeMapping: { like: 'liked' } }, field: 'settings.typeMapping.like' },
  malformed: {
    settings: {},
    file: () => fixtureFile(fixtures, file),
    // Good events: whm-1 (events[0]), whm-3 (events[2]), whm-9 (events[8]) -> 3 activities.
    // `line` is the 1-based position of the event, `field` its JSON path.
    expectedActivities: 3,
    expectedProblems: [
      {
        file,
        line: 2,
        field: 'events[1].occurredAt',
        reasonIncludes: "occurredAt: '03/06/2026 09:00' is not an ISO 8601",
      },
      { file, line: 4, field: 'events[3].type', reasonIncludes: "type: 'clap' is not one of" },
      { file, line: 5, field: 'events[4].actorId', reasonIncludes: 'actorId is missing' },
      {
        file,
        line: 6,
        field: 'events[5].count',
        reasonIncludes: "count: '0' is not an integer of at least 1",
      },
      { file, line: 7, reasonIncludes: 'events[6] is not a JSON object' },
      {
        file,
        line: 8,
        field: 'events[7].contentLength',
        reasonIncludes: "contentLength: '12.5' is not an integer",
      },
    ],
  },
}));
