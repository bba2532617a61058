import { HttpError, type ConnectorMessage } from '@uptake/connector-sdk';
import type { RunWarning } from '@uptake/contracts';
import type { GraphApi, GraphPage } from '../shared/ms-graph/graph-api';
import type { GraphPeople } from '../shared/ms-graph/graph-people';
import type { Context } from './settings';
import type { TeamsChannel } from './teams-groups';
import { DELETED_THREAD_ROOT, mapTeamsMessage, userIdsOf } from './teams-message';

const PERMISSION = 'ChannelMessage.Read.All';
/** Graph's largest page of replies ($top). */
const REPLIES_PAGE_SIZE = 50;

/**
 * The messages of one channel from its delta link on (or a first delta round), page by page: each page's
 * messages, the replies of each, and then a checkpoint (stream activity; the caller fills in the state) once
 * `links[channel.id]` names the page after it — the next link, or the delta link that ended the round.
 * A round ends with the channel (the next read asks for changes). An expired delta token (410) starts a new
 * round, a channel deleted meanwhile (404) is skipped.
 */
export async function* readChannelMessages(
  api: GraphApi,
  people: GraphPeople,
  channel: TeamsChannel,
  links: Record<string, string>,
  context: Context,
): AsyncGenerator<ConnectorMessage> {
  const path = `/teams/${encodeURIComponent(channel.teamId)}/channels/${encodeURIComponent(channel.id)}/messages`;
  const firstRound = api.url(`${path}/delta?$top=${context.settings.pageSize}`);
  const file = `teams/${channel.teamId}/channels/${channel.id}/messages/delta`;
  let pageNumber = 0;
  for (;;) {
    let page: GraphPage;
    try {
      page = await api.page(
        links[channel.id] ?? firstRound,
        'GET /teams/{id}/channels/{id}/messages/delta',
        PERMISSION,
      );
    } catch (error) {
      if (error instanceof HttpError && error.status === 410 && links[channel.id] !== undefined) {
        delete links[channel.id];
        yield { kind: 'warning', warning: DELTA_RESTARTED };
        continue;
      }
      if (error instanceof HttpError && error.status === 404) {
        context.log.warn(`channel ${channel.id} of team ${channel.teamId} is gone: skipped`);
        delete links[channel.id];
        return;
      }
      throw error;
    }
    pageNumber++;
    for (const [index, raw] of page.value.entries()) {
      if (context.signal.aborted) return;
      yield* thread(
        api,
        people,
        channel,
        path,
        raw,
        { file: `${file} page ${pageNumber}`, line: index + 1 },
        context,
      );
    }
    if (context.signal.aborted) return;
    const next = page.nextLink ?? page.deltaLink;
    if (next === null) {
      // Neither link: nothing to continue from, so the next read starts a new round.
      delete links[channel.id];
    } else {
      links[channel.id] = next;
    }
    yield { kind: 'checkpoint', stream: 'activity', state: null };
    if (page.nextLink === null) return;
  }
}

/** A root message and its replies (read first: a root with replies starts a thread). */
async function* thread(
  api: GraphApi,
  people: GraphPeople,
  channel: TeamsChannel,
  path: string,
  raw: unknown,
  location: { file: string; line: number },
  context: Context,
): AsyncGenerator<ConnectorMessage> {
  const rootId = writtenMessageId(raw);
  const replies =
    rootId === null ? { items: [], truncated: false } : await listReplies(api, path, rootId, context);
  const keys = new Map<string, string>();
  for (const message of [raw, ...replies.items]) {
    for (const id of userIdsOf(message)) if (!keys.has(id)) keys.set(id, await people.key(id));
  }
  const keyOf = (id: string) => keys.get(id) as string;
  const root = mapTeamsMessage(raw, {
    channelId: channel.id,
    root: null,
    hasReplies: replies.items.length > 0,
    keyOf,
    location,
  });
  yield* root.messages;
  if (root.id === null || replies.items.length === 0) return;
  if (root.deleted) yield { kind: 'warning', warning: DELETED_THREAD_ROOT };
  if (replies.truncated)
    yield { kind: 'warning', warning: REPLIES_CUT(context.settings.maxRepliesPerMessage) };
  const file = `teams/${channel.teamId}/channels/${channel.id}/messages/${root.id}/replies`;
  for (const [index, reply] of replies.items.entries()) {
    if (context.signal.aborted) return;
    yield* mapTeamsMessage(reply, {
      channelId: channel.id,
      root: { id: root.id, author: root.author },
      hasReplies: false,
      keyOf,
      location: { file, line: index + 1 },
    }).messages;
  }
}

/** The id of a message whose replies are worth reading: one a person or app wrote (deleted included). */
function writtenMessageId(raw: unknown): string | null {
  const { id, messageType } = (raw ?? {}) as Record<string, unknown>;
  return typeof id === 'string' && id.trim() !== '' && messageType === 'message' ? id.trim() : null;
}

async function listReplies(api: GraphApi, path: string, rootId: string, context: Context) {
  try {
    return await api.list(
      api.url(`${path}/${encodeURIComponent(rootId)}/replies?$top=${REPLIES_PAGE_SIZE}`),
      'GET /teams/{id}/channels/{id}/messages/{id}/replies',
      PERMISSION,
      context.settings.maxRepliesPerMessage,
    );
  } catch (error) {
    // A message deleted for good between the delta page and this request has no replies left to read.
    if (error instanceof HttpError && error.status === 404) return { items: [], truncated: false };
    throw error;
  }
}

const DELTA_RESTARTED: RunWarning = {
  code: 'ms-teams.delta-restarted',
  message:
    'Microsoft Graph no longer accepted a channel’s stored delta link (expired): the channel was read again ' +
    'from its first message Graph keeps; messages stored before are counted as duplicates.',
  count: 1,
};

const REPLIES_CUT = (max: number): RunWarning => ({
  code: 'ms-teams.replies-cut',
  message: `Threads with more than ${max} replies (maxRepliesPerMessage): only the first ${max} are read.`,
  count: 1,
});
