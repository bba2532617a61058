import type { ConnectorMessage, ConnectorState, InputFile } from '@uptake/connector-sdk';
import { readAll } from '@uptake/ingest/testing';
import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCsvActivityConnector, csvActivityConnector } from '.';

const dir = mkdtempSync(join(tmpdir(), 'uptake-mapping-'));
function write(name: string, content: string | Buffer): InputFile {
  const path = join(dir, name);
  writeFileSync(path, content);
  return { path, name, size: Buffer.byteLength(content) };
}
const ndjson = (...objects: unknown[]) => objects.map((object) => JSON.stringify(object)).join('\n');

async function read(
  file: InputFile,
  settings: unknown,
  state: ConnectorState = {},
  connector = csvActivityConnector,
) {
  return readAll({ connector }, { settings, file: () => file }, state);
}
const records = (messages: ConnectorMessage[]) =>
  messages.flatMap((message) => (message.kind === 'activity' ? [message.record] : []));
const problems = (messages: ConnectorMessage[]) =>
  messages.flatMap((message) => (message.kind === 'invalid' ? [message.problem] : []));
const warnings = (messages: ConnectorMessage[]) =>
  messages.flatMap((message) => (message.kind === 'warning' ? [message.warning] : []));

const AT = '2026-03-02T09:00:00Z';

describe('column mapping: where a field comes from', () => {
  it('reads nested paths and array indexes; a key holding the whole dotted name wins', async () => {
    const file = write(
      'paths.ndjson',
      ndjson(
        {
          id: 'm1',
          at: AT,
          from: { user: { id: 'U1' } },
          kind: 'post',
          props: { attachments: [{ id: 'f9' }] },
        },
        { id: 'm2', at: AT, 'from.user.id': 'U2', from: { user: { id: 'not me' } }, kind: 'post', props: {} },
      ),
    );
    const settings = {
      columns: {
        external_id: 'id',
        occurred_at: 'at',
        actor_id: 'from.user.id',
        type: 'kind',
        thread_id: 'props.attachments.0.id',
      },
    };
    const found = records(await read(file, settings));
    expect(found.map((record) => [record.actorExternalId, record.threadExternalId])).toEqual([
      ['U1', 'f9'],
      ['U2', null],
    ]);
  });

  it('derives the type with a value map (skip allowed) and passes other values to settings.typeMapping', async () => {
    const file = write(
      'kinds.csv',
      [
        'id,at,who,kind',
        `k1,${AT},a,message`,
        `k2,${AT},a,comment`,
        `k3,${AT},a,system`,
        `k4,${AT},a,Like`,
        `k5,${AT},a,clap`,
      ].join('\n'),
    );
    const settings = {
      columns: {
        external_id: 'id',
        occurred_at: 'at',
        actor_id: 'who',
        type: { column: 'kind', map: { message: 'post', comment: 'reply', system: 'skip' } },
      },
      typeMapping: { like: 'reaction' },
    };
    const messages = await read(file, settings);
    expect(records(messages).map((record) => `${record.externalId} ${record.type}`)).toEqual([
      'k1 post',
      'k2 reply',
      'k4 reaction',
    ]);
    expect(problems(messages)).toEqual([
      expect.objectContaining({
        location: expect.objectContaining({ line: 6, field: 'type' }),
        reason: expect.stringContaining("type: 'clap' is not one of"),
      }),
    ]);
    expect(warnings(messages).find((warning) => warning.code === 'csv.rows-skipped')).toMatchObject({
      count: 1,
      file: 'kinds.csv',
    });
  });

  it('derives the type with rules ("reply when replied_to_id is set, else post"); no match without otherwise is a problem', async () => {
    const file = write('rules.csv', ['id,at,who,replied_to_id', `r1,${AT},a,`, `r2,${AT},a,r1`].join('\n'));
    const base = { external_id: 'id', occurred_at: 'at', actor_id: 'who' };
    const withOtherwise = {
      columns: {
        ...base,
        type: { rules: [{ when: 'replied_to_id', present: true, then: 'reply' }], otherwise: 'post' },
      },
    };
    expect(records(await read(file, withOtherwise)).map((record) => record.type)).toEqual(['post', 'reply']);
    const without = {
      columns: { ...base, type: { rules: [{ when: 'replied_to_id', present: true, then: 'reply' }] } },
    };
    expect(problems(await read(file, without))).toEqual([
      expect.objectContaining({ reason: 'type matches no rule of settings.columns.type (add "otherwise")' }),
    ]);
    expect(
      records(await read(file, { columns: { ...base, type: { value: 'post' } } })).map(
        (record) => record.type,
      ),
    ).toEqual(['post', 'post']);
  });

  it('builds composite ids (every part needed), splits values and treats listed values as missing', async () => {
    const file = write(
      'composite.csv',
      ['url,who,at,channel', `https://x.org/t/a/7/2,u1,${AT},-`, `https://x.org/t/a/7/3,,${AT},C1`].join(
        '\n',
      ),
    );
    const settings = {
      columns: {
        external_id: {
          join: [{ column: 'url', split: '/', part: -2 }, { column: 'url', split: '/', part: -1 }, 'who'],
          separator: '/',
        },
        thread_id: { join: [{ column: 'url', split: '/', part: 5 }, { value: '1' }], hash: true },
        occurred_at: 'at',
        actor_id: { value: 'owner@x.org' },
        type: { value: 'post' },
        group_id: { column: 'channel', missing: ['-', 'NULL'] },
      },
    };
    const messages = await read(file, settings);
    expect(records(messages)).toEqual([
      expect.objectContaining({
        externalId: '7/2/u1',
        threadExternalId: createHash('sha256').update('["7","1"]').digest('hex'),
        actorExternalId: 'owner@x.org',
        groupExternalId: null,
      }),
    ]);
    // The second row has no `who`: the id cannot be built, so the row is refused rather than merged.
    expect(problems(messages)).toEqual([
      expect.objectContaining({
        location: expect.objectContaining({ line: 3, field: 'external_id' }),
        reason: 'external_id is missing',
      }),
    ]);
  });

  it('measures a text column for content_length and refuses what is not text', async () => {
    const file = write(
      'length.ndjson',
      ndjson(
        { id: 'l1', at: AT, who: 'a', body: 'héllo wörld' },
        { id: 'l2', at: AT, who: 'a', body: { html: '<p>' } },
      ),
    );
    const settings = {
      columns: {
        external_id: 'id',
        occurred_at: 'at',
        actor_id: 'who',
        type: { value: 'post' },
        content_length: { column: 'body', length: true },
      },
    };
    const messages = await read(file, settings);
    expect(records(messages).map((record) => record.contentLength)).toEqual([11]);
    expect(problems(messages)).toEqual([
      expect.objectContaining({ reason: 'content_length: expected text to measure, got object' }),
    ]);
    expect(JSON.stringify(messages)).not.toContain('wörld');
  });
});

describe('column mapping: times', () => {
  const base = { external_id: 'id', actor_id: 'who', type: { value: 'post' } };

  it('reads epoch milliseconds and refuses seconds given as milliseconds, with a hint', async () => {
    const file = write(
      'epoch.ndjson',
      ndjson({ id: 'e1', who: 'a', at: 1772438400000 }, { id: 'e2', who: 'a', at: 1772438400 }),
    );
    const messages = await read(file, {
      columns: { ...base, occurred_at: { column: 'at', format: 'epoch-milliseconds' } },
    });
    expect(records(messages).map((record) => record.occurredAt.toISOString())).toEqual([
      '2026-03-02T08:00:00.000Z',
    ]);
    expect(problems(messages)).toEqual([
      expect.objectContaining({
        location: expect.objectContaining({ line: 2, field: 'occurred_at' }),
        reason:
          "occurred_at: '1772438400' is too small for epoch-milliseconds (are these seconds? use epoch-seconds)",
      }),
    ]);
  });

  it('reads zone-less ISO times and custom patterns in settings.timeZone, across DST', async () => {
    const file = write(
      'local.csv',
      [
        'id,who,at,datum',
        'z1,a,2026-03-29 02:30,29.03.2026 01:59',
        'z2,a,2026-10-25T02:30,25.10.2026 02:30',
      ].join('\n'),
    );
    const iso = await read(file, { columns: { ...base, occurred_at: 'at' }, timeZone: 'Europe/Berlin' });
    expect(records(iso).map((record) => record.occurredAt.toISOString())).toEqual([
      '2026-03-29T01:30:00.000Z',
      '2026-10-25T00:30:00.000Z',
    ]);
    const pattern = await read(file, {
      columns: { ...base, occurred_at: { column: 'datum', format: 'dd.MM.yyyy HH:mm' } },
      timeZone: 'Europe/Berlin',
    });
    expect(records(pattern).map((record) => record.occurredAt.toISOString())).toEqual([
      '2026-03-29T00:59:00.000Z',
      '2026-10-25T00:30:00.000Z',
    ]);
    const noZone = await read(file, { columns: { ...base, occurred_at: 'at' } });
    expect(problems(noZone)[0].reason).toBe(
      "occurred_at: '2026-03-29 02:30' has no time-zone offset (add Z or e.g. +01:00, or set settings.timeZone)",
    );
  });
});

describe('column mapping: columns the mapping does not read', () => {
  it('ignores them on purpose, never reads them, and warns once listing them', async () => {
    const file = write(
      'extra.csv',
      ['external_id,occurred_at,actor_id,type,text,Subject', `x1,${AT},a,post,secret words,hello`].join('\n'),
    );
    const messages = await read(file, {});
    expect(records(messages)).toHaveLength(1);
    expect(warnings(messages)).toEqual([
      {
        code: 'csv.columns-ignored',
        file: 'extra.csv',
        count: 1,
        message:
          'Columns the column mapping does not read were ignored on purpose (never stored): text, Subject.',
      },
    ]);
    expect(JSON.stringify(messages)).not.toContain('secret words');
  });

  it('lists at most 20 names and counts the rest; the warning comes before the first checkpoint', async () => {
    const extra = Array.from({ length: 25 }, (_, index) => `extra${String(index).padStart(2, '0')}`);
    const file = write(
      'wide.csv',
      [
        `external_id,occurred_at,actor_id,type,${extra.join(',')}`,
        `w1,${AT},a,post,${extra.map(() => '').join(',')}`,
      ].join('\n'),
    );
    const messages = await read(file, {});
    const [warning] = warnings(messages);
    expect(warning.message).toMatch(/extra19 and 5 more\.$/);
    expect(messages.findIndex((message) => message.kind === 'warning')).toBeLessThan(
      messages.findIndex((message) => message.kind === 'checkpoint'),
    );
  });

  it('withholds names that may be data (objects keyed by person), listing the paths of JSON keys', async () => {
    const file = write(
      'keyed.ndjson',
      ndjson({
        external_id: 'k1',
        occurred_at: AT,
        actor_id: 'a',
        type: 'post',
        'ann@x.org': true,
        U0123ABC: 1,
        text: 'hi',
      }),
    );
    const [warning] = warnings(await read(file, {}));
    expect(warning.message).toBe(
      'Keys the column mapping does not read were ignored on purpose (never stored): text, {…}.',
    );
    const csv = write(
      'pivot.csv',
      `external_id,occurred_at,actor_id,type,bob@x.org,note\nx1,${AT},a,post,1,\n`,
    );
    expect(warnings(await read(csv, {}))[0].message).toBe(
      'Columns the column mapping does not read were ignored on purpose (never stored): {…}, note.',
    );
  });

  it('names the setting when the header lacks a column the mapping reads', async () => {
    const file = write('missing.csv', `id,at,who\nm1,${AT},a\n`);
    const settings = {
      columns: {
        external_id: 'id',
        occurred_at: 'at',
        actor_id: 'who',
        type: { column: 'kind', map: { a: 'post' } },
      },
    };
    await expect(read(file, settings)).rejects.toThrow(
      "missing.csv: the header has no column for type (mapped to 'kind'); columns were looked up with settings.columns",
    );
  });

  it('does not read an unmapped key of a .json that is not UTF-8, and refuses a mapped one', async () => {
    const good = Buffer.from(
      JSON.stringify([{ id: 'j1', at: AT, who: 'ann', note: 'XX' }]).replace('XX', '\u0000'),
      'utf8',
    );
    const bad = Buffer.concat([
      good.subarray(0, good.indexOf(0)),
      Buffer.from([0xff]),
      good.subarray(good.indexOf(0) + 1),
    ]);
    const settings = {
      columns: { external_id: 'id', occurred_at: 'at', actor_id: 'who', type: { value: 'post' } },
    };
    expect(records(await read(write('note.json', bad), settings))).toHaveLength(1);
    const inActor = Buffer.from(
      JSON.stringify([{ id: 'j1', at: AT, who: 'annXX' }]).replace('XX', '\u0000'),
      'utf8',
    );
    const badActor = Buffer.concat([
      inActor.subarray(0, inActor.indexOf(0)),
      Buffer.from([0xff]),
      inActor.subarray(inActor.indexOf(0) + 1),
    ]);
    expect(problems(await read(write('actor.json', badActor), settings))).toEqual([
      expect.objectContaining({ reason: 'the entry is not valid UTF-8; save the file as UTF-8' }),
    ]);
  });
});

describe('column mapping: nested rows (settings.nested)', () => {
  const settings = {
    columns: { external_id: 'id', occurred_at: 'at', actor_id: 'by', type: { value: 'post' } },
    nested: [
      {
        each: 'replies',
        as: 'reply',
        columns: {
          external_id: { join: ['id', 'reply.n'], separator: '.' },
          occurred_at: 'reply.at',
          actor_id: 'reply.by',
          type: { value: 'reply' },
          thread_id: 'id',
        },
      },
    ],
  };

  it('reads one row per entry, locates a bad entry by its path, and never splits a line at a checkpoint', async () => {
    const file = write(
      'threads.ndjson',
      ndjson(
        {
          id: 'p1',
          at: AT,
          by: 'ann',
          replies: [{ n: 1, at: AT, by: 'bob' }, { n: 2, at: 'soon', by: 'cara' }, 'oops'],
        },
        { id: 'p2', at: AT, by: 'bob', replies: { n: 1 } },
        { id: 'p3', at: AT, by: 'cara', replies: null },
      ),
    );
    const messages = await read(file, settings, {}, createCsvActivityConnector({ checkpointEvery: 2 }));
    expect(
      records(messages).map(
        (record) => `${record.externalId} ${record.type} ${record.threadExternalId ?? '-'}`,
      ),
    ).toEqual(['p1 post -', 'p1.1 reply p1', 'p2 post -', 'p3 post -']);
    expect(problems(messages)).toEqual([
      {
        location: { file: 'threads.ndjson', line: 1, field: 'replies[1].occurred_at', recordId: 'p1.2' },
        reason: "replies[1] occurred_at: 'soon' is not an ISO 8601 date-time (e.g. 2026-01-05T09:30:00Z)",
      },
      { location: { file: 'threads.ndjson', line: 1 }, reason: 'replies[2] is not an object' },
      {
        location: { file: 'threads.ndjson', line: 2 },
        reason: 'replies is not an array (settings.nested reads one row per entry)',
      },
    ]);
    expect(
      messages
        .filter((message) => message.kind === 'checkpoint')
        .map((message) => message.kind === 'checkpoint' && message.state),
    ).toEqual([{ line: 1 }, { line: 2 }, { line: 3 }]);
    // Resumed after line 1: none of its entries again.
    const resumed = await read(file, settings, { activity: { line: 1 } });
    expect(records(resumed).map((record) => record.externalId)).toEqual(['p2', 'p3']);
  });

  it('is refused for a CSV file', async () => {
    const file = write('flat.csv', `id,at,by\np1,${AT},ann\n`);
    await expect(read(file, settings)).rejects.toThrow(
      'flat.csv: settings.nested reads arrays inside JSON objects',
    );
  });
});
