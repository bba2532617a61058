import type { InputFile } from '@uptake/connector-sdk';
import { CsvError, parse, type Info } from 'csv-parse';
import { createReadStream } from 'node:fs';
import { z } from 'zod';
import { byteCsvOptions, csvReadError, decodeFields, notUtf8Reason, withoutBom } from './csv-bytes';

/**
 * One row of an imported file, by documented field name, or a structural problem (a CSV row with the
 * wrong number of fields, an NDJSON line that is not an object). `line` is where the row starts
 * (1-based; the CSV header is line 1) and `bytes` how far the file has been read, for progress.
 */
export type SourceRow<F extends string> =
  | {
      line: number;
      bytes: number;
      values: Partial<Record<F, unknown>>;
      /** A `.json` file that is not UTF-8 as a whole: values holding U+FFFD are where the bad bytes were. */
      lossy?: boolean;
    }
  | { line: number; bytes: number; problem: string };

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

export interface CsvTableOptions<F extends string> {
  file: InputFile;
  delimiter: string;
  fields: readonly F[];
  /** Fields whose column must be in the header; a missing one makes the whole file unusable. */
  required: readonly F[];
  columns?: ColumnMapping<F>;
}

/**
 * Streams a CSV file with a header row, yielding each data row by documented field name. Rows are read
 * one at a time (memory does not grow with the file), each decoded strictly as UTF-8 (a row that is not
 * is a problem of that row). Throws, naming the file, when the header lacks a required or mapped column,
 * is not UTF-8, or when the file is not CSV at all (an unclosed quote swallows the rest) or holds a row
 * over MAX_CSV_RECORD_BYTES.
 */
export function readCsvTable<F extends string>(options: CsvTableOptions<F>): AsyncGenerator<SourceRow<F>> {
  return readCsvRecords(
    options.file,
    options.delimiter,
    (header) => resolveHeader(header, options),
    () => `${options.file.name} is empty: expected a header row naming ${options.required.join(', ')}`,
  );
}

/** Which column holds each key; made from the header row (throws when the header does not fit). */
export type HeaderPlan<K extends string> = (header: readonly string[]) => { indexes: [K, number][] };

/**
 * The rows of a CSV file with a header row, by the keys `plan` gives the header's columns (readCsvTable's
 * documented fields, or the columns a mapping reads). See readCsvTable for what fails the file.
 */
export async function* readCsvRecords<K extends string>(
  file: InputFile,
  delimiter: string,
  plan: HeaderPlan<K>,
  emptyMessage: () => string,
): AsyncGenerator<SourceRow<K>> {
  const source = createReadStream(file.path);
  const parser = parse({
    ...byteCsvOptions(delimiter),
    info: true,
    relax_column_count: true,
    skip_empty_lines: true,
  });
  source.on('error', (error) => parser.destroy(error));
  source.pipe(withoutBom()).pipe(parser);

  let header: { names: readonly string[]; indexes: [K, number][] } | null = null;
  const startLine = lineCounter();
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: Info }>) {
      const line = startLine(record, info.lines);
      const decoded = decodeFields(record);
      if (header === null) {
        if ('badColumn' in decoded) throw new Error(`${file.name}: the header row is not valid UTF-8`);
        header = { names: decoded.fields, indexes: plan(decoded.fields).indexes };
        continue;
      }
      if ('badColumn' in decoded) {
        yield { line, bytes: info.bytes, problem: notUtf8Reason(decoded.badColumn, header.names) };
        continue;
      }
      if (record.length !== header.names.length) {
        yield {
          line,
          bytes: info.bytes,
          problem: `the row has ${record.length} fields, the header has ${header.names.length}`,
        };
        continue;
      }
      const values: Partial<Record<K, unknown>> = {};
      for (const [key, index] of header.indexes) values[key] = decoded.fields[index];
      yield { line, bytes: info.bytes, values };
    }
  } catch (error) {
    if (error instanceof CsvError) throw csvReadError(file.name, error);
    throw error;
  } finally {
    source.destroy();
  }
  if (header === null) throw new Error(emptyMessage());
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
 * quoted value as two lines; this undoes that (cumulatively) and steps back over the value's line breaks.
 */
function lineCounter(): (record: readonly string[], reportedEndLine: number) => number {
  let overcount = 0;
  return (record, reportedEndLine) => {
    let breaks = 0;
    for (const value of record) {
      breaks += value.match(/\r\n?|\n/g)?.length ?? 0;
      overcount += value.match(/\r\n/g)?.length ?? 0;
    }
    return reportedEndLine - overcount - breaks;
  };
}
