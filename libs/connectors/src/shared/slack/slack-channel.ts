import type { GroupRecord } from '@uptake/connector-sdk';
import { isRecord, type SlackPeople } from './slack-people';

/**
 * What a conversation is: a public channel, a private channel (groups.json, private_channel), or a direct
 * message / group DM (dms.json, mpims.json).
 */
export type SlackConversationKind = 'channel' | 'private-channel' | 'direct';

/** A conversation as both sources describe it: channels.json / groups.json / dms.json / mpims.json entries and conversations.list. */
export interface SlackChannel {
  id: string;
  /** The name the source gives it: used to find its folder, stored only for public channels. */
  name: string;
  isPrivate: boolean;
  kind: SlackConversationKind;
}

/** What a private conversation is called in Uptake: its own name (which often names people) is never stored. */
export const PRIVATE_CHANNEL_NAME = 'Private channel';
export const PRIVATE_CONVERSATION_NAME = 'Private conversation';

/**
 * Reads id and name of a conversation entry; null when it has no id (the entry is unusable). A public
 * channel flagged is_private (converted) is private.
 */
export function readSlackChannel(raw: unknown, kind: SlackConversationKind): SlackChannel | null {
  if (!isRecord(raw) || typeof raw['id'] !== 'string' || raw['id'] === '') return null;
  const name = typeof raw['name'] === 'string' && raw['name'].trim() !== '' ? raw['name'] : raw['id'];
  const resolved =
    kind === 'channel' && (raw['is_private'] === true || raw['is_group'] === true) ? 'private-channel' : kind;
  return { id: raw['id'], name, isPrivate: resolved !== 'channel', kind: resolved };
}

/**
 * The conversation as a group. A public channel keeps its name and its human members; a private channel is
 * "Private channel" with its members; a direct message or group DM is "Private conversation" without
 * members (who talks privately with whom is not kept). The stable external id is the conversation id.
 */
export function slackChannelGroup(
  channel: SlackChannel,
  memberIds: readonly unknown[] | null,
  people: SlackPeople,
): GroupRecord {
  const members =
    memberIds === null || channel.kind === 'direct'
      ? null
      : [...new Set(memberIds.filter((id) => people.isPerson(id)).map((id) => people.identity(id)))];
  return {
    externalId: channel.id,
    name:
      channel.kind === 'channel'
        ? channel.name
        : channel.kind === 'private-channel'
          ? PRIVATE_CHANNEL_NAME
          : PRIVATE_CONVERSATION_NAME,
    kind: channel.kind === 'direct' ? 'group' : 'channel',
    isPrivate: channel.isPrivate,
    memberExternalIds: members,
  };
}
