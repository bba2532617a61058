import type { ActivityRecord } from '@uptake/connector-sdk';
import { ALL_COMPANY_GROUP_ID, communityExternalId, conversationExternalId } from './groups';
import type { MessageIndex } from './message-index';
import { PERSON_SENDER_TYPE, type MessageRow } from './message-row';
import type { EngagePeople } from './people';

export interface MessageActivity {
  record: ActivityRecord;
  /** One `mention` per distinct person the body names (`[[user:ID]]`), other than the sender. */
  mentions: ActivityRecord[];
  /** Mentioned user ids the export does not describe: no mention (see EngagePeople.knows). */
  unknownMentions: number;
  /** A reply whose replied-to message is not in this export (an export since a date): it has no target. */
  targetOutsideExport: boolean;
}

/**
 * One message as an activity, or null when its sender is not a person (bots and system messages are never
 * activity; the run counts them from the first pass):
 * - in a private conversation -> `chat` in that conversation's private container, outside threads and aimed
 *   at no one (who talks privately with whom is not kept), as Slack's direct messages;
 * - without replied_to_id -> `post`, the root of its thread (thread_id, else its own id): every Viva Engage
 *   post starts a conversation others can answer;
 * - with replied_to_id -> `reply` in thread_id, aimed at the sender of the replied-to message when the export
 *   holds it and it is a person's.
 * A deleted message is activity at its created_at like any other (see the README); only its length is kept.
 * A post or reply also yields one `mention` per distinct person its body names (`[[user:ID]]`, at most 50),
 * in its thread and aimed at that person; a private conversation's never (who talks privately with whom is
 * not kept).
 */
export function messageActivity(
  row: MessageRow,
  people: EngagePeople,
  index: MessageIndex,
): MessageActivity | null {
  if (row.senderType !== PERSON_SENDER_TYPE || row.senderId === null) return null;
  const base = {
    externalId: row.id,
    occurredAt: row.createdAt,
    actorExternalId: people.identity(row.senderId),
    contentLength: row.contentLength,
    count: 1,
  };
  if (row.inPrivateConversation) {
    return {
      targetOutsideExport: false,
      mentions: [],
      unknownMentions: 0,
      record: {
        ...base,
        type: 'chat',
        groupExternalId: conversationExternalId(row.conversationId as string),
        threadExternalId: null,
        targetExternalId: null,
      },
    };
  }
  const groupExternalId = row.groupId === null ? ALL_COMPANY_GROUP_ID : communityExternalId(row.groupId);
  const threadExternalId = row.repliedToId === null ? (row.threadId ?? row.id) : row.threadId;
  const named = mentionRecords(row, base.actorExternalId, people);
  const mentions = named.records.map((mention): ActivityRecord => ({
    ...mention,
    groupExternalId,
    threadExternalId,
  }));
  const unknownMentions = named.unknown;
  if (row.repliedToId === null) {
    return {
      targetOutsideExport: false,
      mentions,
      unknownMentions,
      record: { ...base, type: 'post', groupExternalId, threadExternalId, targetExternalId: null },
    };
  }
  const repliedTo = index.senderOf(row.repliedToId);
  return {
    targetOutsideExport: repliedTo === undefined,
    mentions,
    unknownMentions,
    record: {
      ...base,
      type: 'reply',
      groupExternalId,
      threadExternalId,
      targetExternalId: typeof repliedTo === 'string' ? people.identity(repliedTo) : null,
    },
  };
}

type MentionRecord = Omit<ActivityRecord, 'groupExternalId' | 'threadExternalId'>;

/**
 * The mentions of a message, without their container: one per distinct person (two ids of one address are
 * one person), never the sender, only people the export describes (the others are counted in `unknown`).
 * External id `<message id>:mention:<user id>`, so re-reading stores nothing twice; the mentioned person is an
 * identity key like every actor (pseudonymised by the pipeline).
 */
function mentionRecords(
  row: MessageRow,
  actor: string,
  people: EngagePeople,
): { records: MentionRecord[]; unknown: number } {
  const seen = new Set<string>([actor]);
  const out: MentionRecord[] = [];
  let unknown = 0;
  for (const userId of row.mentionedUserIds) {
    if (!people.knows(userId)) {
      unknown++;
      continue;
    }
    const target = people.identity(userId);
    if (seen.has(target)) continue;
    seen.add(target);
    out.push({
      externalId: `${row.id}:mention:${userId}`,
      occurredAt: row.createdAt,
      actorExternalId: actor,
      type: 'mention',
      targetExternalId: target,
      contentLength: null,
      count: 1,
    });
  }
  return { records: out, unknown };
}
