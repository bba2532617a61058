import {
  type ConnectorMessage,
  type FieldProblem,
  type InputFile,
  REPLACEMENT_CHARACTER,
  rowProblemReason,
  type SourceRow,
} from '@uptake/connector-sdk';
import type { RunWarning } from '@uptake/contracts';
import { parseActivityRow, type ActivityField, type TypeMapping } from './activity-row';

/** A row of documented fields, maybe with problems the column mapping found and the nested entry it is. */
type ValuesRow = Extract<SourceRow<ActivityField>, { values: unknown }> & {
  problems?: readonly FieldProblem<ActivityField>[];
  /** A nested entry (`post.replies[0]`): names the row's fields in locations and reasons. */
  entry?: string;
};

/**
 * What activityMessages reads: rows (several may share a line: one JSON object's nested entries), and rows
 * left out on purpose (`skipped`, counted in a warning).
 */
export type ActivityStreamRow =
  | ValuesRow
  | Extract<SourceRow<ActivityField>, { problem: string }>
  | { line: number; bytes: number; skipped: true };

export const ROWS_SKIPPED_CODE = 'csv.rows-skipped';

export interface ActivityStreamOptions {
  file: InputFile;
  rows: AsyncIterable<ActivityStreamRow> | Iterable<ActivityStreamRow>;
  /** Rows starting on or before this line were yielded by an earlier read. */
  resumeAfterLine: number;
  checkpointEvery: number;
  typeMapping?: TypeMapping;
  /** Zone of occurred_at values without an offset (settings.timeZone). */
  timeZone?: string;
  /** Reasons point to the csv connector's settings (settings.timeZone, the occurred_at format). */
  settingsHints?: boolean;
  /**
   * A resumed read starts with a checkpoint at where it resumes (after the input's own warnings): what the run
   * warns about rows after that (rows skipped) is then added to what the earlier attempt committed.
   */
  checkpointOnResume?: boolean;
  /**
   * Warnings about the input as a whole (columns ignored), asked for once, right before the read's first
   * checkpoint (by then the rows that describe them have been read): a resumed read yields them again and
   * they count once.
   */
  inputWarnings?: () => readonly RunWarning[];
  /** Warnings about what the whole read went through, yielded when it completes (before its last checkpoint). */
  finalWarnings?: () => readonly RunWarning[];
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
 * `activity` checkpoint `{ line }` after every `checkpointEvery` rows (at the end of a line: the rows of one
 * line are never split by a checkpoint) and at the end. Rows skipped on purpose are counted in a warning
 * yielded before the checkpoint that covers them.
 */
export async function* activityMessages(options: ActivityStreamOptions): AsyncGenerator<ConnectorMessage> {
  const { file, checkpointEvery } = options;
  // Bounded by the number of groups. After a resume, groups are yielded again (upserts, harmless).
  const groupsYielded = new Set<string>();
  let line = options.resumeAfterLine;
  let sinceCheckpoint = 0;
  let checkpointDue = false;
  let skipped = 0;
  let bytes = 0;
  let leadingCheckpoint = Boolean(options.checkpointOnResume) && options.resumeAfterLine > 0;
  let inputWarnings = options.inputWarnings;
  let checkpointed = false;
  const checkpoint = function* (): Generator<ConnectorMessage> {
    checkpointed = true;
    for (const warning of inputWarnings?.() ?? []) yield { kind: 'warning', warning };
    inputWarnings = undefined;
    if (skipped > 0) yield { kind: 'warning', warning: skippedWarning(file.name, skipped) };
    skipped = 0;
    sinceCheckpoint = 0;
    checkpointDue = false;
    yield { kind: 'checkpoint', stream: 'activity', state: { line } };
  };
  for await (const row of options.rows) {
    if (options.signal.aborted) return;
    if (leadingCheckpoint) {
      leadingCheckpoint = false;
      yield* checkpoint();
    }
    if (row.line <= options.resumeAfterLine) continue;
    if (checkpointDue && row.line !== line) {
      yield* checkpoint();
      options.progress(bytes, file.size);
    }
    line = row.line;
    bytes = row.bytes;
    if ('skipped' in row) skipped++;
    else if ('problem' in row) {
      yield { kind: 'invalid', problem: { location: { file: file.name, line }, reason: row.problem } };
    } else yield* rowMessages(row, line, options, groupsYielded);
    if (++sinceCheckpoint >= checkpointEvery) checkpointDue = true;
  }
  for (const warning of options.finalWarnings?.() ?? []) yield { kind: 'warning', warning };
  // A final checkpoint, also for an empty (or fully resumed) file, so the run records where it ended.
  if (sinceCheckpoint > 0 || !checkpointed) yield* checkpoint();
  options.progress(file.size, file.size);
}

function* rowMessages(
  row: ValuesRow,
  line: number,
  options: ActivityStreamOptions,
  groupsYielded: Set<string>,
): Generator<ConnectorMessage> {
  const { file } = options;
  const entry = row.entry;
  if (row.lossy && Object.values(row.values).some(holdsReplacement)) {
    const reason = `${entry ? `${entry}: ` : ''}the entry is not valid UTF-8; save the file as UTF-8`;
    yield { kind: 'invalid', problem: { location: { file: file.name, line }, reason } };
    return;
  }
  const label = entry ? (field: ActivityField) => `${entry} ${field}` : options.label;
  const result = parseActivityRow(row.values, {
    typeMapping: options.typeMapping,
    label,
    timeZone: options.timeZone,
    settingsHints: options.settingsHints,
    problems: row.problems,
  });
  if (result.ok) {
    // Where the row was read: a problem the pipeline finds (a date outside the window) names it.
    const location = { file: file.name, line };
    if (result.group && !groupsYielded.has(result.group.externalId)) {
      groupsYielded.add(result.group.externalId);
      yield { kind: 'group', record: result.group, location };
    }
    yield { kind: 'activity', record: result.activity, location };
    return;
  }
  const { field, reason } = rowProblemReason(result.problems);
  const externalId = row.values.external_id;
  yield {
    kind: 'invalid',
    problem: {
      location: {
        file: file.name,
        line,
        field: entry ? `${entry}.${field}` : (options.locateField?.(field, line) ?? field),
        recordId: typeof externalId === 'string' && externalId.trim() ? externalId.trim() : undefined,
      },
      reason,
    },
  };
}

function holdsReplacement(value: unknown): boolean {
  return typeof value === 'string' && value.includes(REPLACEMENT_CHARACTER);
}

function skippedWarning(file: string, count: number): RunWarning {
  return {
    code: ROWS_SKIPPED_CODE,
    file,
    count,
    message:
      'Rows skipped on purpose: their type is mapped to "skip" (settings.columns.type); they are counted ' +
      'here, not stored and not quarantined.',
  };
}
