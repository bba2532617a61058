import { once } from 'node:events';
import * as fs from 'node:fs';
import { parseArgs } from 'node:util';
import { generateDemoOrganisation, type DemoEvent } from './demo-organisation';

/**
 * Streams the demo company's events to a file or stdout, for benchmarks and for trying connectors:
 *   npm run demo:generate -- --seed 42 --people 2000 --events 10000000 --format ndjson --out /tmp/events.ndjson
 * The period: --start (its first day, 2026-01-05 by default) or --end-date (its last day, e.g. yesterday, as
 * `npm start` uses it; the history then covers whole weeks from a Monday), with --days days (182).
 * A summary goes to stderr. Output is written with backpressure, so memory stays flat for any size.
 */
export const USAGE =
  'usage: demo:generate [--seed N] [--people N] [--departments N] [--days N] [--start YYYY-MM-DD | --end-date YYYY-MM-DD] [--events N] [--format ndjson|csv] [--out FILE|-]';

export class CliError extends Error {}

function wholeNumber(flag: string, value: string | undefined, min: number): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value) || Number(value) < min)
    throw new CliError(`--${flag}: expected a whole number >= ${min}, got "${value}"`);
  return Number(value);
}

function isoDate(flag: string, value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const ms = Date.parse(`${value}T00:00:00Z`);
  if (
    !/^\d{4}-\d{2}-\d{2}$/.test(value) ||
    Number.isNaN(ms) ||
    new Date(ms).toISOString().slice(0, 10) !== value
  )
    throw new CliError(`--${flag}: expected a calendar date YYYY-MM-DD, got "${value}"`);
  return value;
}

const CSV_HEADER = 'external_id,occurred_at,actor,type,group,thread,target,content_length\n';

function csvLine(event: DemoEvent): string {
  return (
    [
      event.externalId,
      event.occurredAt.toISOString(),
      event.actorExternalId,
      event.type,
      event.groupExternalId ?? '',
      event.threadExternalId ?? '',
      event.targetActorExternalId ?? '',
      event.contentLength ?? '',
    ].join(',') + '\n'
  );
}

export async function runCli(argv: string[], stderr: NodeJS.WritableStream = process.stderr): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      seed: { type: 'string' },
      people: { type: 'string' },
      departments: { type: 'string' },
      days: { type: 'string' },
      start: { type: 'string' },
      'end-date': { type: 'string' },
      events: { type: 'string' },
      format: { type: 'string', default: 'ndjson' },
      out: { type: 'string', default: '-' },
    },
    strict: true,
  });
  if (values.format !== 'ndjson' && values.format !== 'csv') {
    throw new CliError(`--format: expected ndjson or csv, got "${values.format}"`);
  }
  if (values.start !== undefined && values['end-date'] !== undefined) {
    throw new CliError('--start and --end-date: give one of them, not both');
  }
  const demo = generateDemoOrganisation({
    seed: wholeNumber('seed', values.seed, 0),
    people: wholeNumber('people', values.people, 1),
    departments: wholeNumber('departments', values.departments, 2),
    days: wholeNumber('days', values.days, 28),
    start: isoDate('start', values.start),
    endDate: isoDate('end-date', values['end-date']),
  });
  const targetEvents = wholeNumber('events', values.events, 1);
  const output = values.out === '-' ? process.stdout : fs.createWriteStream(values.out as string);
  const started = performance.now();
  const counts = new Map<string, number>();
  let total = 0;
  const write = async (chunk: string) => {
    if (!output.write(chunk)) await once(output, 'drain');
  };
  if (values.format === 'csv') await write(CSV_HEADER);
  let buffer = '';
  for (const event of demo.events({ targetEvents })) {
    buffer += values.format === 'csv' ? csvLine(event) : JSON.stringify(event) + '\n';
    counts.set(event.type, (counts.get(event.type) ?? 0) + 1);
    total++;
    if (buffer.length > 64_000) {
      await write(buffer);
      buffer = '';
    }
  }
  await write(buffer);
  if (output !== process.stdout) {
    output.end();
    await once(output, 'finish');
  }
  const seconds = (performance.now() - started) / 1000;
  stderr.write(
    `${total} events for ${demo.people.length} people, ${demo.start}..${demo.endDate}, in ${seconds.toFixed(1)} s (${Math.round(total / seconds)} events/s)\n` +
      [...counts].map(([type, count]) => `  ${type.padEnd(9)} ${count}`).join('\n') +
      '\n',
  );
}
