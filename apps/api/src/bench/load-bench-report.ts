/** The load bench's output (load-bench.ts): its figures as lines, and the summary against the targets. */
import os from 'node:os';
import type { IngestFigures, Latencies, LoadFigures } from './load-bench-child';

/** The issue's targets: p99 latency, and the ingest's rate under load against its rate alone. */
const TARGETS = { p99Ms: 200, ingestShare: 0.7 };

/** The API's KPI report cache lookups in a run. */
export type Lookups = Record<'hit' | 'snapshot' | 'miss', number>;

export function describeIngest(figures: IngestFigures): string {
  const rate = Math.round(figures.inserted / figures.seconds).toLocaleString('en');
  return (
    `${figures.inserted.toLocaleString('en')} events stored (read ${figures.read.toLocaleString('en')}, ` +
    `quarantined ${figures.quarantined}) in ${figures.seconds.toFixed(1)} s = ${rate} events/s`
  );
}

function describeLatencies(figures: Latencies): string {
  return (
    `p50 ${figures.p50} ms, p97.5 ${figures.p97_5} ms, p99 ${figures.p99} ms, max ${figures.max} ms; ` +
    `errors ${figures.errors}, non-2xx ${figures.non2xx}`
  );
}

export function describeLoad(figures: LoadFigures, lookups: Lookups): string[] {
  const lines = [
    `${figures.all.requests.toLocaleString('en')} responses in ${figures.seconds.toFixed(1)} s ` +
      `(${Math.round(figures.all.requests / figures.seconds).toLocaleString('en')}/s): ${describeLatencies(figures.all)} ` +
      `(timeouts ${figures.timeouts}; status codes ${JSON.stringify(figures.statusCodes)})`,
  ];
  if (figures.window) {
    lines.push(
      `while the ingest ran: ${figures.window.requests.toLocaleString('en')} responses, ${describeLatencies(figures.window)}`,
    );
  }
  lines.push(
    `per report: ${figures.endpoints.map((e) => `${e.endpoint} ${e.p50}/${e.p99}`).join(', ')} (p50/p99 ms)`,
    `API's KPI report cache: ${lookups.hit} memory hits, ${lookups.snapshot} snapshot reads, ${lookups.miss} computed`,
  );
  if (figures.truncated)
    lines.push('(more responses than the samples kept: the percentiles are of the first ones)');
  return lines;
}

export function printSummary(solo: LoadFigures, together: LoadFigures, ingestRatio: number): void {
  const met = (ok: boolean) => (ok ? 'met' : 'NOT MET');
  const failures = (figures: Latencies) => figures.errors + figures.non2xx;
  const during = together.window ?? together.all;
  const rows: [string, string, string, string][] = [
    [
      `p99 <= ${TARGETS.p99Ms} ms`,
      `${solo.all.p99} ms`,
      `${together.all.p99} ms (${during.p99} ms while ingesting)`,
      met(Math.max(solo.all.p99, together.all.p99, during.p99) <= TARGETS.p99Ms),
    ],
    [
      'no errors (connection, timeout, non-2xx)',
      String(failures(solo.all)),
      String(failures(together.all)),
      met(failures(solo.all) + failures(together.all) === 0),
    ],
    [
      `ingest >= ${percent(TARGETS.ingestShare)} of solo`,
      '100 %',
      percent(ingestRatio),
      met(ingestRatio >= TARGETS.ingestShare),
    ],
  ];
  const widths = [0, 1, 2].map((i) =>
    Math.max(...rows.map((row) => row[i].length), ['target', 'solo', 'together'][i].length),
  );
  const line = (cells: string[]) =>
    cells.map((cell, i) => (i < 3 ? cell.padEnd(widths[i]) : cell)).join('  ');
  console.log(`\nsummary\n  ${line(['target', 'solo', 'together', ''])}`);
  for (const row of rows) console.log(`  ${line(row)}`);
}

export function percent(share: number): string {
  return `${Math.round(share * 100)} %`;
}

export function loadAverage(): string {
  return `load average ${os
    .loadavg()
    .map((value) => value.toFixed(2))
    .join(' ')}`;
}
