import type { ActivityType } from '@uptake/contracts';
import type { ConnectorMessage, RecordProblem, StreamName } from '@uptake/connector-sdk';

/** The Microsoft 365 usage reports this connector understands, in the order they are read. */
export const REPORT_NAMES = ['yammer-groups', 'yammer-activity', 'teams-activity', 'email-activity'] as const;
export type ReportName = (typeof REPORT_NAMES)[number];

/** One row, keyed by the CSV header's column names; a column is undefined when the row is too short. */
export type ReportRow = Readonly<Record<string, string | undefined>>;

/** Where a row comes from, for problem locations, and the day it covers when the caller knows it. */
export interface RowSource {
  /** The uploaded file's name, or the report and date that were downloaded. */
  file: string;
  /** CSV line number (the header is line 1), or the entry's position in a JSON report (from 1). */
  line: number;
  /** The date asked from Graph; null for uploads, whose rows carry it in 'Report Refresh Date'. */
  day: string | null;
}

export interface ReportDefinition {
  name: ReportName;
  /** The Graph v1.0 reportRoot function. */
  endpoint: string;
  /** The checkpoint stream that holds this report's progress. */
  stream: StreamName;
  /** Columns the mapping reads: a CSV that lacks one is not this report (or is unusable). */
  columns: readonly string[];
  /** The column naming who (or which community) a row is about: concealed when the tenant hides names. */
  identityColumn: string;
  /** Whether a row holds a person's counts (a period total of those must not land on one day). */
  perPerson: boolean;
  map(row: ReportRow, source: RowSource): ConnectorMessage[];
}

// Column names as documented for the v1.0 reportRoot functions (Microsoft Graph reference).
export const REFRESH_DATE = 'Report Refresh Date';
export const REPORT_PERIOD = 'Report Period';
const UPN = 'User Principal Name';

/**
 * Microsoft 365 conceals user, group and site names in every report unless an admin turns off "Display
 * concealed user, group, and site names" (on by default since September 2021): the UPN column then holds 32
 * hexadecimal digits (5D1B8F3E0C7A4B2D9E6F1A3C8B7D2E4F) instead of an address, and Teams' User Id is no object
 * id either. Nothing maps such a value back to a person, so it can never be joined with the same person named
 * in another report, source or the directory.
 */
export function isConcealedName(value: string | undefined): boolean {
  return value !== undefined && /^[0-9a-f]{32}$/i.test(value.trim());
}

/** Identity key of a report row: the user principal name, lower-cased (the key other sources match on). */
function identityKey(upn: string): string {
  return upn.trim().toLowerCase();
}

/** Reports are per day without a time: activity is placed at noon UTC so it stays on that day in any zone. */
export function occurredAtOf(day: string): Date {
  return new Date(`${day}T12:00:00.000Z`);
}

export function isIsoDay(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00.000Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

class RowProblem extends Error {
  constructor(
    readonly field: string,
    readonly reason: string,
  ) {
    super(reason);
  }
}

/** A column of the row, failing when the row is shorter than the header. */
function cell(row: ReportRow, column: string): string {
  const value = row[column];
  if (value === undefined)
    throw new RowProblem(column, `${column}: missing (the row has fewer fields than the header)`);
  return value.trim();
}

/** A daily count. Microsoft leaves counts empty for people without activity: empty means 0. */
function countOf(row: ReportRow, column: string): number {
  const value = cell(row, column);
  if (value === '') return 0;
  if (!/^\d+$/.test(value)) throw new RowProblem(column, `${column}: '${value}' is not a whole number >= 0`);
  return Number(value);
}

function upnOf(row: ReportRow): string {
  const value = cell(row, UPN);
  if (value === '') throw new RowProblem(UPN, `${UPN}: empty, the row names no user`);
  return identityKey(value);
}

/** The day a row covers: the date asked from Graph, else the row's refresh date (uploads). */
function dayOf(row: ReportRow, source: RowSource): string {
  if (source.day !== null) return source.day;
  const value = cell(row, REFRESH_DATE);
  if (!isIsoDay(value))
    throw new RowProblem(REFRESH_DATE, `${REFRESH_DATE}: '${value}' is not a date (YYYY-MM-DD)`);
  return value;
}

/** Runs a row mapping; a bad field turns the whole row into one quarantined problem. */
function mapped(source: RowSource, build: () => ConnectorMessage[]): ConnectorMessage[] {
  try {
    // Each record says where it was read, so a problem the pipeline finds names the file and line.
    const location = { file: source.file, line: source.line };
    return build().map((message) =>
      message.kind === 'invalid' || message.kind === 'checkpoint' ? message : { ...message, location },
    );
  } catch (error) {
    if (!(error instanceof RowProblem)) throw error;
    const problem: RecordProblem = {
      location: { file: source.file, line: source.line, field: error.field },
      reason: error.reason,
    };
    return [{ kind: 'invalid', problem }];
  }
}

/**
 * The report's count of one kind for a person and day. Its external id is per person, day and kind, and it
 * is marked `fromReport`: Microsoft republishes the last days with corrected counts, and a corrected count
 * replaces the stored one. A zero is yielded too (count 0), so a count the republished report withdrew is
 * removed; the pipeline stores nothing for a zero it has no count for.
 */
function reportCount(
  externalId: string,
  actor: string,
  day: string,
  type: ActivityType,
  count: number,
): ConnectorMessage {
  return {
    kind: 'activity',
    record: {
      externalId,
      occurredAt: occurredAtOf(day),
      actorExternalId: actor,
      type,
      groupExternalId: null,
      threadExternalId: null,
      targetExternalId: null,
      contentLength: null,
      count,
      fromReport: true,
    },
  };
}

/**
 * A daily usage figure. Zeros are kept: the reports list every licensed user, and a day without e-mail
 * or meetings is part of the baseline (and replaces a value a corrected report withdrew).
 */
function usage(person: string, day: string, metric: string, value: number): ConnectorMessage {
  return { kind: 'usage', record: { personExternalId: person, day, metric, value } };
}

/** Viva Engage activity user detail: posts, reads and likes of a user on a day. */
export const yammerActivityReport: ReportDefinition = {
  name: 'yammer-activity',
  endpoint: 'getYammerActivityUserDetail',
  stream: 'activity',
  columns: [REFRESH_DATE, UPN, 'Posted Count', 'Read Count', 'Liked Count'],
  identityColumn: UPN,
  perPerson: true,
  map: (row, source) =>
    mapped(source, () => {
      const day = dayOf(row, source);
      const actor = upnOf(row);
      const counts: [ActivityType, number][] = [
        ['post', countOf(row, 'Posted Count')],
        ['read', countOf(row, 'Read Count')],
        ['reaction', countOf(row, 'Liked Count')],
      ];
      return counts.map(([type, count]) =>
        reportCount(`yammer:${day}:${actor}:${type}`, actor, day, type, count),
      );
    }),
};

/** Viva Engage groups activity detail: the communities (no person data is read from it). */
export const yammerGroupsReport: ReportDefinition = {
  name: 'yammer-groups',
  endpoint: 'getYammerGroupsActivityDetail',
  stream: 'groups',
  columns: [REFRESH_DATE, 'Group Display Name', 'Group Type', 'Member Count'],
  identityColumn: 'Group Display Name',
  perPerson: false,
  map: (row, source) =>
    mapped(source, () => {
      const name = cell(row, 'Group Display Name');
      if (name === '') throw new RowProblem('Group Display Name', 'Group Display Name: empty');
      return [
        {
          kind: 'group',
          record: {
            externalId: `yammer-group:${name}`,
            name,
            kind: 'community',
            // The report says whether a community is private; everything else counts as open.
            isPrivate: cell(row, 'Group Type').toLowerCase() === 'private',
            memberExternalIds: null,
          },
        },
      ];
    }),
};

const TEAMS_COLUMNS = [
  REFRESH_DATE,
  UPN,
  'Team Chat Message Count',
  'Private Chat Message Count',
  'Call Count',
];

/**
 * Teams user activity user detail. Decisions:
 * - channel activity comes from 'Post Messages' (new channel posts -> 'post') and 'Reply Messages'
 *   (channel replies -> 'reply'); 'Team Chat Message Count' is their total, so it is not counted again;
 * - 'Private Chat Message Count' (1:1 and group chats) -> 'chat': activity, but not a community post (it
 *   would make everyone who sends a direct message a creator) and never a thread;
 * - calls and meetings are not social activity: 'Call Count', 'Meeting Count' and 'Meetings Attended
 *   Count' become usage figures teams.calls, teams.meetings and teams.meetings_attended.
 */
export const teamsActivityReport: ReportDefinition = {
  name: 'teams-activity',
  endpoint: 'getTeamsUserActivityUserDetail',
  stream: 'activity',
  columns: [...TEAMS_COLUMNS, 'Meeting Count', 'Post Messages', 'Reply Messages', 'Meetings Attended Count'],
  identityColumn: UPN,
  perPerson: true,
  map: (row, source) =>
    mapped(source, () => {
      const day = dayOf(row, source);
      const actor = upnOf(row);
      return teamsMessages(actor, day, [
        ['post', 'post', countOf(row, 'Post Messages')],
        ['reply', 'reply', countOf(row, 'Reply Messages')],
        ['chat', 'chat', countOf(row, 'Private Chat Message Count')],
      ]).concat([
        usage(actor, day, 'teams.calls', countOf(row, 'Call Count')),
        usage(actor, day, 'teams.meetings', countOf(row, 'Meeting Count')),
        usage(actor, day, 'teams.meetings_attended', countOf(row, 'Meetings Attended Count')),
      ]);
    }),
};

/**
 * The header Teams reports had before 'Post Messages', 'Reply Messages', 'Meetings Attended Count' and
 * 'User Id' (still what older exports and tools hold). Its 'Team Chat Message Count' is every channel message,
 * posts and replies together: counted as replies (contributions), under the id the newer header's replies
 * use, with no posts (a withdrawn count), so a newer file of the same day replaces them and nothing is counted
 * twice. Counting them as posts would make everyone who answers in a channel a creator.
 */
export const olderTeamsActivityReport: ReportDefinition = {
  ...teamsActivityReport,
  columns: [...TEAMS_COLUMNS, 'Meeting Count'],
  map: (row, source) =>
    mapped(source, () => {
      const day = dayOf(row, source);
      const actor = upnOf(row);
      return teamsMessages(actor, day, [
        ['post', 'post', 0],
        ['reply', 'reply', countOf(row, 'Team Chat Message Count')],
        ['chat', 'chat', countOf(row, 'Private Chat Message Count')],
      ]).concat([
        usage(actor, day, 'teams.calls', countOf(row, 'Call Count')),
        usage(actor, day, 'teams.meetings', countOf(row, 'Meeting Count')),
      ]);
    }),
};

function teamsMessages(
  actor: string,
  day: string,
  counts: readonly [string, ActivityType, number][],
): ConnectorMessage[] {
  return counts.map(([metric, type, count]) =>
    reportCount(`teams:${day}:${actor}:${metric}`, actor, day, type, count),
  );
}

/** E-mail activity user detail: the baseline of an e-mail reduction business case. */
export const emailActivityReport: ReportDefinition = {
  name: 'email-activity',
  endpoint: 'getEmailActivityUserDetail',
  stream: 'usage',
  columns: [REFRESH_DATE, UPN, 'Send Count', 'Receive Count', 'Read Count'],
  identityColumn: UPN,
  perPerson: true,
  map: (row, source) =>
    mapped(source, () => {
      const day = dayOf(row, source);
      const person = upnOf(row);
      return [
        usage(person, day, 'email.sent', countOf(row, 'Send Count')),
        usage(person, day, 'email.received', countOf(row, 'Receive Count')),
        usage(person, day, 'email.read', countOf(row, 'Read Count')),
      ];
    }),
};

export const REPORTS: Readonly<Record<ReportName, ReportDefinition>> = {
  'yammer-groups': yammerGroupsReport,
  'yammer-activity': yammerActivityReport,
  'teams-activity': teamsActivityReport,
  'email-activity': emailActivityReport,
};

/**
 * Every column name the reports use, for reading a JSON report (whose properties are these names in camel
 * case) back into the same rows as a CSV.
 */
export const KNOWN_COLUMNS: readonly string[] = [
  ...new Set([
    ...[yammerGroupsReport, yammerActivityReport, teamsActivityReport, emailActivityReport].flatMap(
      (report) => report.columns,
    ),
    REPORT_PERIOD,
  ]),
];

/**
 * Recognises an uploaded report by its header. The most specific reports are tried first: the Yammer
 * activity columns (posted/read/liked) also appear in the groups report, 'Read Count' in the e-mail one, and
 * the older Teams header is the newer one without four columns.
 */
export function detectReport(header: readonly string[]): ReportDefinition | null {
  const present = new Set(header.map((column) => column.trim()));
  const order: ReportDefinition[] = [
    teamsActivityReport,
    olderTeamsActivityReport,
    yammerGroupsReport,
    emailActivityReport,
    yammerActivityReport,
  ];
  return order.find((report) => report.columns.every((column) => present.has(column))) ?? null;
}

/** Columns of `report` the header lacks. */
export function missingColumns(report: ReportDefinition, header: readonly string[]): string[] {
  const present = new Set(header.map((column) => column.trim()));
  return report.columns.filter((column) => !present.has(column));
}
