import { Readable } from 'node:stream';
import { readCsvStream, type CsvReadOptions } from './csv-reader';
import type { SourceRow } from './source-row';

const byColumn: CsvReadOptions<string>['plan'] = (header) => ({
  indexes: header.map((name, index): [string, number] => [name.trim(), index]),
});

async function rowsOf(text: string, options: Partial<CsvReadOptions<string>> = {}) {
  const rows: SourceRow<string>[] = [];
  const input = Readable.from([Buffer.from(text, 'utf8')]);
  for await (const row of readCsvStream(input, { name: 'report.csv', plan: byColumn, ...options })) {
    rows.push(row);
  }
  return rows;
}
const lines = (rows: SourceRow<string>[]) => rows.map((row) => row.line);

describe('readCsvStream line numbers (where each row starts; the header is line 1)', () => {
  it('counts CRLF line endings once', async () => {
    expect(lines(await rowsOf('a,b\r\n1,x\r\n2,y\r\n\r\n3,z\r\n'))).toEqual([2, 3, 5]);
  });

  it('steps over line breaks inside quoted values, LF and CRLF alike', async () => {
    // Line 2 holds a value over two lines (2-3), line 4 one over three (4-6), line 7 a plain row.
    const lf = 'a,b\n1,"two\nlines"\n2,"three\nshort\nlines"\n3,z\n';
    const crlf = lf.replace(/\n/g, '\r\n');
    expect(lines(await rowsOf(lf))).toEqual([2, 4, 7]);
    expect(lines(await rowsOf(crlf))).toEqual([2, 4, 7]);
    const [first] = await rowsOf(crlf);
    expect('values' in first && first.values['b']).toBe('two\r\nlines');
  });

  it('names the right line in a row problem after multi-line values', async () => {
    const text = 'name,count\r\n"Anna\r\nSchmidt",1\r\n"Ben\r\nOkafor",2\r\n3\r\n';
    expect(await rowsOf(text)).toEqual([
      expect.objectContaining({ line: 2, values: { name: 'Anna\r\nSchmidt', count: '1' } }),
      expect.objectContaining({ line: 4, values: { name: 'Ben\r\nOkafor', count: '2' } }),
      expect.objectContaining({ line: 6, problem: 'the row has 1 fields, the header has 2' }),
    ]);
  });

  it('reads short rows as far as they go when the field count is lenient', async () => {
    expect(await rowsOf('a,b,c\n1,2\n1,2,3,4\n', { fieldCount: 'lenient' })).toEqual([
      expect.objectContaining({ line: 2, values: { a: '1', b: '2' } }),
      expect.objectContaining({ line: 3, values: { a: '1', b: '2', c: '3' } }),
    ]);
  });

  it('names the line of a row over the size limit after multi-line values', async () => {
    const text = `a,b\r\n1,"x\r\ny"\r\n2,"${'z'.repeat(1024 * 1024 + 1)}\r\n`;
    await expect(rowsOf(text)).rejects.toThrow(/^report\.csv: the row at line 4 is larger than 1 MB/);
  });

  it('fails an input without a header only when told to', async () => {
    expect(await rowsOf('')).toEqual([]);
    await expect(rowsOf('', { emptyMessage: () => 'report.csv is empty' })).rejects.toThrow(
      'report.csv is empty',
    );
  });
});
