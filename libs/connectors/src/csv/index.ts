import { defineConnector, type ConnectorMessage, type InputFile } from '@uptake/connector-sdk';
import { extname } from 'node:path';
import { z } from 'zod';
import {
  ACTIVITY_FIELDS,
  REQUIRED_ACTIVITY_FIELDS,
  typeMappingSchema,
  type ActivityField,
} from './activity-row';
import { activityMessages, resumeLine } from './activity-stream';
import { columnMappingSchema, delimiterSchema, readCsvTable, type SourceRow } from './csv-table';
import { readJsonArrayRows, readNdjsonRows } from './json-rows';

const csvActivitySettings = z.strictObject({
  /** Documented field name -> the column (CSV) or key (NDJSON/JSON) holding it in the file. */
  columns: columnMappingSchema(ACTIVITY_FIELDS).optional(),
  delimiter: delimiterSchema,
  /** The source's activity names -> Uptake's, e.g. {"comment": "reply", "like": "reaction"}. */
  typeMapping: typeMappingSchema.optional(),
  // No default time zone on purpose: occurred_at must carry its offset (Z or ±hh:mm).
});
export type CsvActivitySettings = z.infer<typeof csvActivitySettings>;

export const CSV_ACTIVITY_FILE_EXTENSIONS = ['.csv', '.ndjson', '.jsonl', '.json'] as const;

/** Rows between checkpoints. */
const CHECKPOINT_EVERY = 1_000;

/**
 * Builds the generic activity import. Only tests pass a smaller `checkpointEvery`, to exercise resume
 * on small fixtures; everything else uses `csvActivityConnector`.
 */
export function createCsvActivityConnector(options: { checkpointEvery?: number } = {}) {
  const checkpointEvery = options.checkpointEvery ?? CHECKPOINT_EVERY;
  return defineConnector({
    type: 'csv',
    title: 'Activity file (CSV, NDJSON or JSON)',
    input: 'file',
    fileExtensions: CSV_ACTIVITY_FILE_EXTENSIONS,
    settingsSchema: csvActivitySettings,
    credentialsSchema: z.strictObject({}),
    streams: ['groups', 'activity'],
    async *read(context): AsyncGenerator<ConnectorMessage> {
      const file = context.file;
      if (!file) throw new Error('the csv connector reads an uploaded file, and none was given');
      yield* activityMessages({
        file,
        rows: activityRows(file, context.settings),
        resumeAfterLine: resumeLine(context.state.activity),
        checkpointEvery,
        typeMapping: context.settings.typeMapping,
        signal: context.signal,
        progress: (done, total) => context.progress(done, total),
      });
    },
  });
}

/**
 * Generic activity import: one row per interaction in the documented format (see ACTIVITY_FIELDS), as CSV
 * (streamed, header row, mapped with settings.columns), NDJSON / JSON Lines (streamed) or a JSON array
 * (up to 20 MB). occurred_at must be ISO 8601 with an offset.
 */
export const csvActivityConnector = createCsvActivityConnector();

function activityRows(
  file: InputFile,
  settings: CsvActivitySettings,
): AsyncIterable<SourceRow<ActivityField>> {
  const extension = extname(file.name).toLowerCase();
  const fields = ACTIVITY_FIELDS;
  switch (extension) {
    case '.csv':
      return readCsvTable({
        file,
        fields,
        required: REQUIRED_ACTIVITY_FIELDS,
        columns: settings.columns,
        delimiter: settings.delimiter,
      });
    case '.ndjson':
    case '.jsonl':
      return readNdjsonRows({ file, fields, columns: settings.columns });
    case '.json':
      return readJsonArrayRows({ file, fields, columns: settings.columns });
    default:
      throw new Error(
        `${file.name}: the csv connector reads ${CSV_ACTIVITY_FILE_EXTENSIONS.join(', ')} files, not '${extension}'`,
      );
  }
}
