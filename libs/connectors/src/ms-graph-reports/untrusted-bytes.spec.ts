import { type ConnectorMessage, MAX_CSV_RECORD_BYTES } from '@uptake/connector-sdk';
import { readAll } from '@uptake/ingest/testing';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { msGraphReportsConnector } from '.';

const HEADER =
  '\ufeffReport Refresh Date,User Principal Name,Display Name,Is Deleted,Deleted Date,Last Activity Date,' +
  'Send Count,Receive Count,Read Count,Meeting Created Count,Meeting Interacted Count,Assigned Products,Report Period\r\n';
const row = (upn: string | Buffer) =>
  Buffer.concat([
    Buffer.from('2026-03-16,'),
    Buffer.isBuffer(upn) ? upn : Buffer.from(upn),
    Buffer.from(',Someone,False,,2026-03-16,18,74,61,2,5,MICROSOFT 365 E3,1\r\n'),
  ]);

const dir = mkdtempSync(join(tmpdir(), 'uptake-graph-bytes-'));
function upload(name: string, content: Buffer) {
  const path = join(dir, name);
  writeFileSync(path, content);
  return { settings: {}, file: () => ({ path, name, size: content.length }) };
}
const contract = { connector: msGraphReportsConnector, now: new Date('2026-03-20T08:00:00.000Z') };

describe('ms-graph-reports uploads on untrusted bytes', () => {
  it('quarantines the row whose user principal name is not UTF-8, and reads the others', async () => {
    const messages: ConnectorMessage[] = await readAll(
      contract,
      upload(
        'email.csv',
        Buffer.concat([
          Buffer.from(HEADER),
          row(Buffer.concat([Buffer.from('anna'), Buffer.from([0xff]), Buffer.from('@contoso.com')])),
          row('ben.okafor@contoso.com'),
        ]),
      ),
    );
    const people = new Set(messages.flatMap((m) => (m.kind === 'usage' ? [m.record.personExternalId] : [])));
    expect([...people]).toEqual(['ben.okafor@contoso.com']);
    expect(messages.filter((m) => m.kind === 'invalid')).toEqual([
      {
        kind: 'invalid',
        problem: {
          location: { file: 'email.csv', line: 2 },
          reason: "the row is not valid UTF-8 (column 2 'User Principal Name'); save the file as UTF-8",
        },
      },
    ]);
  });

  it('fails on a row larger than the cap, naming the file and the line', async () => {
    const huge = Buffer.concat([
      Buffer.from(HEADER),
      row('ben.okafor@contoso.com'),
      Buffer.from('"'),
      Buffer.alloc(MAX_CSV_RECORD_BYTES + 10, 0x61),
    ]);
    await expect(readAll(contract, upload('huge.csv', huge))).rejects.toThrow(
      /^huge\.csv: the row at line 3 is larger than 1 MB/,
    );
  });
});
