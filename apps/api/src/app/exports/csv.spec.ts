import { parse } from 'csv-parse/sync';
import { csvField, guardFormula, writeCsv } from './csv';
import type { Table } from './table';

const table: Table = {
  name: 'points',
  title: 'Per period',
  columns: [
    { label: 'Name', kind: 'text' },
    { label: 'Active', kind: 'count' },
    { label: 'Active note', kind: 'text', note: true },
  ],
  rows: [
    [
      { value: 'Sales, "East"', kind: 'text' },
      { value: 12, kind: 'count' },
      { value: null, kind: 'text' },
    ],
    [
      { value: '=HYPERLINK("x")', kind: 'text' },
      { value: -3, kind: 'count' },
      { value: null, kind: 'text' },
    ],
    [
      { value: 'line\nbreak', kind: 'text' },
      { value: null, kind: 'count' },
      { value: 'Withheld', kind: 'text' },
    ],
  ],
};

describe('the CSV writer', () => {
  it('writes RFC 4180 with a BOM and CRLF, the header lines first, every record as wide as the table', () => {
    const bytes = writeCsv([['Report', 'Adoption']], table);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8');
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.slice(1).split('\r\n').slice(0, 3)).toEqual([
      'Report,Adoption,',
      ',,',
      'Name,Active,Active note',
    ]);
    const records = parse(bytes, { bom: true }) as string[][];
    expect(records).toEqual([
      ['Report', 'Adoption', ''],
      ['', '', ''],
      ['Name', 'Active', 'Active note'],
      ['Sales, "East"', '12', ''],
      ['\'=HYPERLINK("x")', '-3', ''],
      ['line\nbreak', '', 'Withheld'],
    ]);
  });

  it('guards text that a spreadsheet would run as a formula, not numbers', () => {
    for (const start of ['=', '+', '-', '@', '\t', '\r'])
      expect(guardFormula(`${start}1+1`)).toBe(`'${start}1+1`);
    expect(guardFormula('Sales')).toBe('Sales');
    expect(csvField(-1)).toBe('-1');
    expect(csvField('-1')).toBe("'-1");
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField('\r=1')).toBe('"\'\r=1"');
    expect(csvField(null)).toBe('');
    expect(csvField(Number.NaN)).toBe('');
    expect(csvField(0.425)).toBe('0.425');
  });

  it('ends a cut table with the line that says so', () => {
    const records = parse(writeCsv([], { ...table, truncated: 'Cut at 3 rows' }), {
      bom: true,
    }) as string[][];
    expect(records.at(-1)).toEqual(['Cut at 3 rows', '', '']);
  });

  it('guards the header lines too (an organisation named like a formula)', () => {
    const records = parse(writeCsv([['Organisation', '=cmd|calc']], table), { bom: true }) as string[][];
    expect(records[0]).toEqual(['Organisation', "'=cmd|calc", '']);
  });
});
