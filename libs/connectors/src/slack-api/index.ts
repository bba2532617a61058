import { defineConnector, InputError, type ConnectorMessage, type ReadContext } from '@uptake/connector-sdk';
import { z } from 'zod';
import {
  compareSlackTs,
  dateToSlackTs,
  isSlackTs,
  mapSlackMessage,
  readSlackChannel,
  slackChannelGroup,
  slackIdentitySchema,
  SlackPeople,
  type SlackChannel,
} from '../shared/slack';
import { historyStateJson, resumeHistoryState } from './history-state';
import { SlackApiError, SlackWebApi } from './slack-web-api';
import { testSlackApiConnection } from './connection-test';

const slackApiSettings = z.strictObject({
  baseUrl: z.url().default('https://slack.com/api'),
  identity: slackIdentitySchema,
  /** Only these channels (ids, or names with or without '#'); all the token can see when absent. */
  channels: z.array(z.string().trim().min(1)).min(1).optional(),
  /** How far back the first read goes; later reads continue from the last message read. */
  lookbackDays: z.number().int().min(1).max(3_650).default(90),
});
export type SlackApiSettings = z.infer<typeof slackApiSettings>;

const slackApiCredentials = z.strictObject({
  token: z
    .string()
    .trim()
    .regex(/^xox[bp]-\S+$/, "must be a Slack bot token ('xoxb-...') or user token ('xoxp-...')"),
});
export type SlackApiCredentials = z.infer<typeof slackApiCredentials>;

/** Slack's own maximum page sizes (history and replies accept up to 999, but 200 is recommended). */
const PAGE_SIZE = 200;
/** Errors that make one channel unreadable, not the whole workspace: the channel is skipped. */
const CHANNEL_ERRORS = new Set(['not_in_channel', 'channel_not_found', 'thread_not_found', 'is_archived']);

type Context = ReadContext<SlackApiSettings, SlackApiCredentials>;

/**
 * Slack through the Web API: users.list (ids -> e-mail), conversations.list and .members (channels as
 * groups), conversations.history per channel and conversations.replies per thread. Needs the scopes
 * users:read, users:read.email, channels:read, groups:read, channels:history and groups:history.
 *
 * Each read continues per channel from the last message read (see HistoryState). Replies are fetched
 * with their thread root, so a reply added later to a thread read before is not seen by later reads.
 */
export const slackApiConnector = defineConnector({
  type: 'slack-api',
  title: 'Slack (Web API)',
  input: 'api',
  settingsSchema: slackApiSettings,
  credentialsSchema: slackApiCredentials,
  streams: ['groups', 'activity'],
  // Tier 3 methods (history, replies) allow 50+ requests a minute; 429s beyond are retried.
  requestsPerMinute: 50,
  testConnection: testSlackApiConnection,
  async *read(context): AsyncGenerator<ConnectorMessage> {
    const api = new SlackWebApi(
      context.http,
      context.settings.baseUrl,
      context.credentials.token,
      context.signal,
    );
    try {
      yield* readWorkspace(api, context);
    } catch (error) {
      if (error instanceof SlackApiError && error.isCredentialError) {
        // No retry can fix a token Slack refuses: the run fails at once, saying so.
        throw new InputError(`Slack rejected the token: ${error.message}`, { cause: error });
      }
      throw error;
    }
  },
});

async function* readWorkspace(api: SlackWebApi, context: Context): AsyncGenerator<ConnectorMessage> {
  const people = new SlackPeople(context.settings.identity);
  for await (const page of api.pages<{ members?: unknown[] }>('users.list', { limit: PAGE_SIZE })) {
    for (const user of page.members ?? []) people.add(user);
  }
  const identityWarning = people.identityWarning('users.list');
  if (identityWarning) yield { kind: 'warning', warning: identityWarning };

  const channels = await listChannels(api, context);
  for (const channel of channels) {
    if (context.signal.aborted) return;
    yield {
      kind: 'group',
      record: slackChannelGroup(channel, await channelMembers(api, channel, context), people),
    };
  }
  yield { kind: 'checkpoint', stream: 'groups', state: { channels: channels.length } };

  const state = resumeHistoryState(context.state.activity);
  const now = context.now();
  const lookbackStart = dateToSlackTs(new Date(now.getTime() - context.settings.lookbackDays * 86_400_000));
  let pagesRead = 0;
  for (const channel of channels) {
    const pass = state.passes[channel.id] ?? { latest: dateToSlackTs(now), before: dateToSlackTs(now) };
    const oldest = state.channels[channel.id] ?? lookbackStart;
    if (compareSlackTs(oldest, pass.before) >= 0) continue;
    let position = 0;
    try {
      const pages = api.pages<{ messages?: unknown[] }>('conversations.history', {
        channel: channel.id,
        oldest,
        latest: pass.before,
        inclusive: false,
        limit: PAGE_SIZE,
      });
      for await (const page of pages) {
        for (const message of page.messages ?? []) {
          if (context.signal.aborted) return;
          const location = { file: `conversations.history?channel=${channel.id}`, line: ++position };
          yield* mapSlackMessage(message, { channelId: channel.id, people, location });
          const threadTs = threadToRead(message);
          if (threadTs) yield* threadReplies(api, channel, threadTs, people, context);
          const ts = (message as { ts?: unknown }).ts;
          if (isSlackTs(ts) && compareSlackTs(ts, pass.before) < 0) pass.before = ts;
        }
        if (page.nextCursor) {
          state.passes[channel.id] = pass;
        } else {
          // The window is read to its bottom: the next read asks only for messages after `latest`.
          state.channels[channel.id] = pass.latest;
          delete state.passes[channel.id];
        }
        yield { kind: 'checkpoint', stream: 'activity', state: historyStateJson(state) };
        context.progress(++pagesRead, null);
        if (context.signal.aborted) return;
      }
    } catch (error) {
      if (!(error instanceof SlackApiError) || !CHANNEL_ERRORS.has(error.code)) throw error;
      context.log.warn(`skipping #${channel.name}: ${error.message}`);
    }
  }
}

/** The channels to read, filtered by settings.channels, in a stable order. */
async function listChannels(api: SlackWebApi, context: Context): Promise<SlackChannel[]> {
  const channels: SlackChannel[] = [];
  const pages = api.pages<{ channels?: unknown[] }>('conversations.list', {
    types: 'public_channel,private_channel',
    exclude_archived: false,
    limit: PAGE_SIZE,
  });
  for await (const page of pages) {
    for (const raw of page.channels ?? []) {
      const channel = readSlackChannel(raw, 'channel');
      if (channel) channels.push(channel);
    }
  }
  const wanted = context.settings.channels?.map((name) => name.replace(/^#/, ''));
  if (!wanted) return channels.sort((a, b) => (a.id < b.id ? -1 : 1));
  const selected = channels.filter((channel) => wanted.includes(channel.id) || wanted.includes(channel.name));
  for (const name of wanted) {
    if (!selected.some((channel) => channel.id === name || channel.name === name)) {
      context.log.warn(`channel ${name} is not visible to the token (add the app to it), or does not exist`);
    }
  }
  return selected.sort((a, b) => (a.id < b.id ? -1 : 1));
}

async function channelMembers(
  api: SlackWebApi,
  channel: SlackChannel,
  context: Context,
): Promise<string[] | null> {
  const members: string[] = [];
  try {
    const pages = api.pages<{ members?: unknown[] }>('conversations.members', {
      channel: channel.id,
      limit: PAGE_SIZE,
    });
    for await (const page of pages) {
      for (const id of page.members ?? []) if (typeof id === 'string') members.push(id);
    }
    return members;
  } catch (error) {
    if (!(error instanceof SlackApiError) || !CHANNEL_ERRORS.has(error.code)) throw error;
    context.log.warn(`members of #${channel.name} not readable: ${error.message}`);
    return null;
  }
}

/** The ts of a thread root with replies; history lists roots only, their replies come from conversations.replies. */
function threadToRead(message: unknown): string | null {
  const { ts, thread_ts, reply_count } = (message ?? {}) as Record<string, unknown>;
  if (!isSlackTs(ts) || typeof reply_count !== 'number' || reply_count <= 0) return null;
  return thread_ts === undefined || thread_ts === ts ? ts : null;
}

async function* threadReplies(
  api: SlackWebApi,
  channel: SlackChannel,
  threadTs: string,
  people: SlackPeople,
  context: Context,
): AsyncGenerator<ConnectorMessage> {
  let position = 0;
  const pages = api.pages<{ messages?: unknown[] }>('conversations.replies', {
    channel: channel.id,
    ts: threadTs,
    limit: PAGE_SIZE,
  });
  try {
    for await (const page of pages) {
      for (const reply of page.messages ?? []) {
        position++;
        const { ts, subtype } = (reply ?? {}) as Record<string, unknown>;
        // The root comes first and was read from history; broadcast replies are in history too.
        if (ts === threadTs || subtype === 'thread_broadcast') continue;
        if (context.signal.aborted) return;
        yield* mapSlackMessage(reply, {
          channelId: channel.id,
          people,
          location: { file: `conversations.replies?channel=${channel.id}&ts=${threadTs}`, line: position },
        });
      }
    }
  } catch (error) {
    // A thread deleted meanwhile loses its replies, not the rest of the channel.
    if (!(error instanceof SlackApiError) || !CHANNEL_ERRORS.has(error.code)) throw error;
    context.log.warn(`replies of a thread in #${channel.name} not readable: ${error.message}`);
  }
}
