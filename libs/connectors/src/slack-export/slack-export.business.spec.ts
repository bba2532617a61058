import type { ActivityRecord, GroupRecord } from '@uptake/connector-sdk';
import { join } from 'node:path';
import { activitiesOf, countByType, readSlackConnector } from '../shared/slack/testing';
import { slackExportConnector } from '.';

/** The Business+ export of fixtures/README.md ("business/"), counted by hand there. */
const BUSINESS_ZIP = join(__dirname, 'fixtures/slack-export-business.zip');

const read = (settings: unknown = {}) =>
  readSlackConnector(slackExportConnector, { file: BUSINESS_ZIP, settings });
const byId = (activities: ActivityRecord[], externalId: string) =>
  activities.find((activity) => activity.externalId === externalId);

describe('slackExportConnector on a Business+ export (counts from fixtures/README.md)', () => {
  it('yields the hand-counted activities by type, and no problem', async () => {
    const messages = await read();
    // posts: Anna (general), Anna (acquisition-talks), Eve (projects) = 3
    // replies: Ben, Dan (to the bot), Cara + Dan (deleted root), Eve (root outside the export), Anna (huddle
    //   thread), Cara (private channel) = 7
    // reactions: Ben, Cara (tada), Cara (eyes, on the bot), Anna (rocket) = 4, + 1 without a person (tada: 4)
    // mention: Ben in the private channel = 1; joins: Fred, Gia, Dan = 3; calls: Cara, Anna, Dan = 3
    // chats: direct message 3 messages + 1 reaction, group DM 1 message + 1 reaction + 2 in its huddle = 8
    expect(countByType(messages)).toEqual({
      post: 3,
      reply: 7,
      reaction: 5,
      mention: 1,
      join: 3,
      call: 3,
      chat: 8,
    });
    expect(activitiesOf(messages)).toHaveLength(30);
    expect(messages.filter((m) => m.kind === 'invalid')).toEqual([]);
  });

  it('keeps private conversations with a stable id and a neutral name, never theirs', async () => {
    const messages = await read();
    const groups = messages.flatMap((m) => (m.kind === 'group' ? [m.record] : []));
    expect(
      groups.map(({ externalId, name, kind, isPrivate }) => ({ externalId, name, kind, isPrivate })),
    ).toEqual<Partial<GroupRecord>[]>([
      { externalId: 'C20GENERAL', name: 'general', kind: 'channel', isPrivate: false },
      { externalId: 'C21PROJECTS', name: 'projects', kind: 'channel', isPrivate: false },
      { externalId: 'G20SECRET', name: 'Private channel', kind: 'channel', isPrivate: true },
      { externalId: 'D20ANNABEN', name: 'Private conversation', kind: 'group', isPrivate: true },
      { externalId: 'G21MPIM', name: 'Private conversation', kind: 'group', isPrivate: true },
    ]);
    // who is in a direct message or group DM is not kept; a private channel keeps its members
    expect(groups.find((g) => g.externalId === 'D20ANNABEN')?.memberExternalIds).toBeNull();
    expect(groups.find((g) => g.externalId === 'G20SECRET')?.memberExternalIds).toHaveLength(3);
    const everything = JSON.stringify(messages);
    for (const name of ['acquisition-talks', 'mpdm-', 'anna--cara']) expect(everything).not.toContain(name);
  });

  it('makes everything in a direct message or group DM a chat, aimed at no one, without mentions', async () => {
    const chats = activitiesOf(await read()).filter((a) =>
      a.groupExternalId?.match(/^(D20ANNABEN|G21MPIM)$/),
    );
    expect(chats).toHaveLength(8);
    for (const chat of chats) {
      expect(chat).toMatchObject({ type: 'chat', targetExternalId: null, threadExternalId: null });
      expect(chat.actorExternalId).not.toBeNull();
    }
    // the group DM's huddle: Anna (who started it) and Dan, at its start
    expect(chats.filter((c) => c.externalId.startsWith('G21MPIM:1715097600.000200:call:'))).toEqual([
      expect.objectContaining({
        actorExternalId: 'anna.berg@example.com',
        occurredAt: new Date('2024-05-07T16:00:00Z'),
      }),
      expect.objectContaining({ actorExternalId: 'dan.moreau@example.com' }),
    ]);
  });

  it('turns a huddle into a call per person who took part, aimed at who started it; never the bot', async () => {
    const calls = activitiesOf(await read()).filter((a) => a.type === 'call');
    expect(calls.map((c) => [c.actorExternalId, c.targetExternalId, c.occurredAt.toISOString()])).toEqual([
      ['cara.singh@example.com', null, '2024-05-07T14:00:00.000Z'],
      ['anna.berg@example.com', 'cara.singh@example.com', '2024-05-07T14:00:00.000Z'],
      ['dan.moreau@example.com', 'cara.singh@example.com', '2024-05-07T14:00:00.000Z'],
    ]);
  });

  it('stores reactions Slack counted but did not list as one reaction without a person, and says so', async () => {
    const messages = await read();
    const activities = activitiesOf(messages);
    // tada: count 7, listed Ben, Cara and the workflow bot: 7 - 3 = 4 unlisted
    expect(byId(activities, 'C20GENERAL:1714986000.000200:reaction:tada:unlisted')).toMatchObject({
      actorExternalId: null,
      type: 'reaction',
      count: 4,
      targetExternalId: 'anna.berg@example.com',
      threadExternalId: 'C20GENERAL:1714986000.000200',
    });
    // the group DM's heart (count 3, listed 1) is a chat: its unlisted reactions are not kept
    expect(activities.filter((a) => a.actorExternalId === null)).toHaveLength(1);
    expect(messages).toContainEqual({
      kind: 'warning',
      warning: expect.objectContaining({ code: 'slack.unlisted-reactions', count: 4 }),
    });
  });

  it('keeps replies to a deleted or missing root in their thread, aimed at its author', async () => {
    const activities = activitiesOf(await read());
    const deleted = 'C20GENERAL:1715072400.000100';
    expect(activities.filter((a) => a.threadExternalId === deleted).map((a) => a.actorExternalId)).toEqual([
      'cara.singh@example.com',
      'dan.moreau@example.com',
    ]);
    // the tombstone itself is not stored
    expect(byId(activities, deleted)).toBeUndefined();
    // Eve answers a thread from April, before the export starts
    expect(byId(activities, 'C20GENERAL:1715076000.000400')).toMatchObject({
      type: 'reply',
      threadExternalId: 'C20GENERAL:1714000000.000100',
      targetExternalId: 'anna.berg@example.com',
    });
  });

  it('never makes a bot a person: as author, thread parent, reaction, huddle participant or unlisted user', async () => {
    const activities = activitiesOf(await read());
    const identities = new Set(activities.flatMap((a) => [a.actorExternalId, a.targetExternalId]));
    for (const bot of ['U20HELPER', 'U21FLOW', 'U99GHOST', 'B20HELPER', 'B99GHOST', 'USLACKBOT']) {
      expect(identities).not.toContain(bot);
    }
    // Cara's reaction to the helper bot's prompt counts (aimed at no one); Dan's answer is a reply outside
    // threads (a bot's prompt is not a thread a person started), and so is Anna's in the huddle's thread
    expect(byId(activities, 'C20GENERAL:1714989600.000400:reaction:eyes:U12CARA')).toMatchObject({
      actorExternalId: 'cara.singh@example.com',
      targetExternalId: null,
    });
    for (const reply of ['C20GENERAL:1714990500.000500', 'C20GENERAL:1715091000.000600']) {
      expect(byId(activities, reply)).toMatchObject({
        type: 'reply',
        threadExternalId: null,
        targetExternalId: null,
      });
    }
    // the helper's and the ghost deployer's messages are not activity
    expect(byId(activities, 'C20GENERAL:1714989600.000400')).toBeUndefined();
    expect(byId(activities, 'C20GENERAL:1714993200.000600')).toBeUndefined();
  });

  it('lists skipped files, the unlisted folder, the unknown subtype and the deleted root in warnings', async () => {
    const warnings = (await read()).flatMap((m) => (m.kind === 'warning' ? [m.warning] : []));
    expect(warnings.map(({ code, count, file }) => [code, count, file])).toEqual([
      ['slack.skipped-entry', 1, 'canvases/'],
      ['slack.skipped-entry', 1, 'file_conversations/'],
      ['slack.skipped-entry', 1, 'huddle_transcripts/'],
      ['slack.skipped-entry', 1, 'integration_logs.json'],
      ['slack.skipped-entry', 1, 'lists/'],
      ['slack.skipped-entry', 1, undefined],
      ['slack.unlisted-reactions', 4, undefined],
      ['slack.unknown-subtype.assistant_app_thread', 1, undefined],
      ['slack.deleted-thread-root', 1, undefined],
      ['slack.unlisted-folder', 1, 'old-channel/'],
    ]);
    // every person in users.json has an address: no identity warning
    expect(warnings.some((w) => w.code === 'slack.identity-fallback')).toBe(false);
  });

  it('leaves private conversations out when asked, counting them without names', async () => {
    const messages = await read({ includePrivate: false });
    // general 10 + 7, projects 2
    expect(activitiesOf(messages)).toHaveLength(19);
    expect(messages.filter((m) => m.kind === 'group')).toHaveLength(2);
    const warnings = messages.flatMap((m) => (m.kind === 'warning' ? [m.warning] : []));
    expect(warnings).toContainEqual(expect.objectContaining({ code: 'slack.private-skipped', count: 3 }));
    // their folders are not "unlisted": only old-channel is
    expect(warnings.filter((w) => w.code === 'slack.unlisted-folder').map((w) => w.file)).toEqual([
      'old-channel/',
    ]);
  });
});
