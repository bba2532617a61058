import {
  type ConnectorMessage,
  type InputFile,
  MAX_CSV_RECORD_BYTES,
  MAX_NDJSON_LINE_BYTES,
} from '@uptake/connector-sdk';
import { readAll } from '@uptake/ingest/testing';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { csvActivityConnector } from '.';

/**
 * Bytes a source should not contain: invalid UTF-8 in a person's address (never decoded to U+FFFD, which
 * would make `ann\xff@x.org` and `ann\xfe@x.org` one person), NUL, lone surrogates, and rows or lines too
 * large to hold. One bad row is quarantined with the reason; the rest of the file lands.
 */
const dir = mkdtempSync(join(tmpdir(), 'uptake-bytes-'));
function write(name: string, content: Buffer): InputFile {
  const path = join(dir, name);
  writeFileSync(path, content);
  return { path, name, size: content.length };
}

const bytes = (...parts: (string | number[])[]) =>
  Buffer.concat(parts.map((part) => (typeof part === 'string' ? Buffer.from(part) : Buffer.from(part))));

const read = (file: InputFile): Promise<ConnectorMessage[]> =>
  readAll({ connector: csvActivityConnector }, { settings: {}, file: () => file }, {});

const activities = (messages: ConnectorMessage[]) =>
  messages.flatMap((m) => (m.kind === 'activity' ? [m.record] : []));
const problems = (messages: ConnectorMessage[]) =>
  messages.flatMap((m) => (m.kind === 'invalid' ? [m.problem] : []));

const HEADER = 'external_id,occurred_at,actor_id,type\n';

describe('csv connector on untrusted bytes', () => {
  it('quarantines each CSV row whose e-mail is not UTF-8 (two would otherwise be one person) and reads the others', async () => {
    const file = write(
      'people.csv',
      bytes(
        '\ufeff',
        HEADER,
        'a1,2026-03-02T09:00:00Z,ann',
        [0xff],
        '@x.org,post\n',
        'a2,2026-03-02T09:00:00Z,ann',
        [0xfe],
        '@x.org,post\n',
        'a3,2026-03-02T09:00:00Z,zoë@x.org,post\n',
      ),
    );
    const messages = await read(file);
    expect(activities(messages).map((a) => [a.externalId, a.actorExternalId])).toEqual([['a3', 'zoë@x.org']]);
    expect(problems(messages)).toEqual([
      {
        location: { file: 'people.csv', line: 2 },
        reason: "the row is not valid UTF-8 (column 3 'actor_id'); save the file as UTF-8",
      },
      {
        location: { file: 'people.csv', line: 3 },
        reason: "the row is not valid UTF-8 (column 3 'actor_id'); save the file as UTF-8",
      },
    ]);
    expect(JSON.stringify(messages)).not.toContain('\ufffd');
  });

  it('quarantines a CSV value holding NUL without echoing it', async () => {
    const file = write(
      'nul.csv',
      bytes(
        HEADER,
        'a1,2026-03-02T09:00:00Z,ann@x.org\u0000,post\n',
        'a2,2026-03-02T09:00:00Z,bob@x.org,post\n',
      ),
    );
    const messages = await read(file);
    expect(activities(messages).map((a) => a.externalId)).toEqual(['a2']);
    expect(problems(messages)).toEqual([
      {
        location: { file: 'nul.csv', line: 2, field: 'actor_id', recordId: 'a1' },
        reason: 'actor_id: contains a NUL character (U+0000)',
      },
    ]);
  });

  it('fails a CSV file with a row larger than the cap, naming the file and the line', async () => {
    const file = write(
      'unclosed.csv',
      bytes(
        HEADER,
        'a1,2026-03-02T09:00:00Z,ann@x.org,post\n',
        'a2,"',
        'x'.repeat(MAX_CSV_RECORD_BYTES + 10),
      ),
    );
    await expect(read(file)).rejects.toThrow(
      /^unclosed\.csv: the row at line 3 is larger than 1 MB, the most a row may hold/,
    );
  });

  it('decodes NDJSON line by line: a line that is not UTF-8, holds \\u0000 or \\ud800, or is too long is quarantined alone', async () => {
    const good = (id: string, actor: string) =>
      JSON.stringify({ external_id: id, occurred_at: '2026-03-02T09:00:00Z', actor_id: actor, type: 'post' });
    const file = write(
      'events.ndjson',
      bytes(
        good('n1', 'ann@x.org'),
        '\n',
        '{"external_id":"n2","occurred_at":"2026-03-02T09:00:00Z","actor_id":"ann',
        [0xc3, 0x28],
        '@x.org","type":"post"}\n',
        good('n3', 'ann\u0000@x.org'),
        '\n',
        '{"external_id":"n4","occurred_at":"2026-03-02T09:00:00Z","actor_id":"ann\\ud800@x.org","type":"post"}\r\n',
        `{"external_id":"n5","pad":"${' '.repeat(MAX_NDJSON_LINE_BYTES)}"}\n`,
        good('n6', 'bob@x.org'),
      ),
    );
    const messages = await read(file);
    expect(activities(messages).map((a) => a.externalId)).toEqual(['n1', 'n6']);
    expect(problems(messages).map((p) => [p.location.line, p.location.field ?? null, p.reason])).toEqual([
      [2, null, 'the line is not valid UTF-8; save the file as UTF-8'],
      [3, 'actor_id', 'actor_id: contains a NUL character (U+0000)'],
      [4, 'actor_id', 'actor_id: contains a lone surrogate (not valid Unicode)'],
      [5, null, 'the line is longer than 1 MB'],
    ]);
  });

  it('quarantines the entry of a JSON array file that held bytes that are not UTF-8', async () => {
    const file = write(
      'events.json',
      bytes(
        '[{"external_id":"j1","occurred_at":"2026-03-02T09:00:00Z","actor_id":"ann',
        [0xff],
        '@x.org","type":"post"},',
        '{"external_id":"j2","occurred_at":"2026-03-02T09:00:00Z","actor_id":"bob@x.org","type":"post"}]',
      ),
    );
    const messages = await read(file);
    expect(activities(messages).map((a) => a.externalId)).toEqual(['j2']);
    expect(problems(messages)).toEqual([
      {
        location: { file: 'events.json', line: 1 },
        reason: 'the entry is not valid UTF-8; save the file as UTF-8',
      },
    ]);
  });
});
