import type { GroupRecord } from '@uptake/connector-sdk';
import { PRIVATE_CHANNEL_NAME, PRIVATE_CONVERSATION_NAME } from '../shared/slack';

/** What a private team is called in Uptake: its own name often names people or projects and is not stored. */
export const PRIVATE_TEAM_NAME = 'Private team';

/** A team as `GET /teams` lists it (id, displayName, visibility). */
export interface TeamsTeam {
  id: string;
  name: string;
  /** `visibility` private (members only) or hiddenMembership: only public teams keep their name. */
  isPrivate: boolean;
}

/** A channel as `GET /teams/{id}/channels` lists it. */
export interface TeamsChannel {
  teamId: string;
  id: string;
  name: string;
  /** `membershipType`: standard (the team's members), private or shared (their own members). */
  membershipType: 'standard' | 'private' | 'shared';
  /** Private or shared, or a standard channel of a private team. */
  isPrivate: boolean;
}

type Json = Record<string, unknown>;

function text(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}

export function readTeam(raw: unknown): TeamsTeam | null {
  const team = (raw ?? {}) as Json;
  const id = text(team['id']);
  if (id === null) return null;
  return {
    id: id.toLowerCase(),
    name: text(team['displayName']) ?? id,
    isPrivate: team['visibility'] !== 'public',
  };
}

/**
 * A channel of `team`; null without an id. A membershipType Graph adds later (unknownFutureValue) is read
 * as private: its members are listed from the channel, and its name is not kept.
 */
export function readChannel(raw: unknown, team: TeamsTeam): TeamsChannel | null {
  const channel = (raw ?? {}) as Json;
  const id = text(channel['id']);
  if (id === null) return null;
  const type = channel['membershipType'];
  const membershipType =
    type === 'standard' || type === undefined || type === null
      ? 'standard'
      : type === 'shared'
        ? 'shared'
        : 'private';
  return {
    teamId: team.id,
    id,
    name: text(channel['displayName']) ?? id,
    membershipType,
    isPrivate: team.isPrivate || membershipType !== 'standard',
  };
}

/** A team as a group (kind team): its name when public, its members' identity keys (null when not listed). */
export function teamGroup(team: TeamsTeam, members: string[] | null): GroupRecord {
  return {
    externalId: team.id,
    name: team.isPrivate ? PRIVATE_TEAM_NAME : team.name.slice(0, 300),
    kind: 'team',
    isPrivate: team.isPrivate,
    memberExternalIds: members,
  };
}

/** A channel as a group (kind channel): the activity's container; its id is Graph's channel id. */
export function channelGroup(channel: TeamsChannel, members: string[] | null): GroupRecord {
  return {
    externalId: channel.id,
    name: channel.isPrivate ? PRIVATE_CHANNEL_NAME : channel.name.slice(0, 300),
    kind: 'channel',
    isPrivate: channel.isPrivate,
    memberExternalIds: members,
  };
}

/**
 * A Teams chat (1:1, group or meeting chat) as a group: a private conversation, the container of its `chat`
 * activity. Its topic is never stored (it often names people), nor its members (not read).
 */
export function chatGroup(chatId: string): GroupRecord {
  return {
    externalId: chatId,
    name: PRIVATE_CONVERSATION_NAME,
    kind: 'group',
    isPrivate: true,
    memberExternalIds: null,
  };
}
