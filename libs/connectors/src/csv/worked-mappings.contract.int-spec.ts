import { describeConnectorContract, earlierSettingsFixture } from '@uptake/ingest/testing';
import { join } from 'node:path';
import { createCsvActivityConnector } from '.';
import { fixtureFile } from '../shared/testing/fixture-file';
import { DISCOURSE_SETTINGS, MATTERMOST_SETTINGS, VIVA_ENGAGE_SETTINGS } from './fixtures/worked-mappings';

/** The worked mappings of README.md on fixtures in each export's own format; counts in fixtures/README.md. */
const fixtures = join(__dirname, 'fixtures');
// Small checkpoint intervals, so that resuming is exercised on small fixtures.
const connector = createCsvActivityConnector({ checkpointEvery: 3 });

describeConnectorContract('csv worked mapping: Mattermost bulk export (import.jsonl)', () => ({
  connector,
  earlierSettings: earlierSettingsFixture(__dirname),
  settings: MATTERMOST_SETTINGS,
  file: () => fixtureFile(join(fixtures, 'mattermost'), 'import.jsonl'),
  // 13 lines: 1 post with 2 replies and 2 reactions (5), a join (1), a post (1), a direct post with a reply and
  // a reaction (3) -> 10 activities; 8 lines that are not messages and 1 header change -> 9 rows skipped.
  expected: {
    activities: 10,
    groups: 2,
    warnings: [
      { code: 'csv.columns-ignored', file: 'import.jsonl', count: 1 },
      { code: 'csv.rows-skipped', file: 'import.jsonl', count: 9 },
    ],
  },
  invalidConfig: {
    settings: {
      ...MATTERMOST_SETTINGS,
      nested: [{ each: 'post.replies', as: 'reply', columns: { external_id: 'reply.id' } }],
    },
    field: 'settings.nested.0.columns.occurred_at',
  },
  malformed: {
    settings: MATTERMOST_SETTINGS,
    file: () => fixtureFile(join(fixtures, 'mattermost'), 'import-malformed.jsonl'),
    // Line 2: the post and Bob's reply; line 4: the direct post -> 3 activities.
    expectedActivities: 3,
    expectedProblems: [
      {
        file: 'import-malformed.jsonl',
        line: 2,
        field: 'post.replies[1].occurred_at',
        reasonIncludes:
          "post.replies[1] occurred_at: '1772438955' is too small for epoch-milliseconds (are these seconds?",
      },
      // A reaction without its user: the id (built from the user) cannot be made either.
      {
        file: 'import-malformed.jsonl',
        line: 2,
        field: 'post.reactions[0].external_id',
        reasonIncludes: 'post.reactions[0] external_id is missing; post.reactions[0] actor_id is missing',
      },
      {
        file: 'import-malformed.jsonl',
        line: 3,
        field: 'occurred_at',
        reasonIncludes: "occurred_at: 'yesterday' is not a number of whole milliseconds since 1970-01-01",
      },
      { file: 'import-malformed.jsonl', line: 4, reasonIncludes: 'direct_post.replies is not an array' },
      { file: 'import-malformed.jsonl', line: 5, reasonIncludes: 'the line is not valid JSON' },
    ],
  },
}));

describeConnectorContract(
  'csv worked mapping: Discourse user archive (user_archive.csv)',
  () => ({
    connector,
    earlierSettings: earlierSettingsFixture(__dirname),
    settings: DISCOURSE_SETTINGS,
    file: () => fixtureFile(join(fixtures, 'discourse'), 'user_archive.csv'),
    // 6 posts -> 6 activities (2 posts, 2 replies, 2 private messages); categories Announcements, Support|Network
    // and Support -> 3 groups ("-", a private message's category, is no group).
    expected: {
      activities: 6,
      groups: 3,
      warnings: [{ code: 'csv.columns-ignored', file: 'user_archive.csv', count: 1 }],
    },
    invalidConfig: {
      settings: { columns: { ...DISCOURSE_SETTINGS.columns, thread_id: { column: 'url', split: '/' } } },
      field: 'settings.columns.thread_id.part',
    },
  }),
  { malformedInput: false },
); // bad CSV rows: the Viva Engage contract below and csv.contract.int-spec.ts

describeConnectorContract('csv worked mapping: Viva Engage network export (Messages.csv)', () => ({
  connector,
  earlierSettings: earlierSettingsFixture(__dirname),
  settings: VIVA_ENGAGE_SETTINGS,
  file: () => fixtureFile(join(fixtures, 'viva-engage'), 'Messages.csv'),
  // 8 messages -> 8 activities (3 posts, one of them deleted later; 3 replies; 2 private messages); groups 501
  // and 502 -> 2.
  expected: {
    activities: 8,
    groups: 2,
    warnings: [{ code: 'csv.columns-ignored', file: 'Messages.csv', count: 1 }],
  },
  invalidConfig: { settings: { ...VIVA_ENGAGE_SETTINGS, timeZone: undefined }, field: 'settings.timeZone' },
  malformed: {
    settings: VIVA_ENGAGE_SETTINGS,
    file: () => fixtureFile(join(fixtures, 'viva-engage'), 'Messages-malformed.csv'),
    // Lines 2 and 5 are good -> 2 activities.
    expectedActivities: 2,
    expectedProblems: [
      {
        file: 'Messages-malformed.csv',
        line: 3,
        field: 'occurred_at',
        reasonIncludes:
          "occurred_at: '2026-03-02T08:05:30Z' does not match the pattern 'yyyy-MM-dd HH:mm:ss 'UTC''",
      },
      // A system message has neither sender_email nor sender_id.
      { file: 'Messages-malformed.csv', line: 4, field: 'actor_id', reasonIncludes: 'actor_id is missing' },
    ],
  },
}));
