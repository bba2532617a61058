import { CsvError, parse } from 'csv-parse';
import type { Readable } from 'node:stream';
import { byteCsvOptions, csvReadError, decodeFields, notUtf8Reason, withoutBom } from '../csv/csv-bytes';
import type { ReportRow } from './reports';

/** A record of a CSV report by column name, or why the row could not be read (not UTF-8). */
export type CsvRecord = { row: ReportRow; line: number } | { problem: string; line: number };

/**
 * Streams the records of a CSV report. `onHeader` sees the header first and may throw to reject the
 * file (unknown report, missing column). Microsoft's reports start with a UTF-8 BOM, stripped here.
 * Rows with a different number of fields than the header are passed on (short rows lack columns and
 * are quarantined by the mapping) rather than failing the whole file. Each row is decoded strictly as
 * UTF-8 (one that is not comes back as a problem, never with U+FFFD in a user's address); a row over
 * MAX_CSV_RECORD_BYTES fails the file, naming it (`fileName`) and the line.
 */
export async function* csvRecords(
  input: Readable,
  onHeader: (header: string[]) => void,
  fileName: string,
): AsyncGenerator<CsvRecord> {
  const parser = input
    .pipe(withoutBom())
    .pipe(parse({ ...byteCsvOptions(), info: true, skip_empty_lines: true, relax_column_count: true }));
  // The source is not destroyed by pipe() when the parser fails: close it here.
  input.once('error', (error) => parser.destroy(error));
  let header: string[] | null = null;
  try {
    for await (const { record, info } of parser as AsyncIterable<{
      record: string[];
      info: { lines: number };
    }>) {
      // info.lines is where the record ends: step back over line breaks inside quoted fields.
      const line = info.lines - record.reduce((sum, value) => sum + countLineBreaks(value), 0);
      const decoded = decodeFields(record);
      if (header === null) {
        if ('badColumn' in decoded) throw new Error(`${fileName}: the header row is not valid UTF-8`);
        header = decoded.fields.map((column) => column.trim());
        onHeader(header);
        continue;
      }
      if ('badColumn' in decoded) {
        yield { problem: notUtf8Reason(decoded.badColumn, header), line };
        continue;
      }
      const row: Record<string, string> = {};
      for (const [index, name] of header.entries()) {
        if (index < decoded.fields.length) row[name] = decoded.fields[index];
      }
      yield { row, line };
    }
  } catch (error) {
    if (error instanceof CsvError) throw csvReadError(fileName, error);
    throw error;
  } finally {
    input.destroy();
  }
}

function countLineBreaks(value: string): number {
  let count = 0;
  for (let index = value.indexOf('\n'); index !== -1; index = value.indexOf('\n', index + 1)) count++;
  return count;
}
