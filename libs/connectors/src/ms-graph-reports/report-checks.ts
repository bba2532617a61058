import { InputError } from '@uptake/connector-sdk';
import {
  detectReport,
  isConcealedName,
  REFRESH_DATE,
  REPORT_PERIOD,
  type ReportDefinition,
  type ReportRow,
} from './reports';

/**
 * Checks of a report as a whole, made on its header and first row: a file that fails one can never be read
 * right, so it fails at once (InputError: not retried) with a message saying what to do instead.
 */

/** A header read with commas that is really a known report's header with semicolons (Excel in many locales). */
export function semicolonHeaderError(header: readonly string[], fileName: string): InputError | null {
  if (header.length > 2 || !header.some((column) => column.includes(';'))) return null;
  const columns = header.join(',').split(';');
  if (!detectReport(columns.map((column) => column.trim().replace(/^"|"$/g, '')))) return null;
  return new InputError(
    `${fileName} is semicolon-delimited (';' between its columns, as Excel saves a CSV in locales that write ` +
      `decimal commas): Microsoft 365 reports separate columns with commas. Upload the report as downloaded, ` +
      `without opening and saving it in Excel, or save it again as "CSV UTF-8 (Comma delimited)".`,
  );
}

const SLASH_DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:\s.*)?$/;

/**
 * A first row dated like 03/16/2026: the file was opened and saved again by a spreadsheet, which rewrites
 * every date in its locale (Microsoft writes YYYY-MM-DD). Reading such dates is guesswork (03/04 is March 4 or
 * April 3), so the file is refused, naming the order the first date shows.
 */
export function slashDateError(row: ReportRow, fileName: string): InputError | null {
  const value = row[REFRESH_DATE]?.trim() ?? '';
  const match = SLASH_DATE.exec(value);
  if (!match) return null;
  const [first, second] = [Number(match[1]), Number(match[2])];
  const order = first > 12 ? 'DD/MM/YYYY' : second > 12 ? 'MM/DD/YYYY (US)' : 'MM/DD/YYYY (US) or DD/MM/YYYY';
  return new InputError(
    `${fileName} writes its dates as ${order} ('${REFRESH_DATE}' is '${value}'), as a spreadsheet saves them ` +
      `after opening the file: Microsoft 365 reports write YYYY-MM-DD. Upload the report as downloaded, ` +
      `without opening and saving it in Excel.`,
  );
}

/**
 * A period report (7, 30, 90 or 180 days per row, `period=D7` in Graph or the admin center's default) holds
 * each person's total over the period with no day in it. Put on one day it would make a week of activity one
 * day's (and every daily, weekly and 28-day figure wrong); Uptake's KPIs count people per day, so the file is
 * refused and the message says how to get per-day files. The groups report is exempt: it yields only the
 * communities, no counts.
 */
export function periodReportError(
  report: ReportDefinition,
  row: ReportRow,
  fileName: string,
): InputError | null {
  const period = row[REPORT_PERIOD]?.trim() ?? '';
  if (!report.perPerson || period === '' || period === '1') return null;
  return new InputError(
    `${fileName} is a ${period}-day report ('${REPORT_PERIOD}' is ${period}): each row is a person's total ` +
      `over ${period} days, which cannot be put on days. Uptake reads per-day reports: export one file per ` +
      `day with Microsoft Graph ${report.endpoint}(date=YYYY-MM-DD) (the admin center only offers periods), ` +
      `or let this source read them from Graph (set tenantId and the app's credentials).`,
  );
}

/** The first row of a report that names users by a concealed value: nothing in the file can be stored. */
export function concealedReportError(report: ReportDefinition, fileName: string): InputError {
  return new InputError(
    `${fileName} names its users by concealed values (Microsoft 365's "Display concealed user, group, and ` +
      `site names in all reports" is on): ${CONCEALED_REASON} Turn the setting off (Microsoft 365 admin ` +
      `center > Settings > Org settings > Services > Reports), then export the ${report.endpoint} report ` +
      `again (or sync it from Graph).`,
  );
}

const CONCEALED_REASON =
  'a concealed name matches no directory entry and no other source, so it would count the same person twice. ' +
  'Uptake replaces names with its own keyed hash on arrival and never stores them.';

/** The run's warning for concealed rows of a file that also names people plainly: those rows were skipped. */
export function concealedRowsWarning(fileName: string, rows: number) {
  return {
    code: 'concealed-names',
    file: fileName,
    count: rows,
    message:
      `Rows naming their user (or community) by a concealed value were skipped: ${CONCEALED_REASON} ` +
      'Turn off "Display concealed user, group, and site names" in the Microsoft 365 admin center and read ' +
      'the report again.',
  };
}

/** Whether a row is about a concealed user or community (see isConcealedName). */
export function isConcealedRow(report: ReportDefinition, row: ReportRow): boolean {
  return isConcealedName(row[report.identityColumn]);
}
