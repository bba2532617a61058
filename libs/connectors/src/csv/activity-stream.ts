import type { ConnectorMessage, InputFile, JsonValue } from '@uptake/connector-sdk';
import { parseActivityRow, type ActivityField, type TypeMapping } from './activity-row';
import type { SourceRow } from './csv-table';
import { rowProblemReason } from './row-reader';

/** Checkpoint state of the line-based file connectors: every row up to `line` has been yielded. */
export interface LineState {
  line: number;
}

/** The line a resumed read starts after (0 when there is no usable state). */
export function resumeLine(state: JsonValue | undefined): number {
  const line = (state as Partial<LineState> | null | undefined)?.line;
  return typeof line === 'number' && Number.isInteger(line) && line > 0 ? line : 0;
}

export interface ActivityStreamOptions {
  file: InputFile;
  rows: AsyncIterable<SourceRow<ActivityField>> | Iterable<SourceRow<ActivityField>>;
  /** Rows starting on or before this line were yielded by an earlier read. */
  resumeAfterLine: number;
  checkpointEvery: number;
  typeMapping?: TypeMapping;
  /** How a field is named in reasons (default: the documented name). */
  label?: (field: ActivityField) => string;
  /** The location's field for a bad field of the row at `line` (default: the documented name). */
  locateField?: (field: ActivityField, line: number) => string;
  signal: AbortSignal;
  progress(done: number, total: number | null): void;
}

/**
 * Turns rows of the documented activity format into messages: each group once before its first
 * activity, the activity, `invalid` for a bad row (one per row, at its first bad field), and an
 * `activity` checkpoint `{ line }` every `checkpointEvery` rows and at the end.
 */
export async function* activityMessages(options: ActivityStreamOptions): AsyncGenerator<ConnectorMessage> {
  const { file, checkpointEvery } = options;
  // Bounded by the number of groups. After a resume, groups are yielded again (upserts, harmless).
  const groupsYielded = new Set<string>();
  let line = options.resumeAfterLine;
  let sinceCheckpoint = 0;
  let bytes = 0;
  for await (const row of options.rows) {
    if (options.signal.aborted) return;
    if (row.line <= options.resumeAfterLine) continue;
    line = row.line;
    bytes = row.bytes;
    if ('problem' in row) {
      yield { kind: 'invalid', problem: { location: { file: file.name, line }, reason: row.problem } };
    } else {
      const result = parseActivityRow(row.values, { typeMapping: options.typeMapping, label: options.label });
      if (result.ok) {
        if (result.group && !groupsYielded.has(result.group.externalId)) {
          groupsYielded.add(result.group.externalId);
          yield { kind: 'group', record: result.group };
        }
        yield { kind: 'activity', record: result.activity };
      } else {
        const { field, reason } = rowProblemReason(result.problems);
        const externalId = row.values.external_id;
        yield {
          kind: 'invalid',
          problem: {
            location: {
              file: file.name,
              line,
              field: options.locateField?.(field, line) ?? field,
              recordId: typeof externalId === 'string' && externalId.trim() ? externalId.trim() : undefined,
            },
            reason,
          },
        };
      }
    }
    if (++sinceCheckpoint >= checkpointEvery) {
      sinceCheckpoint = 0;
      yield checkpoint(line);
      options.progress(bytes, file.size);
    }
  }
  // A final checkpoint, also for an empty (or fully resumed) file, so the run records where it ended.
  if (sinceCheckpoint > 0 || line === options.resumeAfterLine) yield checkpoint(line);
  options.progress(file.size, file.size);
}

function checkpoint(line: number): ConnectorMessage {
  return { kind: 'checkpoint', stream: 'activity', state: { line } };
}
