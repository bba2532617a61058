import type { ActivityRecord } from '@uptake/connector-sdk';
import { ALL_COMPANY_GROUP_ID, communityExternalId, conversationExternalId } from './groups';
import type { MessageIndex } from './message-index';
import { PERSON_SENDER_TYPE, type MessageRow } from './message-row';
import type { EngagePeople } from './people';

export interface MessageActivity {
  record: ActivityRecord;
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
  if (row.repliedToId === null) {
    return {
      targetOutsideExport: false,
      record: {
        ...base,
        type: 'post',
        groupExternalId,
        threadExternalId: row.threadId ?? row.id,
        targetExternalId: null,
      },
    };
  }
  const repliedTo = index.senderOf(row.repliedToId);
  return {
    targetOutsideExport: repliedTo === undefined,
    record: {
      ...base,
      type: 'reply',
      groupExternalId,
      threadExternalId: row.threadId,
      targetExternalId: typeof repliedTo === 'string' ? people.identity(repliedTo) : null,
    },
  };
}
