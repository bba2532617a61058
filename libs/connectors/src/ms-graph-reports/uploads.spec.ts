import {
  HttpClient,
  parseConnectorConfig,
  type ConnectorMessage,
  type InputFile,
} from '@uptake/connector-sdk';
import { readAll, stateAfter } from '@uptake/ingest/testing';
import { createWriteStream, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { finished } from 'node:stream/promises';
import { msGraphReportsConnector, reportWindow } from '.';

const now = new Date('2026-03-20T08:00:00.000Z');
const contract = { connector: msGraphReportsConnector, now };

function fixture(name: string): InputFile {
  const path = join(__dirname, 'fixtures', name);
  return { path, name, size: statSync(path).size };
}

const upload = (name: string, settings: object = {}) => ({ settings, file: () => fixture(name) });
const of = <K extends ConnectorMessage['kind']>(messages: ConnectorMessage[], kind: K) =>
  messages.filter((m): m is Extract<ConnectorMessage, { kind: K }> => m.kind === kind);

describe('ms-graph-reports uploaded CSV files', () => {
  it('reads a Viva Engage activity report', async () => {
    const messages = await readAll(contract, upload('yammer-activity-user-detail.csv'));
    // Rows with counts > 0 (posted/read/liked): anna 3/12/5 -> 3, ben 0/7/2 -> 2, chloe 1/0/0 -> 1,
    // dmitri 0/0/0 -> 0, eva 2/25/9 -> 3, farid ''/4/'' -> 1, grace 0/1/0 -> 1: 11 records.
    const activities = of(messages, 'activity').map((m) => m.record);
    expect(activities).toHaveLength(11);
    expect(activities.reduce((sum, a) => sum + a.count, 0)).toBe(3 + 12 + 5 + 7 + 2 + 1 + 2 + 25 + 9 + 4 + 1);
    expect(activities[0]).toMatchObject({
      externalId: 'yammer:2026-03-16:anna.schmidt@contoso.com:post',
      actorExternalId: 'anna.schmidt@contoso.com',
      count: 3,
    });
    expect(of(messages, 'invalid')).toEqual([]);
    // 7 rows, one checkpoint per 1,000 rows by default: only the final one, after line 8.
    expect(of(messages, 'checkpoint')).toEqual([
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
    expect(of(messages, 'checkpoint').map((m) => m.stream)).toEqual(['groups']);
  });

  it('reads a Teams user activity report', async () => {
    const messages = await readAll(contract, upload('teams-user-activity-user-detail.csv'));
    // post/reply/chat > 0: anna 2/4/14 -> 3, ben 0/0/8 -> 1, chloe 1/2/0 -> 2, concealed 0/0/21 -> 1,
    // eva 0/0/0 -> 0, farid 1/0/3 -> 2: 9 records; usage: 6 rows x 3 metrics = 18 figures.
    expect(of(messages, 'activity')).toHaveLength(9);
    expect(of(messages, 'usage')).toHaveLength(18);
    expect(of(messages, 'activity').map((m) => m.record.actorExternalId)).toContain(
      '5d1b8f3e0c7a4b2d9e6f1a3c8b7d2e4f',
    );
    expect(of(messages, 'usage').find((m) => m.record.personExternalId.startsWith('farid'))?.record).toEqual({
      personExternalId: 'farid.haddad@contoso.com',
      day: '2026-03-16',
      metric: 'teams.calls',
      value: 0,
    });
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
    expect(of(messages, 'checkpoint').map((m) => m.stream)).toEqual(['usage']);
  });

  it('quarantines bad rows with file, line and column, and keeps the good ones', async () => {
    const messages = await readAll(contract, upload('yammer-activity-malformed.csv'));
    // Good rows: line 2 (1 post, 2 reads) and line 6 (3 reads, 1 like): 4 records.
    expect(of(messages, 'activity').map((m) => m.record.externalId)).toEqual([
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

  it('checkpoints every N rows and resumes after the checkpointed line', async () => {
    const input = upload('yammer-activity-user-detail.csv', { checkpointRows: 3 });
    const all = await readAll(contract, input);
    // Rows are on lines 2..8: checkpoints after lines 4 and 7 (3 rows each) and at the end (line 8).
    expect(of(all, 'checkpoint').map((m) => m.state)).toEqual([
      { file: 'yammer-activity-user-detail.csv', line: 4 },
      { file: 'yammer-activity-user-detail.csv', line: 7 },
      { file: 'yammer-activity-user-detail.csv', line: 8 },
    ]);
    const head = await readAll(contract, input, {}, { stream: 'activity', count: 1 });
    const tail = await readAll(contract, input, stateAfter(head));
    // Lines 2..4 (anna 3 + ben 2 + chloe 1 = 6 records) before the first checkpoint; the rest after it.
    expect(of(head, 'activity')).toHaveLength(6);
    expect(of(tail, 'activity')).toHaveLength(11 - 6);
  });

  it('ignores the checkpoint of another file', async () => {
    const state = { activity: { file: 'last-week.csv', line: 8 } };
    const messages = await readAll(contract, upload('yammer-activity-user-detail.csv'), state);
    expect(of(messages, 'activity')).toHaveLength(11);
  });

  it('fails naming the file when the header matches no known report', async () => {
    await expect(readAll(contract, upload('not-a-usage-report.csv'))).rejects.toThrow(
      /not-a-usage-report\.csv is not a Microsoft 365 usage report/,
    );
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
      if (message.kind === 'activity') activities++;
      if (message.kind !== 'checkpoint') continue;
      if (++checkpoints === 1) bytesAtFirstCheckpoint = progress.at(-1) ?? -1;
    }
    // Each row: 1 post + 2 reads (likes 0) = 2 records; a checkpoint every 1,000 rows = 50.
    expect(activities).toBe(2 * rows);
    expect(checkpoints).toBe(rows / 1_000);
    expect(progress.at(-1)).toBe(file.size);
    // The first checkpoint came long before the file was read: it is streamed, not loaded.
    expect(bytesAtFirstCheckpoint).toBeGreaterThan(0);
    expect(bytesAtFirstCheckpoint).toBeLessThan(file.size / 2);
  });
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
