import { ingest } from '@uptake/ingest';
import { createScratchSource, readConnector } from '@uptake/ingest/testing';
import { createDataSource, Organisation, QuarantinedRecord } from '@uptake/persistence';
import { testStoreUrls } from '@uptake/testing';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { csvActivityConnector } from '.';
import { directoryCsvConnector } from '../directory-csv';

/**
 * Uploaded files with what a source should not contain, through the real pipeline into Postgres. Placeholder
 * dates: the year 0001 stays 0001 (it used to be read as 1901 and stored), and both it and 9999 are
 * quarantined at their line with the value. NUL, lone surrogates and bytes that are not UTF-8: the row is
 * quarantined (it used to fail the whole batch, or merge two people). The rest of the file lands.
 */
describe('uploaded files with placeholder dates and unreadable text', () => {
  const dir = mkdtempSync(join(tmpdir(), 'uptake-window-'));
  let dataSource: DataSource;
  const organisations: string[] = [];

  beforeAll(async () => {
    dataSource = await createDataSource(testStoreUrls().databaseUrl).initialize();
  });
  afterAll(async () => {
    if (organisations.length > 0) await dataSource.getRepository(Organisation).delete(organisations);
    await dataSource?.destroy();
  });

  async function load(
    connector: typeof csvActivityConnector | typeof directoryCsvConnector,
    name: string,
    text: string | Buffer,
  ) {
    const path = join(dir, name);
    writeFileSync(path, text);
    const scope = await createScratchSource(dataSource, connector.type);
    organisations.push(scope.organisationId);
    const file = () => ({ path, name, size: Buffer.byteLength(text) });
    const result = await ingest(dataSource, scope, readConnector({ connector }, { settings: {}, file }), {
      fileName: name,
      now: () => new Date('2026-11-26T10:00:00Z'),
    });
    const problems = await dataSource
      .getRepository(QuarantinedRecord)
      .find({ where: { sourceId: scope.sourceId }, order: { id: 'ASC' } });
    return { scope, result, problems: problems.map((p) => [p.file, p.line, p.field, p.reason]) };
  }

  it('quarantines activity dated 0001 or 9999 with its real value', async () => {
    const { scope, result, problems } = await load(
      csvActivityConnector,
      'placeholders.csv',
      [
        'external_id,occurred_at,actor_id,type',
        'e1,0001-01-01T00:00:00Z,ann@x.org,post',
        'e2,9999-12-31T23:59:59Z,ann@x.org,post',
        'e3,2026-03-02T09:00:00Z,ann@x.org,post',
      ].join('\n'),
    );
    expect(result).toMatchObject({ inserted: 1, quarantined: 2 });
    expect(problems).toEqual([
      [
        'placeholders.csv',
        2,
        'occurredAt',
        'occurredAt 0001-01-01T00:00:00.000Z is before 1990-01-01, the earliest accepted day (EVENT_EARLIEST_DATE)',
      ],
      [
        'placeholders.csv',
        3,
        'occurredAt',
        'occurredAt 9999-12-31T23:59:59.000Z is more than 24 hours in the future (latest accepted 2026-11-27T10:00:00.000Z, EVENT_MAX_FUTURE_HOURS)',
      ],
    ]);
    const [{ years }] = await dataSource.query(
      "SELECT string_agg(to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY'), ',') AS years FROM activity_events WHERE organisation_id = $1",
      [scope.organisationId],
    );
    expect(years).toBe('2026');
  });

  it('quarantines NDJSON and CSV rows with NUL, a lone surrogate or bytes that are not UTF-8, and lands the others', async () => {
    const line = (id: string, actor: string) =>
      `{"external_id":"${id}","occurred_at":"2026-03-02T09:00:00Z","actor_id":"${actor}","type":"post"}\n`;
    const ndjson = await load(
      csvActivityConnector,
      'events.ndjson',
      Buffer.concat([
        Buffer.from(line('n1', 'ann@x.org')),
        Buffer.from(line('n2', 'ann\\u0000@x.org')),
        Buffer.from(line('n3', 'ann\\ud800@x.org')),
        Buffer.from(line('n4', 'ann\xff@x.org'), 'latin1'),
        Buffer.from(line('n5', 'bob@x.org')),
      ]),
    );
    expect(ndjson.result).toMatchObject({ inserted: 2, quarantined: 3 });
    expect(ndjson.problems).toEqual([
      ['events.ndjson', 2, 'actor_id', 'actor_id: contains a NUL character (U+0000)'],
      ['events.ndjson', 3, 'actor_id', 'actor_id: contains a lone surrogate (not valid Unicode)'],
      ['events.ndjson', 4, null, 'the line is not valid UTF-8; save the file as UTF-8'],
    ]);
    const csv = await load(
      csvActivityConnector,
      'events.csv',
      Buffer.concat([
        Buffer.from('external_id,occurred_at,actor_id,type,group_name\n'),
        Buffer.from('c1,2026-03-02T09:00:00Z,ann@x.org,post,\u0000\n'),
        Buffer.from('c2,2026-03-02T09:00:00Z,ann\xfe@x.org,post,\n', 'latin1'),
        Buffer.from('c3,2026-03-02T09:00:00Z,bob@x.org,post,\n'),
      ]),
    );
    expect(csv.result).toMatchObject({ inserted: 1, quarantined: 2 });
    expect(csv.problems).toEqual([
      ['events.csv', 2, 'group_name', 'group_name: contains a NUL character (U+0000)'],
      ['events.csv', 3, null, "the row is not valid UTF-8 (column 3 'actor_id'); save the file as UTF-8"],
    ]);
  });

  it('reads the HR open end 9999-12-31 as "no end date" and quarantines other dates outside 1900..2100', async () => {
    const { scope, result, problems } = await load(
      directoryCsvConnector,
      'hr.csv',
      [
        'person_id,start_date,end_date',
        'ann@x.org,2019-04-01,9999-12-31',
        'bob@x.org,0001-01-01,',
        'cem@x.org,2020-01-01,2200-01-01',
      ].join('\n'),
    );
    expect(result).toMatchObject({ people: 1, quarantined: 2 });
    expect(problems).toEqual([
      ['hr.csv', 3, 'startDate', 'startDate 0001-01-01 is before 1900-01-01, the earliest accepted day'],
      ['hr.csv', 4, 'endDate', 'endDate 2200-01-01 is after 2100-12-31, the latest accepted day'],
    ]);
    const people = await dataSource.query(
      "SELECT to_char(start_date, 'YYYY-MM-DD') AS start, end_date FROM people WHERE organisation_id = $1",
      [scope.organisationId],
    );
    expect(people).toEqual([{ start: '2019-04-01', end_date: null }]);
  });
});
