import {
  defineConnector,
  InputError,
  readCheckpoint,
  type ConnectorMessage,
  type InputFile,
  type JsonValue,
  type ReadContext,
  type StreamName,
} from '@uptake/connector-sdk';
import { createReadStream } from 'node:fs';
import { z } from 'zod';
import { csvReportRecords, type ReportRecord } from './report-records';
import { GraphReportsClient } from './graph-client';
import { readJsonReport } from './json-report';
import {
  concealedReportError,
  concealedRowsWarning,
  isConcealedRow,
  periodReportError,
  semicolonHeaderError,
  slashDateError,
} from './report-checks';
import {
  detectReport,
  isIsoDay,
  missingColumns,
  olderTeamsActivityReport,
  REPORT_NAMES,
  REPORTS,
  type ReportDefinition,
  type ReportName,
  type ReportRow,
  type RowSource,
} from './reports';
import { addDays, daysToRead, reportWindow } from './report-window';
import {
  msGraphReportsCredentials,
  msGraphReportsSettings,
  type MsGraphReportsCredentials,
  type MsGraphReportsSettings,
} from './settings';
import { testMsGraphReportsConnection } from './connection-test';

export { daysToRead, reportWindow } from './report-window';

type Context = ReadContext<MsGraphReportsSettings, MsGraphReportsCredentials>;

/**
 * Microsoft 365 usage reports (Viva Engage, Teams, Outlook) as a data source.
 *
 * Two ways in, one connector: a scheduled sync pulls the per-day reports from Microsoft Graph, and an
 * admin who cannot grant API access exports the same per-day reports (CSV, or JSON with
 * `$format=application/json`) and uploads them. `input` is a single value on the Connector interface, so it
 * says 'api' (syncs need no file) and `fileExtensions` lists what uploads may be: when `context.file` is
 * set, that file is read and Graph is not called; its report type is recognised from the header.
 */
export const msGraphReportsConnector = defineConnector({
  type: 'ms-graph-reports',
  title: 'Microsoft 365 usage reports (Viva Engage, Teams, e-mail)',
  input: 'api',
  fileExtensions: ['.csv', '.json'],
  settingsSchema: msGraphReportsSettings,
  credentialsSchema: msGraphReportsCredentials,
  streams: ['groups', 'activity', 'usage'],
  testConnection: testMsGraphReportsConnection,
  async *read(context): AsyncGenerator<ConnectorMessage> {
    if (context.file) yield* readUploadedReport(context, context.file);
    else yield* readFromGraph(context);
  },
});

/** Progress of an uploaded file: the last CSV line (or JSON entry) whose records were all yielded. */
interface UploadState {
  file: string;
  line: number;
}

/** An opened upload: its header (CSV columns, or a JSON report's properties as columns) and its rows. */
interface OpenedReport {
  header: string[];
  first: IteratorResult<ReportRecord>;
  records: AsyncGenerator<ReportRecord>;
  bytesRead(): number;
  /** Warnings about the file as a whole. */
  notes: ConnectorMessage[];
}

async function* readUploadedReport(context: Context, file: InputFile): AsyncGenerator<ConnectorMessage> {
  const opened = file.name.toLowerCase().endsWith('.json') ? await openJson(file) : await openCsv(file);
  try {
    const report = recognise(opened.header, file.name);
    if (opened.first.done) return; // a header without rows: nothing to read
    yield* opened.notes;
    if (report === olderTeamsActivityReport) yield olderTeamsHeaderWarning(file.name);
    const resumeAfter = uploadResumeLine(report.stream, context.state[report.stream], file.name);
    // Everything from here is covered by a checkpoint (a resumed read counts its warnings once).
    yield checkpoint(report.stream, { file: file.name, line: resumeAfter });

    const rows = new ReportRows(report, file.name, (line) => ({ file: file.name, line, day: null }));
    let rowsSinceCheckpoint = 0;
    let lastLine = resumeAfter;
    for (
      let next: IteratorResult<ReportRecord> = opened.first;
      !next.done;
      next = await opened.records.next()
    ) {
      if (context.signal.aborted) return;
      const record = next.value;
      rows.checkFirst(record);
      if (record.line <= resumeAfter) continue;
      lastLine = record.line;
      yield* rows.read(record);
      if (++rowsSinceCheckpoint >= context.settings.checkpointRows) {
        rowsSinceCheckpoint = 0;
        context.progress(opened.bytesRead(), file.size);
        yield* rows.concealedWarning();
        yield checkpoint(report.stream, { file: file.name, line: record.line });
      }
    }
    yield* rows.concealedWarning();
    if (rowsSinceCheckpoint > 0) yield checkpoint(report.stream, { file: file.name, line: lastLine });
    context.progress(file.size, file.size);
  } finally {
    await opened.records.return(undefined);
  }
}

async function openCsv(file: InputFile): Promise<OpenedReport> {
  const input = createReadStream(file.path);
  const seen: { header: string[] | null } = { header: null };
  const records = csvReportRecords(input, (header) => void (seen.header = header), file.name);
  const first = await records.next();
  if (!seen.header) throw new InputError(`${file.name} is empty: a usage report starts with a header line`);
  return { header: seen.header, first, records, bytesRead: () => input.bytesRead, notes: [] };
}

async function openJson(file: InputFile): Promise<OpenedReport> {
  const report = await readJsonReport(file);
  const first = await report.records.next();
  const notes: ConnectorMessage[] = report.hasNextPage
    ? [
        warning({
          code: 'json-report-page',
          file: file.name,
          message:
            'The JSON report is one page of a longer one (it has an @odata.nextLink): the rows of the next ' +
            'pages are not in this file. Upload every page, or the CSV report, which holds all rows.',
        }),
      ]
    : [];
  return { header: report.header, first, records: report.records, bytesRead: () => 0, notes };
}

/** The report an upload is, from its header; a file that is none fails at once, saying why. */
function recognise(header: readonly string[], fileName: string): ReportDefinition {
  const semicolons = semicolonHeaderError(header, fileName);
  if (semicolons) throw semicolons;
  const report = detectReport(header);
  if (report) return report;
  throw new InputError(
    `${fileName} is not a Microsoft 365 usage report this connector reads (Viva Engage activity or ` +
      `groups, Teams user activity, e-mail activity user detail): its header is '${header.join(',')}'`,
  );
}

/**
 * The rows of one report file (an upload or a day from Graph), with the checks of the file as a whole made on
 * its first row (dates rewritten by a spreadsheet, a period report, concealed names: InputError), concealed
 * rows of a file that otherwise names people plainly skipped and counted for the run's warning.
 */
class ReportRows {
  private checked = false;
  private concealed = 0;

  constructor(
    private readonly report: ReportDefinition,
    private readonly fileName: string,
    private readonly source: (line: number) => RowSource,
  ) {}

  /** Makes the file-level checks on the file's first readable row (throws the InputError of one it fails). */
  checkFirst(record: ReportRecord): void {
    if (this.checked || 'problem' in record) return;
    this.checked = true;
    const row: ReportRow = record.row;
    const refused =
      slashDateError(row, this.fileName) ??
      periodReportError(this.report, row, this.fileName) ??
      (isConcealedRow(this.report, row) ? concealedReportError(this.report, this.fileName) : null);
    if (refused) throw refused;
  }

  *read(record: ReportRecord): Generator<ConnectorMessage> {
    if ('problem' in record) {
      yield unreadableRow(this.fileName, record.line, record.problem);
      return;
    }
    if (isConcealedRow(this.report, record.row)) {
      this.concealed++;
      return;
    }
    yield* this.report.map(record.row, this.source(record.line));
  }

  /** The concealed rows skipped since the last call, as one warning of the file. */
  *concealedWarning(): Generator<ConnectorMessage> {
    if (this.concealed === 0) return;
    yield warning(concealedRowsWarning(this.fileName, this.concealed));
    this.concealed = 0;
  }
}

function olderTeamsHeaderWarning(fileName: string): ConnectorMessage {
  return warning({
    code: 'older-teams-header',
    file: fileName,
    message:
      "The Teams report has the older header (no 'Post Messages' / 'Reply Messages'): its channel messages " +
      '(Team Chat Message Count) are counted as replies, since posts and replies cannot be told apart, and ' +
      'meetings attended are not known. A newer export of the same days replaces these counts.',
  });
}

const uploadCheckpoint = z.object({ file: z.string(), line: z.number().int() });
const isoDay = z.string().refine(isIsoDay, 'not a day written YYYY-MM-DD');
/** Reports no longer read may stay in a checkpoint; each report read must be at a day. */
const graphCheckpoint = z.looseObject({
  ...(Object.fromEntries(REPORT_NAMES.map((name) => [name, isoDay.optional()])) as Record<
    ReportName,
    z.ZodOptional<typeof isoDay>
  >),
  // An upload's keys: a checkpoint holding them is an upload's, even when it fails as one.
  file: z.never().optional(),
  line: z.never().optional(),
});
/** A stream's checkpoint: an upload's progress, or the last day read of each report pulled from Graph. */
const reportCheckpoint = z.union([uploadCheckpoint, graphCheckpoint]);

function resumeReport(stream: StreamName, state: JsonValue | undefined) {
  return readCheckpoint('ms-graph-reports', stream, reportCheckpoint, state);
}

/** Where a resumed read of an upload starts: after the line its checkpoint reached, if it was this file. */
function uploadResumeLine(stream: StreamName, state: JsonValue | undefined, fileName: string): number {
  const upload = resumeReport(stream, state);
  return upload && 'file' in upload && upload.file === fileName ? (upload as UploadState).line : 0;
}

/**
 * Pulls the per-day reports from Graph, oldest day first, for the days the window allows that the state has
 * not covered, plus the last `refreshDays` days read before (Microsoft republishes them with corrected counts,
 * which replace the stored ones). State, per stream: the last day read of each report ({ 'yammer-activity':
 * '2026-03-18' }). Graph only keeps 28 days of daily detail, so a source left unsynced for longer loses the
 * days in between (logged).
 */
async function* readFromGraph(context: Context): AsyncGenerator<ConnectorMessage> {
  const { settings, credentials } = context;
  GraphReportsClient.check(settings, credentials);
  const client = new GraphReportsClient(context.http, settings, credentials, context.signal, context.now);
  const window = reportWindow(context.now(), settings.lookbackDays, settings.lagDays);
  const reports = REPORT_NAMES.filter((name) => settings.reports.includes(name)).map((name) => REPORTS[name]);

  const progress = new Map<StreamName, Partial<Record<ReportName, string>>>();
  for (const report of reports) {
    progress.set(report.stream, reportDays(report.stream, context.state[report.stream]));
  }
  const todo = reports.map((report) => {
    const lastRead = progress.get(report.stream)?.[report.name];
    if (lastRead && addDays(lastRead, 1) < window[0]) {
      context.log.warn(
        `${report.name}: days ${addDays(lastRead, 1)} to ${addDays(window[0], -1)} are no longer kept by Graph`,
      );
    }
    return { report, days: daysToRead(window, lastRead, settings.refreshDays) };
  });
  const total = todo.reduce((sum, item) => sum + item.days.length, 0);
  let done = 0;
  context.progress(0, total);

  const groupsSeen = new Set<string>();
  for (const { report, days } of todo) {
    for (const day of days) {
      if (context.signal.aborted) return;
      const file = `${report.name} ${day}`;
      const body = await client.download(report, day);
      const seen: { definition: ReportDefinition } = { definition: report };
      const onHeader = (header: string[]) => {
        seen.definition = definitionOfDownload(report, header, day);
      };
      let rows: ReportRows | null = null;
      for await (const record of csvReportRecords(body, onHeader, file)) {
        if (context.signal.aborted) return;
        rows ??= new ReportRows(seen.definition, file, (line) => ({ file, line, day }));
        rows.checkFirst(record);
        for (const message of rows.read(record)) {
          if (message.kind === 'group') {
            // The groups report repeats each community every day: one record per read is enough.
            if (groupsSeen.has(message.record.externalId)) continue;
            groupsSeen.add(message.record.externalId);
          }
          yield message;
        }
      }
      if (rows) yield* rows.concealedWarning();
      const lastRead = progress.get(report.stream)?.[report.name];
      const state = {
        ...progress.get(report.stream),
        [report.name]: !lastRead || day > lastRead ? day : lastRead,
      };
      progress.set(report.stream, state);
      yield checkpoint(report.stream, state);
      context.progress(++done, total);
    }
  }
}

/** The definition that reads a downloaded report (the older Teams header included); InputError when none does. */
function definitionOfDownload(report: ReportDefinition, header: string[], day: string): ReportDefinition {
  const request = `${report.endpoint}(date=${day})`;
  const semicolons = semicolonHeaderError(header, request);
  if (semicolons) throw semicolons;
  const missing = missingColumns(report, header);
  if (missing.length === 0) return report;
  if (report.name === 'teams-activity' && missingColumns(olderTeamsActivityReport, header).length === 0) {
    return olderTeamsActivityReport;
  }
  throw new InputError(`${request} answered a CSV without the column(s) ${missing.join(', ')}`);
}

/** The per-report days of a stream's state, ignoring anything else (an upload's state, say). */
function reportDays(stream: StreamName, state: JsonValue | undefined): Partial<Record<ReportName, string>> {
  const checkpoint = resumeReport(stream, state);
  const days: Partial<Record<ReportName, string>> = {};
  if (!checkpoint || 'line' in checkpoint) return days;
  for (const name of REPORT_NAMES) {
    const day = (checkpoint as Partial<Record<ReportName, string>>)[name];
    if (day !== undefined) days[name] = day;
  }
  return days;
}

function unreadableRow(file: string, line: number, reason: string): ConnectorMessage {
  return { kind: 'invalid', problem: { location: { file, line }, reason } };
}

function checkpoint(stream: StreamName, state: JsonValue): ConnectorMessage {
  return { kind: 'checkpoint', stream, state };
}

function warning(details: { code: string; message: string; file: string; count?: number }): ConnectorMessage {
  return { kind: 'warning', warning: { count: 1, ...details } };
}
