import type { JsonValue } from '@uptake/connector-sdk';
import { isSlackTs } from '../slack';

/**
 * Checkpoint of the activity stream, per channel.
 *
 * conversations.history pages from the newest message backwards, so "the latest ts done" is only
 * known once a channel's pass is complete. A pass reads the window (done, latest]; after each page
 * everything in (before, latest] is read. A resumed read continues the window below `before`; a
 * finished pass moves `done` up to `latest`, and the next read starts there.
 */
export interface HistoryState {
  /** Channel id -> every message up to this ts is read (the next read asks for newer ones). */
  channels: Record<string, string>;
  /** Channel id -> the pass under way: its upper bound, and the oldest ts read so far. */
  passes: Record<string, { latest: string; before: string }>;
}

export function readHistoryState(state: unknown): HistoryState {
  const result: HistoryState = { channels: {}, passes: {} };
  if (typeof state !== 'object' || state === null) return result;
  const { channels, passes } = state as Partial<Record<keyof HistoryState, unknown>>;
  if (typeof channels === 'object' && channels !== null) {
    for (const [id, ts] of Object.entries(channels)) if (isSlackTs(ts)) result.channels[id] = ts;
  }
  if (typeof passes === 'object' && passes !== null) {
    for (const [id, pass] of Object.entries(
      passes as Record<string, { latest?: unknown; before?: unknown }>,
    )) {
      if (isSlackTs(pass?.latest) && isSlackTs(pass?.before)) {
        result.passes[id] = { latest: pass.latest, before: pass.before };
      }
    }
  }
  return result;
}

/** A JSON copy, so later changes to the live state do not alter checkpoints already yielded. */
export function historyStateJson(state: HistoryState): JsonValue {
  return { channels: { ...state.channels }, passes: structuredClone(state.passes) };
}
