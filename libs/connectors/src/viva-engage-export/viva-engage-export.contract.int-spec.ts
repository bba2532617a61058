import type { InputFile } from '@uptake/connector-sdk';
import { describeConnectorContract, earlierSettingsFixture } from '@uptake/ingest/testing';
import { createVivaEngageExportConnector } from '.';
import { zipFixture } from './testing';

// The zips are built from fixtures/ before the kit's own beforeAll runs (top-level hooks run first).
let exportZip: InputFile;
let malformedZip: InputFile;
beforeAll(async () => {
  exportZip = await zipFixture('export');
  malformedZip = await zipFixture('malformed', { under: 'export-2024-03/' });
});

// Hand counts in fixtures/README.md: 14 message rows -> 12 activities, 5 containers; a checkpoint every 3 rows.
describeConnectorContract('viva-engage-export', () => ({
  connector: createVivaEngageExportConnector({ checkpointEvery: 3 }),
  earlierSettings: earlierSettingsFixture(__dirname),
  corruptCheckpoints: [{ line: 'four' }, { line: -1 }],
  settings: {},
  file: () => exportZip,
  expected: {
    activities: 12,
    groups: 5,
    warnings: [
      { code: 'viva-engage.deleted-messages', count: 1, file: 'Messages.csv' },
      { code: 'viva-engage.identity-fallback', count: 1, file: 'Users.csv' },
      { code: 'viva-engage.not-a-person', count: 1, file: 'Messages.csv' },
      { code: 'viva-engage.reply-target-unknown', count: 1, file: 'Messages.csv' },
      { code: 'viva-engage.skipped-entry', count: 1, file: 'Admins.csv' },
      { code: 'viva-engage.skipped-entry', count: 1, file: 'Files.csv' },
      { code: 'viva-engage.skipped-entry', count: 2, file: 'files/' },
      { code: 'viva-engage.skipped-entry', count: 1, file: 'Networks.csv' },
      { code: 'viva-engage.skipped-entry', count: 1, file: 'Topics.csv' },
      { code: 'viva-engage.unknown-sender-type', count: 1, file: 'Messages.csv' },
    ],
  },
  invalidConfig: { settings: { directory: 'always' }, field: 'settings.directory' },
  malformed: {
    settings: {},
    file: () => malformedZip,
    // 2101 and 2107 are good; six Messages.csv rows and one Users.csv row are not.
    expectedActivities: 2,
    expectedProblems: [
      { file: 'Users.csv', line: 3, field: 'joined_at', reasonIncludes: "'10.01.2023' is not a time" },
      { file: 'Messages.csv', line: 3, field: 'id', reasonIncludes: "'abc' is not a Yammer id" },
      { file: 'Messages.csv', line: 4, field: 'created_at', reasonIncludes: "'03/04/2024 09:10'" },
      { file: 'Messages.csv', line: 5, reasonIncludes: 'the row has 14 fields, the header has 20' },
      { file: 'Messages.csv', line: 6, field: 'thread_id', reasonIncludes: 'thread_id is missing' },
      {
        file: 'Messages.csv',
        line: 7,
        field: 'in_private_conversation',
        reasonIncludes: "'yes' is not true",
      },
      { file: 'Messages.csv', line: 9, field: 'sender_id', reasonIncludes: 'sender_id is missing' },
    ],
  },
}));

// Users.csv as the directory: 5 people (the guest left out) in 3 departments, the same activities.
describeConnectorContract('viva-engage-export (Users.csv as the directory)', () => ({
  connector: createVivaEngageExportConnector({ checkpointEvery: 3 }),
  earlierSettings: earlierSettingsFixture(__dirname),
  settings: { directory: 'users-csv' },
  file: () => exportZip,
  expected: {
    activities: 12,
    groups: 5,
    people: 5,
    warnings: [
      { code: 'viva-engage.deleted-messages', count: 1, file: 'Messages.csv' },
      { code: 'viva-engage.guests-not-in-directory', count: 1, file: 'Users.csv' },
      { code: 'viva-engage.identity-fallback', count: 1, file: 'Users.csv' },
      { code: 'viva-engage.not-a-person', count: 1, file: 'Messages.csv' },
      { code: 'viva-engage.reply-target-unknown', count: 1, file: 'Messages.csv' },
      { code: 'viva-engage.skipped-entry', count: 1, file: 'Admins.csv' },
      { code: 'viva-engage.skipped-entry', count: 1, file: 'Files.csv' },
      { code: 'viva-engage.skipped-entry', count: 2, file: 'files/' },
      { code: 'viva-engage.skipped-entry', count: 1, file: 'Networks.csv' },
      { code: 'viva-engage.skipped-entry', count: 1, file: 'Topics.csv' },
      { code: 'viva-engage.unknown-sender-type', count: 1, file: 'Messages.csv' },
    ],
  },
  invalidConfig: { settings: { directory: true }, field: 'settings.directory' },
  malformed: {
    settings: { directory: 'users-csv' },
    file: () => malformedZip,
    expectedActivities: 2,
    expectedProblems: [
      { file: 'Users.csv', line: 3, field: 'joined_at', reasonIncludes: "'10.01.2023' is not a time" },
      { file: 'Messages.csv', line: 3, field: 'id', reasonIncludes: "'abc' is not a Yammer id" },
      { file: 'Messages.csv', line: 4, field: 'created_at', reasonIncludes: "'03/04/2024 09:10'" },
      { file: 'Messages.csv', line: 5, reasonIncludes: 'the row has 14 fields, the header has 20' },
      { file: 'Messages.csv', line: 6, field: 'thread_id', reasonIncludes: 'thread_id is missing' },
      {
        file: 'Messages.csv',
        line: 7,
        field: 'in_private_conversation',
        reasonIncludes: "'yes' is not true",
      },
      { file: 'Messages.csv', line: 9, field: 'sender_id', reasonIncludes: 'sender_id is missing' },
    ],
  },
}));
