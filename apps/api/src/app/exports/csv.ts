import type { Table } from './table';

/** Lines above a table: what the report is, for whom, over which period and filters (label, value). */
export type HeaderLines = readonly (readonly [string, string])[];

/** Excel reads a file with this byte order mark as UTF-8 (without it, as the system's code page). */
const BOM = '\ufeff';
const CRLF = '\r\n';

/**
 * Characters that make a spreadsheet read a cell as a formula (or, for tab and CR, as the start of one after
 * Excel trims them): text starting with one gets a leading apostrophe, which spreadsheets show as text. A
 * number is written as it is (a negative figure is not a formula).
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/** A text cell made safe to open in a spreadsheet. */
export function guardFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** One field, RFC 4180: quoted when it holds a comma, a quote, CR or LF; quotes doubled. */
export function csvField(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const text = guardFormula(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * A table as CSV (RFC 4180: CRLF, every record the same number of fields), UTF-8 with a BOM. The header lines
 * come first, then an empty record, the column labels, the rows, and a last line when the rows were cut.
 */
export function writeCsv(header: HeaderLines, table: Table): Buffer {
  const width = Math.max(2, table.columns.length);
  const records: (string | number | null)[][] = [
    ...header.map(([label, value]) => [label, value]),
    [],
    table.columns.map((column) => column.label),
    ...table.rows.map((row) => row.map((cell) => cell.value)),
    ...(table.truncated ? [[table.truncated]] : []),
  ];
  const lines = records.map((record) =>
    Array.from({ length: width }, (_, index) => csvField(record[index] ?? null)).join(','),
  );
  return Buffer.from(BOM + lines.join(CRLF) + CRLF, 'utf8');
}
