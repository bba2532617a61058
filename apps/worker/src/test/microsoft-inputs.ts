import { createWriteStream, writeFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { ZipFile } from 'yazl';

/**
 * Generated inputs of the Microsoft connectors, large enough that a sync of them takes several seconds, with
 * what a finished sync must have stored computed from what was generated.
 */

/** A reply whose stored target and thread a test checks, by the external ids its connector gives them. */
export interface SampleReply {
  externalId: string;
  repliedToExternalId: string;
  threadExternalId: string;
}

export interface VivaEngageExportVolume {
  users: number;
  groups: number;
  threads: number;
  repliesPerThread: number;
  /** Every n-th thread is a private conversation (chats, outside threads). */
  privateEvery: number;
  /** Every n-th message is a bot's: not activity. */
  botEvery: number;
}

export interface GeneratedInput {
  /** Activities the input holds: what a finished sync stores. */
  activities: number;
  sampleReplies: SampleReply[];
}

const MESSAGE_COLUMNS =
  'id,replied_to_id,thread_id,conversation_id,group_id,group_name,participants,in_private_group,' +
  'in_private_conversation,sender_id,sender_type,sender_name,sender_email,body,api_url,attachments,' +
  'deleted_by_id,deleted_by_type,created_at,deleted_at';
const USER_COLUMNS =
  'id,name,email,job_title,location,department,api_url,deleted_by_id,deleted_by_type,joined_at,deleted_at,' +
  'suspended_by_id,suspended_by_type,suspended_at,guid,state,guest';
const GROUP_COLUMNS = 'id,name,description,private,external,created_at,updated_at,deleted_at,api_url';
const START = Date.parse('2026-03-02T08:00:00Z');

/** `2026-03-02 08:00:00 UTC`, as the export writes times. */
function exportTime(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

/**
 * A Viva Engage network data export (the format of libs/connectors/src/viva-engage-export/fixtures/export) as
 * a zip at `path`: `Users.csv`, `Groups.csv` and a `Messages.csv` of threads (a post, then replies each to
 * the post or an earlier reply), written as a stream so no file is held in memory.
 */
export async function writeVivaEngageExport(
  path: string,
  volume: VivaEngageExportVolume,
): Promise<GeneratedInput> {
  const userId = (n: number) => 100_000 + n;
  const users = [USER_COLUMNS];
  for (let n = 0; n < volume.users; n++) {
    users.push(
      `${userId(n)},Person ${n},person.${n}@example.com,Engineer,Berlin,Unit ${n % 7},` +
        `https://www.yammer.com/api/v1/users/${userId(n)},,,2024-01-10 08:00:00 UTC,,,,,g${n},active,false`,
    );
  }
  const groups = [GROUP_COLUMNS];
  for (let n = 0; n < volume.groups; n++) {
    groups.push(`${500 + n},Community ${n},About ${n},${n % 5 === 0},false,2024-01-01 09:00:00 UTC,,,`);
  }

  const generated: GeneratedInput = { activities: 0, sampleReplies: [] };
  let messageId = 10_000_000;
  let messageNumber = 0;
  function* messageRows(): Generator<string> {
    yield `${MESSAGE_COLUMNS}\n`;
    for (let thread = 0; thread < volume.threads; thread++) {
      const isPrivate = thread % volume.privateEvery === 0;
      const group = isPrivate ? '' : String(500 + (thread % volume.groups));
      const ids: string[] = [];
      const bots = new Set<string>();
      const lines: string[] = [];
      for (let position = 0; position <= volume.repliesPerThread; position++) {
        const id = String(messageId++);
        messageNumber++;
        const repliedTo = position === 0 ? '' : ids[(thread + position) % ids.length];
        ids.push(id);
        const sender = userId((thread * 7 + position * 13) % volume.users);
        const bot = messageNumber % volume.botEvery === 0;
        if (bot) bots.add(id);
        else generated.activities++;
        // A reply to a bot's message has no target (README "How messages map"): sampled are people's.
        if (!bot && !isPrivate && repliedTo !== '' && !bots.has(repliedTo) && messageNumber % 499 === 0) {
          // The connector's external ids are the message ids (README "Incremental state").
          generated.sampleReplies.push({
            externalId: id,
            repliedToExternalId: repliedTo,
            threadExternalId: ids[0],
          });
        }
        lines.push(
          [
            id,
            repliedTo,
            ids[0],
            isPrivate ? String(900_000 + thread) : String(800_000 + thread),
            group,
            group === '' ? '' : `Community ${thread % volume.groups}`,
            '',
            String(group !== '' && (thread % volume.groups) % 5 === 0),
            String(isPrivate),
            String(sender),
            bot ? 'bot' : 'user',
            `Person ${sender}`,
            `person.${sender - 100_000}@example.com`,
            `"Message ${id}, about thread ${thread}"`,
            `https://www.yammer.com/api/v1/messages/${id}`,
            '',
            '',
            '',
            exportTime(START + thread * 60_000 + position * 1_000),
            '',
          ].join(','),
        );
      }
      yield `${lines.join('\n')}\n`;
    }
  }

  const zip = new ZipFile();
  const written = pipeline(zip.outputStream, createWriteStream(path));
  zip.addBuffer(Buffer.from(`${users.join('\n')}\n`), 'Users.csv');
  zip.addBuffer(Buffer.from(`${groups.join('\n')}\n`), 'Groups.csv');
  zip.addReadStream(Readable.from(messageRows()), 'Messages.csv');
  zip.end();
  await written;
  return generated;
}

export interface TeamsTenantVolume {
  users: number;
  channels: number;
  rootsPerChannel: number;
  repliesPerRoot: number;
  /** Distinct people reacting ("like") to each message. */
  reactionsPerMessage: number;
  mentionsPerRoot: number;
}

type Json = Record<string, unknown>;

const objectId = (kind: number, n: number) =>
  `${kind.toString(16).padStart(8, '0')}-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
const identity = (id: string) => ({
  application: null,
  device: null,
  user: { '@odata.type': '#microsoft.graph.teamworkUserIdentity', id, userIdentityType: 'aadUser' },
});

/**
 * A Graph tenant in the shape of libs/connectors/src/ms-teams/fixtures/tenant.json, written to `path` for
 * the fake Graph server: one public team of standard channels, each with roots that have replies, mentions
 * and reactions by people the tenant's user list holds.
 */
export function writeTeamsTenant(path: string, volume: TeamsTenantVolume): GeneratedInput {
  const userIds = Array.from({ length: volume.users }, (_, n) => objectId(1, n));
  const teamId = objectId(2, 1);
  const generated: GeneratedInput = { activities: 0, sampleReplies: [] };
  let messageNumber = 0;
  const message = (channelId: string, author: number, replyTo: string | null, mentions: number): Json => {
    const id = String(1_780_000_000_000 + messageNumber++ * 1_000);
    const at = new Date(Number(id)).toISOString();
    const mentioned = Array.from({ length: mentions }, (_, n) => userIds[(author + n + 1) % volume.users]);
    const reactors = Array.from(
      { length: volume.reactionsPerMessage },
      (_, n) => userIds[(author + n + 3) % volume.users],
    );
    return {
      id,
      replyToId: replyTo,
      messageType: 'message',
      createdDateTime: at,
      lastModifiedDateTime: at,
      lastEditedDateTime: null,
      deletedDateTime: null,
      from: identity(userIds[author]),
      body: { contentType: 'text', content: `Message ${id}` },
      channelIdentity: { teamId, channelId },
      mentions: mentioned.map((user, n) => ({ id: n, mentionText: 'someone', mentioned: identity(user) })),
      reactions: reactors.map((user) => ({
        reactionType: 'like',
        createdDateTime: at,
        user: identity(user),
      })),
    };
  };
  // A message, its distinct mentions and its distinct reactions are one activity each (README "Activities").
  const activitiesOf = (m: Json) =>
    1 +
    new Set((m['mentions'] as { mentioned: Json }[]).map((x) => JSON.stringify(x.mentioned))).size +
    new Set((m['reactions'] as { user: Json; reactionType: string }[]).map((x) => JSON.stringify(x))).size;

  const channels = Array.from({ length: volume.channels }, (_, c) => {
    const channelId = `19:${c.toString(16).padStart(32, '0')}@thread.tacv2`;
    const messages = Array.from({ length: volume.rootsPerChannel }, (_, r) => {
      const author = (c * 31 + r) % volume.users;
      const root = message(channelId, author, null, volume.mentionsPerRoot);
      const replies = Array.from({ length: volume.repliesPerRoot }, (_, n) =>
        message(channelId, (author + n + 1) % volume.users, root['id'] as string, 0),
      );
      generated.activities += [root, ...replies].reduce((sum, m) => sum + activitiesOf(m), 0);
      if (r % 17 === 0) {
        const reply = replies[r % replies.length];
        // External ids are `<channel id>:<message id>` (teams-message.ts).
        const rootId = `${channelId}:${root['id'] as string}`;
        generated.sampleReplies.push({
          externalId: `${channelId}:${reply['id'] as string}`,
          repliedToExternalId: rootId,
          threadExternalId: rootId,
        });
      }
      return { ...root, replies };
    });
    return { id: channelId, displayName: `Channel ${c}`, membershipType: 'standard', messages };
  });
  const tenant = {
    users: userIds.map((id, n) => ({
      id,
      userPrincipalName: `Person.${n}@contoso.com`,
      mail: `person.${n}@contoso.com`,
    })),
    teams: [
      {
        id: teamId,
        displayName: 'Crash Test',
        visibility: 'public',
        members: userIds.map((userId, n) => ({
          '@odata.type': '#microsoft.graph.aadUserConversationMember',
          id: `member-${n}`,
          roles: [],
          userId,
        })),
        channels,
      },
    ],
  };
  writeFileSync(path, JSON.stringify(tenant));
  return generated;
}
