import { readCheckpoint, type JsonValue } from '@uptake/connector-sdk';
import { z } from 'zod';

/**
 * Checkpoint of the activity stream, per feed (`all` for /messages.json, `group:<id>` for a group's feed).
 *
 * A feed pages from the newest message backwards (`older_than`), so the newest id read is known after the
 * first page but a pass is only complete at its bottom. A pass reads the ids (done, top]: after each page
 * everything in [before, top] is read. A resumed read continues below `before`; a finished pass moves `done`
 * up to `top`, and the next read stops as soon as it reaches `done` again. Ids are decimal strings (Yammer
 * ids are 64-bit; compared as BigInt).
 */
export interface FeedState {
  /** Feed -> every message up to this id is read. */
  feeds: Record<string, string>;
  /** Feed -> the pass under way: the newest id it read, and the oldest. */
  passes: Record<string, { top: string; before: string }>;
}

const messageId = z.string().regex(/^[1-9]\d{0,19}$/, 'not a Yammer message id (decimal digits)');
const feedCheckpoint = z.object({
  feeds: z.record(z.string(), messageId).optional(),
  passes: z.record(z.string(), z.object({ top: messageId, before: messageId })).optional(),
});

/** The stored checkpoint; a CheckpointError naming the field when it is not one this connector wrote. */
export function resumeFeedState(state: JsonValue | undefined): FeedState {
  const parsed = readCheckpoint('viva-engage-api', 'activity', feedCheckpoint, state);
  return { feeds: { ...parsed?.feeds }, passes: structuredClone(parsed?.passes ?? {}) };
}

/** A JSON copy, so later changes to the live state do not alter checkpoints already yielded. */
export function feedStateJson(state: FeedState): JsonValue {
  return { feeds: { ...state.feeds }, passes: structuredClone(state.passes) };
}

/** a < b for decimal id strings. */
export function idBelow(a: string, b: string): boolean {
  return BigInt(a) < BigInt(b);
}
