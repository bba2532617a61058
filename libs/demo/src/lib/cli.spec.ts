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
  });
});
