import type { ActivityRecord, ConnectorMessage, RecordLocation } from '@uptake/connector-sdk';
import type { RunWarning } from '@uptake/contracts';

/** Reactions and mentions read per message (Graph lists each reacting person; a bound like every list). */
export const MAX_REACTIONS_PER_MESSAGE = 1_000;
export const MAX_MENTIONS_PER_MESSAGE = 200;

/**
 * What each Graph `messageType` is (chatMessage resource, v1.0): `message` is what a person or an app
 * wrote; `systemEventMessage` (members added, channel renamed, …), `chatEvent` and `typing` are events,
 * not activity. Any other value (`unknownFutureValue`, types added later) is never guessed at: the message
 * is skipped and the run warns, naming the type.
 */
const MESSAGE_TYPES: Record<string, 'written' | 'event'> = {
  message: 'written',
  systemEventMessage: 'event',
  chatEvent: 'event',
  typing: 'event',
};

export interface TeamsMessageContext {
  /** The container of the activity: the channel's id, or the chat's (`chatId`) for a chat message. */
  channelId: string;
  /**
   * `chat` for a message of a 1:1, group or meeting chat: a private conversation, not a community post.
   * Every activity of it is a `chat` outside threads and aimed at no one, and its mentions are not kept
   * (who talks privately with whom is not kept), as for Slack's direct messages. Default `channel`.
   */
  conversation?: 'channel' | 'chat';
  /** For a reply: its thread root's id and author (identity key; null when an app or deleted). */
  root: { id: string; author: string | null } | null;
  /** A root with replies starts a thread (as in Slack: a post nobody answered is no thread). */
  hasReplies: boolean;
  /** Identity key of an Entra object id (resolved before mapping: see userIdsOf). */
  keyOf: (objectId: string) => string;
  location: RecordLocation;
}

export interface MappedMessage {
  messages: ConnectorMessage[];
  /** The message's id when it could be read (its replies are read under it). */
  id: string | null;
  /** The author's identity key: null for an app's message, a deleted or unreadable one. */
  author: string | null;
  deleted: boolean;
}

type Json = Record<string, unknown>;

function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function objectId(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value.trim().toLowerCase() : null;
}

/** `identitySet.user.id` of a from / reaction user / mentioned entity. */
function userOf(identitySet: unknown): string | null {
  return isRecord(identitySet) && isRecord(identitySet['user']) ? objectId(identitySet['user']['id']) : null;
}

function isApplication(identitySet: unknown): boolean {
  return isRecord(identitySet) && isRecord(identitySet['application']);
}

/**
 * Every Entra object id a message names (author, reacting people, mentioned people unless `mentions` is
 * false: a chat's mentions are not kept), to resolve first.
 */
export function userIdsOf(raw: unknown, mentions = true): string[] {
  if (!isRecord(raw)) return [];
  const ids = new Set<string>();
  const add = (id: string | null) => id !== null && ids.add(id);
  add(userOf(raw['from']));
  const reactions = Array.isArray(raw['reactions'])
    ? raw['reactions'].slice(0, MAX_REACTIONS_PER_MESSAGE)
    : [];
  for (const reaction of reactions) add(isRecord(reaction) ? userOf(reaction['user']) : null);
  const mentioned =
    mentions && Array.isArray(raw['mentions']) ? raw['mentions'].slice(0, MAX_MENTIONS_PER_MESSAGE) : [];
  for (const mention of mentioned) add(isRecord(mention) ? userOf(mention['mentioned']) : null);
  return [...ids];
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/**
 * The length of a message body's text: for `contentType: html` (what Teams sends) the tags are stripped
 * (mention `<at>` tags keep their text, `<attachment>` placeholders count nothing) and character entities
 * decoded, so a message is as long as what its reader sees. UTF-16 units, like the other connectors.
 */
export function contentLength(body: unknown): number {
  if (!isRecord(body) || typeof body['content'] !== 'string') return 0;
  const content = body['content'];
  if (body['contentType'] !== 'html') return content.length;
  return content.replace(/<[^>]*>/g, '').replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (entity, name: string) => {
    if (name[0] !== '#') return ENTITIES[name.toLowerCase()] ?? entity;
    const code =
      name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : entity;
  }).length;
}

/** A Graph DateTimeOffset (`2024-03-04T09:15:00.123Z`), or null when it is not one. */
export function graphTime(value: unknown): Date | null {
  if (
    typeof value !== 'string' ||
    !/^\d{4,}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(value)
  ) {
    return null;
  }
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

/**
 * Maps one channel message or reply (Graph chatMessage) to activities:
 * - written by a person (`from.user.id`) -> 'post' (a root) or 'reply' (target = the root's author);
 * - each distinct person mentioned (`mentions[].mentioned.user.id`) -> 'mention' (target = that person);
 *   mentions of a team, channel or app are not people;
 * - each reaction by a person (`reactions[].user.user.id`) -> 'reaction' (target = the message's author,
 *   at the reaction's own `createdDateTime`);
 * - written by an app (`from.application`, bots, connectors, workflows) -> not activity, people's
 *   reactions to it are (without target), and the run warns;
 * - deleted (`deletedDateTime` set: Graph keeps the message without body) -> nothing (see MappedMessage.deleted);
 * - edited (`lastEditedDateTime`) -> the same ids as the original: re-reading stores nothing new;
 * - system events and unknown types as MESSAGE_TYPES says;
 * - in a chat (`conversation: 'chat'`) the message and each reaction are `chat` activities, without thread,
 *   target or mentions.
 * The text is only measured (contentLength), never kept.
 */
export function mapTeamsMessage(raw: unknown, context: TeamsMessageContext): MappedMessage {
  const skipped = (
    messages: ConnectorMessage[] = [],
    deleted = false,
    id: string | null = null,
  ): MappedMessage => ({
    messages,
    id,
    author: null,
    deleted,
  });
  const invalid = (field: string | undefined, reason: string, recordId?: string) =>
    skipped([{ kind: 'invalid', problem: { location: locate(context, field, recordId), reason } }]);
  if (!isRecord(raw)) return invalid(undefined, 'message is not a JSON object');
  const id = typeof raw['id'] === 'string' && raw['id'].trim() !== '' ? raw['id'].trim() : null;
  if (id === null) return invalid('id', 'id: missing, the message has no id');
  const type = raw['messageType'];
  const kind = typeof type === 'string' ? MESSAGE_TYPES[type] : undefined;
  if (kind === undefined) return skipped([{ kind: 'warning', warning: unknownType(type) }]);
  if (kind === 'event') return skipped();
  if (raw['deletedDateTime'] !== null && raw['deletedDateTime'] !== undefined) return skipped([], true, id);
  const occurredAt = graphTime(raw['createdDateTime']);
  if (occurredAt === null) {
    return invalid(
      'createdDateTime',
      `createdDateTime: ${JSON.stringify(raw['createdDateTime'])} is not a date-time`,
      id,
    );
  }
  const message = new TeamsMessage(raw, id, occurredAt, context);
  const authorId = userOf(raw['from']);
  if (authorId === null) {
    if (!isApplication(raw['from']))
      return invalid('from.user.id', 'from.user.id: missing, the message has no author', id);
    return {
      messages: [{ kind: 'warning', warning: APP_MESSAGES }, ...message.reactions(null)],
      id,
      author: null,
      deleted: false,
    };
  }
  const author = context.keyOf(authorId);
  return { messages: message.written(author), id, author, deleted: false };
}

class TeamsMessage {
  readonly externalId: string;
  readonly threadExternalId: string | null;

  constructor(
    private readonly raw: Json,
    private readonly id: string,
    private readonly occurredAt: Date,
    private readonly context: TeamsMessageContext,
  ) {
    this.externalId = `${context.channelId}:${id}`;
    const { root, hasReplies, channelId } = context;
    this.threadExternalId = root ? `${channelId}:${root.id}` : hasReplies ? this.externalId : null;
  }

  private activity(
    actor: string,
    fields: Partial<ActivityRecord> & Pick<ActivityRecord, 'externalId' | 'type'>,
  ): ConnectorMessage {
    return {
      kind: 'activity',
      location: locate(this.context, undefined, this.id),
      record: {
        occurredAt: this.occurredAt,
        actorExternalId: actor,
        groupExternalId: this.context.channelId,
        threadExternalId: this.threadExternalId,
        targetExternalId: null,
        contentLength: null,
        count: 1,
        ...fields,
        ...(this.context.conversation === 'chat'
          ? { type: 'chat' as const, threadExternalId: null, targetExternalId: null }
          : {}),
      },
    };
  }

  written(author: string): ConnectorMessage[] {
    const { root, keyOf } = this.context;
    const mentioned = new Set<string>();
    const mentions =
      this.context.conversation !== 'chat' && Array.isArray(this.raw['mentions']) ? this.raw['mentions'] : [];
    for (const mention of mentions.slice(0, MAX_MENTIONS_PER_MESSAGE)) {
      const user = isRecord(mention) ? userOf(mention['mentioned']) : null;
      if (user !== null) mentioned.add(user);
    }
    return [
      this.activity(author, {
        externalId: this.externalId,
        type: root ? 'reply' : 'post',
        targetExternalId: root?.author ?? null,
        contentLength: contentLength(this.raw['body']),
      }),
      ...[...mentioned].map((user) =>
        this.activity(author, {
          externalId: `${this.externalId}:mention:${user}`,
          type: 'mention',
          targetExternalId: keyOf(user),
        }),
      ),
      ...this.reactions(author),
    ];
  }

  /** One reaction per person and reaction type; an app's reaction is no one's activity. */
  reactions(author: string | null): ConnectorMessage[] {
    const list = this.raw['reactions'];
    if (list === undefined || list === null) return [];
    if (!Array.isArray(list)) return [this.problem('reactions', 'reactions is not a list')];
    const out: ConnectorMessage[] = [];
    if (list.length > MAX_REACTIONS_PER_MESSAGE)
      out.push({ kind: 'warning', warning: REACTIONS_CUT(list.length - MAX_REACTIONS_PER_MESSAGE) });
    const seen = new Set<string>();
    list.slice(0, MAX_REACTIONS_PER_MESSAGE).forEach((reaction, index) => {
      const field = `reactions.${index}`;
      if (
        !isRecord(reaction) ||
        typeof reaction['reactionType'] !== 'string' ||
        reaction['reactionType'] === ''
      ) {
        out.push(this.problem(`${field}.reactionType`, `${field}.reactionType: missing`));
        return;
      }
      const user = userOf(reaction['user']);
      if (user === null) {
        if (!isApplication(reaction['user']))
          out.push(
            this.problem(
              `${field}.user.user.id`,
              `${field}.user.user.id: missing, the reaction has no person`,
            ),
          );
        return;
      }
      const externalId = `${this.externalId}:reaction:${reaction['reactionType']}:${user}`;
      if (seen.has(externalId)) return;
      seen.add(externalId);
      const at = graphTime(reaction['createdDateTime']);
      out.push(
        this.activity(this.context.keyOf(user), {
          externalId,
          type: 'reaction',
          targetExternalId: author,
          ...(at ? { occurredAt: at } : {}),
        }),
      );
    });
    return out;
  }

  private problem(field: string, reason: string): ConnectorMessage {
    return { kind: 'invalid', problem: { location: locate(this.context, field, this.id), reason } };
  }
}

function locate(context: TeamsMessageContext, field: string | undefined, recordId?: string): RecordLocation {
  return {
    ...context.location,
    ...(field === undefined ? {} : { field }),
    ...(recordId === undefined ? {} : { recordId }),
  };
}

/** A message type label safe to put in a warning code: letters and digits only, at most 40. */
export function typeLabel(type: unknown): string {
  const label = typeof type === 'string' ? type.replace(/[^A-Za-z0-9]/g, '').slice(0, 40) : '';
  return label === '' ? 'missing' : label;
}

function unknownType(type: unknown): RunWarning {
  const label = typeLabel(type);
  return {
    code: `ms-teams.unknown-message-type.${label}`,
    message: `Messages of messageType "${label}" are not in the connector's table of message types: skipped.`,
    count: 1,
  };
}

const APP_MESSAGES: RunWarning = {
  code: 'ms-teams.app-messages',
  message:
    'Messages posted by apps (bots, connectors, workflows: from.application) are not anyone’s activity and ' +
    'are not stored; people’s reactions to them are.',
  count: 1,
};

const REACTIONS_CUT = (count: number): RunWarning => ({
  code: 'ms-teams.reactions-cut',
  message: `Reactions beyond ${MAX_REACTIONS_PER_MESSAGE} on one message are not read.`,
  count,
});

/** A thread root deleted (`deletedDateTime`) while its replies remain: they keep their thread. */
export const DELETED_THREAD_ROOT: RunWarning = {
  code: 'ms-teams.deleted-thread-root',
  message:
    'Threads whose first message was deleted: their replies are kept and counted in thread figures, ' +
    'without a thread author (so only in figures for the whole organisation).',
  count: 1,
};
