import {
  type ConnectorMessage,
  type ConnectorState,
  type InputFile,
  MAX_JSON_ARRAY_BYTES,
} from '@uptake/connector-sdk';
import { readAll } from '@uptake/ingest/testing';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCsvActivityConnector, csvActivityConnector } from '.';

const dir = mkdtempSync(join(tmpdir(), 'uptake-csv-'));
function write(name: string, content: string | Buffer): InputFile {
  const path = join(dir, name);
  writeFileSync(path, content);
  return { path, name, size: Buffer.byteLength(content) };
}

const HEADER =
  'external_id,occurred_at,actor_id,type,group_id,group_name,thread_id,target_id,content_length,count';

async function read(
  file: InputFile,
  settings: unknown = {},
  state: ConnectorState = {},
  connector = csvActivityConnector,
): Promise<ConnectorMessage[]> {
  return readAll({ connector }, { settings, file: () => file }, state);
}

const summary = (messages: ConnectorMessage[]) =>
  messages.map((m) => {
    switch (m.kind) {
      case 'activity':
        return `activity ${m.record.externalId}`;
      case 'group':
        return `group ${m.record.externalId}`;
      case 'checkpoint':
        return `checkpoint ${JSON.stringify(m.state)}`;
      case 'invalid':
        return `invalid ${m.problem.location.line} ${m.problem.location.field ?? '-'}`;
      default:
        return m.kind;
    }
  });

describe('csv connector: CSV files', () => {
  it('yields each group once, before its first activity, and checkpoints by line', async () => {
    const file = write(
      'groups.csv',
      [
        HEADER,
        'a1,2026-03-02T09:00:00Z,ann@x.org,post,G1,One,,,,',
        'a2,2026-03-02T09:01:00Z,bob@x.org,post,G2,Two,,,,',
        'a3,2026-03-02T09:02:00Z,ann@x.org,reply,G1,One,a1,,,',
      ].join('\n'),
    );
    const messages = await read(file, {}, {}, createCsvActivityConnector({ checkpointEvery: 2 }));
    expect(summary(messages)).toEqual([
      'group G1',
      'activity a1',
      'group G2',
      'activity a2',
      'checkpoint {"line":3}',
      'activity a3',
      'checkpoint {"line":4}',
    ]);
  });

  it('resumes after the checkpointed line', async () => {
    const file = write(
      'resume.csv',
      [
        HEADER,
        'a1,2026-03-02T09:00:00Z,ann@x.org,post,G1,One,,,,',
        'a2,2026-03-02T09:01:00Z,bob@x.org,post,G1,One,,,,',
        'a3,2026-03-02T09:02:00Z,ann@x.org,reply,G1,One,a1,,,',
      ].join('\n'),
    );
    // A resumed read starts with a checkpoint where it resumes: warnings after it add to the earlier attempt's.
    expect(summary(await read(file, {}, { activity: { line: 3 } }))).toEqual([
      'checkpoint {"line":3}',
      'group G1',
      'activity a3',
      'checkpoint {"line":4}',
    ]);
    expect(summary(await read(file, {}, { activity: { line: 4 } }))).toEqual(['checkpoint {"line":4}']);
  });

  it('reads a BOM, CRLF, trimmed case-insensitive headers, quoted values and reports physical lines', async () => {
    const file = write(
      'excel.csv',
      Buffer.concat([
        Buffer.from([0xef, 0xbb, 0xbf]),
        Buffer.from(
          [
            ' External_ID , Occurred_At ,ACTOR_ID,type',
            'a1,2026-03-02T09:00:00Z,ann@x.org,post',
            '',
            '"a,2",2026-03-02T09:00:00Z,"bob@x.org",post',
            '"multi',
            'line",yesterday,ann@x.org,post',
            'a4,2026-03-02T09:00:00Z,ann@x.org,clap',
          ].join('\r\n'),
        ),
      ]),
    );
    const messages = await read(file);
    expect(summary(messages)).toEqual([
      'activity a1',
      'activity a,2',
      'invalid 5 occurred_at',
      'invalid 7 type',
      'checkpoint {"line":7}',
    ]);
  });

  it('counts physical lines through quoted values holding LF, CRLF and blank lines', async () => {
    const row = (id: string, type = 'post') => `${id},2026-03-02T09:00:00Z,ann@x.org,${type}`;
    const file = write(
      'multiline.csv',
      [
        'external_id,occurred_at,actor_id,type',
        row('"m\r\n1"'), // lines 2-3
        row('"m\n\n2"'), // lines 4-6
        row('m3', 'bad1'), // line 7
        row('"m\r\n\r\n4"', 'bad2'), // lines 8-10
        row('m5', 'bad3'), // line 11
      ].join('\n'),
    );
    expect(summary(await read(file))).toEqual([
      'activity m\r\n1',
      'activity m\n\n2',
      'invalid 7 type',
      'invalid 8 type',
      'invalid 11 type',
      'checkpoint {"line":11}',
    ]);
  });

  it('reports a row with the wrong number of fields without a field', async () => {
    const file = write('short.csv', `${HEADER}\nshort,row\n`);
    const [problem] = await read(file);
    expect(problem).toEqual({
      kind: 'invalid',
      problem: {
        location: { file: 'short.csv', line: 2 },
        reason: 'the row has 2 fields, the header has 10',
      },
    });
  });

  it('uses settings.columns, settings.delimiter and settings.typeMapping', async () => {
    const file = write('mapped.csv', 'id;when;who;what\nx1;2026-03-02T09:00:00Z;U1;Like\n');
    const settings = {
      delimiter: ';',
      columns: { external_id: 'id', occurred_at: 'when', actor_id: 'who', type: 'what' },
      typeMapping: { like: 'reaction' },
    };
    const [activity] = await read(file, settings);
    expect(activity).toMatchObject({
      kind: 'activity',
      record: { externalId: 'x1', actorExternalId: 'U1', type: 'reaction' },
    });
  });

  it('throws naming the file, the missing columns and the mapping when the header lacks a required column', async () => {
    const file = write('no-actor.csv', 'external_id,occurred_at,user,type\n');
    await expect(read(file)).rejects.toThrow(
      'no-actor.csv: the header has no column for actor_id; columns were looked up with the documented column ' +
        'names (no settings.columns); the header is: external_id, occurred_at, user, type',
    );
    await expect(read(file, { columns: { actor_id: 'person', group_id: 'channel' } })).rejects.toThrow(
      "no-actor.csv: the header has no column for actor_id (mapped to 'person'), group_id (mapped to 'channel'); " +
        'columns were looked up with settings.columns {"actor_id":"person","group_id":"channel"}',
    );
  });

  it('throws on an empty file and on a file that is not CSV', async () => {
    await expect(read(write('empty.csv', ''))).rejects.toThrow(
      'empty.csv is empty: expected a header row naming',
    );
    await expect(read(write('quote.csv', `${HEADER}\n"a1,2026-03-02T09:00:00Z\n`))).rejects.toThrow(
      'quote.csv is not a readable CSV file: Quote Not Closed',
    );
    await expect(read(write('activity.xlsx', 'PK'))).rejects.toThrow(
      "activity.xlsx: the csv connector reads .csv, .ndjson, .jsonl, .json files, not '.xlsx'",
    );
  });

  it('stops at the next row when the run is aborted', async () => {
    const file = write(
      'abort.csv',
      `${HEADER}\na1,2026-03-02T09:00:00Z,ann@x.org,post,,,,,,\na2,2026-03-02T09:00:00Z,ann@x.org,post,,,,,,\n`,
    );
    const controller = new AbortController();
    const seen: ConnectorMessage[] = [];
    for await (const message of csvActivityConnector.read({
      settings: { delimiter: ',' },
      credentials: {},
      state: {},
      file,
      http: undefined as never,
      signal: controller.signal,
      progress: () => undefined,
      log: { info: () => undefined, warn: () => undefined },
      now: () => new Date(),
    })) {
      seen.push(message);
      controller.abort();
    }
    expect(summary(seen)).toEqual(['activity a1']);
  });
});

describe('csv connector: JSON files', () => {
  it('reads a JSON array; line is the 1-based entry', async () => {
    const file = write(
      'batch.json',
      JSON.stringify([
        {
          external_id: 'j1',
          occurred_at: '2026-03-02T09:00:00Z',
          actor_id: 'ann@x.org',
          type: 'post',
          count: 2,
        },
        'oops',
        { external_id: 'j3', occurred_at: '2026-03-02T09:00:00Z', actor_id: 'ann@x.org', type: 'zap' },
      ]),
    );
    const messages = await read(file);
    expect(summary(messages)).toEqual([
      'activity j1',
      'invalid 2 -',
      'invalid 3 type',
      'checkpoint {"line":3}',
    ]);
    expect(messages[1]).toMatchObject({ problem: { reason: 'the entry is not a JSON object' } });
  });

  it('refuses a JSON array over 20 MB, pointing to NDJSON', async () => {
    const file = write('huge.json', `[${' '.repeat(MAX_JSON_ARRAY_BYTES)}]`);
    await expect(read(file)).rejects.toThrow(
      'huge.json is 20.0 MB; a .json array is accepted up to 20 MB. Upload larger files as NDJSON (.ndjson or .jsonl)',
    );
  });

  it('refuses JSON that is not an array, or not JSON', async () => {
    await expect(read(write('object.json', '{"events":[]}'))).rejects.toThrow(
      'object.json must hold a JSON array of activity objects',
    );
    await expect(read(write('broken.json', '[{"external_id":'))).rejects.toThrow(
      'broken.json is not valid JSON',
    );
  });

  it('reads .jsonl like .ndjson, skipping blank lines but counting them', async () => {
    const file = write(
      'events.jsonl',
      '\n{"external_id":"l2","occurred_at":"2026-03-02T09:00:00Z","actor_id":"ann@x.org","type":"post"}\r\n\r\n' +
        '{"external_id":"l4","occurred_at":"2026-03-02T09:00:00Z","actor_id":"ann@x.org","type":"post"}\n',
    );
    expect(summary(await read(file, {}, { activity: { line: 2 } }))).toEqual([
      'checkpoint {"line":2}',
      'activity l4',
      'checkpoint {"line":4}',
    ]);
  });
});
