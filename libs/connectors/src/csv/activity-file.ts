import {
  type InputFile,
  readCsvRecords,
  readJsonArrayRows,
  readNdjsonRows,
  type SourceRow,
} from '@uptake/connector-sdk';
import type { RunWarning } from '@uptake/contracts';
import type { ActivityStreamRow } from '../shared/activity-format/activity-stream';
import { IgnoredKeys, withheldIfData } from './json-paths';
import { csvRow, jsonRows, type CompiledMapping, type MappedRow } from './row-mapping';

export const COLUMNS_IGNORED_CODE = 'csv.columns-ignored';
/** Names a warning lists (each shortened to NAME_MAX characters); the rest are counted. */
const LISTED_NAMES = 20;
const NAME_MAX = 60;

export interface ActivityFile {
  rows: AsyncIterable<ActivityStreamRow>;
  /** CSV: the header's columns the mapping does not read (known once the header is read). */
  inputWarnings(): RunWarning[];
  /** NDJSON / JSON: the keys no path read, over the objects this read went through (asked at its end). */
  finalWarnings(): RunWarning[];
}

/**
 * The rows of a CSV file through the column mapping. Columns the mapping does not read are ignored on purpose:
 * their values are never taken from the parsed record (so message text never enters Uptake), and the run warns
 * once, listing them (a name that may be data, such as an e-mail address, as `{…}`). Throws, naming the
 * columns and the settings that read them, when the header lacks one.
 */
export function csvActivityFile(file: InputFile, delimiter: string, mapping: CompiledMapping): ActivityFile {
  let ignored: string[] = [];
  const plan = (header: readonly string[]) => {
    const planned = planHeader(file, header, mapping);
    ignored = planned.ignored;
    return planned;
  };
  const records = readCsvRecords(
    file,
    delimiter,
    plan,
    () => `${file.name} is empty: expected a header row naming ${[...mapping.requiredColumns].join(', ')}`,
  );
  return {
    rows: mapped(records, (values) => [csvRow(mapping, values)]),
    inputWarnings: () =>
      ignored.length > 0 ? [ignoredWarning(file.name, 'Columns', ignored, ignored.length)] : [],
    finalWarnings: () => [],
  };
}

/**
 * The rows of an NDJSON / JSON file through the column mapping (nested entries included). Keys no path reads
 * are ignored on purpose and listed in one warning at the end of the read, from the objects it went through
 * (a resumed read: the rest of the file).
 */
export function jsonActivityFile(
  file: InputFile,
  format: 'ndjson' | 'json',
  mapping: CompiledMapping,
): ActivityFile {
  const ignored = new IgnoredKeys(mapping.columns.keys());
  const objects = format === 'ndjson' ? readNdjsonRows(file) : readJsonArrayRows(file);
  return {
    rows: mapped(objects, (object) => {
      ignored.add(object);
      return jsonRows(mapping, object);
    }),
    inputWarnings: () => [],
    finalWarnings: () => {
      const found = ignored.list();
      return found.total === 0
        ? []
        : [ignoredWarning(file.name, 'Keys', found.names, found.total, found.truncated)];
    },
  };
}

async function* mapped(
  rows: AsyncIterable<SourceRow<string>>,
  map: (values: Record<string, unknown>) => Iterable<MappedRow>,
): AsyncGenerator<ActivityStreamRow> {
  for await (const row of rows) {
    if ('problem' in row) {
      yield row;
      continue;
    }
    const { line, bytes } = row;
    for (const result of map(row.values as Record<string, unknown>)) {
      if ('problem' in result) yield { line, bytes, problem: result.problem };
      else if (result.skip) yield { line, bytes, skipped: true };
      else {
        yield {
          line,
          bytes,
          values: result.values,
          problems: result.problems,
          ...(result.entry ? { entry: result.entry } : {}),
          ...(row.lossy ? { lossy: true } : {}),
        };
      }
    }
  }
}

/** Finds each column the mapping reads in the header (trimmed, case-insensitive). */
function planHeader(file: InputFile, header: readonly string[], mapping: CompiledMapping) {
  const names = header.map((name) => name.trim().toLowerCase());
  const indexes: [string, number][] = [];
  const used = new Set<number>();
  const missing: string[] = [];
  for (const [column, setting] of mapping.columns) {
    const index = names.indexOf(column.trim().toLowerCase());
    if (index >= 0) {
      indexes.push([column, index]);
      used.add(index);
    } else if (mapping.requiredColumns.has(column)) {
      const field = setting.replace(/^settings\.columns\./, '');
      missing.push(field === column ? field : `${field} (mapped to '${column}')`);
    }
  }
  if (missing.length > 0) {
    const mapped = [...mapping.columns].filter(([column, setting]) => setting !== column);
    const how =
      mapped.length > 0
        ? `settings.columns ${clip(JSON.stringify(Object.fromEntries(mapped.map(([column, setting]) => [setting.replace(/^settings\.columns\./, ''), column]))), 300)}`
        : 'the documented column names (no settings.columns)';
    throw new Error(
      `${file.name}: the header has no column for ${missing.join(', ')}; columns were looked up with ${how}; ` +
        `the header is: ${clip(header.map((name) => name.trim()).join(', '), 500)}`,
    );
  }
  const ignored = [
    ...new Set(
      header.flatMap((name, index) =>
        used.has(index) || name.trim() === '' ? [] : [withheldIfData(name.trim())],
      ),
    ),
  ];
  return { indexes, ignored };
}

function ignoredWarning(
  file: string,
  kind: 'Columns' | 'Keys',
  names: readonly string[],
  total: number,
  truncated = false,
): RunWarning {
  const listed = names.slice(0, LISTED_NAMES).map((name) => clip(name, NAME_MAX));
  const more = truncated ? ' and more' : total > listed.length ? ` and ${total - listed.length} more` : '';
  // Once per run: the count says nothing more than the list (a resumed read lists them again).
  return {
    code: COLUMNS_IGNORED_CODE,
    file,
    count: 1,
    message:
      `${kind} the column mapping does not read were ignored on purpose (never stored): ` +
      `${listed.join(', ')}${more}.`,
  };
}

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
