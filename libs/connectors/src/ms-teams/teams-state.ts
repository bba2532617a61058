import { readCheckpoint, type JsonValue } from '@uptake/connector-sdk';
import { z } from 'zod';

/**
 * Checkpoint of the activity stream: per channel id, the Graph link to follow next — an `@odata.nextLink`
 * while a delta round is under way (a resumed read continues it), or the `@odata.deltaLink` that ended the
 * last round (the next read asks Graph only for messages added or changed since). Links are opaque (their
 * state tokens are Graph's) and are followed only on the configured Graph origin.
 */
export interface TeamsActivityState {
  links: Record<string, string>;
}

const activityCheckpoint = z.strictObject({ links: z.record(z.string().min(1), z.url()) });

export function resumeActivityState(state: JsonValue | undefined): TeamsActivityState {
  const parsed = readCheckpoint('ms-teams', 'activity', activityCheckpoint, state);
  return { links: { ...(parsed?.links ?? {}) } };
}

export function activityStateJson(state: TeamsActivityState): JsonValue {
  return { links: { ...state.links } };
}
