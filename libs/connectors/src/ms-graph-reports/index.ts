import {
  defineConnector,
  type ConnectorMessage,
  type InputFile,
  type JsonValue,
  type ReadContext,
  type StreamName,
} from '@uptake/connector-sdk';
import { createReadStream } from 'node:fs';
import { csvRecords, type CsvRecord } from './csv';
import { GraphReportsClient } from './graph-client';
import {
  detectReport,
  isIsoDay,
  missingColumns,
  REPORT_NAMES,
  REPORTS,
  type ReportDefinition,
  type ReportName,
} from './reports';
import {
  msGraphReportsCredentials,
  msGraphReportsSettings,
  type MsGraphReportsCredentials,
  type MsGraphReportsSettings,
} from './settings';

type Context = ReadContext<MsGraphReportsSettings, MsGraphReportsCredentials>;

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Microsoft 365 usage reports (Viva Engage, Teams, Outlook) as a data source.
 *
 * Two ways in, one connector: a scheduled sync pulls the per-day reports from Microsoft Graph, and an
 * admin who cannot grant API access downloads the same reports as CSV from the admin center and uploads
 * them. `input` is a single value on the Connector interface, so it says 'api' (syncs need no file) and
 * `fileExtensions` lists '.csv' for uploads: when `context.file` is set, that file is read and Graph is
 * not called; its report type is recognised from the header.
 */
export const msGraphReportsConnector = defineConnector({
  type: 'ms-graph-reports',
  title: 'Microsoft 365 usage reports (Viva Engage, Teams, e-mail)',
  input: 'api',
  fileExtensions: ['.csv'],
  settingsSchema: msGraphReportsSettings,
  credentialsSchema: msGraphReportsCredentials,
  streams: ['groups', 'activity', 'usage'],
  async *read(context): AsyncGenerator<ConnectorMessage> {
    if (context.file) yield* readUploadedReport(context, context.file);
    else yield* readFromGraph(context);
  },
});

/** Progress of an uploaded file: the last CSV line whose records were all yielded. */
interface UploadState {
  file: string;
  line: number;
}

async function* readUploadedReport(context: Context, file: InputFile): AsyncGenerator<ConnectorMessage> {
  const input = createReadStream(file.path);
  const recognised: { report: ReportDefinition | null } = { report: null };
  const onHeader = (header: string[]) => {
    recognised.report = detectReport(header);
    if (!recognised.report) {
      throw new Error(
        `${file.name} is not a Microsoft 365 usage report this connector reads (Viva Engage activity or ` +
          `groups, Teams user activity, e-mail activity user detail): its header is '${header.join(',')}'`,
      );
    }
  };
  const records = csvRecords(input, onHeader);
  try {
    const first = await records.next();
    if (!recognised.report)
      throw new Error(`${file.name} is empty: a usage report starts with a header line`);
    if (first.done) return; // a header without rows: nothing to read
    const report = recognised.report;

    const resumeAfter = uploadResumeLine(context.state[report.stream], file.name);
    const groupsSeen = new Set<string>();
    const periodsWarned = new Set<string>();
    let rowsSinceCheckpoint = 0;
    let lastLine = 1;
    for (let next: IteratorResult<CsvRecord> = first; !next.done; next = await records.next()) {
      if (context.signal.aborted) return;
      const { row, line } = next.value;
      lastLine = line;
      if (line <= resumeAfter) continue;
      warnAboutPeriod(context, file.name, row['Report Period'], periodsWarned);
      for (const message of report.map(row, { file: file.name, line, day: null })) {
        if (message.kind === 'group') {
          if (groupsSeen.has(message.record.externalId)) continue;
          groupsSeen.add(message.record.externalId);
        }
        yield message;
      }
      if (++rowsSinceCheckpoint >= context.settings.checkpointRows) {
        rowsSinceCheckpoint = 0;
        context.progress(input.bytesRead, file.size);
        yield checkpoint(report.stream, { file: file.name, line });
      }
    }
    if (rowsSinceCheckpoint > 0) yield checkpoint(report.stream, { file: file.name, line: lastLine });
    context.progress(file.size, file.size);
  } finally {
    await records.return(undefined);
  }
}

/**
 * Period reports (7, 30, 90, 180 days) downloaded from the admin center hold totals over the period;
 * they are read as the counts of the refresh date. Said once per file, since per-day exports are better.
 */
function warnAboutPeriod(
  context: Context,
  fileName: string,
  period: string | undefined,
  warned: Set<string>,
): void {
  const days = period?.trim();
  if (!days || days === '1' || warned.has(days)) return;
  warned.add(days);
  context.log.warn(
    `${fileName} covers ${days} days per row: its counts are recorded on the report's refresh date`,
  );
}

function uploadResumeLine(state: JsonValue | undefined, fileName: string): number {
  const upload = state as Partial<UploadState> | null | undefined;
  if (!upload || typeof upload !== 'object' || upload.file !== fileName) return 0;
  return typeof upload.line === 'number' && Number.isInteger(upload.line) ? upload.line : 0;
}

/**
 * Pulls the per-day reports from Graph, oldest day first, for the days the window allows and the state
 * has not covered. State, per stream: the last day fully read of each report ({ 'yammer-activity':
 * '2026-03-18' }); a resumed read starts the day after. Graph only keeps 28 days of daily detail, so a
 * source left unsynced for longer loses the days in between (logged).
 */
async function* readFromGraph(context: Context): AsyncGenerator<ConnectorMessage> {
  const { settings, credentials } = context;
  GraphReportsClient.check(settings, credentials);
  const client = new GraphReportsClient(context.http, settings, credentials, context.signal, context.now);
  const days = reportWindow(context.now(), settings.lookbackDays, settings.lagDays);
  const reports = REPORT_NAMES.filter((name) => settings.reports.includes(name)).map((name) => REPORTS[name]);

  const progress = new Map<StreamName, Partial<Record<ReportName, string>>>();
  for (const report of reports) {
    progress.set(report.stream, reportDays(context.state[report.stream]));
  }
  const todo = reports.map((report) => {
    const lastRead = progress.get(report.stream)?.[report.name];
    if (lastRead && addDays(lastRead, 1) < days[0]) {
      context.log.warn(
        `${report.name}: days ${addDays(lastRead, 1)} to ${addDays(days[0], -1)} are no longer kept by Graph`,
      );
    }
    return { report, days: days.filter((day) => !lastRead || day > lastRead) };
  });
  const total = todo.reduce((sum, item) => sum + item.days.length, 0);
  let done = 0;
  context.progress(0, total);

  const groupsSeen = new Set<string>();
  for (const { report, days: reportDaysToRead } of todo) {
    for (const day of reportDaysToRead) {
      if (context.signal.aborted) return;
      const file = `${report.name} ${day}`;
      const body = await client.download(report, day);
      const onHeader = (header: string[]) => {
        const missing = missingColumns(report, header);
        if (missing.length > 0) {
          throw new Error(
            `${report.endpoint}(date=${day}) answered a CSV without the column(s) ${missing.join(', ')}`,
          );
        }
      };
      for await (const { row, line } of csvRecords(body, onHeader)) {
        if (context.signal.aborted) return;
        for (const message of report.map(row, { file, line, day })) {
          if (message.kind === 'group') {
            // The groups report repeats each community every day: one record per read is enough.
            if (groupsSeen.has(message.record.externalId)) continue;
            groupsSeen.add(message.record.externalId);
          }
          yield message;
        }
      }
      const state = { ...progress.get(report.stream), [report.name]: day };
      progress.set(report.stream, state);
      yield checkpoint(report.stream, state);
      context.progress(++done, total);
    }
  }
}

/** The days to ask for: `lookbackDays` days ending `lagDays` before today (UTC), oldest first. */
export function reportWindow(now: Date, lookbackDays: number, lagDays: number): string[] {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const last = today - lagDays * DAY_MS;
  return Array.from({ length: lookbackDays }, (_, index) =>
    new Date(last - (lookbackDays - 1 - index) * DAY_MS).toISOString().slice(0, 10),
  );
}

function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00.000Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** The per-report days of a stream's state, ignoring anything else (an upload's state, say). */
function reportDays(state: JsonValue | undefined): Partial<Record<ReportName, string>> {
  if (!state || typeof state !== 'object' || Array.isArray(state)) return {};
  const days: Partial<Record<ReportName, string>> = {};
  for (const name of REPORT_NAMES) {
    const day = state[name];
    if (typeof day === 'string' && isIsoDay(day)) days[name] = day;
  }
  return days;
}

function checkpoint(stream: StreamName, state: JsonValue): ConnectorMessage {
  return { kind: 'checkpoint', stream, state };
}
