import { RowReader, rowProblemReason, type GroupRecord } from '@uptake/connector-sdk';
import { exportFlag, yammerId } from './export-values';

/** The Groups.csv columns read; description and the rest are never read. */
export const GROUP_FIELDS = ['id', 'name', 'private'] as const;
export type GroupField = (typeof GROUP_FIELDS)[number];
export const REQUIRED_GROUP_FIELDS: readonly GroupField[] = ['id', 'private'];

/** Communities one export may name (their ids are held to tell listed ones from those only messages name). */
export const MAX_GROUPS = 200_000;
/** Private conversations one export may hold (each becomes one private container). */
export const MAX_CONVERSATIONS = 1_000_000;

/** What a private community or conversation is called in Uptake: its own name is never stored. */
export const PRIVATE_COMMUNITY_NAME = 'Private community';
export const PRIVATE_CONVERSATION_NAME = 'Private conversation';
/** Where messages to the whole network go in networks without an All Company community id. */
export const ALL_COMPANY_GROUP_ID = 'all-company';

export const communityExternalId = (groupId: string) => `group:${groupId}`;
export const conversationExternalId = (conversationId: string) => `conversation:${conversationId}`;

/** A community as a group: a private one is "Private community"; members are not in the export. */
export function communityGroup(groupId: string, name: string | null, isPrivate: boolean): GroupRecord {
  return {
    externalId: communityExternalId(groupId),
    name: isPrivate ? PRIVATE_COMMUNITY_NAME : (name ?? `Community ${groupId}`),
    kind: 'community',
    isPrivate,
    memberExternalIds: null,
  };
}

/** A private conversation (direct messages): a private container without members, as Slack's DMs. */
export function conversationGroup(conversationId: string): GroupRecord {
  return {
    externalId: conversationExternalId(conversationId),
    name: PRIVATE_CONVERSATION_NAME,
    kind: 'group',
    isPrivate: true,
    memberExternalIds: null,
  };
}

export const ALL_COMPANY_GROUP: GroupRecord = {
  externalId: ALL_COMPANY_GROUP_ID,
  name: 'All Company',
  kind: 'community',
  isPrivate: false,
  memberExternalIds: null,
};

export function readGroupRow(
  values: Partial<Record<GroupField, unknown>>,
): { group: GroupRecord; id: string } | { field: GroupField; reason: string } {
  const reader = new RowReader<GroupField>(values);
  const id = yammerId(reader, 'id', { required: true });
  const name = reader.text('name', { max: 300 });
  const isPrivate = exportFlag(reader, 'private');
  if (reader.problems.length > 0) return rowProblemReason(reader.problems);
  return { id: id as string, group: communityGroup(id as string, name, isPrivate) };
}
