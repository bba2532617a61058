import type { GroupRecord } from '@uptake/connector-sdk';
import { isRecord, type SlackPeople } from './slack-people';

/** A channel as both sources describe it: channels.json / groups.json entries and conversations.list. */
export interface SlackChannel {
  id: string;
  name: string;
  isPrivate: boolean;
}

/** Reads id and name of a channel entry; null when it has neither (the entry is unusable). */
export function readSlackChannel(raw: unknown, isPrivate: boolean): SlackChannel | null {
  if (!isRecord(raw) || typeof raw['id'] !== 'string' || raw['id'] === '') return null;
  const name = typeof raw['name'] === 'string' && raw['name'].trim() !== '' ? raw['name'] : raw['id'];
  return { id: raw['id'], name, isPrivate: raw['is_private'] === true || isPrivate };
}

/** The channel as a group; members are identity keys of the humans in it (bots left out). */
export function slackChannelGroup(
  channel: SlackChannel,
  memberIds: readonly unknown[] | null,
  people: SlackPeople,
): GroupRecord {
  const members =
    memberIds === null
      ? null
      : [
          ...new Set(
            memberIds
              .filter((id): id is string => typeof id === 'string' && id !== '' && !people.isBot(id))
              .map((id) => people.identity(id)),
          ),
        ];
  return {
    externalId: channel.id,
    name: channel.name,
    kind: 'channel',
    isPrivate: channel.isPrivate,
    memberExternalIds: members,
  };
}
