import type { ConnectionCheck, ConnectionTestContext } from '@uptake/connector-sdk';
import { GraphConnectionTest } from '../shared/ms-graph/graph-connection-test';
import { CHAT_PERMISSION } from './chat-messages';
import type { MsTeamsCredentials, MsTeamsSettings } from './settings';

type Listed = { value?: { id?: unknown }[]; id?: unknown };

/**
 * The app-only token, then one cheap request per application permission the read needs, on the first team
 * (configured, or listed) and its first channel: Team.ReadBasic.All, Channel.ReadBasic.All,
 * TeamMember.Read.All, ChannelMember.Read.All, ChannelMessage.Read.All and User.Read.All; with includeChats
 * also Chat.Read.All on the first user's chats.
 */
export async function testMsTeamsConnection(
  context: ConnectionTestContext<MsTeamsSettings, MsTeamsCredentials>,
): Promise<ConnectionCheck[]> {
  const test = new GraphConnectionTest(context, 'Microsoft Teams');
  if (!(await test.credentials())) return test.checks;
  const configured = context.settings.teams?.[0];
  const teams = configured
    ? await test.probe<Listed>(
        'Team.ReadBasic.All',
        'GET /teams/{id}',
        `/teams/${encodeURIComponent(configured)}?$select=id`,
      )
    : await test.probe<Listed>('Team.ReadBasic.All', 'GET /teams', '/teams?$select=id&$top=1');
  const teamId = configured ?? firstId(teams);
  if (teamId === null) {
    const reason = teams === null ? 'Team.ReadBasic.All failed' : 'the app sees no team in the tenant';
    for (const permission of [
      'Channel.ReadBasic.All',
      'TeamMember.Read.All',
      'ChannelMember.Read.All',
      'ChannelMessage.Read.All',
    ])
      test.notChecked(permission, reason);
  } else {
    const team = `/teams/${encodeURIComponent(teamId)}`;
    const channels = await test.probe<Listed>(
      'Channel.ReadBasic.All',
      'GET /teams/{id}/channels',
      `${team}/channels?$select=id`,
    );
    await test.probe('TeamMember.Read.All', 'GET /teams/{id}/members', `${team}/members?$top=1`);
    const channelId = firstId(channels);
    if (channelId === null) {
      const reason = channels === null ? 'Channel.ReadBasic.All failed' : 'the first team has no channel';
      test.notChecked('ChannelMember.Read.All', reason);
      test.notChecked('ChannelMessage.Read.All', reason);
    } else {
      const channel = `${team}/channels/${encodeURIComponent(channelId)}`;
      await test.probe(
        'ChannelMember.Read.All',
        'GET /teams/{id}/channels/{id}/members',
        `${channel}/members?$top=1`,
      );
      await test.probe(
        'ChannelMessage.Read.All',
        'GET /teams/{id}/channels/{id}/messages/delta',
        `${channel}/messages/delta?$top=1`,
      );
    }
  }
  const users = await test.probe<Listed>('User.Read.All', 'GET /users', '/users?$select=id&$top=1');
  if (context.settings.includeChats) {
    // One message of the first user's chats, in the payment model the read uses (a metered request).
    const userId = firstId(users);
    if (userId === null) {
      test.notChecked(
        CHAT_PERMISSION,
        users === null ? 'User.Read.All failed' : 'the app sees no user in the tenant',
      );
    } else {
      const model =
        context.settings.chatsModel === 'evaluation' ? '' : `&model=${context.settings.chatsModel}`;
      await test.probe(
        CHAT_PERMISSION,
        'GET /users/{id}/chats/getAllMessages',
        `/users/${encodeURIComponent(userId)}/chats/getAllMessages?$top=1${model}`,
      );
    }
  }
  return test.checks;
}

function firstId(listed: Listed | null): string | null {
  const id = listed?.value?.[0]?.id ?? listed?.id;
  return typeof id === 'string' && id !== '' ? id : null;
}
