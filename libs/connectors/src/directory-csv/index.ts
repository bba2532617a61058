import {
  columnMappingSchema,
  type ConnectorMessage,
  defineConnector,
  delimiterSchema,
  type InputFile,
  readCsvTable,
  rowProblemReason,
  resumeLine,
} from '@uptake/connector-sdk';
import { z } from 'zod';
import {
  DIRECTORY_FIELDS,
  OrgUnitCatalogue,
  parsePersonRow,
  REQUIRED_DIRECTORY_FIELDS,
} from './directory-row';

const directorySettings = z.strictObject({
  /** Documented column name -> the column holding it in the HR export. */
  columns: columnMappingSchema(DIRECTORY_FIELDS).optional(),
  delimiter: delimiterSchema,
});
type DirectorySettings = z.infer<typeof directorySettings>;

/** People between checkpoints. */
const CHECKPOINT_EVERY = 1_000;

/**
 * Builds the directory import. Only tests pass a smaller `checkpointEvery`, to exercise resume on small
 * fixtures; everything else uses `directoryCsvConnector`.
 */
export function createDirectoryCsvConnector(options: { checkpointEvery?: number } = {}) {
  const checkpointEvery = options.checkpointEvery ?? CHECKPOINT_EVERY;
  return defineConnector({
    type: 'directory-csv',
    title: 'Directory (HR export, CSV)',
    input: 'file',
    fileExtensions: ['.csv'],
    settingsSchema: directorySettings,
    credentialsSchema: z.strictObject({}),
    streams: ['directory'],
    async *read(context): AsyncGenerator<ConnectorMessage> {
      const file = context.file;
      if (!file) throw new Error('the directory-csv connector reads an uploaded file, and none was given');
      const state = context.state.directory;
      const resumeAfter = resumeLine('directory-csv', 'directory', state);
      const total = 2 * file.size;

      // Pass 1: org units (bounded by the number of units), yielded parents-first whatever the file order.
      const catalogue = new OrgUnitCatalogue(file.name);
      let scanned = 0;
      for await (const row of rows(file, context.settings)) {
        if (context.signal.aborted) return;
        if ('values' in row) catalogue.addRow(row.line, row.values);
        if (++scanned % checkpointEvery === 0) context.progress(row.bytes, total);
      }
      const { units, problems } = catalogue.resolve();
      for (const unit of units) yield { kind: 'orgUnit', record: unit };
      // Units are upserts and are yielded again on resume; their problems were committed with the first
      // checkpoint (any state at all comes from it or a later one), so they are not reported twice.
      const resuming = state !== undefined && state !== null;
      if (!resuming) for (const problem of problems) yield { kind: 'invalid', problem };
      yield checkpoint(resumeAfter);

      // Pass 2: people, one row at a time (memory does not grow with the number of people).
      const knownUnits = new Set(units.map((unit) => unit.externalId));
      let line = resumeAfter;
      let sinceCheckpoint = 0;
      for await (const row of rows(file, context.settings)) {
        if (context.signal.aborted) return;
        if (row.line <= resumeAfter) continue;
        line = row.line;
        if ('problem' in row) {
          yield { kind: 'invalid', problem: { location: { file: file.name, line }, reason: row.problem } };
        } else {
          const result = parsePersonRow(row.values, knownUnits);
          if (result.ok) yield { kind: 'person', record: result.person, location: { file: file.name, line } };
          else {
            const { field, reason } = rowProblemReason(result.problems);
            yield { kind: 'invalid', problem: { location: { file: file.name, line, field }, reason } };
          }
        }
        if (++sinceCheckpoint >= checkpointEvery) {
          sinceCheckpoint = 0;
          yield checkpoint(line);
          context.progress(file.size + row.bytes, total);
        }
      }
      if (sinceCheckpoint > 0) yield checkpoint(line);
      context.progress(total, total);
    },
  });
}

/**
 * HR / directory import, the denominator of adoption: one row per person (person_id, e-mail preferred)
 * with their org unit (and its parent, kind), manager, level, location, employment dates and
 * pre-merger company. Reads the file twice: org units first, then people.
 */
export const directoryCsvConnector = createDirectoryCsvConnector();

function rows(file: InputFile, settings: DirectorySettings) {
  return readCsvTable({
    file,
    fields: DIRECTORY_FIELDS,
    required: REQUIRED_DIRECTORY_FIELDS,
    columns: settings.columns,
    delimiter: settings.delimiter,
  });
}

function checkpoint(line: number): ConnectorMessage {
  return { kind: 'checkpoint', stream: 'directory', state: { line } };
}
