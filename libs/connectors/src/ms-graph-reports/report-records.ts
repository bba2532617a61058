import { readCsvStream } from '@uptake/connector-sdk';
import type { Readable } from 'node:stream';
import type { ReportRow } from './reports';

/**
 * A row of a report (a CSV line, or an entry of a JSON report) by column name, or why it could not be read
 * (not UTF-8, not an object). `line` is where it starts in the file (JSON entries are numbered from 1).
 */
export type ReportRecord = { row: ReportRow; line: number } | { problem: string; line: number };

/**
 * The rows of a CSV report, read by the shared CSV reader. `onHeader` sees the (trimmed) header first and
 * may throw to reject the file (unknown report, missing column). Rows with another number of fields than
 * the header are passed on (a short row lacks columns and is quarantined by the mapping) rather than
 * failing the whole file; `fileName` names the file (or the downloaded report and day) in errors.
 */
export async function* csvReportRecords(
  input: Readable,
  onHeader: (header: string[]) => void,
  fileName: string,
): AsyncGenerator<ReportRecord> {
  const rows = readCsvStream(input, {
    name: fileName,
    fieldCount: 'lenient',
    plan: (header) => {
      const names = header.map((column) => column.trim());
      onHeader(names);
      return { indexes: names.map((name, index): [string, number] => [name, index]) };
    },
  });
  for await (const row of rows) {
    yield 'problem' in row
      ? { problem: row.problem, line: row.line }
      : { row: row.values as ReportRow, line: row.line };
  }
}
