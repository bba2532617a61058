import { InputError } from '@uptake/connector-sdk';
import { camelCaseOf } from './json-report';
import { periodReportError, semicolonHeaderError, slashDateError } from './report-checks';
import { emailActivityReport, yammerGroupsReport, type ReportRow } from './reports';

const YAMMER_HEADER =
  'Report Refresh Date,User Principal Name,Display Name,User State,State Change Date,Last Activity Date,Posted Count,Read Count,Liked Count,Assigned Products,Report Period';

describe('semicolonHeaderError', () => {
  it('names a known report header written with semicolons', () => {
    const error = semicolonHeaderError([YAMMER_HEADER.replaceAll(',', ';')], 'engage.csv');
    expect(error).toBeInstanceOf(InputError);
    expect(error?.message).toMatch(/^engage\.csv is semicolon-delimited/);
  });

  it('leaves comma headers and unknown semicolon headers to the report detection', () => {
    expect(semicolonHeaderError(YAMMER_HEADER.split(','), 'engage.csv')).toBeNull();
    expect(semicolonHeaderError(['Date;User;Messages'], 'other.csv')).toBeNull();
  });
});

describe('slashDateError', () => {
  const row = (date: string): ReportRow => ({ 'Report Refresh Date': date });

  it.each([
    ['3/16/2026', 'MM/DD/YYYY (US)'],
    ['16/03/2026', 'DD/MM/YYYY'],
    ['03/04/2026', 'MM/DD/YYYY (US) or DD/MM/YYYY'],
    ['3/16/2026 12:00:00 AM', 'MM/DD/YYYY (US)'],
  ])('refuses %j, naming %s', (date, order) => {
    expect(slashDateError(row(date), 'f.csv')?.message).toContain(`writes its dates as ${order} `);
  });

  it('accepts the ISO dates Microsoft writes (a bad one is the row problem of its line)', () => {
    expect(slashDateError(row('2026-03-16'), 'f.csv')).toBeNull();
    expect(slashDateError(row('16.03.2026'), 'f.csv')).toBeNull();
  });
});

describe('periodReportError', () => {
  it.each(['7', '30', '90', '180'])('refuses a %s-day report of people', (period) => {
    const error = periodReportError(emailActivityReport, { 'Report Period': period }, 'mail.csv');
    expect(error?.message).toContain(`mail.csv is a ${period}-day report`);
    expect(error?.message).toContain('getEmailActivityUserDetail(date=YYYY-MM-DD)');
  });

  it('reads per-day reports, files without the column, and the groups report of any period', () => {
    expect(periodReportError(emailActivityReport, { 'Report Period': '1' }, 'mail.csv')).toBeNull();
    expect(periodReportError(emailActivityReport, {}, 'mail.csv')).toBeNull();
    expect(periodReportError(yammerGroupsReport, { 'Report Period': '7' }, 'groups.csv')).toBeNull();
  });
});

describe('camelCaseOf (JSON report properties)', () => {
  it.each([
    ['Report Refresh Date', 'reportRefreshDate'],
    ['User Principal Name', 'userPrincipalName'],
    ['Private Chat Message Count', 'privateChatMessageCount'],
    ['Scheduled One-time Meetings Organized Count', 'scheduledOneTimeMeetingsOrganizedCount'],
    ['Office 365 Connected', 'office365Connected'],
  ])('%s -> %s', (column, property) => {
    expect(camelCaseOf(column)).toBe(property);
  });
});
