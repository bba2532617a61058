import {
  type ConnectorMessage,
  defineConnector,
  delimiterSchema,
  type InputFile,
  resumeLine,
} from '@uptake/connector-sdk';
import { extname } from 'node:path';
import { z } from 'zod';
import { csvActivityFile, jsonActivityFile, type ActivityFile } from './activity-file';
import { typeMappingSchema } from '../shared/activity-format/activity-row';
import { activityMessages } from '../shared/activity-format/activity-stream';
import { activityColumnsSchema, nestedSchema, occurredAtPatterns, timeZoneSchema } from './mapping-schema';
import { compileMapping } from './row-mapping';

const csvActivitySettings = z
  .strictObject({
    /**
     * Documented field -> where its value is: a column (CSV) or key / dotted path (NDJSON, JSON), alternatives,
     * a constant, a composite (join, optionally hashed), and for `type` a value map or rules. See README.md.
     */
    columns: activityColumnsSchema.optional(),
    /** NDJSON / JSON: more rows from arrays inside each object (replies, reactions). */
    nested: nestedSchema.optional(),
    delimiter: delimiterSchema,
    /** The source's activity names -> Uptake's, e.g. {"comment": "reply", "like": "reaction"}. */
    typeMapping: typeMappingSchema.optional(),
    /**
     * IANA zone that times without an offset (and occurred_at patterns) are read in. No default on purpose:
     * without it, such a time is refused rather than read in a guessed zone.
     */
    timeZone: timeZoneSchema.optional(),
  })
  .superRefine((settings, context) => {
    const [pattern] = occurredAtPatterns(settings.columns, settings.nested);
    if (pattern !== undefined && settings.timeZone === undefined) {
      context.addIssue({
        code: 'custom',
        path: ['timeZone'],
        message: `is needed to read occurred_at with the pattern '${pattern}' (a pattern carries no offset)`,
      });
    }
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
      const resumeAfterLine = resumeLine('csv', 'activity', context.state.activity);
      const input = activityFile(file, context.settings);
      yield* activityMessages({
        file,
        rows: input.rows,
        inputWarnings: () => input.inputWarnings(),
        finalWarnings: () => input.finalWarnings(),
        resumeAfterLine,
        checkpointOnResume: true,
        checkpointEvery,
        typeMapping: context.settings.typeMapping,
        timeZone: context.settings.timeZone,
        settingsHints: true,
        signal: context.signal,
        progress: (done, total) => context.progress(done, total),
      });
    },
  });
}

/**
 * Generic activity import: one row per interaction in the documented format (see ACTIVITY_FIELDS), as CSV
 * (streamed, header row), NDJSON / JSON Lines (streamed) or a JSON array (up to 20 MB), read through
 * settings.columns (and settings.nested for arrays inside JSON objects).
 */
export const csvActivityConnector = createCsvActivityConnector();

function activityFile(file: InputFile, settings: CsvActivitySettings): ActivityFile {
  const extension = extname(file.name).toLowerCase();
  const mapping = compileMapping(settings.columns, settings.nested, settings.timeZone);
  switch (extension) {
    case '.csv':
      if (settings.nested) {
        throw new Error(
          `${file.name}: settings.nested reads arrays inside JSON objects, which a CSV file does not have ` +
            '(upload NDJSON or JSON, or remove settings.nested)',
        );
      }
      return csvActivityFile(file, settings.delimiter, mapping);
    case '.ndjson':
    case '.jsonl':
      return jsonActivityFile(file, 'ndjson', mapping);
    case '.json':
      return jsonActivityFile(file, 'json', mapping);
    default:
      throw new Error(
        `${file.name}: the csv connector reads ${CSV_ACTIVITY_FILE_EXTENSIONS.join(', ')} files, not '${extension}'`,
      );
  }
}
