import { describeConnectorContract, earlierSettingsFixture } from '@uptake/ingest/testing';
import { join } from 'node:path';
import { createDirectoryCsvConnector } from '.';
import { fixtureFile } from '../shared/testing/fixture-file';

const fixtures = join(__dirname, 'fixtures');
const file = 'directory-malformed.csv';

describeConnectorContract('directory-csv', () => ({
  // The production interval (1,000 people) gives one checkpoint on a fixture; resume needs several.
  connector: createDirectoryCsvConnector({ checkpointEvery: 5 }),
  earlierSettings: earlierSettingsFixture(__dirname),
  corruptCheckpoints: [{ line: null }],
  settings: {},
  file: () => fixtureFile(fixtures, 'directory.csv'),
  // directory.csv: lines 2..16 are 15 people (2 division heads + 4 department heads + 9 staff), no activity.
  // Directory checkpoints: after the org units, then after people 5, 10 and 15.
  expected: { activities: 0, people: 15 },
  invalidConfig: { settings: { columns: { email: 'Email' } }, field: 'settings.columns' },
  malformed: {
    settings: {},
    file: () => fixtureFile(fixtures, file),
    expectedActivities: 0,
    // 6 bad person rows (lines 4, 5, 6, 7, 10, 12) and 2 unit problems (lines 8, 9) whose people are kept.
    expectedProblems: [
      { file, line: 4, field: 'start_date', reasonIncludes: "start_date: '2021-13-01' is not a real date" },
      { file, line: 5, field: 'level', reasonIncludes: "level: 'senior' is not an integer from 1 to 20" },
      { file, line: 6, field: 'person_id', reasonIncludes: 'person_id is missing' },
      { file, line: 7, field: 'manager_id', reasonIncludes: 'manager_id is the same as person_id' },
      {
        file,
        line: 8,
        field: 'parent_org_unit_id',
        reasonIncludes: "'DIV-NONE' is not the org_unit_id of any row; unit 'DEP-X' is kept without a parent",
      },
      {
        file,
        line: 9,
        field: 'org_unit_kind',
        reasonIncludes: "org_unit_kind: 'squad' is not one of organisation",
      },
      {
        file,
        line: 10,
        field: 'end_date',
        reasonIncludes: "end_date: '2021-05-01' is before start_date '2022-05-01'",
      },
      {
        file,
        line: 12,
        field: 'level',
        reasonIncludes:
          "level: '21' is not an integer from 1 to 20; start_date: '2023-02-30' is not a real date",
      },
    ],
  },
}));
