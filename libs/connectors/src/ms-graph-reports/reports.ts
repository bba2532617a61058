import type { ActivityType } from '@uptake/contracts';
import type { ConnectorMessage, RecordProblem, StreamName } from '@uptake/connector-sdk';

/** The Microsoft 365 usage reports this connector understands, in the order they are read. */
export const REPORT_NAMES = ['yammer-groups', 'yammer-activity', 'teams-activity', 'email-activity'] as const;
export type ReportName = (typeof REPORT_NAMES)[number];

/** One CSV row, keyed by the header's column names; a column is undefined when the row is too short. */
export type ReportRow = Readonly<Record<string, string | undefined>>;

/** Where a row comes from, for problem locations, and the day it covers when the caller knows it. */
export interface RowSource {
  /** The uploaded file's name, or the report and date that were downloaded. */
  file: string;
  /** CSV line number (the header is line 1). */
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
  map(row: ReportRow, source: RowSource): ConnectorMessage[];
}

// Column names as documented for the v1.0 reportRoot functions (Microsoft Graph reference).
const REFRESH_DATE = 'Report Refresh Date';
const UPN = 'User Principal Name';

/**
 * Identity key of a report row. Microsoft 365 may "conceal" user details (an admin setting that is on by
 * default): the UPN column then holds a hash such as 5D1B8F3E... instead of an address. The hash is stable
 * across days and reports of the tenant, so it still works as an identity key; it just will not match
 * people imported from other sources by e-mail address.
 */
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
    return build();
  } catch (error) {
    if (!(error instanceof RowProblem)) throw error;
    const problem: RecordProblem = {
      location: { file: source.file, line: source.line, field: error.field },
      reason: error.reason,
    };
    return [{ kind: 'invalid', problem }];
  }
}

/** One activity record standing for `count` interactions of a kind, when there were any. */
function dailyActivity(
  externalId: string,
  actor: string,
  day: string,
  type: ActivityType,
  count: number,
): ConnectorMessage[] {
  if (count <= 0) return [];
  return [
    {
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
      },
    },
  ];
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
  map: (row, source) =>
    mapped(source, () => {
      const day = dayOf(row, source);
      const actor = upnOf(row);
      const counts: [ActivityType, number][] = [
        ['post', countOf(row, 'Posted Count')],
        ['read', countOf(row, 'Read Count')],
        ['reaction', countOf(row, 'Liked Count')],
      ];
      return counts.flatMap(([type, count]) =>
        dailyActivity(`yammer:${day}:${actor}:${type}`, actor, day, type, count),
      );
    }),
};

/** Viva Engage groups activity detail: the communities (no person data is read from it). */
export const yammerGroupsReport: ReportDefinition = {
  name: 'yammer-groups',
  endpoint: 'getYammerGroupsActivityDetail',
  stream: 'groups',
  columns: [REFRESH_DATE, 'Group Display Name', 'Group Type', 'Member Count'],
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

/**
 * Teams user activity user detail. Decisions:
 * - channel activity comes from 'Post Messages' (new channel posts -> 'post') and 'Reply Messages'
 *   (channel replies -> 'reply'); 'Team Chat Message Count' is their total, so it is not counted again;
 * - 'Private Chat Message Count' (1:1 and group chats) -> 'post' with its own id suffix 'chat', as a chat
 *   message is a contribution of its own, not an answer to a post;
 * - calls and meetings are not social activity: 'Call Count', 'Meeting Count' and 'Meetings Attended
 *   Count' become usage figures teams.calls, teams.meetings and teams.meetings_attended.
 */
export const teamsActivityReport: ReportDefinition = {
  name: 'teams-activity',
  endpoint: 'getTeamsUserActivityUserDetail',
  stream: 'activity',
  columns: [
    REFRESH_DATE,
    UPN,
    'Team Chat Message Count',
    'Private Chat Message Count',
    'Call Count',
    'Meeting Count',
    'Post Messages',
    'Reply Messages',
    'Meetings Attended Count',
  ],
  map: (row, source) =>
    mapped(source, () => {
      const day = dayOf(row, source);
      const actor = upnOf(row);
      const activities: [string, ActivityType, number][] = [
        ['post', 'post', countOf(row, 'Post Messages')],
        ['reply', 'reply', countOf(row, 'Reply Messages')],
        ['chat', 'post', countOf(row, 'Private Chat Message Count')],
      ];
      const figures: [string, number][] = [
        ['teams.calls', countOf(row, 'Call Count')],
        ['teams.meetings', countOf(row, 'Meeting Count')],
        ['teams.meetings_attended', countOf(row, 'Meetings Attended Count')],
      ];
      return [
        ...activities.flatMap(([metric, type, count]) =>
          dailyActivity(`teams:${day}:${actor}:${metric}`, actor, day, type, count),
        ),
        ...figures.map(([metric, value]) => usage(actor, day, metric, value)),
      ];
    }),
};

/** E-mail activity user detail: the baseline of an e-mail reduction business case. */
export const emailActivityReport: ReportDefinition = {
  name: 'email-activity',
  endpoint: 'getEmailActivityUserDetail',
  stream: 'usage',
  columns: [REFRESH_DATE, UPN, 'Send Count', 'Receive Count', 'Read Count'],
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
 * Recognises an uploaded report by its header. The most specific reports are tried first: the Yammer
 * activity columns (posted/read/liked) also appear in the groups report, 'Read Count' in the e-mail one.
 */
export function detectReport(header: readonly string[]): ReportDefinition | null {
  const present = new Set(header.map((column) => column.trim()));
  const order: ReportDefinition[] = [
    teamsActivityReport,
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
