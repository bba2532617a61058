import { graphUserKey, OBJECT_ID_KEY_PREFIX, type GraphIdentity } from '../shared/ms-graph/graph-people';
import { userIdsOf } from '../ms-teams/teams-message';

/** Thread roots indexed (author, replies, deletion): a few dozen bytes each. */
export const MAX_INDEXED_ROOTS = 2_000_000;
/** Channels and chats stored as groups. */
export const MAX_CONTAINERS = 200_000;
/** Users of users.json kept (object id -> identity key). */
export const MAX_USERS = 1_000_000;
/** Distinct people not in users.json counted (for the warning; beyond it, the count stops). */
export const MAX_UNKNOWN_PEOPLE = 100_000;

type Json = Record<string, unknown>;

function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}

/**
 * Where a Graph chatMessage of an export belongs: a chat (`chatId`) or a channel
 * (`channelIdentity.channelId`), and for a channel reply its root (`replyToId`). Null when it names neither.
 */
export function messagePlace(
  raw: unknown,
): { kind: 'chat' | 'channel'; container: string; replyTo: string | null } | null {
  if (!isRecord(raw)) return null;
  const chat = text(raw['chatId']);
  if (chat !== null) return { kind: 'chat', container: chat, replyTo: null };
  const identity = raw['channelIdentity'];
  const channel = isRecord(identity) ? text(identity['channelId']) : null;
  return channel === null ? null : { kind: 'channel', container: channel, replyTo: text(raw['replyToId']) };
}

interface Root {
  /** The root author's object id: null for an app's or an unreadable one. */
  author: string | null;
  deleted: boolean;
}

/**
 * What the second pass needs to know of the whole upload before mapping any message, gathered by the
 * first (an export lists messages in no order: a reply may come before its root, in another file): each
 * channel root's author and deletion, which roots have replies, the channels and chats, and the people
 * named that the user list does not hold. Bounded (MAX_INDEXED_ROOTS, MAX_CONTAINERS); `full` says a bound was reached.
 */
export class ExportIndex {
  private readonly roots = new Map<string, Root>();
  private readonly answered = new Set<string>();
  readonly channels = new Set<string>();
  readonly chats = new Set<string>();
  /** People named (authors, reacting, mentioned) whom the user list does not hold. */
  readonly unknownPeople = new Set<string>();
  full = false;

  constructor(private readonly people: ExportPeople) {}

  add(raw: unknown): void {
    const place = messagePlace(raw);
    if (place === null || !isRecord(raw)) return;
    const containers = place.kind === 'chat' ? this.chats : this.channels;
    if (!containers.has(place.container)) {
      if (this.channels.size + this.chats.size < MAX_CONTAINERS) containers.add(place.container);
      else this.full = true;
    }
    for (const id of userIdsOf(raw, place.kind === 'channel')) {
      if (!this.people.known(id) && this.unknownPeople.size < MAX_UNKNOWN_PEOPLE) this.unknownPeople.add(id);
    }
    const id = text(raw['id']);
    if (place.kind === 'chat' || id === null) return;
    if (this.roots.size + this.answered.size >= MAX_INDEXED_ROOTS) {
      this.full = true;
      return;
    }
    if (place.replyTo !== null) {
      this.answered.add(`${place.container}:${place.replyTo}`);
      return;
    }
    const from = raw['from'];
    const author = isRecord(from) && isRecord(from['user']) ? text(from['user']['id']) : null;
    this.roots.set(`${place.container}:${id}`, {
      author: author?.toLowerCase() ?? null,
      deleted: raw['deletedDateTime'] !== null && raw['deletedDateTime'] !== undefined,
    });
  }

  hasReplies(channel: string, id: string): boolean {
    return this.answered.has(`${channel}:${id}`);
  }

  /** The root of a reply, or undefined when the upload does not hold it. */
  root(channel: string, id: string): Root | undefined {
    return this.roots.get(`${channel}:${id}`);
  }
}

/**
 * People of an upload, keyed as the ms-teams connector keys them (lower-cased UPN, or mail): from the
 * upload's users.json (Graph user objects: what `GET /users?$select=id,userPrincipalName,mail` returns),
 * the only way an upload can join the directory and the usage reports. An object id it does not list keeps
 * `entra-object-id:{id}` (as in ms-teams: joined with nothing else).
 */
export class ExportPeople {
  private readonly keys = new Map<string, string>();
  full = false;

  constructor(private readonly identity: GraphIdentity) {}

  /** Adds one user object; false when it is not one (no id, or neither UPN nor mail). */
  add(user: unknown): boolean {
    if (!isRecord(user)) return false;
    const id = text(user['id']);
    const key = graphUserKey(user, this.identity);
    if (id === null || key === null) return false;
    if (this.keys.size >= MAX_USERS) {
      this.full = true;
      return true;
    }
    this.keys.set(id.toLowerCase(), key);
    return true;
  }

  key(objectId: string): string {
    const id = objectId.trim().toLowerCase();
    return this.keys.get(id) ?? `${OBJECT_ID_KEY_PREFIX}${id}`;
  }

  known(objectId: string): boolean {
    return this.keys.has(objectId.trim().toLowerCase());
  }
}
