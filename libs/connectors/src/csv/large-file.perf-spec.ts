import type { InputFile } from '@uptake/connector-sdk';
import { readConnector } from '@uptake/ingest/testing';
import { createWriteStream, mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { csvActivityConnector } from '.';
import { heapAfterGc } from '../shared/testing/fixture-file';

const ROWS = 120_000;

async function generate(
  name: string,
  header: string | null,
  line: (n: number) => string,
): Promise<InputFile> {
  const path = join(mkdtempSync(join(tmpdir(), 'uptake-large-')), name);
  const out = createWriteStream(path);
  if (header) out.write(`${header}\n`);
  for (let n = 1; n <= ROWS; n++) {
    if (!out.write(`${line(n)}\n`)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  return { path, name, size: statSync(path).size };
}

/** Streams the file through the connector; returns activities read and heap retained midway. */
async function readLarge(
  file: InputFile,
): Promise<{ activities: number; checkpoints: number; retained: number }> {
  const baseline = heapAfterGc();
  let activities = 0;
  let checkpoints = 0;
  let retained = 0;
  for await (const message of readConnector(
    { connector: csvActivityConnector },
    { settings: {}, file: () => file },
  )) {
    if (message.kind === 'activity' && ++activities === (ROWS * 5) / 6) retained = heapAfterGc() - baseline;
    if (message.kind === 'checkpoint') checkpoints++;
  }
  return { activities, checkpoints, retained };
}

describe('csv connector on large files (memory stays flat)', () => {
  jest.setTimeout(120_000);
  const row = (n: number) => [
    `m-${n}`,
    '2026-03-02T09:00:00Z',
    `user${n % 5_000}@example.com`,
    'post',
    `G${n % 50}`,
    'Group',
    '',
    '',
    '42',
    '1',
  ];

  it('streams a 120,000-row CSV', async () => {
    const file = await generate(
      'large.csv',
      'external_id,occurred_at,actor_id,type,group_id,group_name,thread_id,target_id,content_length,count',
      (n) => row(n).join(','),
    );
    const result = await readLarge(file);
    // 120,000 rows -> 120,000 activities; a checkpoint every 1,000 rows -> 120 (the last one at row 120,000).
    expect(result.activities).toBe(ROWS);
    expect(result.checkpoints).toBe(ROWS / 1_000);
    // Holding 100,000 activities would take tens of MB; a streamed read keeps a few.
    expect(result.retained).toBeLessThan(8 * 1024 * 1024);
  });

  it('streams a 120,000-line NDJSON file', async () => {
    const keys = ['external_id', 'occurred_at', 'actor_id', 'type', 'group_id', 'group_name'];
    const file = await generate('large.ndjson', null, (n) =>
      JSON.stringify(Object.fromEntries(keys.map((key, index) => [key, row(n)[index]]))),
    );
    const result = await readLarge(file);
    expect(result.activities).toBe(ROWS);
    expect(result.retained).toBeLessThan(8 * 1024 * 1024);
  });
});
