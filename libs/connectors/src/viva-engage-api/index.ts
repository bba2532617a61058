import { defineConnector, InputError, type ConnectorMessage, type ReadContext } from '@uptake/connector-sdk';
import { z } from 'zod';
import { feedStateJson, idBelow, resumeFeedState, type FeedState } from './feed-state';
import { YammerApi, YammerAuthError } from './yammer-api';
import { groupRecord, listGroups } from './yammer-groups';
import { isRecord, mapYammerMessage, parseYammerTime, type MessageIndex } from './yammer-message';
import { isYammerId, YammerPeople } from './yammer-people';
import { testVivaEngageApiConnection } from './connection-test';

const yammerId = z.string().regex(/^[1-9]\d{0,19}$/, 'must be a Yammer group id (digits)');

const vivaEngageApiSettings = z.strictObject({
  baseUrl: z.url().default('https://www.yammer.com/api/v1').describe('The Yammer REST API v1'),
  /** Read these groups' feeds (private ones included, when the token's user is a member); absent: /messages.json. */
  groups: z
    .array(yammerId)
    .min(1)
    .max(500)
    .optional()
    .describe('Community ids whose feeds are read; absent: every public message of the network'),
  lookbackDays: z
    .number()
    .int()
    .min(1)
    .max(3_650)
    .default(90)
    .describe('How far back the first read goes; later reads continue from the newest message read'),
  maxPagesPerRun: z
    .number()
    .int()
    .min(1)
    .max(10_000)
    .default(500)
    .describe('Message pages (20 messages) one run reads; the next run continues where it stopped'),
});
export type VivaEngageApiSettings = z.infer<typeof vivaEngageApiSettings>;

const vivaEngageApiCredentials = z.strictObject({
  token: z
    .string()
    .trim()
    .regex(/^\S{8,}$/, 'must be a Yammer developer token or an Entra ID access token for the Yammer API'),
});
export type VivaEngageApiCredentials = z.infer<typeof vivaEngageApiCredentials>;

/** Messages per page: the API's maximum for messages.json and messages/in_group. */
const PAGE_SIZE = 20;
/** Messages remembered (sender, type) to aim replies and spot answers; older entries are forgotten first. */
const MAX_INDEXED_MESSAGES = 50_000;

type Context = ReadContext<VivaEngageApiSettings, VivaEngageApiCredentials>;

/**
 * Viva Engage (Yammer) through its REST API v1: communities and their members (/groups.json,
 * /users/in_group/{id}.json) as groups, and messages (/messages.json, or /messages/in_group/{id}.json per
 * chosen community) with their likes, mentions, announcements and Q&A (see yammer-message.ts). What the
 * network data export lacks: likes, mentions and community membership.
 *
 * Each read continues per feed from the newest message read (see FeedState); the first goes back
 * `lookbackDays`. Replies are in the feed with everything else (not `threaded`), so a late reply to an old
 * conversation is read by the next run like any new message.
 */
export const vivaEngageApiConnector = defineConnector({
  type: 'viva-engage-api',
  title: 'Viva Engage (Yammer REST API)',
  input: 'api',
  settingsSchema: vivaEngageApiSettings,
  credentialsSchema: vivaEngageApiCredentials,
  streams: ['groups', 'activity'],
  // Yammer allows 10 message requests in 30 seconds per user and app; 429s beyond are retried after Retry-After.
  requestsPerMinute: 20,
  testConnection: testVivaEngageApiConnection,
  async *read(context): AsyncGenerator<ConnectorMessage> {
    const state = resumeFeedState(context.state.activity);
    const api = new YammerApi(
      context.http,
      context.settings.baseUrl,
      context.credentials.token,
      context.signal,
    );
    try {
      yield* readNetwork(api, state, context);
    } catch (error) {
      // No retry can fix a token Yammer refuses: the run fails at once, saying so.
      if (error instanceof YammerAuthError) throw new InputError(error.message, { cause: error });
      throw error;
    }
  },
});

async function* readNetwork(
  api: YammerApi,
  state: FeedState,
  context: Context,
): AsyncGenerator<ConnectorMessage> {
  const people = new YammerPeople(api);
  const groups = await listGroups(api, context.settings.groups);
  for (const group of groups) {
    if (context.signal.aborted) return;
    yield* await groupRecord(api, group, people);
  }
  yield { kind: 'checkpoint', stream: 'groups', state: { groups: groups.length } };

  const feeds = context.settings.groups?.map((id) => ({
    name: `group:${id}`,
    path: `messages/in_group/${id}.json`,
  })) ?? [{ name: 'all', path: 'messages.json' }];
  const budget = { pages: context.settings.maxPagesPerRun, read: 0 };
  const index = new Index();
  for (const feed of feeds) {
    if (context.signal.aborted || budget.pages === 0) break;
    yield* readFeed(api, feed, { state, people, index, budget, context });
  }
  const unfinished = Object.keys(state.passes).length + feeds.filter((f) => !(f.name in state.feeds)).length;
  if (budget.pages === 0 && unfinished > 0) {
    yield {
      kind: 'warning',
      warning: {
        code: 'viva-engage.page-bound-reached',
        message: `The run read its ${context.settings.maxPagesPerRun} pages (maxPagesPerRun); the next run continues where it stopped.`,
        count: 1,
      },
    };
  }
}

interface FeedRead {
  state: FeedState;
  people: YammerPeople;
  index: Index;
  budget: { pages: number; read: number };
  context: Context;
}

interface MessagesPage {
  messages?: unknown;
  references?: unknown;
  meta?: { older_available?: unknown };
}

/** One feed, newest first with `older_than`, down to the last message read before or the lookback bound. */
async function* readFeed(
  api: YammerApi,
  feed: { name: string; path: string },
  { state, people, index, budget, context }: FeedRead,
): AsyncGenerator<ConnectorMessage> {
  const done = state.feeds[feed.name];
  const since = context.now().getTime() - context.settings.lookbackDays * 86_400_000;
  let pass = state.passes[feed.name];
  let line = 0;
  while (budget.pages > 0) {
    const page = await api.get<MessagesPage>(feed.path, { older_than: pass?.before, limit: PAGE_SIZE });
    budget.pages--;
    if (page === null) {
      context.log.warn(`${feed.path} answered 404: the community is gone or not visible to the token`);
      return;
    }
    const messages = Array.isArray(page.messages) ? page.messages : [];
    index.learn(page.references, people);
    index.learn(messages, people);
    let finished = messages.length === 0 || page.meta?.older_available === false;
    let paged = false;
    for (const message of messages) {
      if (context.signal.aborted) return;
      const id = isRecord(message) && isYammerId(message['id']) ? String(message['id']) : null;
      if (id !== null && done !== undefined && !idBelow(done, id)) {
        finished = true; // read by an earlier run: everything below is too
        continue;
      }
      const createdAt = isRecord(message) ? parseYammerTime(message['created_at']) : null;
      if (done === undefined && createdAt !== null && createdAt.getTime() < since) {
        finished = true;
        continue;
      }
      yield* await mapYammerMessage(message, { people, index, location: { file: feed.path, line: ++line } });
      if (id === null) continue;
      paged = true;
      if (!pass) pass = { top: id, before: id };
      if (idBelow(pass.top, id)) pass.top = id;
      if (idBelow(id, pass.before)) pass.before = id;
    }
    // A page whose messages carry no id cannot be paged below: the pass ends there.
    if (!paged && messages.length > 0) finished = true;
    if (finished) {
      if (pass) state.feeds[feed.name] = pass.top;
      delete state.passes[feed.name];
    } else if (pass) {
      state.passes[feed.name] = pass;
    }
    yield { kind: 'checkpoint', stream: 'activity', state: feedStateJson(state) };
    context.progress(++budget.read, null);
    if (finished || context.signal.aborted) return;
  }
}

/** Sender and type of the messages seen in pages and references, to aim replies and recognise answers. */
class Index implements MessageIndex {
  private readonly messages = new Map<number, { sender: number | null; type: string | null }>();

  learn(items: unknown, people: YammerPeople): void {
    if (!Array.isArray(items)) return;
    for (const item of items) {
      if (!isRecord(item)) continue;
      if (item['type'] === 'user') people.add(item);
      if (item['type'] !== undefined && item['type'] !== 'message') continue;
      if (!isYammerId(item['id'])) continue;
      const sender =
        item['sender_type'] === 'user' && isYammerId(item['sender_id']) ? item['sender_id'] : null;
      const type = typeof item['message_type'] === 'string' ? item['message_type'] : null;
      this.messages.delete(item['id']);
      this.messages.set(item['id'], { sender, type });
      if (this.messages.size > MAX_INDEXED_MESSAGES)
        this.messages.delete(this.messages.keys().next().value as number);
    }
  }

  senderOf(id: number): number | null | undefined {
    return this.messages.get(id)?.sender;
  }

  typeOf(id: number): string | null {
    return this.messages.get(id)?.type ?? null;
  }
}
