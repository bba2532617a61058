import { MAX_INT32, RowReader, rowProblemReason, type FieldProblem } from '@uptake/connector-sdk';
import { mentionedUserIds } from '../shared/viva-engage/yammer-mentions';
import { exportDateTime, exportFlag, yammerId } from './export-values';

/** The Messages.csv columns read; every other column (sender_name, attachments, api_url, …) is never read. */
export const MESSAGE_FIELDS = [
  'id',
  'replied_to_id',
  'thread_id',
  'conversation_id',
  'group_id',
  'group_name',
  'participants',
  'in_private_group',
  'in_private_conversation',
  'sender_id',
  'sender_type',
  'sender_email',
  'body',
  'created_at',
  'deleted_at',
] as const;
export type MessageField = (typeof MESSAGE_FIELDS)[number];
export const REQUIRED_MESSAGE_FIELDS: readonly MessageField[] = [
  'id',
  'replied_to_id',
  'thread_id',
  'group_id',
  'in_private_conversation',
  'sender_id',
  'sender_type',
  'created_at',
];

/** What sends a message: a person, or something that is not one (never activity). */
export const PERSON_SENDER_TYPE = 'user';
export const NOT_A_PERSON_SENDER_TYPES: readonly string[] = ['bot', 'system'];
/** Participants read per message (`participants`): they only feed inferred community membership. */
export const MAX_PARTICIPANTS = 500;
const PARTICIPANT = /^user:(\d{1,20})$/;

/** One Messages.csv row as Uptake reads it: ids, flags, the body's length (never the body) and times. */
export interface MessageRow {
  id: string;
  repliedToId: string | null;
  threadId: string | null;
  conversationId: string | null;
  groupId: string | null;
  /** Read only to name a public community Groups.csv does not list. */
  groupName: string | null;
  inPrivateGroup: boolean;
  inPrivateConversation: boolean;
  senderId: string | null;
  senderType: string;
  /** Lower-cased identity key, or null. */
  senderEmail: string | null;
  contentLength: number | null;
  /** Yammer user ids the body mentions (`[[user:ID]]`), read before the body is dropped; at most 50. */
  mentionedUserIds: string[];
  /** Yammer user ids of `participants` (`user:1001,user:1002`), at most MAX_PARTICIPANTS. */
  participantIds: string[];
  createdAt: Date;
  deleted: boolean;
}

export type MessageRowResult = { row: MessageRow } | { field: MessageField; reason: string };

/** Reads one row; a problem names the first bad field (with every field's reason). */
export function readMessageRow(values: Partial<Record<MessageField, unknown>>): MessageRowResult {
  const reader = new RowReader<MessageField>(values);
  const id = yammerId(reader, 'id', { required: true });
  const repliedToId = yammerId(reader, 'replied_to_id');
  const threadId = yammerId(reader, 'thread_id');
  const conversationId = yammerId(reader, 'conversation_id');
  const groupId = yammerId(reader, 'group_id');
  const groupName = reader.text('group_name', { max: 300 });
  const inPrivateGroup = exportFlag(reader, 'in_private_group');
  const inPrivateConversation = exportFlag(reader, 'in_private_conversation');
  const senderType = (reader.text('sender_type', { required: true, max: 64 }) ?? '').toLowerCase();
  const isPerson = senderType === PERSON_SENDER_TYPE;
  const senderId = yammerId(reader, 'sender_id', { required: isPerson });
  const senderEmail = reader.person('sender_email');
  const createdAt = exportDateTime(reader, 'created_at', { required: true });
  const deletedAt = exportDateTime(reader, 'deleted_at');
  if (repliedToId !== null && threadId === null && !reader.problems.some((p) => p.field === 'thread_id')) {
    reader.fail('thread_id', ' is missing: a reply (replied_to_id set) names its thread');
  }
  if (inPrivateConversation && conversationId === null) {
    reader.fail('conversation_id', ' is missing: a private conversation is known by its id');
  }
  const body = values.body;
  const contentLength = typeof body === 'string' ? body.length : null;
  // The body is only measured and searched for mentions here: it goes no further than this function.
  const mentioned = typeof body === 'string' ? mentionedUserIds(body) : [];
  if (contentLength !== null && contentLength > MAX_INT32) reader.fail('body', ' is too long');
  if (reader.problems.length > 0) return rowProblemReason(reader.problems as FieldProblem<MessageField>[]);
  return {
    row: {
      id: id as string,
      repliedToId,
      threadId,
      conversationId,
      groupId,
      groupName,
      inPrivateGroup,
      inPrivateConversation,
      senderId,
      senderType,
      senderEmail,
      contentLength,
      mentionedUserIds: mentioned,
      participantIds: participantIds(values.participants),
      createdAt: createdAt as Date,
      deleted: deletedAt !== null,
    },
  };
}

/**
 * The user ids of `participants` (`user:1001,user:1002`), distinct, at most MAX_PARTICIPANTS. Entries of
 * another shape are not people Uptake can name: skipped (participants only feed inferred membership, so a
 * bad entry costs one membership, never the message).
 */
export function participantIds(value: unknown): string[] {
  if (typeof value !== 'string' || value.trim() === '') return [];
  const ids = new Set<string>();
  for (const entry of value.split(',')) {
    if (ids.size >= MAX_PARTICIPANTS) break;
    const match = PARTICIPANT.exec(entry.trim());
    if (match) ids.add(match[1]);
  }
  return [...ids];
}
