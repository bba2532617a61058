import type { GroupRecord } from '@uptake/connector-sdk';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { activitiesOf, countByType, readSlackConnector } from '../shared/slack/testing';
import { slackExportConnector } from '.';

const EXPORT_ZIP = join(__dirname, 'fixtures/slack-export.zip');
const MALFORMED_ZIP = join(__dirname, 'fixtures/slack-export-malformed.zip');

const read = (file: string, settings: unknown = {}, state = {}) =>
  readSlackConnector(slackExportConnector, { file, settings, state });

describe('slackExportConnector on the fixture export (counts from fixtures/README.md)', () => {
  it('yields the hand-counted activities by type', async () => {
    const messages = await read(EXPORT_ZIP);
    // posts: Alice, Dave (general) + Carol (leadership) + Bob, Erin (random) = 5
    // replies: Bob, Carol (general) + Alice (leadership) + Alice (random) = 4
    // reactions: 2 + 1 (general) + 1 (leadership) + 2 (random) = 6; mentions: 1 + 1 + 2 = 4; joins: 1
    expect(countByType(messages)).toEqual({ post: 5, reply: 4, reaction: 6, mention: 4, join: 1 });
    expect(messages.filter((m) => m.kind === 'invalid')).toEqual([]);
  });

  it('maps a thread, its reactions and mentions with identities, never the text', async () => {
    const activities = activitiesOf(await read(EXPORT_ZIP));
    const root = 'C01GENERAL:1709550000.000200';
    expect(
      activities
        .filter((a) => a.threadExternalId === root)
        .map((a) => [a.externalId, a.type, a.actorExternalId, a.targetExternalId]),
    ).toEqual([
      [root, 'post', 'alice.smith@example.com', null],
      [`${root}:mention:U02BOB`, 'mention', 'alice.smith@example.com', 'bob.jones@example.com'],
      [`${root}:reaction:thumbsup:U02BOB`, 'reaction', 'bob.jones@example.com', 'alice.smith@example.com'],
      [
        `${root}:reaction:thumbsup:U03CAROL`,
        'reaction',
        'carol.white@example.com',
        'alice.smith@example.com',
      ],
      ['C01GENERAL:1709551800.000300', 'reply', 'bob.jones@example.com', 'alice.smith@example.com'],
      ['C01GENERAL:1709629200.000100', 'reply', 'carol.white@example.com', 'alice.smith@example.com'],
      [
        'C01GENERAL:1709629200.000100:mention:U01ALICE',
        'mention',
        'carol.white@example.com',
        'alice.smith@example.com',
      ],
    ]);
    const rootPost = activities.find((a) => a.externalId === root);
    // "Morning all! Kick-off notes are in the doc, <@U02BOB> can you review?" has 69 characters (13 + 31 + 10 + 15)
    expect(rootPost).toMatchObject({ occurredAt: new Date('2024-03-04T11:00:00.000Z'), contentLength: 69 });
    expect(activities.find((a) => a.type === 'join')).toMatchObject({ actorExternalId: 'U04DAVE' });
    expect(JSON.stringify(activities)).not.toContain('Kick-off');
  });

  it('warns that Dave, who has no e-mail address in users.json, is identified by his Slack id', async () => {
    const warnings = (await read(EXPORT_ZIP)).flatMap((m) => (m.kind === 'warning' ? [m.warning] : []));
    // 5 people (the bot and Slackbot are not people), 1 without an address: "some", not "no person"
    expect(warnings).toEqual([
      {
        code: 'slack.identity-fallback',
        message: expect.stringMatching(/^Some people in users\.json have no e-mail address/),
        count: 1,
        file: 'users.json',
      },
    ]);
  });

  it('yields the channels as groups with their human members', async () => {
    const groups = (await read(EXPORT_ZIP)).flatMap((m) => (m.kind === 'group' ? [m.record] : []));
    expect(groups).toEqual<GroupRecord[]>([
      {
        externalId: 'C01GENERAL',
        name: 'general',
        kind: 'channel',
        isPrivate: false,
        memberExternalIds: [
          'alice.smith@example.com',
          'bob.jones@example.com',
          'carol.white@example.com',
          'U04DAVE',
          'erin.black@example.com',
        ],
      },
      {
        externalId: 'C02RANDOM',
        name: 'random',
        kind: 'channel',
        isPrivate: false,
        memberExternalIds: [
          'alice.smith@example.com',
          'bob.jones@example.com',
          'U04DAVE',
          'erin.black@example.com',
        ],
      },
      {
        // a private channel's name ("leadership") is never stored
        externalId: 'G01LEADS',
        name: 'Private channel',
        kind: 'channel',
        isPrivate: true,
        memberExternalIds: ['alice.smith@example.com', 'carol.white@example.com'],
      },
    ]);
  });

  it('leaves private channels out when asked, and can identify people by user id', async () => {
    const messages = await read(EXPORT_ZIP, { includePrivate: false, identity: 'user_id' });
    // 20 - leadership's 3 = 17
    expect(activitiesOf(messages)).toHaveLength(17);
    expect(messages.filter((m) => m.kind === 'group')).toHaveLength(2);
    // said in the run, without the private channel's name; by user id, nobody lacks an e-mail address
    expect(messages.flatMap((m) => (m.kind === 'warning' ? [m.warning] : []))).toEqual([
      expect.objectContaining({ code: 'slack.private-skipped', count: 1 }),
    ]);
    expect(new Set(activitiesOf(messages).map((a) => a.actorExternalId))).toEqual(
      new Set(['U01ALICE', 'U02BOB', 'U03CAROL', 'U04DAVE', 'U05ERIN']),
    );
  });

  it('checkpoints after each day file and resumes from any of them without skipping', async () => {
    const all = await read(EXPORT_ZIP);
    const checkpoints = all.flatMap((m) =>
      m.kind === 'checkpoint' && m.stream === 'activity' ? [m.state] : [],
    );
    // The private channel's day files go by its id, never its name ("leadership"), so they come first.
    expect(checkpoints).toEqual([
      { lastDayFile: 'G01LEADS/2024-03-05.json' },
      { lastDayFile: 'general/2024-03-04.json' },
      { lastDayFile: 'general/2024-03-05.json' },
      { lastDayFile: 'random/2024-03-04.json' },
      { lastDayFile: 'random/2024-03-06.json' },
    ]);
    const ids = activitiesOf(all).map((a) => a.externalId);
    // Activities per day file, in reading order (fixtures/README.md): 3, 6, 4, 3, 4
    const perDayFile = [3, 6, 4, 3, 4];
    for (const [index, state] of checkpoints.entries()) {
      const tail = activitiesOf(await read(EXPORT_ZIP, {}, { activity: state })).map((a) => a.externalId);
      const done = perDayFile.slice(0, index + 1).reduce((sum, n) => sum + n, 0);
      expect(tail).toEqual(ids.slice(done));
    }
  });

  it('quarantines an unreadable day file and bad messages, and keeps the good ones', async () => {
    const messages = await read(MALFORMED_ZIP);
    expect(activitiesOf(messages)).toHaveLength(3); // 2 on 03-04 + 1 on 03-06
    const problems = messages.flatMap((m) => (m.kind === 'invalid' ? [m.problem] : []));
    expect(problems).toEqual([
      {
        location: { file: 'general/2024-03-05.json' },
        reason: expect.stringContaining('not valid JSON'),
      },
      { location: { file: 'general/2024-03-06.json', line: 2, field: 'ts' }, reason: 'ts is missing' },
      {
        location: { file: 'general/2024-03-06.json', line: 3, field: 'ts' },
        reason: 'ts: "yesterday" is not a Slack timestamp',
      },
      { location: { file: 'general/2024-03-06.json', line: 4, field: 'user' }, reason: 'user is missing' },
    ]);
  });

  it('rejects a file that is not a zip, naming it', async () => {
    const path = join(tmpdir(), `uptake-not-a-zip-${process.pid}.zip`);
    writeFileSync(path, 'id,name\n1,Ann\n');
    await expect(read(path)).rejects.toThrow(/uptake-not-a-zip-\d+\.zip is not a readable zip archive/);
  });
});
