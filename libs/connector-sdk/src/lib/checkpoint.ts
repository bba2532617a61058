import { z } from 'zod';
import { InputError } from './connector';
import type { JsonValue, StreamName } from './records';

/**
 * A stored checkpoint a connector cannot resume from: written in another shape (a bug, a hand edit, a
 * version whose checkpoints were not migrated). Retrying cannot help and reading from the start without
 * saying so would hide the fault (and re-read a whole history), so the run fails with what is wrong.
 */
export class CheckpointError extends InputError {
  constructor(
    readonly connectorType: string,
    readonly stream: StreamName,
    readonly issues: readonly string[],
  ) {
    super(
      `${connectorType} connector: the stored checkpoint of the ${stream} stream is not one it wrote ` +
        `(${issues.join('; ')}); clear the source's checkpoint to read it from the start`,
    );
    this.name = 'CheckpointError';
  }
}

/** Issues kept in the message: a checkpoint of the wrong shape may fail on every key it has. */
const MAX_ISSUES = 5;

/**
 * The checkpoint of `stream`, parsed with the connector's `schema`; null when there is none (a first read).
 * Throws a CheckpointError naming the connector, the stream and each wrong field.
 */
export function readCheckpoint<T>(
  connectorType: string,
  stream: StreamName,
  schema: z.ZodType<T>,
  state: JsonValue | undefined,
): T | null {
  if (state === undefined || state === null) return null;
  const parsed = schema.safeParse(state);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map(
    (issue) => `${[stream, ...issue.path.map(String)].join('.')}: ${issue.message}`,
  );
  throw new CheckpointError(connectorType, stream, issues.slice(0, MAX_ISSUES));
}

/** Checkpoint of a connector that reads a file row by row: every row starting up to `line` has been yielded. */
export interface LineCheckpoint {
  line: number;
}

const lineCheckpointSchema = z.object({ line: z.number().int().nonnegative() });

/** The line a resumed read of a file starts after: 0 without a checkpoint; a CheckpointError for a bad one. */
export function resumeLine(connectorType: string, stream: StreamName, state: JsonValue | undefined): number {
  return readCheckpoint(connectorType, stream, lineCheckpointSchema, state)?.line ?? 0;
}
