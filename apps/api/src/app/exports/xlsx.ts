import ExcelJS from 'exceljs';
import type { HeaderLines } from './csv';
import type { Cell, CellKind, Table } from './table';

/**
 * A report as an XLSX workbook: a first sheet with the header lines (what, for whom, when, k), then a sheet
 * per table with a bold, frozen header row, typed cells (numbers stay numbers, shares formatted as percent,
 * days as dates) and the reason of a withheld figure both in its note column and as a comment on the cell.
 */

/** Number formats per kind; Excel shows them in the reader's own locale. */
const NUMBER_FORMATS: Partial<Record<CellKind, string>> = {
  count: '#,##0',
  number: '#,##0.00##',
  share: '0.0%',
  hours: '0.0',
  money: '#,##0.00',
  day: 'yyyy-mm-dd',
};

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE0E7FF' } };
const MAX_COLUMN_WIDTH = 60;
const MIN_COLUMN_WIDTH = 8;

/** Excel's sheet-name rules: at most 31 characters, none of []:*?/\, unique in the workbook. */
export function sheetName(title: string, taken: Set<string>): string {
  const base =
    title
      .replace(/[[\]:*?/\\]/g, ' ')
      .slice(0, 31)
      .trim() || 'Sheet';
  let name = base;
  for (let index = 2; taken.has(name.toLowerCase()); index++) {
    name = `${base.slice(0, 31 - String(index).length - 1)} ${index}`;
  }
  taken.add(name.toLowerCase());
  return name;
}

export async function writeXlsx(
  header: HeaderLines,
  tables: readonly Table[],
  aboutTitle: string,
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Uptake';
  const taken = new Set<string>();
  addAboutSheet(workbook.addWorksheet(sheetName(aboutTitle, taken)), header);
  for (const table of tables) addTableSheet(workbook.addWorksheet(sheetName(table.title, taken)), table);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

function addAboutSheet(sheet: ExcelJS.Worksheet, header: HeaderLines): void {
  for (const [label, value] of header) sheet.addRow([label, value]);
  sheet.getColumn(1).font = { bold: true };
  sheet.getColumn(1).width = Math.min(
    MAX_COLUMN_WIDTH,
    Math.max(...header.map(([label]) => label.length), 10) + 2,
  );
  sheet.getColumn(2).width = MAX_COLUMN_WIDTH;
}

function addTableSheet(sheet: ExcelJS.Worksheet, table: Table): void {
  const headerRow = sheet.addRow(table.columns.map((column) => column.label));
  headerRow.font = { bold: true };
  headerRow.eachCell((cell) => {
    cell.fill = HEADER_FILL;
    cell.alignment = { vertical: 'middle', wrapText: true };
  });
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  for (const cells of table.rows) {
    const row = sheet.addRow(cells.map(excelValue));
    cells.forEach((cell, index) => styleCell(row.getCell(index + 1), cell));
  }
  if (table.truncated) sheet.addRow([table.truncated]).font = { italic: true };
  table.columns.forEach((column, index) => {
    const longest = Math.max(
      column.label.length,
      ...table.rows.slice(0, 1_000).map((cells) => String(cells[index]?.value ?? '').length),
    );
    sheet.getColumn(index + 1).width = Math.min(MAX_COLUMN_WIDTH, Math.max(MIN_COLUMN_WIDTH, longest + 2));
  });
}

/** Days become dates (a calendar day at 00:00 UTC, so no time zone moves it); the rest stays as published. */
function excelValue(cell: Cell): ExcelJS.CellValue {
  if (cell.kind === 'day' && typeof cell.value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(cell.value)) {
    return new Date(`${cell.value}T00:00:00Z`);
  }
  return cell.value;
}

function styleCell(target: ExcelJS.Cell, cell: Cell): void {
  const format = NUMBER_FORMATS[cell.kind];
  if (format && (typeof cell.value === 'number' || cell.kind === 'day')) target.numFmt = format;
  if (cell.note) target.note = cell.note;
}
