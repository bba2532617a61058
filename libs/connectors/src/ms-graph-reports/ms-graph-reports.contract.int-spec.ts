import type { InputFile } from '@uptake/connector-sdk';
import { describeConnectorContract, earlierSettingsFixture } from '@uptake/ingest/testing';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { msGraphReportsConnector } from '.';

/** Uploaded CSV reports, as an admin downloads them from the Microsoft 365 admin center. */

function fixture(name: string): () => InputFile {
  const path = join(__dirname, 'fixtures', name);
  return () => ({ path, name, size: statSync(path).size });
}

const now = new Date('2026-03-20T08:00:00.000Z');

describeConnectorContract('ms-graph-reports (uploaded Viva Engage activity CSV)', () => ({
  connector: msGraphReportsConnector,
  earlierSettings: earlierSettingsFixture(__dirname),
  corruptCheckpoints: [{ file: 'yammer-activity-user-detail.csv', line: 'x' }],
  now,
  // 7 rows, a checkpoint every 3: at the start, after lines 4 and 7, then at the end (line 8).
  settings: { checkpointRows: 3 },
  file: fixture('yammer-activity-user-detail.csv'),
  // Posted/read/liked counts > 0: anna 3, ben 2, chloe 1, dmitri 0, eva 3, farid 1, grace 1 = 11 (the 10 zeros
  // withdraw nothing on a first read and are not counted).
  expected: { activities: 11, usage: 0, groups: 0 },
  invalidConfig: { settings: { lookbackDays: 40 }, field: 'settings.lookbackDays' },
  malformed: {
    settings: {},
    file: fixture('yammer-activity-malformed.csv'),
    // Good rows: line 2 (post 1, read 2) and line 6 (read 3, like 1) = 4 records.
    expectedActivities: 4,
    expectedProblems: [
      {
        file: 'yammer-activity-malformed.csv',
        line: 3,
        field: 'User Principal Name',
        reasonIncludes: 'empty',
      },
      { file: 'yammer-activity-malformed.csv', line: 4, field: 'Read Count', reasonIncludes: "'many'" },
      {
        file: 'yammer-activity-malformed.csv',
        line: 5,
        field: 'Report Refresh Date',
        reasonIncludes: "'16/03/2026' is not a date",
      },
      { file: 'yammer-activity-malformed.csv', line: 7, field: 'Liked Count', reasonIncludes: "'-2'" },
      { file: 'yammer-activity-malformed.csv', line: 8, field: 'Posted Count', reasonIncludes: 'missing' },
    ],
  },
}));

describeConnectorContract('ms-graph-reports (uploaded Teams user activity CSV)', () => ({
  connector: msGraphReportsConnector,
  earlierSettings: earlierSettingsFixture(__dirname),
  now,
  // 6 rows, a checkpoint every 2: at the start, after lines 3, 5 and 7.
  settings: { checkpointRows: 2 },
  file: fixture('teams-user-activity-user-detail.csv'),
  // post/reply/chat > 0: anna 3, ben 1, chloe 2, eva 0, farid 2 = 8 counts; the concealed user (line 5) is
  // skipped and warned; usage: 5 people x (calls, meetings, meetings attended) = 15 figures.
  expected: {
    activities: 8,
    usage: 15,
    warnings: [{ code: 'concealed-names', file: 'teams-user-activity-user-detail.csv', count: 1 }],
  },
  invalidConfig: { settings: {}, credentials: { clientId: 'not-a-guid' }, field: 'credentials.clientId' },
  malformed: {
    settings: {},
    file: fixture('yammer-activity-malformed.csv'),
    expectedActivities: 4,
    expectedProblems: [
      {
        file: 'yammer-activity-malformed.csv',
        line: 3,
        field: 'User Principal Name',
        reasonIncludes: 'empty',
      },
      { file: 'yammer-activity-malformed.csv', line: 4, field: 'Read Count', reasonIncludes: 'many' },
      {
        file: 'yammer-activity-malformed.csv',
        line: 5,
        field: 'Report Refresh Date',
        reasonIncludes: 'date',
      },
      { file: 'yammer-activity-malformed.csv', line: 7, field: 'Liked Count', reasonIncludes: '-2' },
      { file: 'yammer-activity-malformed.csv', line: 8, field: 'Posted Count', reasonIncludes: 'missing' },
    ],
  },
}));
