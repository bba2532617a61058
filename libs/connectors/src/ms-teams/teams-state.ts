import { readCheckpoint, type JsonValue } from '@uptake/connector-sdk';
import { z } from 'zod';

/**
 * Where the chats are (includeChats). Graph offers no delta query for chat messages, only a date range on
 * `lastModifiedDateTime` (`gt` and `lt`), so chats are read in passes over the tenant's users (sorted by
 * object id): a pass reads, for each user, the messages changed in [since, pass.until), and the next pass
 * starts from `until`. Constant in size whatever the tenant's size: a user id and a link, never a list.
 */
export interface TeamsChatsState {
  /** Messages changed at or before this (ISO date-time) were read by a finished pass; null: none yet. */
  since: string | null;
  /** The pass under way, null between passes. */
  pass: {
    /** Upper bound of the pass (`lastModifiedDateTime lt`): its start, a margin before. */
    until: string;
    /** The last user (object id) whose messages were all read; null before the first. */
    after: string | null;
    /** The user under way and the `@odata.nextLink` of their messages, when a page of them was read. */
    next: { user: string; link: string } | null;
  } | null;
}

/**
 * Checkpoint of the activity stream: per channel id, the Graph link to follow next — an `@odata.nextLink`
 * while a delta round is under way (a resumed read continues it), or the `@odata.deltaLink` that ended the
 * last round (the next read asks Graph only for messages added or changed since). Links are opaque (their
 * state tokens are Graph's) and are followed only on the configured Graph origin. `chats` when chats are
 * read (absent in checkpoints of earlier versions: chats start from the beginning).
 */
export interface TeamsActivityState {
  links: Record<string, string>;
  chats?: TeamsChatsState;
}

const dateTime = z.iso.datetime({ offset: true });
const activityCheckpoint = z.strictObject({
  links: z.record(z.string().min(1), z.url()),
  chats: z
    .strictObject({
      since: dateTime.nullable(),
      pass: z
        .strictObject({
          until: dateTime,
          after: z.string().min(1).nullable(),
          next: z.strictObject({ user: z.string().min(1), link: z.url() }).nullable(),
        })
        .nullable(),
    })
    .optional(),
});

export function resumeActivityState(state: JsonValue | undefined): TeamsActivityState {
  const parsed = readCheckpoint('ms-teams', 'activity', activityCheckpoint, state);
  return {
    links: { ...(parsed?.links ?? {}) },
    ...(parsed?.chats ? { chats: copyChats(parsed.chats) } : {}),
  };
}

export function activityStateJson(state: TeamsActivityState): JsonValue {
  return {
    links: { ...state.links },
    ...(state.chats ? { chats: copyChats(state.chats) as unknown as JsonValue } : {}),
  };
}

function copyChats(chats: TeamsChatsState): TeamsChatsState {
  const { pass } = chats;
  return {
    since: chats.since,
    pass: pass && { until: pass.until, after: pass.after, next: pass.next && { ...pass.next } },
  };
}
