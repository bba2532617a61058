import { defineConnector, HttpError, type ConnectorMessage } from '@uptake/connector-sdk';
import type { RunWarning } from '@uptake/contracts';
import { GraphApi } from '../shared/ms-graph/graph-api';
import { GraphPeople } from '../shared/ms-graph/graph-people';
import { readChannelMessages } from './channel-messages';
import { readChatMessages } from './chat-messages';
import { msTeamsCredentials, msTeamsSettings, type Context } from './settings';
import {
  channelGroup,
  readChannel,
  readTeam,
  teamGroup,
  type TeamsChannel,
  type TeamsTeam,
} from './teams-groups';
import { activityStateJson, resumeActivityState } from './teams-state';
import { testMsTeamsConnection } from './connection-test';

/**
 * Microsoft Teams channel messages through Microsoft Graph, app-only (client credentials): teams (`/teams`)
 * and their channels as groups with their members, then per channel the messages of a delta query
 * (`/messages/delta`, paged by `@odata.nextLink`, ended by an `@odata.deltaLink` kept per channel in the
 * checkpoint) and the replies of each message read (`/messages/{id}/replies`); with includeChats, then the
 * users' chat messages (`/users/{id}/chats/getAllMessages`) as private chats (chat-messages.ts). People are keyed by their UPN
 * (or mail) resolved from their Entra object id, so they join the directory and the usage reports.
 */
export const msTeamsConnector = defineConnector({
  type: 'ms-teams',
  title: 'Microsoft Teams channel and chat messages (Microsoft Graph)',
  input: 'api',
  settingsSchema: msTeamsSettings,
  credentialsSchema: msTeamsCredentials,
  streams: ['groups', 'activity'],
  // Teams read APIs are throttled per app and tenant; 429 Retry-After is honoured on top of this.
  requestsPerMinute: 600,
  testConnection: testMsTeamsConnection,
  async *read(context): AsyncGenerator<ConnectorMessage> {
    // A stored checkpoint of the wrong shape fails before anything is read.
    const state = resumeActivityState(context.state.activity);
    const api = new GraphApi(
      context.http,
      context.settings,
      context.credentials,
      context.signal,
      context.now,
    );
    const people = new GraphPeople(api, context.settings.identity);
    const fallbacks = new FallbackWarnings(people);
    await people.preload();

    const channels: TeamsChannel[] = [];
    for (const team of await listTeams(api, context)) {
      if (context.signal.aborted) return;
      const read = await teamGroups(api, people, team, context);
      yield* read.messages;
      channels.push(...read.channels);
    }
    yield* fallbacks.since();
    yield { kind: 'checkpoint', stream: 'groups', state: { channels: channels.length } };

    // The channels' messages, then the chats (includeChats): each yields a checkpoint per page read.
    const readers = [
      ...channels.map((channel) => () => readChannelMessages(api, people, channel, state.links, context)),
      ...(context.settings.includeChats ? [() => readChatMessages(api, people, state, context)] : []),
    ];
    let pagesRead = 0;
    for (const reader of readers) {
      for await (const message of reader()) {
        if (message.kind === 'checkpoint') {
          yield* fallbacks.since();
          yield { kind: 'checkpoint', stream: 'activity', state: activityStateJson(state) };
          context.progress(++pagesRead, null);
          if (pagesRead >= context.settings.maxPagesPerRun) {
            yield { kind: 'warning', warning: PAGE_LIMIT(context.settings.maxPagesPerRun) };
            return;
          }
        } else {
          yield message;
        }
        if (context.signal.aborted) return;
      }
    }
  },
});

const TEAM_PERMISSION = 'Team.ReadBasic.All';
const CHANNEL_PERMISSION = 'Channel.ReadBasic.All';

/** The teams to read, in a stable order: the configured ones, or every team of the tenant (bounded). */
async function listTeams(api: GraphApi, context: Context): Promise<TeamsTeam[]> {
  const select = '$select=id,displayName,visibility';
  const raws: unknown[] = [];
  if (context.settings.teams) {
    for (const id of context.settings.teams) {
      try {
        raws.push(
          await api.get(
            api.url(`/teams/${encodeURIComponent(id)}?${select}`),
            'GET /teams/{id}',
            TEAM_PERMISSION,
          ),
        );
      } catch (error) {
        if (!(error instanceof HttpError && error.status === 404)) throw error;
        context.log.warn(`team ${id} does not exist (or has no Teams team): skipped`);
      }
    }
  } else {
    const listed = await api.list(
      api.url(`/teams?${select}`),
      'GET /teams',
      TEAM_PERMISSION,
      context.settings.maxTeams,
    );
    if (listed.truncated)
      context.log.warn(`more than ${context.settings.maxTeams} teams: the first ones are read (maxTeams)`);
    raws.push(...listed.items);
  }
  const teams = raws.map(readTeam).filter((team) => team !== null);
  return teams.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** A team and its channels as groups, with their members; a team deleted meanwhile is skipped. */
async function teamGroups(
  api: GraphApi,
  people: GraphPeople,
  team: TeamsTeam,
  context: Context,
): Promise<{ messages: ConnectorMessage[]; channels: TeamsChannel[] }> {
  const base = `/teams/${encodeURIComponent(team.id)}`;
  const { maxChannelsPerTeam } = context.settings;
  try {
    const teamMembers = await members(
      api,
      people,
      `${base}/members`,
      'GET /teams/{id}/members',
      'TeamMember.Read.All',
      context,
    );
    const listed = await api.list(
      api.url(`${base}/channels?$select=id,displayName,membershipType`),
      'GET /teams/{id}/channels',
      CHANNEL_PERMISSION,
      maxChannelsPerTeam,
    );
    if (listed.truncated)
      context.log.warn(`team ${team.id} has more than ${maxChannelsPerTeam} channels: the first are read`);
    const channels = listed.items.map((raw) => readChannel(raw, team)).filter((channel) => channel !== null);
    channels.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    const messages: ConnectorMessage[] = [
      ...teamMembers.warnings,
      { kind: 'group', record: teamGroup(team, teamMembers.keys) },
    ];
    for (const channel of channels) {
      // A standard channel's members are the team's; private and shared channels have their own.
      const channelMembers =
        channel.membershipType === 'standard'
          ? { keys: teamMembers.keys, warnings: [] }
          : await members(
              api,
              people,
              `${base}/channels/${encodeURIComponent(channel.id)}/members`,
              'GET /teams/{id}/channels/{id}/members',
              'ChannelMember.Read.All',
              context,
            );
      messages.push(...channelMembers.warnings, {
        kind: 'group',
        record: channelGroup(channel, channelMembers.keys),
      });
    }
    return { messages, channels };
  } catch (error) {
    if (!(error instanceof HttpError && error.status === 404)) throw error;
    context.log.warn(`team ${team.id} was deleted while it was read: skipped`);
    return { messages: [], channels: [] };
  }
}

/**
 * The identity keys of a team's or channel's members (`userId` of each aadUserConversationMember); null
 * with a warning when there are more than maxMembersPerGroup (a cut list would be a wrong one).
 */
async function members(
  api: GraphApi,
  people: GraphPeople,
  path: string,
  request: string,
  permission: string,
  context: Context,
): Promise<{ keys: string[] | null; warnings: ConnectorMessage[] }> {
  const max = context.settings.maxMembersPerGroup;
  const listed = await api.list(api.url(path), request, permission, max);
  if (listed.truncated)
    return { keys: null, warnings: [{ kind: 'warning', warning: MEMBERS_NOT_LISTED(max) }] };
  const keys = new Set<string>();
  for (const member of listed.items) {
    const userId = (member as { userId?: unknown } | null)?.userId;
    if (typeof userId === 'string' && userId.trim() !== '') keys.add(await people.key(userId));
  }
  return { keys: [...keys], warnings: [] };
}

/** Yields the people keyed by their object id since the last call, as one aggregated warning. */
class FallbackWarnings {
  private reported = 0;
  constructor(private readonly people: GraphPeople) {}

  *since(): Generator<ConnectorMessage> {
    const count = this.people.fallbacks.size - this.reported;
    this.reported = this.people.fallbacks.size;
    if (count > 0) yield { kind: 'warning', warning: { ...IDENTITY_FALLBACK, count } };
  }
}

const IDENTITY_FALLBACK: RunWarning = {
  code: 'ms-teams.identity-fallback',
  message:
    'People Microsoft Graph does not know as users of the tenant (deleted since, or guests of a shared ' +
    'channel from another organisation) are identified by their Entra object id: they match no directory ' +
    'entry and no usage report.',
  count: 1,
};

const MEMBERS_NOT_LISTED = (max: number): RunWarning => ({
  code: 'ms-teams.members-not-listed',
  message: `Teams or channels with more than ${max} members (maxMembersPerGroup) are stored without members.`,
  count: 1,
});

const PAGE_LIMIT = (max: number): RunWarning => ({
  code: 'ms-teams.page-limit',
  message: `The run read ${max} pages of messages (maxPagesPerRun) and stopped: the next run continues from there.`,
  count: 1,
});
