import type { InputFile } from '@uptake/connector-sdk';
import { CsvError, parse, type Info } from 'csv-parse';
import { createReadStream } from 'node:fs';
import { z } from 'zod';

/**
 * One row of an imported file, by documented field name, or a structural problem (a CSV row with the
 * wrong number of fields, an NDJSON line that is not an object). `line` is where the row starts
 * (1-based; the CSV header is line 1) and `bytes` how far the file has been read, for progress.
 */
export type SourceRow<F extends string> =
  | { line: number; bytes: number; values: Partial<Record<F, unknown>> }
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
 * one at a time (memory does not grow with the file). Throws, naming the file, when the header lacks a
 * required or mapped column, or when the file is not CSV at all (an unclosed quote swallows the rest).
 */
export async function* readCsvTable<F extends string>(
  options: CsvTableOptions<F>,
): AsyncGenerator<SourceRow<F>> {
  const { file } = options;
  const source = createReadStream(file.path);
  const parser = parse({
    bom: true,
    delimiter: options.delimiter,
    info: true,
    relax_column_count: true,
    skip_empty_lines: true,
  });
  source.on('error', (error) => parser.destroy(error));
  source.pipe(parser);

  let header: { width: number; indexes: [F, number][] } | null = null;
  const startLine = lineCounter();
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: Info }>) {
      const line = startLine(record, info.lines);
      if (header === null) {
        header = resolveHeader(record, options);
        continue;
      }
      if (record.length !== header.width) {
        yield {
          line,
          bytes: info.bytes,
          problem: `the row has ${record.length} fields, the header has ${header.width}`,
        };
        continue;
      }
      const values: Partial<Record<F, unknown>> = {};
      for (const [field, index] of header.indexes) values[field] = record[index];
      yield { line, bytes: info.bytes, values };
    }
  } catch (error) {
    if (error instanceof CsvError) {
      throw new Error(`${file.name} is not a readable CSV file: ${error.message}`);
    }
    throw error;
  } finally {
    source.destroy();
  }
  if (header === null) {
    throw new Error(`${file.name} is empty: expected a header row naming ${options.required.join(', ')}`);
  }
}

/** Finds each field's column (trimmed, case-insensitive); throws naming the missing ones and the mapping. */
function resolveHeader<F extends string>(
  header: readonly string[],
  options: CsvTableOptions<F>,
): { width: number; indexes: [F, number][] } {
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
  return { width: header.length, indexes };
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
