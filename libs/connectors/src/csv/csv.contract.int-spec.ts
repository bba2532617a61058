import { describeConnectorContract, earlierSettingsFixture } from '@uptake/ingest/testing';
import { join } from 'node:path';
import { createCsvActivityConnector } from '.';
import { fixtureFile } from '../shared/testing/fixture-file';

const fixtures = join(__dirname, 'fixtures');
// The production interval (1,000 rows) gives one checkpoint on a fixture; resume needs several.
const connector = createCsvActivityConnector({ checkpointEvery: 5 });

describeConnectorContract('csv (CSV, documented columns)', () => ({
  connector,
  earlierSettings: earlierSettingsFixture(__dirname),
  corruptCheckpoints: [{ line: '12' }, { line: -1 }],
  settings: {},
  file: () => fixtureFile(fixtures, 'activity.csv'),
  // activity.csv: lines 2..21 are 20 valid rows -> 20 activities; checkpoints after rows 5, 10, 15, 20.
  // Groups: C-ENG (lines 2-11) and C-SALES (lines 12-19); dm-3001/dm-3002 have none -> 2 groups.
  expected: { activities: 20, groups: 2 },
  invalidConfig: { settings: { typeMapping: { clap: 'applause' } }, field: 'settings.typeMapping.clap' },
  malformed: {
    settings: {},
    file: () => fixtureFile(fixtures, 'activity-malformed.csv'),
    // Good rows: ok-1 (line 2), ok-2 (4), ok-3 (9), ok-4 (12) -> 4 activities. Line 13 is blank.
    expectedActivities: 4,
    expectedProblems: [
      {
        file: 'activity-malformed.csv',
        line: 3,
        field: 'occurred_at',
        reasonIncludes: "'yesterday' is not an ISO 8601",
      },
      {
        file: 'activity-malformed.csv',
        line: 5,
        field: 'type',
        reasonIncludes: "type: 'clap' is not one of post, reply",
      },
      { file: 'activity-malformed.csv', line: 6, field: 'actor_id', reasonIncludes: 'actor_id is missing' },
      {
        file: 'activity-malformed.csv',
        line: 7,
        field: 'count',
        reasonIncludes: "count: '0' is not an integer of at least 1",
      },
      {
        file: 'activity-malformed.csv',
        line: 8,
        field: 'occurred_at',
        reasonIncludes: 'has no time-zone offset',
      },
      { file: 'activity-malformed.csv', line: 10, reasonIncludes: 'the row has 2 fields, the header has 10' },
      // Two bad fields on one row: one problem, at the first, naming both.
      {
        file: 'activity-malformed.csv',
        line: 11,
        field: 'occurred_at',
        reasonIncludes: "'2026-02-30T10:00:00Z' is not a real date-time; content_length: '-4'",
      },
      { file: 'activity-malformed.csv', line: 14, field: 'type', reasonIncludes: 'type is missing' },
    ],
  },
}));

const mappedSettings = {
  delimiter: ';',
  columns: {
    external_id: 'Message ID',
    occurred_at: 'Timestamp',
    actor_id: 'User',
    type: 'Action',
    group_id: 'Community',
    group_name: 'Community name',
    thread_id: 'Thread',
    target_id: 'Reply to',
    content_length: 'Length',
  },
  typeMapping: { 'new post': 'post', comment: 'reply', like: 'reaction' },
};

describeConnectorContract('csv (custom column mapping)', () => ({
  connector: createCsvActivityConnector({ checkpointEvery: 3 }),
  earlierSettings: earlierSettingsFixture(__dirname),
  settings: mappedSettings,
  file: () => fixtureFile(fixtures, 'activity-mapped.csv'),
  // 8 rows (y-1..y-8), every Action mapped or native -> 8 activities; communities G-1 and G-2 -> 2 groups.
  // Checkpoints after rows 3, 6 and 8.
  expected: { activities: 8, groups: 2 },
  invalidConfig: { settings: { columns: { actor: 'User' } }, field: 'settings.columns' },
  malformed: {
    settings: mappedSettings,
    file: () => fixtureFile(fixtures, 'activity-mapped-malformed.csv'),
    // Good rows: z-1 (line 2) and z-5 (line 6) -> 2 activities.
    expectedActivities: 2,
    expectedProblems: [
      {
        file: 'activity-mapped-malformed.csv',
        line: 3,
        field: 'occurred_at',
        reasonIncludes: "'2026-03-04 08:10' has no time-zone offset",
      },
      {
        file: 'activity-mapped-malformed.csv',
        line: 4,
        field: 'type',
        reasonIncludes: "type: 'boost' is not one of",
      },
      {
        file: 'activity-mapped-malformed.csv',
        line: 5,
        field: 'content_length',
        reasonIncludes: "content_length: 'lots' is not an integer",
      },
    ],
  },
}));

describeConnectorContract('csv (NDJSON)', () => ({
  connector: createCsvActivityConnector({ checkpointEvery: 2 }),
  earlierSettings: earlierSettingsFixture(__dirname),
  settings: {},
  file: () => fixtureFile(fixtures, 'activity.ndjson'),
  // 6 objects on lines 1-3 and 5-7 (line 4 blank) -> 6 activities; only n-1..n-4 are in C-ENG -> 1 group.
  expected: { activities: 6, groups: 1 },
  invalidConfig: { settings: { delimiter: ';;' }, field: 'settings.delimiter' },
  malformed: {
    settings: {},
    file: () => fixtureFile(fixtures, 'activity-malformed.ndjson'),
    // Good lines: 1 and 6 -> 2 activities.
    expectedActivities: 2,
    expectedProblems: [
      { file: 'activity-malformed.ndjson', line: 2, reasonIncludes: 'the line is not valid JSON' },
      { file: 'activity-malformed.ndjson', line: 3, reasonIncludes: 'the line is not a JSON object' },
      {
        file: 'activity-malformed.ndjson',
        line: 4,
        field: 'occurred_at',
        reasonIncludes: "'2026-03-05' is not an ISO 8601",
      },
      {
        file: 'activity-malformed.ndjson',
        line: 5,
        field: 'content_length',
        reasonIncludes: "content_length: '12.5'",
      },
      {
        file: 'activity-malformed.ndjson',
        line: 7,
        field: 'actor_id',
        reasonIncludes: 'actor_id: expected text, got object',
      },
    ],
  },
}));
