import type { ConnectorMessage } from '@uptake/connector-sdk';
import {
  detectReport,
  emailActivityReport,
  isConcealedName,
  missingColumns,
  occurredAtOf,
  olderTeamsActivityReport,
  teamsActivityReport,
  yammerActivityReport,
  yammerGroupsReport,
  type ReportRow,
  type RowSource,
} from './reports';

const fromGraph: RowSource = { file: 'yammer-activity 2026-03-16', line: 2, day: '2026-03-16' };
const fromUpload: RowSource = { file: 'engage.csv', line: 5, day: null };

const activities = (messages: ConnectorMessage[]) =>
  messages.flatMap((m) => (m.kind === 'activity' ? [m.record] : []));
const usage = (messages: ConnectorMessage[]) =>
  messages.flatMap((m) => (m.kind === 'usage' ? [m.record] : []));
const problems = (messages: ConnectorMessage[]) =>
  messages.flatMap((m) => (m.kind === 'invalid' ? [m.problem] : []));

const yammerRow = (overrides: Partial<Record<string, string | undefined>> = {}): ReportRow => ({
  'Report Refresh Date': '2026-03-16',
  'User Principal Name': 'Anna.Schmidt@Contoso.com',
  'Display Name': 'Anna Schmidt',
  'Posted Count': '3',
  'Read Count': '12',
  'Liked Count': '5',
  'Report Period': '1',
  ...overrides,
});

describe('Viva Engage activity user detail rows', () => {
  it('yields one report count per kind, keyed by day, lower-cased UPN and kind', () => {
    const records = activities(yammerActivityReport.map(yammerRow(), fromGraph));
    expect(records).toEqual([
      {
        externalId: 'yammer:2026-03-16:anna.schmidt@contoso.com:post',
        occurredAt: new Date('2026-03-16T12:00:00.000Z'),
        actorExternalId: 'anna.schmidt@contoso.com',
        type: 'post',
        groupExternalId: null,
        threadExternalId: null,
        targetExternalId: null,
        contentLength: null,
        count: 3,
        fromReport: true,
      },
      expect.objectContaining({
        externalId: 'yammer:2026-03-16:anna.schmidt@contoso.com:read',
        type: 'read',
        count: 12,
      }),
      expect.objectContaining({
        externalId: 'yammer:2026-03-16:anna.schmidt@contoso.com:reaction',
        type: 'reaction',
        count: 5,
      }),
    ]);
  });

  it('yields zero and empty counts as 0 (Microsoft leaves them empty): a corrected report withdraws them', () => {
    const messages = yammerActivityReport.map(
      yammerRow({ 'Posted Count': '0', 'Liked Count': '' }),
      fromGraph,
    );
    expect(activities(messages).map((a) => [a.type, a.count])).toEqual([
      ['post', 0],
      ['read', 12],
      ['reaction', 0],
    ]);
    expect(problems(messages)).toEqual([]);
  });

  it('uses the date asked from Graph, not the refresh date column', () => {
    const [first] = activities(
      yammerActivityReport.map(yammerRow({ 'Report Refresh Date': '2026-03-18' }), fromGraph),
    );
    expect(first.externalId).toBe('yammer:2026-03-16:anna.schmidt@contoso.com:post');
  });

  it('uses the refresh date column for uploads', () => {
    const [first] = activities(
      yammerActivityReport.map(yammerRow({ 'Report Refresh Date': '2026-03-18' }), fromUpload),
    );
    expect(first.externalId).toBe('yammer:2026-03-18:anna.schmidt@contoso.com:post');
    expect(first.occurredAt).toEqual(new Date('2026-03-18T12:00:00.000Z'));
  });

  it.each([
    ['5D1B8F3E0C7A4B2D9E6F1A3C8B7D2E4F', true],
    [' 0c4e2a7b9d1f3e5a6c8b0d2f4e6a8c1b ', true],
    ['anna.schmidt@contoso.com', false],
    ['5D1B8F3E0C7A4B2D9E6F1A3C8B7D2E4', false],
    ['5D1B8F3E0C7A4B2D9E6F1A3C8B7D2E4G', false],
  ])('tells a concealed name (32 hex digits) from a plain one: %j -> %s', (value, concealed) => {
    expect(isConcealedName(value)).toBe(concealed);
  });

  it.each([
    [{ 'User Principal Name': '  ' }, 'User Principal Name', 'empty'],
    [{ 'Read Count': 'many' }, 'Read Count', "'many' is not a whole number"],
    [{ 'Liked Count': '-2' }, 'Liked Count', "'-2' is not a whole number"],
    [{ 'Posted Count': '1.5' }, 'Posted Count', "'1.5' is not a whole number"],
    [{ 'Posted Count': undefined }, 'Posted Count', 'missing'],
  ])('turns a bad row %j into one problem on %s, with nothing else', (overrides, field, reason) => {
    const messages = yammerActivityReport.map(yammerRow(overrides), fromGraph);
    expect(messages).toEqual([
      {
        kind: 'invalid',
        problem: {
          location: { file: 'yammer-activity 2026-03-16', line: 2, field },
          reason: expect.stringContaining(reason),
        },
      },
    ]);
  });

  it.each(['16/03/2026', '2026-02-30', ''])('rejects the refresh date %j of an uploaded row', (date) => {
    const messages = yammerActivityReport.map(yammerRow({ 'Report Refresh Date': date }), fromUpload);
    expect(problems(messages)).toEqual([
      {
        location: { file: 'engage.csv', line: 5, field: 'Report Refresh Date' },
        reason: `Report Refresh Date: '${date}' is not a date (YYYY-MM-DD)`,
      },
    ]);
  });
});

describe('Viva Engage groups activity detail rows', () => {
  const groupRow = (name: string, type: string): ReportRow => ({
    'Report Refresh Date': '2026-03-16',
    'Group Display Name': name,
    'Owner Principal Name': 'eva@contoso.com',
    'Group Type': type,
    'Member Count': '87',
  });

  it('yields a community named after the group, without members or owner', () => {
    expect(yammerGroupsReport.map(groupRow('Sustainability Champions', 'Public'), fromGraph)).toEqual([
      {
        kind: 'group',
        location: { file: 'yammer-activity 2026-03-16', line: 2 },
        record: {
          externalId: 'yammer-group:Sustainability Champions',
          name: 'Sustainability Champions',
          kind: 'community',
          isPrivate: false,
          memberExternalIds: null,
        },
      },
    ]);
  });

  it('marks private communities', () => {
    const [message] = yammerGroupsReport.map(groupRow('Project Atlas', 'Private'), fromGraph);
    expect(message).toMatchObject({ kind: 'group', record: { isPrivate: true } });
  });

  it('quarantines a row without a name', () => {
    expect(problems(yammerGroupsReport.map(groupRow('', 'Public'), fromUpload))).toEqual([
      {
        location: { file: 'engage.csv', line: 5, field: 'Group Display Name' },
        reason: 'Group Display Name: empty',
      },
    ]);
  });
});

describe('Teams user activity user detail rows', () => {
  const teamsRow: ReportRow = {
    'Report Refresh Date': '2026-03-16',
    'User Principal Name': 'chloe.martin@contoso.com',
    'Team Chat Message Count': '7',
    'Private Chat Message Count': '14',
    'Call Count': '2',
    'Meeting Count': '3',
    'Post Messages': '2',
    'Reply Messages': '5',
    'Meetings Attended Count': '',
  };

  it('counts channel posts, channel replies and chat messages (as chat), not the channel total again', () => {
    const records = activities(teamsActivityReport.map(teamsRow, fromGraph));
    // 2 posts + 5 replies + 14 chat messages = 21 interactions; 'Team Chat Message Count' (7) is their channel total.
    expect(records.map((a) => [a.externalId, a.type, a.count])).toEqual([
      ['teams:2026-03-16:chloe.martin@contoso.com:post', 'post', 2],
      ['teams:2026-03-16:chloe.martin@contoso.com:reply', 'reply', 5],
      ['teams:2026-03-16:chloe.martin@contoso.com:chat', 'chat', 14],
    ]);
  });

  it('records calls and meetings as usage figures, zeros included', () => {
    expect(usage(teamsActivityReport.map(teamsRow, fromGraph))).toEqual([
      { personExternalId: 'chloe.martin@contoso.com', day: '2026-03-16', metric: 'teams.calls', value: 2 },
      { personExternalId: 'chloe.martin@contoso.com', day: '2026-03-16', metric: 'teams.meetings', value: 3 },
      {
        personExternalId: 'chloe.martin@contoso.com',
        day: '2026-03-16',
        metric: 'teams.meetings_attended',
        value: 0,
      },
    ]);
  });

  it('yields nothing but a problem when a count is bad', () => {
    const messages = teamsActivityReport.map({ ...teamsRow, 'Call Count': 'n/a' }, fromGraph);
    expect(messages).toHaveLength(1);
    expect(problems(messages)[0].location.field).toBe('Call Count');
  });
});

describe('e-mail activity user detail rows', () => {
  it('yields sent, received and read figures for the day', () => {
    const row: ReportRow = {
      'Report Refresh Date': '2026-03-17',
      'User Principal Name': 'EVA.LINDQVIST@contoso.com',
      'Send Count': '27',
      'Receive Count': '103',
      'Read Count': '',
    };
    expect(usage(emailActivityReport.map(row, fromUpload))).toEqual([
      { personExternalId: 'eva.lindqvist@contoso.com', day: '2026-03-17', metric: 'email.sent', value: 27 },
      {
        personExternalId: 'eva.lindqvist@contoso.com',
        day: '2026-03-17',
        metric: 'email.received',
        value: 103,
      },
      { personExternalId: 'eva.lindqvist@contoso.com', day: '2026-03-17', metric: 'email.read', value: 0 },
    ]);
  });
});

describe('report detection', () => {
  const headers = {
    yammerActivity:
      'Report Refresh Date,User Principal Name,Display Name,User State,State Change Date,Last Activity Date,Posted Count,Read Count,Liked Count,Assigned Products,Report Period',
    yammerGroups:
      'Report Refresh Date,Group Display Name,Is Deleted,Owner Principal Name,Last Activity Date,Group Type,Office 365 Connected,Member Count,Posted Count,Read Count,Liked Count,Report Period',
    teams:
      'Report Refresh Date,Tenant Display Name,User Id,User Principal Name,Last Activity Date,Team Chat Message Count,Private Chat Message Count,Call Count,Meeting Count,Post Messages,Reply Messages,Meetings Attended Count,Report Period',
    email:
      'Report Refresh Date,User Principal Name,Display Name,Is Deleted,Deleted Date,Last Activity Date,Send Count,Receive Count,Read Count,Meeting Created Count,Meeting Interacted Count,Assigned Products,Report Period',
  };

  it('recognises the older Teams header, without posts, replies and meetings attended', () => {
    const older =
      'Report Refresh Date,User Principal Name,Last Activity Date,Is Deleted,Deleted Date,Assigned Products,Team Chat Message Count,Private Chat Message Count,Call Count,Meeting Count,Has Other Action,Report Period';
    expect(detectReport(older.split(','))).toBe(olderTeamsActivityReport);
  });

  it.each([
    [headers.yammerActivity, 'yammer-activity'],
    [headers.yammerGroups, 'yammer-groups'],
    [headers.teams, 'teams-activity'],
    [headers.email, 'email-activity'],
  ])('recognises %s', (header, name) => {
    expect(detectReport(header.split(','))?.name).toBe(name);
  });

  it('recognises nothing in an unrelated CSV', () => {
    expect(detectReport(['Date', 'User', 'Messages'])).toBeNull();
  });

  it('names the columns a downloaded report lacks', () => {
    expect(
      missingColumns(teamsActivityReport, headers.teams.replace(',Reply Messages', '').split(',')),
    ).toEqual(['Reply Messages']);
  });
});

describe('occurredAtOf', () => {
  it('puts a report day at noon UTC', () => {
    expect(occurredAtOf('2026-01-31').toISOString()).toBe('2026-01-31T12:00:00.000Z');
  });
});
