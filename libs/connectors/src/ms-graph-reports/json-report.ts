import { decodeUtf8, InputError, type InputFile, MAX_JSON_ARRAY_BYTES } from '@uptake/connector-sdk';
import { readFile } from 'node:fs/promises';
import type { ReportRecord } from './report-records';
import { KNOWN_COLUMNS } from './reports';

/**
 * A report downloaded with `$format=application/json` (Graph beta, PowerShell): `{ "value": [ { "reportRefreshDate":
 * "2026-03-16", "userPrincipalName": …, "postedCount": 2, … } ], "@odata.nextLink"?: … }`. Its properties are the
 * CSV column names in camel case ('Report Refresh Date' -> reportRefreshDate), so each entry becomes the row the
 * CSV would have held and the same mapping reads it. Entries are numbered from 1 in problem locations.
 */
export interface JsonReport {
  header: string[];
  records: AsyncGenerator<ReportRecord>;
  /** Graph pages JSON reports (200 to 2,000 rows a page): set when this file is one page of several. */
  hasNextPage: boolean;
}

/** 'Report Refresh Date' -> 'reportRefreshDate', 'Scheduled One-time Meetings Count' -> 'scheduledOneTimeMeetingsCount'. */
export function camelCaseOf(column: string): string {
  const words = column.split(/[\s-]+/).filter((word) => word !== '');
  return words
    .map((word, index) =>
      index === 0 ? word.toLowerCase() : word.charAt(0).toUpperCase() + word.slice(1).toLowerCase(),
    )
    .join('');
}

const COLUMN_OF_PROPERTY = new Map(KNOWN_COLUMNS.map((column) => [camelCaseOf(column), column]));

export async function readJsonReport(file: InputFile): Promise<JsonReport> {
  if (file.size > MAX_JSON_ARRAY_BYTES) {
    throw new InputError(
      `${file.name} is ${Math.ceil(file.size / 1024 / 1024)} MB: a JSON report is read whole and may hold at ` +
        `most ${MAX_JSON_ARRAY_BYTES / 1024 / 1024} MB; upload the CSV report instead (it streams)`,
    );
  }
  const text = decodeUtf8(await readFile(file.path));
  if (text === null) throw new InputError(`${file.name} is not valid UTF-8; save the file as UTF-8`);
  let document: unknown;
  try {
    document = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    throw new InputError(`${file.name} is not valid JSON`);
  }
  const entries = Array.isArray(document) ? document : isObject(document) ? document['value'] : undefined;
  if (!Array.isArray(entries)) {
    throw new InputError(
      `${file.name} is not a Microsoft Graph report in JSON: expected { "value": [ … ] } (Graph's ` +
        `$format=application/json) or an array of its entries`,
    );
  }
  const first = entries.find(isObject);
  const header = first ? Object.keys(first).flatMap((key) => COLUMN_OF_PROPERTY.get(key) ?? []) : [];
  return {
    header,
    records: jsonRecords(entries),
    hasNextPage: isObject(document) && typeof document['@odata.nextLink'] === 'string',
  };
}

async function* jsonRecords(entries: readonly unknown[]): AsyncGenerator<ReportRecord> {
  for (const [index, entry] of entries.entries()) {
    const line = index + 1;
    if (!isObject(entry)) {
      yield { line, problem: 'the entry is not a JSON object' };
      continue;
    }
    const row: Record<string, string> = {};
    for (const [key, value] of Object.entries(entry)) {
      const column = COLUMN_OF_PROPERTY.get(key);
      if (column !== undefined) row[column] = cellText(value);
    }
    yield { line, row };
  }
}

/** A JSON value as the CSV would write it: null is an empty cell, a list is joined with '+'. */
function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.map(cellText).join('+');
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
