import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Writable } from 'node:stream';
import { CliError, runCli } from './cli';

function sink(): Writable & { text: string } {
  const stream = new Writable({
    write(chunk, _encoding, callback) {
      stream.text += chunk.toString();
      callback();
    },
  }) as Writable & { text: string };
  stream.text = '';
  return stream;
}

describe('demo:generate', () => {
  it('writes the requested number of CSV events and a summary', async () => {
    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'demo-cli-')), 'events.csv');
    const stderr = sink();
    await runCli(
      ['--people', '200', '--events', '5000', '--format', 'csv', '--out', out, '--seed', '5'],
      stderr,
    );
    const lines = fs.readFileSync(out, 'utf8').trimEnd().split('\n');
    expect(lines[0]).toBe('external_id,occurred_at,actor,type,group,thread,target,content_length');
    // a small organisation varies more around the target than the 5% of the library test
    expect(Math.abs(lines.length - 1 - 5000)).toBeLessThan(500);
    expect(stderr.text).toMatch(new RegExp(`^${lines.length - 1} events for 200 people`));
  });

  it('names a bad flag', async () => {
    await expect(runCli(['--events', 'lots'], sink())).rejects.toThrow(
      new CliError('--events: expected a whole number >= 1, got "lots"'),
    );
    await expect(runCli(['--format', 'xml'], sink())).rejects.toThrow(
      '--format: expected ndjson or csv, got "xml"',
    );
    await expect(runCli(['--colour', 'red'], sink())).rejects.toThrow(/colour/);
    await expect(runCli(['--end-date', '2026-02-30'], sink())).rejects.toThrow(
      new CliError('--end-date: expected a calendar date YYYY-MM-DD, got "2026-02-30"'),
    );
    await expect(runCli(['--start', '2026-01-05', '--end-date', '2026-07-05'], sink())).rejects.toThrow(
      '--start and --end-date: give one of them, not both',
    );
  });

  it('ends the history on --end-date, whole weeks from a Monday and the days after', async () => {
    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'demo-cli-')), 'events.ndjson');
    const stderr = sink();
    await runCli(['--people', '60', '--days', '28', '--end-date', '2026-12-01', '--out', out], stderr);
    const days = fs
      .readFileSync(out, 'utf8')
      .trimEnd()
      .split('\n')
      .map((line) => (JSON.parse(line) as { occurredAt: string }).occurredAt.slice(0, 10));
    // 4 weeks from Monday 2026-11-02 to Sunday 2026-11-29, then Monday and Tuesday
    expect(stderr.text).toContain('2026-11-02..2026-12-01');
    expect(days[0] >= '2026-11-02').toBe(true);
    expect(days.at(-1)).toBe('2026-12-01');
  });
});
