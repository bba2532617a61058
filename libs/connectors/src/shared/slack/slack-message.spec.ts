import { mapSlackMessage, mentionedUsers } from './slack-message';
import { SlackPeople } from './slack-people';
import { compareSlackTs, dateToSlackTs, isSlackTs, slackTsToDate } from './slack-timestamp';

function people(mode: 'email' | 'user_id' = 'email'): SlackPeople {
  const directory = new SlackPeople(mode);
  directory.add({ id: 'U1', profile: { email: 'Ann.Lee@Example.COM' } });
  directory.add({ id: 'U2', profile: { email: 'ben@example.com' } });
  directory.add({ id: 'U3', profile: {} });
  directory.add({ id: 'UBOT', is_bot: true, profile: { email: 'bot@example.com' } });
  directory.add({ id: 'USLACKBOT', is_bot: false, profile: {} });
  return directory;
}

const context = (mode: 'email' | 'user_id' = 'email') => ({
  channelId: 'C1',
  people: people(mode),
  location: { file: 'general/2024-03-04.json', line: 7 },
});
const TS = '1709550000.000200'; // 2024-03-04T11:00:00.000200Z
const AT = new Date('2024-03-04T11:00:00.000Z');

const base = {
  occurredAt: AT,
  groupExternalId: 'C1',
  threadExternalId: null,
  targetExternalId: null,
  contentLength: null,
  count: 1,
};

describe('mapSlackMessage', () => {
  it('maps a plain message to a post by the lower-cased e-mail, measuring but not keeping the text', () => {
    const out = mapSlackMessage({ type: 'message', user: 'U1', text: 'Hello team', ts: TS }, context());
    expect(out).toEqual([
      {
        kind: 'activity',
        location: context().location,
        record: {
          ...base,
          externalId: `C1:${TS}`,
          actorExternalId: 'ann.lee@example.com',
          type: 'post',
          contentLength: 10,
        },
      },
    ]);
    expect(JSON.stringify(out)).not.toContain('Hello');
  });

  it('gives a thread root its own thread id, whether marked by reply_count or thread_ts', () => {
    const byCount = mapSlackMessage({ user: 'U1', text: '', ts: TS, reply_count: 3 }, context());
    const byThreadTs = mapSlackMessage({ user: 'U1', text: '', ts: TS, thread_ts: TS }, context());
    for (const out of [byCount, byThreadTs]) {
      expect(out).toHaveLength(1);
      expect(out[0]).toMatchObject({
        record: { type: 'post', threadExternalId: `C1:${TS}`, contentLength: 0 },
      });
    }
  });

  it('maps a threaded message to a reply aimed at the thread author, when Slack names them', () => {
    const reply = { user: 'U2', text: 'On it', ts: '1709551800.000300', thread_ts: TS };
    expect(mapSlackMessage({ ...reply, parent_user_id: 'U1' }, context())).toEqual([
      {
        kind: 'activity',
        location: context().location,
        record: {
          ...base,
          occurredAt: new Date('2024-03-04T11:30:00.000Z'),
          externalId: 'C1:1709551800.000300',
          actorExternalId: 'ben@example.com',
          type: 'reply',
          threadExternalId: `C1:${TS}`,
          targetExternalId: 'ann.lee@example.com',
          contentLength: 5,
        },
      },
    ]);
    expect(mapSlackMessage(reply, context())[0]).toMatchObject({ record: { targetExternalId: null } });
  });

  it('counts thread broadcasts, file shares and /me messages as written; other subtypes are not activity', () => {
    for (const subtype of ['thread_broadcast', 'file_share', 'me_message']) {
      expect(mapSlackMessage({ subtype, user: 'U1', text: 'x', ts: TS }, context())).toHaveLength(1);
    }
    for (const subtype of ['channel_topic', 'channel_leave', 'pinned_item', 'tombstone']) {
      expect(mapSlackMessage({ subtype, user: 'U1', text: 'x', ts: TS }, context())).toEqual([]);
    }
  });

  it('yields one mention per distinct mentioned person, skipping bots, in the message thread', () => {
    const text = 'cc <@U2> <@U3|carl> <@U2> <@UBOT> and <#C9|general>';
    const out = mapSlackMessage({ user: 'U1', text, ts: TS, thread_ts: '1709540000.000100' }, context());
    // 1 reply + mentions of U2 and U3 (U2 twice counts once, the bot not at all) = 3
    expect(out).toHaveLength(3);
    expect(out.slice(1)).toEqual([
      {
        kind: 'activity',
        location: context().location,
        record: {
          ...base,
          externalId: `C1:${TS}:mention:U2`,
          actorExternalId: 'ann.lee@example.com',
          type: 'mention',
          threadExternalId: 'C1:1709540000.000100',
          targetExternalId: 'ben@example.com',
        },
      },
      {
        kind: 'activity',
        location: context().location,
        record: {
          ...base,
          externalId: `C1:${TS}:mention:U3`,
          actorExternalId: 'ann.lee@example.com',
          type: 'mention',
          threadExternalId: 'C1:1709540000.000100',
          targetExternalId: 'U3',
        },
      },
    ]);
  });

  it('yields one reaction per reacting person, aimed at the author at the message time, skipping bots', () => {
    const reactions = [
      { name: 'thumbsup', users: ['U2', 'U3', 'UBOT'], count: 3 },
      { name: 'tada', users: ['U2'], count: 1 },
    ];
    const out = mapSlackMessage({ user: 'U1', text: 'Shipped', ts: TS, reactions }, context());
    // 1 post + thumbsup by U2, U3 + tada by U2 = 4
    expect(out).toHaveLength(4);
    expect(out[1]).toEqual({
      kind: 'activity',
      location: context().location,
      record: {
        ...base,
        externalId: `C1:${TS}:reaction:thumbsup:U2`,
        actorExternalId: 'ben@example.com',
        type: 'reaction',
        targetExternalId: 'ann.lee@example.com',
      },
    });
    expect(out.slice(2).map((m) => (m.kind === 'activity' ? m.record.externalId : m.kind))).toEqual([
      `C1:${TS}:reaction:thumbsup:U3`,
      `C1:${TS}:reaction:tada:U2`,
    ]);
  });

  it('maps channel_join to a join (its generated text mentions nobody) and keeps welcome reactions', () => {
    const join = {
      subtype: 'channel_join',
      user: 'U3',
      text: '<@U3> has joined the channel',
      ts: TS,
      reactions: [{ name: 'wave', users: ['U1'], count: 1 }],
    };
    const out = mapSlackMessage(join, context());
    expect(
      out.map((m) => (m.kind === 'activity' ? [m.record.type, m.record.actorExternalId] : m.kind)),
    ).toEqual([
      ['join', 'U3'],
      ['reaction', 'ann.lee@example.com'],
    ]);
    expect(out[0]).toMatchObject({ record: { externalId: `C1:${TS}`, contentLength: null } });
  });

  it('skips bot messages: bot_message, bot_id without user, users flagged is_bot and Slackbot', () => {
    const bots = [
      { subtype: 'bot_message', bot_id: 'B1', text: 'deployed', ts: TS },
      { bot_id: 'B1', text: 'deployed', ts: TS },
      { user: 'UBOT', bot_id: 'B1', text: 'deployed', ts: TS },
      { user: 'USLACKBOT', text: 'reminder', ts: TS },
    ];
    for (const bot of bots) expect(mapSlackMessage(bot, context())).toEqual([]);
  });

  it('reports a missing or non-numeric ts and a missing user at the message position', () => {
    const location = { file: 'general/2024-03-04.json', line: 7 };
    expect(mapSlackMessage({ user: 'U1', text: 'x' }, context())).toEqual([
      { kind: 'invalid', problem: { location: { ...location, field: 'ts' }, reason: 'ts is missing' } },
    ]);
    expect(mapSlackMessage({ user: 'U1', ts: 'yesterday' }, context())).toEqual([
      {
        kind: 'invalid',
        problem: {
          location: { ...location, field: 'ts' },
          reason: 'ts: "yesterday" is not a Slack timestamp',
        },
      },
    ]);
    expect(mapSlackMessage({ ts: TS, text: 'x' }, context())).toEqual([
      { kind: 'invalid', problem: { location: { ...location, field: 'user' }, reason: 'user is missing' } },
    ]);
    expect(mapSlackMessage({ user: 'U1', ts: TS, thread_ts: 12 }, context())[0]).toMatchObject({
      kind: 'invalid',
      problem: { location: { field: 'thread_ts' } },
    });
    expect(mapSlackMessage('hello', context())[0]).toMatchObject({
      kind: 'invalid',
      problem: { location, reason: 'message is not a JSON object' },
    });
  });

  it('reports a malformed reaction and keeps the rest of the message', () => {
    const out = mapSlackMessage({ user: 'U1', ts: TS, reactions: [{ users: ['U2'] }] }, context());
    expect(out.map((m) => m.kind)).toEqual(['activity', 'invalid']);
    expect(out[1]).toMatchObject({ problem: { location: { field: 'reactions.0' } } });
  });

  it('identifies everyone by Slack user id when asked to, targets included', () => {
    const out = mapSlackMessage(
      { user: 'U1', text: '<@U2>', ts: TS, reactions: [{ name: 'eyes', users: ['U2'] }] },
      context('user_id'),
    );
    expect(
      out.map((m) => (m.kind === 'activity' ? [m.record.actorExternalId, m.record.targetExternalId] : [])),
    ).toEqual([
      ['U1', null],
      ['U1', 'U2'],
      ['U2', 'U1'],
    ]);
  });
});

describe('mentionedUsers', () => {
  it('finds user and enterprise-grid (W) ids, not channels or special mentions', () => {
    expect(mentionedUsers('<@W123ABC> <!here> <#C1|x> <@U9|nine> <@U9>', people())).toEqual([
      'W123ABC',
      'U9',
    ]);
  });
});

describe('Slack timestamps', () => {
  it('converts to dates with millisecond precision', () => {
    expect(slackTsToDate('1709550000.000200')).toEqual(new Date('2024-03-04T11:00:00.000Z'));
    expect(slackTsToDate('1709550000.123999')).toEqual(new Date('2024-03-04T11:00:00.123Z'));
    expect(slackTsToDate('1709550000')).toEqual(new Date('2024-03-04T11:00:00.000Z'));
    expect(slackTsToDate('soon')).toBeNull();
    expect(dateToSlackTs(new Date('2024-03-04T11:00:00.123Z'))).toBe('1709550000.123000');
  });

  it('orders timestamps exactly, beyond float precision', () => {
    expect(compareSlackTs('1709550000.000200', '1709550000.000201')).toBeLessThan(0);
    expect(compareSlackTs('1709550001.000000', '1709550000.999999')).toBeGreaterThan(0);
    expect(compareSlackTs('1709550000.5', '1709550000.500000')).toBe(0);
    expect([isSlackTs('1709550000.000200'), isSlackTs('1.2.3'), isSlackTs(1709550000)]).toEqual([
      true,
      false,
      false,
    ]);
  });
});
