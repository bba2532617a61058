import { HttpClient, type InputFile } from '@uptake/connector-sdk';
import { describeConnectorContract, earlierSettingsFixture } from '@uptake/ingest/testing';
import { readFile } from 'node:fs/promises';
import { createVivaEngageExportConnector } from '.';
import { startFakeExportApi, type FakeExportApi } from './fake-export-api';
import { exportWindowZip, zipFixture } from './testing';

// The zips are built from fixtures/ before the kit's own beforeAll runs (top-level hooks run first).
let exportZip: InputFile;
let malformedZip: InputFile;
const TOKEN = 'verified-admin-token';
let exportApi: FakeExportApi;
let malformedApi: FakeExportApi;
beforeAll(async () => {
  exportZip = await zipFixture('export');
  malformedZip = await zipFixture('malformed', { under: 'export-2024-03/' });
  // Mode api: each window gets the fixture's messages created in it; every 5th request is answered 429.
  exportApi = await startFakeExportApi({
    token: TOKEN,
    exportFor: (since, until) => exportWindowZip('export', since, until),
    throttle: (n) => n % 5 === 0,
  });
  const malformed = await readFile(malformedZip.path);
  malformedApi = await startFakeExportApi({ token: TOKEN, exportFor: async () => malformed });
});
afterAll(async () => {
  await exportApi?.close();
  await malformedApi?.close();
});

// fixtures/README.md, "malformed/": 2101 and 2107 are good; six Messages.csv rows and one Users.csv row are not.
const MALFORMED_PROBLEMS = [
  { file: 'Users.csv', line: 3, field: 'joined_at', reasonIncludes: "'10.01.2023' is not a time" },
  { file: 'Messages.csv', line: 3, field: 'id', reasonIncludes: "'abc' is not a Yammer id" },
  { file: 'Messages.csv', line: 4, field: 'created_at', reasonIncludes: "'03/04/2024 09:10'" },
  { file: 'Messages.csv', line: 5, reasonIncludes: 'the row has 14 fields, the header has 20' },
  { file: 'Messages.csv', line: 6, field: 'thread_id', reasonIncludes: 'thread_id is missing' },
  { file: 'Messages.csv', line: 7, field: 'in_private_conversation', reasonIncludes: "'yes' is not true" },
  { file: 'Messages.csv', line: 9, field: 'sender_id', reasonIncludes: 'sender_id is missing' },
];

// Hand counts in fixtures/README.md: 14 message rows -> 12 activities and 3 mentions, 5 containers; a checkpoint
// every 3 rows.
describeConnectorContract('viva-engage-export', () => ({
  connector: createVivaEngageExportConnector({ checkpointEvery: 3 }),
  earlierSettings: earlierSettingsFixture(__dirname),
  corruptCheckpoints: [{ line: 'four' }, { line: -1 }],
  settings: {},
  file: () => exportZip,
  expected: {
    activities: 15,
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
      { code: 'viva-engage.unknown-user-referenced', count: 2, file: 'Messages.csv' },
    ],
  },
  invalidConfig: { settings: { directory: 'always' }, field: 'settings.directory' },
  malformed: {
    settings: {},
    file: () => malformedZip,
    expectedActivities: 2,
    expectedProblems: MALFORMED_PROBLEMS,
  },
}));

// Users.csv as the directory: 5 people (the guest left out) in 3 departments, the same activities.
describeConnectorContract('viva-engage-export (Users.csv as the directory)', () => ({
  connector: createVivaEngageExportConnector({ checkpointEvery: 3 }),
  earlierSettings: earlierSettingsFixture(__dirname),
  settings: { directory: 'users-csv' },
  file: () => exportZip,
  expected: {
    activities: 15,
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
      { code: 'viva-engage.unknown-user-referenced', count: 2, file: 'Messages.csv' },
    ],
  },
  invalidConfig: { settings: { directory: true }, field: 'settings.directory' },
  malformed: {
    settings: { directory: 'users-csv' },
    file: () => malformedZip,
    expectedActivities: 2,
    expectedProblems: MALFORMED_PROBLEMS,
  },
}));

/*
 * Mode api: the Data Export API, one export a day from 03-04 to 03-06 (now 03-07, lookbackDays 3), each
 * holding Users.csv and Groups.csv whole and the messages created that day. The same 15 activities as the
 * upload; per window (fixtures/README.md, "mode api"):
 *   03-04: 2005 2001 (+2 mentions) 2006 2007 2008 = 7; groups 501, 502; Eve without address (fallback 1).
 *   03-05: 2009 2010 2011 2012 2013 2014 (+1 mention) = 7; groups 501, 502, 503, all-company,
 *          conversation:3004; fallback 2 (Cara has no message that day to give her address, Eve), deleted 1,
 *          system message 1, unknown users 2 (participant 1888, mention 1777).
 *   03-06: 2016 = 1; groups 501, 502; fallback 2, reply target unknown 1, unknown sender type 1.
 */
describeConnectorContract('viva-engage-export (mode api: the Data Export API)', () => ({
  connector: createVivaEngageExportConnector({ checkpointEvery: 3 }),
  earlierSettings: earlierSettingsFixture(__dirname),
  corruptCheckpoints: [{ exportedUntil: 'yesterday' }, { window: { since: 1 } }, { line: 3 }],
  settings: { mode: 'api', exportUrl: exportApi.url, lookbackDays: 3 },
  credentials: { token: TOKEN },
  now: new Date('2024-03-07T00:00:00Z'),
  http: () => new HttpClient({ baseDelayMs: 1, sleep: async () => undefined }),
  expected: {
    activities: 15,
    // group records stored: 2 + 5 + 2
    groups: 9,
    warnings: [
      { code: 'viva-engage.deleted-messages', count: 1, file: 'Messages.csv' },
      { code: 'viva-engage.identity-fallback', count: 5, file: 'Users.csv' },
      { code: 'viva-engage.not-a-person', count: 1, file: 'Messages.csv' },
      { code: 'viva-engage.reply-target-unknown', count: 1, file: 'Messages.csv' },
      { code: 'viva-engage.unknown-sender-type', count: 1, file: 'Messages.csv' },
      { code: 'viva-engage.unknown-user-referenced', count: 2, file: 'Messages.csv' },
    ],
  },
  invalidConfig: {
    settings: { mode: 'api', windowDays: 0 },
    credentials: { token: TOKEN },
    field: 'settings.windowDays',
  },
  malformed: {
    // One window (lookbackDays 1), answered with the malformed export.
    settings: { mode: 'api', exportUrl: malformedApi.url, lookbackDays: 1 },
    credentials: { token: TOKEN },
    expectedActivities: 2,
    expectedProblems: MALFORMED_PROBLEMS,
  },
}));
