import {
  HttpClient,
  InputError,
  parseConnectorConfig,
  type ConnectorMessage,
  type InputFile,
} from '@uptake/connector-sdk';
import { readAll, readConnector, stateAfter } from '@uptake/ingest/testing';
import { createWriteStream, statSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { finished } from 'node:stream/promises';
import { daysToRead, msGraphReportsConnector, reportWindow } from '.';

const now = new Date('2026-03-20T08:00:00.000Z');
const contract = { connector: msGraphReportsConnector, now };

function fixture(name: string): InputFile {
  const path = join(__dirname, 'fixtures', name);
  return { path, name, size: statSync(path).size };
}

const upload = (name: string, settings: object = {}) => ({ settings, file: () => fixture(name) });
const of = <K extends ConnectorMessage['kind']>(messages: ConnectorMessage[], kind: K) =>
  messages.filter((m): m is Extract<ConnectorMessage, { kind: K }> => m.kind === kind);
/** Report counts stored (a count of 0 only withdraws one a republished report no longer has). */
const counts = (messages: ConnectorMessage[]) =>
  of(messages, 'activity')
    .map((m) => m.record)
    .filter((record) => record.count > 0);

describe('ms-graph-reports uploaded CSV files', () => {
  it('reads a Viva Engage activity report as counts per person, day and kind', async () => {
    const messages = await readAll(contract, upload('yammer-activity-user-detail.csv'));
    // Rows with counts > 0 (posted/read/liked): anna 3/12/5 -> 3, ben 0/7/2 -> 2, chloe 1/0/0 -> 1,
    // dmitri 0/0/0 -> 0, eva 2/25/9 -> 3, farid ''/4/'' -> 1, grace 0/1/0 -> 1: 11 counts.
    const activities = counts(messages);
    expect(activities).toHaveLength(11);
    expect(activities.reduce((sum, a) => sum + a.count, 0)).toBe(3 + 12 + 5 + 7 + 2 + 1 + 2 + 25 + 9 + 4 + 1);
    expect(activities[0]).toMatchObject({
      externalId: 'yammer:2026-03-16:anna.schmidt@contoso.com:post',
      actorExternalId: 'anna.schmidt@contoso.com',
      count: 3,
      fromReport: true,
    });
    // 7 rows x 3 kinds = 21 records: the other 10 are zeros (they withdraw a count a corrected report dropped).
    expect(of(messages, 'activity')).toHaveLength(21);
    expect(of(messages, 'activity').every((m) => m.record.fromReport === true)).toBe(true);
    expect(of(messages, 'invalid')).toEqual([]);
    expect(of(messages, 'warning')).toEqual([]);
    // The read starts with a checkpoint (where it resumes), then one per 1,000 rows: only the final one, line 8.
    expect(of(messages, 'checkpoint')).toEqual([
      { kind: 'checkpoint', stream: 'activity', state: { file: 'yammer-activity-user-detail.csv', line: 0 } },
      { kind: 'checkpoint', stream: 'activity', state: { file: 'yammer-activity-user-detail.csv', line: 8 } },
    ]);
  });

  it('reads a Viva Engage groups report as communities', async () => {
    const messages = await readAll(contract, upload('yammer-groups-activity-detail.csv'));
    expect(of(messages, 'group').map((m) => [m.record.name, m.record.isPrivate])).toEqual([
      ['All Company', false],
      ['Sustainability Champions', false],
      ['Engineering Guild', false],
      ['Project Atlas', true],
      ['Berlin Office, Mitte', false],
    ]);
    expect(messages.filter((m) => m.kind !== 'group' && m.kind !== 'checkpoint')).toEqual([]);
    expect(of(messages, 'checkpoint').map((m) => m.stream)).toEqual(['groups', 'groups']);
  });

  it('reads a Teams user activity report: chats as chat, the concealed row skipped and warned', async () => {
    const messages = await readAll(contract, upload('teams-user-activity-user-detail.csv'));
    // post/reply/chat > 0: anna 2/4/14 -> 3, ben 0/0/8 -> 1, chloe 1/2/0 -> 2, eva 0/0/0 -> 0,
    // farid 1/0/3 -> 2: 8 counts; the concealed user (line 5) is skipped. Usage: 5 rows x 3 metrics = 15.
    expect(counts(messages)).toHaveLength(8);
    expect(of(messages, 'usage')).toHaveLength(15);
    expect(
      counts(messages)
        .filter((a) => a.type === 'chat')
        .map((a) => [a.actorExternalId, a.count]),
    ).toEqual([
      ['anna.schmidt@contoso.com', 14],
      ['ben.okafor@contoso.com', 8],
      ['farid.haddad@contoso.com', 3],
    ]);
    const people = new Set([
      ...of(messages, 'activity').map((m) => m.record.actorExternalId),
      ...of(messages, 'usage').map((m) => m.record.personExternalId),
    ]);
    expect([...people].some((person) => person?.startsWith('5d1b'))).toBe(false);
    expect(of(messages, 'warning').map((m) => m.warning)).toEqual([
      expect.objectContaining({
        code: 'concealed-names',
        file: 'teams-user-activity-user-detail.csv',
        count: 1,
      }),
    ]);
    expect(of(messages, 'usage').find((m) => m.record.personExternalId.startsWith('farid'))?.record).toEqual({
      personExternalId: 'farid.haddad@contoso.com',
      day: '2026-03-16',
      metric: 'teams.calls',
      value: 0,
    });
  });

  it('reads the older Teams header: channel messages as replies, no posts, and says so', async () => {
    const messages = await readAll(contract, upload('teams-user-activity-older-header.csv'));
    // anna: 6 channel messages -> 6 replies, 14 chats; ben: 8 chats; chloe: nothing. Posts are withdrawn (0).
    expect(counts(messages).map((a) => [a.externalId, a.type, a.count])).toEqual([
      ['teams:2026-03-16:anna.schmidt@contoso.com:reply', 'reply', 6],
      ['teams:2026-03-16:anna.schmidt@contoso.com:chat', 'chat', 14],
      ['teams:2026-03-16:ben.okafor@contoso.com:chat', 'chat', 8],
    ]);
    expect(of(messages, 'activity').filter((m) => m.record.type === 'post' && m.record.count > 0)).toEqual(
      [],
    );
    // Calls and meetings of 3 people; the older header has no meetings attended.
    expect(of(messages, 'usage').map((m) => m.record.metric)).toEqual([
      'teams.calls',
      'teams.meetings',
      'teams.calls',
      'teams.meetings',
      'teams.calls',
      'teams.meetings',
    ]);
    expect(of(messages, 'warning').map((m) => [m.warning.code, m.warning.file])).toEqual([
      ['older-teams-header', 'teams-user-activity-older-header.csv'],
    ]);
  });

  it('reads an e-mail activity report as usage figures', async () => {
    const messages = await readAll(contract, upload('email-activity-user-detail.csv'));
    // 5 rows x 3 metrics (sent, received, read) = 15 figures; dmitri's empty counts are zeros.
    const figures = of(messages, 'usage').map((m) => m.record);
    expect(figures).toHaveLength(15);
    expect(figures.filter((f) => f.metric === 'email.sent').reduce((sum, f) => sum + f.value, 0)).toBe(
      18 + 9 + 0 + 0 + 27,
    );
    expect(figures.map((f) => f.personExternalId)).toContain('eva.lindqvist@contoso.com');
    expect(of(messages, 'checkpoint').map((m) => m.stream)).toEqual(['usage', 'usage']);
  });

  it('quarantines bad rows with file, line and column, and keeps the good ones', async () => {
    const messages = await readAll(contract, upload('yammer-activity-malformed.csv'));
    // Good rows: line 2 (1 post, 2 reads) and line 6 (3 reads, 1 like): 4 counts.
    expect(counts(messages).map((a) => a.externalId)).toEqual([
      'yammer:2026-03-16:anna.schmidt@contoso.com:post',
      'yammer:2026-03-16:anna.schmidt@contoso.com:read',
      'yammer:2026-03-16:ben.okafor@contoso.com:read',
      'yammer:2026-03-16:ben.okafor@contoso.com:reaction',
    ]);
    expect(of(messages, 'invalid').map((m) => m.problem.location)).toEqual([
      { file: 'yammer-activity-malformed.csv', line: 3, field: 'User Principal Name' },
      { file: 'yammer-activity-malformed.csv', line: 4, field: 'Read Count' },
      { file: 'yammer-activity-malformed.csv', line: 5, field: 'Report Refresh Date' },
      { file: 'yammer-activity-malformed.csv', line: 7, field: 'Liked Count' },
      { file: 'yammer-activity-malformed.csv', line: 8, field: 'Posted Count' },
    ]);
  });

  it('names the line a bad row starts on, with CRLF line endings and line breaks in quoted values', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ms-graph-reports-lines-'));
    try {
      const name = 'engage-multiline.csv';
      const path = join(dir, name);
      const lines = [
        'Report Refresh Date,User Principal Name,Display Name,Posted Count,Read Count,Liked Count,Report Period',
        '2026-03-16,anna@contoso.com,"Anna\r\nSchmidt",1,2,0,1', // lines 2-3
        '2026-03-16,ben@contoso.com,Ben,1,many,0,1', // line 4: bad Read Count
        '2026-03-16,cara@contoso.com,"Cara\r\nvon\r\nDorn",1,1,0,1', // lines 5-7
        '2026-03-16,dan@contoso.com,Dan,x,1,0,1', // line 8: bad Posted Count
      ];
      await writeFile(path, `\uFEFF${lines.join('\r\n')}\r\n`);
      const file = { path, name, size: statSync(path).size };
      const messages = await readAll(contract, { settings: {}, file: () => file });
      expect(of(messages, 'invalid').map((m) => m.problem.location)).toEqual([
        { file: name, line: 4, field: 'Read Count' },
        { file: name, line: 8, field: 'Posted Count' },
      ]);
      expect(of(messages, 'checkpoint').at(-1)?.state).toEqual({ file: name, line: 8 });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('checkpoints every N rows and resumes after the checkpointed line', async () => {
    const input = upload('yammer-activity-user-detail.csv', { checkpointRows: 3 });
    const all = await readAll(contract, input);
    // Rows are on lines 2..8: the start, then after lines 4 and 7 (3 rows each) and at the end (line 8).
    expect(of(all, 'checkpoint').map((m) => m.state)).toEqual([
      { file: 'yammer-activity-user-detail.csv', line: 0 },
      { file: 'yammer-activity-user-detail.csv', line: 4 },
      { file: 'yammer-activity-user-detail.csv', line: 7 },
      { file: 'yammer-activity-user-detail.csv', line: 8 },
    ]);
    const head = await readAll(contract, input, {}, { stream: 'activity', count: 2 });
    const tail = await readAll(contract, input, stateAfter(head));
    // Lines 2..4 (anna 3 + ben 2 + chloe 1 = 6 counts) before the checkpoint after line 4; the rest after it.
    expect(counts(head)).toHaveLength(6);
    expect(counts(tail)).toHaveLength(11 - 6);
  });

  it('ignores the checkpoint of another file', async () => {
    const state = { activity: { file: 'last-week.csv', line: 8 } };
    const messages = await readAll(contract, upload('yammer-activity-user-detail.csv'), state);
    expect(counts(messages)).toHaveLength(11);
  });

  it('fails at once, naming the file, when the header matches no known report', async () => {
    const read = readAll(contract, upload('not-a-usage-report.csv'));
    await expect(read).rejects.toThrow(/not-a-usage-report\.csv is not a Microsoft 365 usage report/);
    await expect(read).rejects.toBeInstanceOf(InputError);
  });
});

describe('ms-graph-reports uploaded JSON reports ($format=application/json)', () => {
  it('reads the value list like the CSV, entries numbered from 1', async () => {
    const messages = await readAll(contract, upload('yammer-activity-user-detail.json'));
    // anna 3/12/5 -> 3, ben 0/7/2 -> 2, chloe: likedCount 1.5 is no count (entry 3 quarantined), eva 2/25/9 -> 3.
    expect(counts(messages).map((a) => [a.externalId, a.count])).toEqual([
      ['yammer:2026-03-16:anna.schmidt@contoso.com:post', 3],
      ['yammer:2026-03-16:anna.schmidt@contoso.com:read', 12],
      ['yammer:2026-03-16:anna.schmidt@contoso.com:reaction', 5],
      ['yammer:2026-03-16:ben.okafor@contoso.com:read', 7],
      ['yammer:2026-03-16:ben.okafor@contoso.com:reaction', 2],
      ['yammer:2026-03-16:eva.lindqvist@contoso.com:post', 2],
      ['yammer:2026-03-16:eva.lindqvist@contoso.com:read', 25],
      ['yammer:2026-03-16:eva.lindqvist@contoso.com:reaction', 9],
    ]);
    expect(of(messages, 'invalid')).toEqual([
      {
        kind: 'invalid',
        problem: {
          location: { file: 'yammer-activity-user-detail.json', line: 3, field: 'Liked Count' },
          reason: "Liked Count: '1.5' is not a whole number >= 0",
        },
      },
    ]);
    expect(of(messages, 'checkpoint').at(-1)?.state).toEqual({
      file: 'yammer-activity-user-detail.json',
      line: 4,
    });
  });

  it('warns that a page with @odata.nextLink is not the whole report', async () => {
    const messages = await readAll(contract, upload('email-activity-user-detail-page.json'));
    // 2 entries x 3 metrics.
    expect(of(messages, 'usage')).toHaveLength(6);
    expect(of(messages, 'warning').map((m) => [m.warning.code, m.warning.file, m.warning.count])).toEqual([
      ['json-report-page', 'email-activity-user-detail-page.json', 1],
    ]);
  });
});

describe('ms-graph-reports refuses a file that can never be read right, at once', () => {
  it.each([
    [
      'yammer-activity-user-detail-d7.csv',
      /yammer-activity-user-detail-d7\.csv is a 7-day report \('Report Period' is 7\).*getYammerActivityUserDetail\(date=YYYY-MM-DD\)/,
    ],
    [
      'yammer-activity-user-detail-us-dates.csv',
      /writes its dates as MM\/DD\/YYYY \(US\) \('Report Refresh Date' is '3\/16\/2026'\).*YYYY-MM-DD/,
    ],
    ['yammer-activity-user-detail-semicolon.csv', /is semicolon-delimited.*commas/],
    [
      'teams-user-activity-concealed.csv',
      /names its users by concealed values \(Microsoft 365's "Display concealed user, group, and site names/,
    ],
  ])('%s', async (name, message) => {
    const yielded: ConnectorMessage[] = [];
    const read = (async () => {
      for await (const m of readConnector(contract, upload(name))) yielded.push(m);
    })();
    await expect(read).rejects.toThrow(message);
    await expect(read).rejects.toBeInstanceOf(InputError);
    // Nothing of the file was yielded before the refusal.
    expect(yielded.filter((m) => m.kind !== 'checkpoint' && m.kind !== 'warning')).toEqual([]);
  });
});

describe('ms-graph-reports large uploads', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ms-graph-reports-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('streams a large report, reporting byte progress and checkpointing as it goes', async () => {
    const rows = 50_000;
    const path = join(dir, 'engage-large.csv');
    const out = createWriteStream(path);
    out.write(
      '\uFEFFReport Refresh Date,User Principal Name,Display Name,Posted Count,Read Count,Liked Count,Report Period\r\n',
    );
    for (let index = 0; index < rows; index++) {
      out.write(`2026-03-16,user${index}@contoso.com,User ${index},1,2,0,1\r\n`);
    }
    out.end();
    await finished(out);
    const file: InputFile = { path, name: 'engage-large.csv', size: statSync(path).size };

    const { settings, credentials } = parseConnectorConfig(msGraphReportsConnector, {}, {});
    const progress: number[] = [];
    let activities = 0;
    let checkpoints = 0;
    let bytesAtFirstCheckpoint = -1;
    for await (const message of msGraphReportsConnector.read({
      settings,
      credentials,
      state: {},
      file,
      http: new HttpClient(),
      signal: new AbortController().signal,
      progress: (done) => progress.push(done),
      log: { info: () => undefined, warn: () => undefined },
      now: () => now,
    })) {
      if (message.kind === 'activity' && message.record.count > 0) activities++;
      if (message.kind !== 'checkpoint') continue;
      if (++checkpoints === 2) bytesAtFirstCheckpoint = progress.at(-1) ?? -1;
    }
    // Each row: 1 post + 2 reads (likes 0) = 2 counts; the start, then a checkpoint every 1,000 rows = 51.
    expect(activities).toBe(2 * rows);
    expect(checkpoints).toBe(rows / 1_000 + 1);
    expect(progress.at(-1)).toBe(file.size);
    // The first checkpoint came long before the file was read: it is streamed, not loaded.
    expect(bytesAtFirstCheckpoint).toBeGreaterThan(0);
    expect(bytesAtFirstCheckpoint).toBeLessThan(file.size / 2);
  }, 30_000); // 50,000 rows: about 2 s on an idle machine, more while other suites run beside it
});

describe('reportWindow', () => {
  it('ends lagDays before today (UTC) and spans lookbackDays, oldest first', () => {
    expect(reportWindow(new Date('2026-03-01T23:30:00.000Z'), 3, 2)).toEqual([
      '2026-02-25',
      '2026-02-26',
      '2026-02-27',
    ]);
  });

  it('spans 28 days by default', () => {
    const days = reportWindow(now, 28, 2);
    expect(days).toHaveLength(28);
    expect([days[0], days[27]]).toEqual(['2026-02-19', '2026-03-18']);
  });
});

describe('daysToRead', () => {
  const window = reportWindow(now, 28, 2); // 2026-02-19 .. 2026-03-18

  it('reads the whole window for a report never read', () => {
    expect(daysToRead(window, undefined, 4)).toEqual(window);
  });

  it('reads the days after the last one read, and the last 4 read again (Microsoft republishes them)', () => {
    expect(daysToRead(window, '2026-03-16', 4)).toEqual([
      '2026-03-13',
      '2026-03-14',
      '2026-03-15',
      '2026-03-16',
      '2026-03-17',
      '2026-03-18',
    ]);
  });

  it('reads only new days with refreshDays 0, and nothing before the window', () => {
    expect(daysToRead(window, '2026-03-16', 0)).toEqual(['2026-03-17', '2026-03-18']);
    expect(daysToRead(window, '2026-02-10', 4)).toEqual(window);
  });
});
