import { JsonListScanner, type JsonElement } from './json-elements';

/** The scanner over `text` cut into chunks of `size` bytes (elements and strings cross chunk borders). */
async function scan(text: string | Buffer, size = 3, max = 1_000) {
  const bytes = Buffer.isBuffer(text) ? text : Buffer.from(text, 'utf8');
  async function* chunks() {
    for (let at = 0; at < bytes.length; at += size) yield bytes.subarray(at, at + size);
  }
  const scanner = new JsonListScanner(max);
  const elements: JsonElement[] = [];
  for await (const element of scanner.elements(chunks())) elements.push(element);
  return {
    values: elements.map((e) => (e.bytes === null ? null : JSON.parse(e.bytes.toString('utf8')))),
    indexes: elements.map((e) => e.index),
    end: scanner.end(),
  };
}

describe('JsonListScanner', () => {
  it('streams the elements of a top-level array, whatever the chunking', async () => {
    const text = '[ {"id":"1","body":{"content":"a ] , } [ \\" b"}}, {"id":"2","x":[1,[2]]} ,3,"s"]';
    for (const size of [1, 2, 7, 1_000]) {
      expect(await scan(text, size)).toEqual({
        values: [{ id: '1', body: { content: 'a ] , } [ " b' } }, { id: '2', x: [1, [2]] }, 3, 's'],
        indexes: [1, 2, 3, 4],
        end: 'complete',
      });
    }
  });

  it('reads the value list of a Graph page, skipping the other keys (also lists and a "value" deeper)', async () => {
    const page = JSON.stringify({
      '@odata.context': 'https://graph.microsoft.com/v1.0/$metadata#Collection(chatMessage)',
      '@odata.count': 2,
      other: [{ value: [9] }],
      value: [{ id: '1' }, { id: '2', value: 'x' }],
      '@odata.nextLink': 'https://graph.microsoft.com/v1.0/teams/getAllMessages?$skiptoken=x',
    });
    expect(await scan(page, 5)).toEqual({
      values: [{ id: '1' }, { id: '2', value: 'x' }],
      indexes: [1, 2],
      end: 'complete',
    });
  });

  it('skips a UTF-8 byte order mark, and an empty list is complete', async () => {
    expect(await scan(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('[{"a":1}]')]))).toEqual({
      values: [{ a: 1 }],
      indexes: [1],
      end: 'complete',
    });
    expect(await scan('  [ ]  ')).toEqual({ values: [], indexes: [], end: 'complete' });
    expect(await scan('{"value":[]}')).toEqual({ values: [], indexes: [], end: 'complete' });
  });

  it('does not hold an element over the bound: it comes back without bytes, the next ones still do', async () => {
    const big = 'x'.repeat(200);
    expect(await scan(`[{"a":"${big}"},{"b":1}]`, 16, 50)).toEqual({
      values: [null, { b: 1 }],
      indexes: [1, 2],
      end: 'complete',
    });
  });

  it('says when the file is cut inside its JSON, after the elements that were whole', async () => {
    expect(await scan('[{"id":"1"},{"id":"2","bo')).toEqual({
      values: [{ id: '1' }],
      indexes: [1],
      end: 'truncated',
    });
  });

  it('finds no list in other JSON', async () => {
    expect((await scan('{"id":"1"}')).end).toBe('no-list');
    expect((await scan('"text"')).end).toBe('no-list');
    expect((await scan('')).end).toBe('no-list');
  });
});
