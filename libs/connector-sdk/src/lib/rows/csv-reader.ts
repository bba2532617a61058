import { CsvError, parse, type Info, type Options } from 'csv-parse';
import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import { z } from 'zod';
import type { InputFile } from '../connector';
import { byteCsvOptions, csvReadError, decodeFields, notUtf8Reason, withoutBom } from './csv-bytes';
import type { SourceRow } from './source-row';

/**
 * The one CSV reader of the connectors (uploaded activity and directory files, Microsoft's usage reports,
 * whether uploaded or downloaded from Graph). Rows are read one at a time (memory does not grow with the
 * file), each decoded strictly as UTF-8 (a row that is not is a problem of that row, never U+FFFD in a
 * user's address). Fails the input, naming it, when the header is not UTF-8, when the input is not CSV at
 * all (an unclosed quote swallows the rest) or holds a row over MAX_CSV_RECORD_BYTES.
 */

/** settings.columns: documented field name -> the column (or JSON key) that holds it in the user's file. */
export type ColumnMapping<F extends string> = Partial<Record<F, string>>;

export function columnMappingSchema<F extends string>(fields: readonly [F, ...F[]]) {
  const column = z.string().trim().min(1).max(200);
  return z.strictObject(
    Object.fromEntries(fields.map((field) => [field, column.optional()])) as Record<
      F,
      z.ZodOptional<typeof column>
    >,
  );
}

/** settings.delimiter: one character (',' ';' or a tab are the usual ones). */
export const delimiterSchema = z
  .string()
  .length(1, 'delimiter must be a single character')
  .refine((value) => !/["\r\n]/.test(value), 'delimiter cannot be a quote or a line break')
  .default(',');

interface ParsedRecord {
  record: string[];
  info: Info;
}

/** Which column holds each key; made from the header row (throws when the header does not fit). */
export type HeaderPlan<K extends string> = (header: readonly string[]) => { indexes: [K, number][] };

export interface CsvReadOptions<K extends string> {
  /** Names the input in errors: the uploaded file's name, or a downloaded report and its day. */
  name: string;
  delimiter?: string;
  plan: HeaderPlan<K>;
  /**
   * 'exact' (default): a row with another number of fields than the header is a problem of that row.
   * 'lenient': the row's fields are read as far as it has them (a short row lacks the last keys; the
   * caller's mapping then names what is missing), extra fields are ignored.
   */
  fieldCount?: 'exact' | 'lenient';
  /** When given, an input without a header row fails with this message; otherwise it yields nothing. */
  emptyMessage?: () => string;
}

/** The rows of a CSV stream with a header row, by the keys `options.plan` gives the header's columns. */
export async function* readCsvStream<K extends string>(
  input: Readable,
  options: CsvReadOptions<K>,
): AsyncGenerator<SourceRow<K>> {
  const lines = lineCounter();
  const parser = parse({
    ...byteCsvOptions(options.delimiter),
    info: true,
    relax_column_count: true,
    skip_empty_lines: true,
    // Counted as the parser makes each record (not as the loop below takes it), so that an error the parser
    // meets further on is corrected for every record before it.
    on_record: ((parsed: ParsedRecord) => ({
      ...parsed,
      line: lines.start(parsed.record, parsed.info.lines),
    })) as unknown as Options['on_record'],
  });
  // pipe() does not pass a source's error on to the parser: fail the read with it.
  input.once('error', (error) => parser.destroy(error));
  input.pipe(withoutBom()).pipe(parser);

  let header: { names: readonly string[]; indexes: [K, number][] } | null = null;
  try {
    for await (const { record, info, line } of parser as AsyncIterable<ParsedRecord & { line: number }>) {
      const decoded = decodeFields(record);
      if (header === null) {
        if ('badColumn' in decoded) throw new Error(`${options.name}: the header row is not valid UTF-8`);
        header = { names: decoded.fields, indexes: options.plan(decoded.fields).indexes };
        continue;
      }
      if ('badColumn' in decoded) {
        yield { line, bytes: info.bytes, problem: notUtf8Reason(decoded.badColumn, header.names) };
        continue;
      }
      if (options.fieldCount !== 'lenient' && record.length !== header.names.length) {
        yield {
          line,
          bytes: info.bytes,
          problem: `the row has ${record.length} fields, the header has ${header.names.length}`,
        };
        continue;
      }
      const values: Partial<Record<K, unknown>> = {};
      for (const [key, index] of header.indexes) {
        if (index < decoded.fields.length) values[key] = decoded.fields[index];
      }
      yield { line, bytes: info.bytes, values };
    }
  } catch (error) {
    if (error instanceof CsvError) throw csvReadError(options.name, error, lines.corrected);
    throw error;
  } finally {
    input.destroy();
  }
  if (header === null && options.emptyMessage) throw new Error(options.emptyMessage());
}

/** The rows of an uploaded CSV file (see readCsvStream); a file without a header row fails with `emptyMessage`. */
export function readCsvRecords<K extends string>(
  file: InputFile,
  delimiter: string,
  plan: HeaderPlan<K>,
  emptyMessage: () => string,
): AsyncGenerator<SourceRow<K>> {
  return readCsvStream(createReadStream(file.path), { name: file.name, delimiter, plan, emptyMessage });
}

export interface CsvTableOptions<F extends string> {
  file: InputFile;
  delimiter: string;
  fields: readonly F[];
  /** Fields whose column must be in the header; a missing one makes the whole file unusable. */
  required: readonly F[];
  columns?: ColumnMapping<F>;
}

/**
 * The rows of an uploaded CSV file by documented field name, each found in the header by its name or the
 * column `columns` maps it to. Throws, naming the file, when the header lacks a required or mapped column.
 */
export function readCsvTable<F extends string>(options: CsvTableOptions<F>): AsyncGenerator<SourceRow<F>> {
  return readCsvRecords(
    options.file,
    options.delimiter,
    (header) => resolveHeader(header, options),
    () => `${options.file.name} is empty: expected a header row naming ${options.required.join(', ')}`,
  );
}

/** Finds each field's column (trimmed, case-insensitive); throws naming the missing ones and the mapping. */
function resolveHeader<F extends string>(
  header: readonly string[],
  options: CsvTableOptions<F>,
): { indexes: [F, number][] } {
  const names = header.map((name) => name.trim().toLowerCase());
  const indexes: [F, number][] = [];
  const missing: string[] = [];
  for (const field of options.fields) {
    const mapped = options.columns?.[field];
    const column = mapped ?? field;
    const index = names.indexOf(column.trim().toLowerCase());
    if (index >= 0) indexes.push([field, index]);
    else if (mapped !== undefined || options.required.includes(field)) {
      missing.push(mapped === undefined ? field : `${field} (mapped to '${mapped}')`);
    }
  }
  if (missing.length > 0) {
    const mapping =
      options.columns && Object.keys(options.columns).length > 0
        ? `settings.columns ${JSON.stringify(options.columns)}`
        : 'the documented column names (no settings.columns)';
    throw new Error(
      `${options.file.name}: the header has no column for ${missing.join(', ')}; ` +
        `columns were looked up with ${mapping}; the header is: ${header.map((name) => name.trim()).join(', ')}`,
    );
  }
  return { indexes };
}

/**
 * Where each record starts. csv-parse reports the line a record ends on, but counts a CRLF inside a
 * quoted value as two lines; this undoes that (cumulatively, also for the line an error names) and steps
 * back over the value's line breaks.
 */
function lineCounter() {
  let overcount = 0;
  return {
    start(record: readonly string[], reportedEndLine: number): number {
      let breaks = 0;
      for (const value of record) {
        // Most values hold no line break: skip the regular expressions for them (this runs per field).
        if (!value.includes('\n') && !value.includes('\r')) continue;
        breaks += value.match(/\r\n?|\n/g)?.length ?? 0;
        overcount += value.match(/\r\n/g)?.length ?? 0;
      }
      return reportedEndLine - overcount - breaks;
    },
    corrected: (reportedLine: number): number => reportedLine - overcount,
  };
}
