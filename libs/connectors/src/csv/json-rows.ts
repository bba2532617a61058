import type { InputFile } from '@uptake/connector-sdk';
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import type { ColumnMapping, SourceRow } from './csv-table';

/** A `.json` array is parsed whole, so it is capped; NDJSON streams and has no cap. */
export const MAX_JSON_ARRAY_BYTES = 20 * 1024 * 1024;

const INVALID_JSON = Symbol('invalid JSON');

export interface JsonRowsOptions<F extends string> {
  file: InputFile;
  fields: readonly F[];
  columns?: ColumnMapping<F>;
}

/**
 * Streams NDJSON / JSON Lines: one JSON object per line (blank lines are skipped). A line that is not a
 * JSON object is a problem of that line, not of the file. Its text is not echoed (it may hold names).
 */
export async function* readNdjsonRows<F extends string>(
  options: JsonRowsOptions<F>,
): AsyncGenerator<SourceRow<F>> {
  const source = createReadStream(options.file.path, { encoding: 'utf8' });
  const lines = createInterface({ input: source, crlfDelay: Infinity });
  let line = 0;
  let bytes = 0;
  try {
    for await (const text of lines) {
      line++;
      bytes += Buffer.byteLength(text) + 1;
      const trimmed = (line === 1 ? text.replace(/^\uFEFF/, '') : text).trim();
      if (trimmed === '') continue;
      const value = parseJson(trimmed);
      if (isJsonObject(value)) yield { line, bytes, values: pickFields(value, options) };
      else {
        const problem =
          value === INVALID_JSON ? 'the line is not valid JSON' : 'the line is not a JSON object';
        yield { line, bytes, problem };
      }
    }
  } finally {
    lines.close();
    source.destroy();
  }
}

/**
 * Reads a `.json` file holding an array of objects; `line` is the 1-based index of the entry. Throws,
 * naming the file, when it is over the size cap, not JSON or not an array.
 */
export async function* readJsonArrayRows<F extends string>(
  options: JsonRowsOptions<F>,
): AsyncGenerator<SourceRow<F>> {
  const { file } = options;
  const { size } = await stat(file.path);
  if (size > MAX_JSON_ARRAY_BYTES) {
    throw new Error(
      `${file.name} is ${(size / 1024 / 1024).toFixed(1)} MB; a .json array is accepted up to ` +
        `${MAX_JSON_ARRAY_BYTES / 1024 / 1024} MB. Upload larger files as NDJSON (.ndjson or .jsonl): one JSON object per line`,
    );
  }
  const entries = parseJson((await readFile(file.path, 'utf8')).replace(/^\uFEFF/, ''));
  if (entries === INVALID_JSON) throw new Error(`${file.name} is not valid JSON`);
  if (!Array.isArray(entries)) throw new Error(`${file.name} must hold a JSON array of activity objects`);
  for (const [index, entry] of entries.entries()) {
    const bytes = Math.round((size * (index + 1)) / entries.length);
    yield isJsonObject(entry)
      ? { line: index + 1, bytes, values: pickFields(entry, options) }
      : { line: index + 1, bytes, problem: 'the entry is not a JSON object' };
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return INVALID_JSON;
  }
}

export function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Takes each documented field from its key (settings.columns applies to JSON keys as to CSV columns). */
function pickFields<F extends string>(
  object: Record<string, unknown>,
  options: JsonRowsOptions<F>,
): Partial<Record<F, unknown>> {
  const values: Partial<Record<F, unknown>> = {};
  for (const field of options.fields) {
    const key = options.columns?.[field] ?? field;
    if (Object.hasOwn(object, key)) values[field] = object[key];
  }
  return values;
}
