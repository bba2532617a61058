import { readCheckpoint, type JsonValue } from '@uptake/connector-sdk';
import { z } from 'zod';
import { isSlackTs } from '../shared/slack';

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

const slackTs = z.string().refine(isSlackTs, 'not a Slack timestamp (seconds.microseconds)');
const historyCheckpoint = z.object({
  channels: z.record(z.string(), slackTs).optional(),
  passes: z.record(z.string(), z.object({ latest: slackTs, before: slackTs })).optional(),
});

/** The stored checkpoint of the activity stream; a CheckpointError when any part of it is not one this wrote. */
export function resumeHistoryState(state: JsonValue | undefined): HistoryState {
  return readHistoryState(readCheckpoint('slack-api', 'activity', historyCheckpoint, state));
}

/** The state of a checkpoint, keeping what it understands (for checkpoints this read yielded itself). */
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
