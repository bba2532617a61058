import { parse } from 'csv-parse';
import type { Readable } from 'node:stream';
import type { ReportRow } from './reports';

export interface CsvRecord {
  row: ReportRow;
  /** Line the record starts on (the header is line 1). */
  line: number;
}

/**
 * Streams the records of a CSV report. `onHeader` sees the header first and may throw to reject the
 * file (unknown report, missing column). Microsoft's reports start with a UTF-8 BOM, stripped here.
 * Rows with a different number of fields than the header are passed on (short rows lack columns and
 * are quarantined by the mapping) rather than failing the whole file.
 */
export async function* csvRecords(
  input: Readable,
  onHeader: (header: string[]) => void,
): AsyncGenerator<CsvRecord> {
  const parser = input.pipe(
    parse({
      bom: true,
      columns: (header: string[]) => {
        const names = header.map((column) => column.trim());
        onHeader(names);
        return names;
      },
      info: true,
      skip_empty_lines: true,
      relax_column_count: true,
    }),
  );
  // The source is not destroyed by pipe() when the parser fails: close it here.
  input.once('error', (error) => parser.destroy(error));
  try {
    for await (const { record, info } of parser as AsyncIterable<{
      record: Record<string, string>;
      info: { lines: number };
    }>) {
      // info.lines is where the record ends: step back over line breaks inside quoted fields.
      const breaks = Object.values(record).reduce((sum, value) => sum + countLineBreaks(value), 0);
      yield { row: record, line: info.lines - breaks };
    }
  } finally {
    input.destroy();
  }
}

function countLineBreaks(value: string): number {
  let count = 0;
  for (let index = value.indexOf('\n'); index !== -1; index = value.indexOf('\n', index + 1)) count++;
  return count;
}
