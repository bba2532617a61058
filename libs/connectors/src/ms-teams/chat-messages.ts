import { HttpError, type ConnectorMessage } from '@uptake/connector-sdk';
import type { RunWarning } from '@uptake/contracts';
import type { GraphApi, GraphPage } from '../shared/ms-graph/graph-api';
import type { GraphPeople } from '../shared/ms-graph/graph-people';
import type { Context } from './settings';
import { chatGroup } from './teams-groups';
import { mapTeamsMessage, userIdsOf } from './teams-message';
import type { TeamsActivityState, TeamsChatsState } from './teams-state';

export const CHAT_PERMISSION = 'Chat.Read.All';
const REQUEST = 'GET /users/{id}/chats/getAllMessages';
/** Graph's largest page of chat messages ($top). */
const PAGE_SIZE = 50;
/**
 * A pass reads messages changed up to this long before it started: a message changed in the last minutes
 * waits for the next pass, so a clock of Uptake ahead of Graph's by less than this loses nothing.
 */
export const PASS_MARGIN_MS = 5 * 60_000;
/** Chats whose group was emitted in this run, remembered to emit each once (forgotten beyond: re-emitted). */
const MAX_CHATS_REMEMBERED = 100_000;

/** The getAllMessages URL of `user`'s first page in a pass: messages changed in (since, until). */
export function chatMessagesUrl(
  api: GraphApi,
  user: string,
  window: { since: string | null; until: string },
  model: 'evaluation' | 'A' | 'B',
): string {
  const filter = [
    ...(window.since === null ? [] : [`lastModifiedDateTime gt ${window.since}`]),
    `lastModifiedDateTime lt ${window.until}`,
  ].join(' and ');
  const query = [
    `$top=${PAGE_SIZE}`,
    ...(model === 'evaluation' ? [] : [`model=${model}`]),
    `$filter=${encodeURIComponent(filter)}`,
  ].join('&');
  return api.url(`/users/${encodeURIComponent(user)}/chats/getAllMessages?${query}`);
}

/**
 * The chat messages of the tenant (includeChats), in passes over its users sorted by object id (see
 * TeamsChatsState): for each user after `pass.after`, the pages of `GET /users/{id}/chats/getAllMessages`
 * (`@odata.nextLink`), then a checkpoint (stream activity; the caller fills in the state) after each page.
 * A message is taken only from its author's listing — every participant's listing returns it — so it is read
 * once; messages of no person of the tenant (apps, guests of other tenants, system events) are not activity.
 * Each chat is a private group (chatGroup), each message and reaction a `chat` (mapTeamsMessage).
 *
 * Graph refusing the chats (403: Chat.Read.All not granted or not approved for protected APIs; 402: the
 * payment model is not set up) ends the chat part with a warning and keeps the state, so the channels' run
 * succeeds and a later run reads the chats once it is granted.
 */
export async function* readChatMessages(
  api: GraphApi,
  people: GraphPeople,
  state: TeamsActivityState,
  context: Context,
): AsyncGenerator<ConnectorMessage> {
  const chats: TeamsChatsState = state.chats ?? { since: null, pass: null };
  state.chats = chats;
  const users = await listUsers(api, context);
  const pass = (chats.pass ??= {
    until: new Date(context.now().getTime() - PASS_MARGIN_MS).toISOString(),
    after: null,
    next: null,
  });
  const emitted = new Set<string>();
  for (const user of users) {
    if (pass.after !== null && user <= pass.after) continue;
    let link = pass.next?.user === user ? pass.next.link : null;
    let pageNumber = 0;
    for (;;) {
      if (context.signal.aborted) return;
      const url =
        link ??
        chatMessagesUrl(api, user, { since: chats.since, until: pass.until }, context.settings.chatsModel);
      let page: GraphPage;
      try {
        page = await api.page(url, REQUEST, CHAT_PERMISSION);
      } catch (error) {
        const status = refusal(error);
        if (status !== null) return yield* refused(context, status);
        // A user deleted meanwhile, or one without Teams: nothing to read.
        if (error instanceof HttpError && error.status === 404) break;
        throw error;
      }
      pageNumber++;
      const file = `users/${user}/chats/getAllMessages page ${pageNumber}`;
      for (const [index, raw] of page.value.entries()) {
        yield* chatMessage(raw, user, people, emitted, { file, line: index + 1 });
      }
      if (context.signal.aborted) return;
      link = page.nextLink;
      if (link === null) {
        pass.after = user;
        pass.next = null;
      } else {
        pass.next = { user, link };
      }
      yield { kind: 'checkpoint', stream: 'activity', state: null };
      if (link === null) break;
    }
  }
  // The pass is complete: the next one reads what changed from its upper bound on.
  chats.since = pass.until;
  chats.pass = null;
  yield { kind: 'checkpoint', stream: 'activity', state: null };
}

/** One message of `user`'s listing: mapped when `user` wrote it, with its chat's group the first time. */
async function* chatMessage(
  raw: unknown,
  user: string,
  people: GraphPeople,
  emitted: Set<string>,
  location: { file: string; line: number },
): AsyncGenerator<ConnectorMessage> {
  const message = (raw ?? {}) as Record<string, unknown>;
  const from = message['from'] as { user?: { id?: unknown } } | null | undefined;
  const author = typeof from?.user?.id === 'string' ? from.user.id.trim().toLowerCase() : null;
  if (author !== user) return;
  const chatId = typeof message['chatId'] === 'string' ? message['chatId'].trim() : '';
  if (chatId === '') {
    const id = typeof message['id'] === 'string' ? message['id'] : undefined;
    return yield {
      kind: 'invalid',
      problem: {
        location: { ...location, field: 'chatId', ...(id ? { recordId: id } : {}) },
        reason: 'chatId: missing, the message names no chat',
      },
    };
  }
  const keys = new Map<string, string>();
  for (const id of userIdsOf(raw, false)) keys.set(id, await people.key(id));
  const mapped = mapTeamsMessage(raw, {
    channelId: chatId,
    conversation: 'chat',
    root: null,
    hasReplies: false,
    keyOf: (id) => keys.get(id) as string,
    location,
  });
  if (!emitted.has(chatId) && mapped.messages.some((m) => m.kind === 'activity')) {
    if (emitted.size >= MAX_CHATS_REMEMBERED) emitted.clear();
    emitted.add(chatId);
    yield { kind: 'group', record: chatGroup(chatId) };
  }
  yield* mapped.messages;
}

/** The tenant's users' object ids (lower-cased, sorted: the order of a pass). */
async function listUsers(api: GraphApi, context: Context): Promise<string[]> {
  const max = context.settings.maxChatUsers;
  const listed = await api.list(api.url('/users?$select=id&$top=999'), 'GET /users', 'User.Read.All', max);
  if (listed.truncated)
    context.log.warn(`more than ${max} users: the chats of the first ${max} are read (maxChatUsers)`);
  const ids = new Set<string>();
  for (const item of listed.items) {
    const id = (item as { id?: unknown } | null)?.id;
    if (typeof id === 'string' && id.trim() !== '') ids.add(id.trim().toLowerCase());
  }
  return [...ids].sort();
}

/** 403 or 402, also behind the error GraphApi makes of it (its cause), or null. */
function refusal(error: unknown): 402 | 403 | null {
  const cause = error instanceof Error ? error.cause : undefined;
  const status = error instanceof HttpError ? error.status : cause instanceof HttpError ? cause.status : null;
  return status === 402 || status === 403 ? status : null;
}

function* refused(context: Context, status: 402 | 403): Generator<ConnectorMessage> {
  context.log.warn(`Microsoft Graph refused the chats (${status}): chats not read`);
  yield {
    kind: 'warning',
    warning: status === 403 ? CHATS_FORBIDDEN : CHATS_PAYMENT(context.settings.chatsModel),
  };
}

export const CHATS_FORBIDDEN: RunWarning = {
  code: 'ms-teams.chats-permission-missing',
  message:
    'Microsoft Graph denied the chats (GET /users/{id}/chats/getAllMessages): the app registration is missing ' +
    'the application permission Chat.Read.All (with admin consent, and Microsoft’s approval of protected ' +
    'Teams APIs). Channel messages were read; chats were not.',
  count: 1,
};

const CHATS_PAYMENT = (model: string): RunWarning => ({
  code: 'ms-teams.chats-payment-required',
  message:
    `Microsoft Graph refused the chats with 402 Payment Required for payment model "${model}" ` +
    '(chatsModel): set up billing of metered Microsoft 365 APIs for the app, or choose another model. ' +
    'Channel messages were read; chats were not.',
  count: 1,
});
