import type { InputFile } from '../connector';
import { decodeUtf8 } from '../text';
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import type { SourceRow } from './source-row';

/** A `.json` array is parsed whole, so it is capped; NDJSON streams and has no cap. */
export const MAX_JSON_ARRAY_BYTES = 20 * 1024 * 1024;
/** An NDJSON line longer than this is a problem of that line; it is skipped without being held. */
export const MAX_NDJSON_LINE_BYTES = 1024 * 1024;

const INVALID_JSON = Symbol('invalid JSON');

/** Each object of an NDJSON or JSON file, whole: the column mapping picks what it reads (see row-mapping). */
export type JsonObjectRow = SourceRow<string>;

/**
 * Streams NDJSON / JSON Lines: one JSON object per line (blank lines are skipped). A line that is not a
 * JSON object, not valid UTF-8 (decoded strictly, line by line: never to U+FFFD) or longer than
 * MAX_NDJSON_LINE_BYTES is a problem of that line, not of the file. Its text is not echoed (it may hold
 * names).
 */
export async function* readNdjsonRows(file: InputFile): AsyncGenerator<JsonObjectRow> {
  const source = createReadStream(file.path);
  let line = 0;
  let bytes = 0;
  try {
    for await (const { content, size } of byteLines(source, MAX_NDJSON_LINE_BYTES)) {
      line++;
      bytes += size;
      if (content === null) {
        yield { line, bytes, problem: `the line is longer than ${MAX_NDJSON_LINE_BYTES / 1024 / 1024} MB` };
        continue;
      }
      const text = decodeUtf8(content);
      if (text === null) {
        yield { line, bytes, problem: 'the line is not valid UTF-8; save the file as UTF-8' };
        continue;
      }
      const trimmed = (line === 1 ? text.replace(/^\uFEFF/, '') : text).trim();
      if (trimmed === '') continue;
      const value = parseJson(trimmed);
      if (isJsonObject(value)) yield { line, bytes, values: value };
      else {
        const problem =
          value === INVALID_JSON ? 'the line is not valid JSON' : 'the line is not a JSON object';
        yield { line, bytes, problem };
      }
    }
  } finally {
    source.destroy();
  }
}

/**
 * The lines of a byte stream (split at LF; a CR before it is JSON whitespace), each with the bytes it
 * took. A line over `max` bytes comes back as `content: null` and is never held whole.
 */
export async function* byteLines(
  source: AsyncIterable<Buffer>,
  max: number,
): AsyncGenerator<{ content: Buffer | null; size: number }> {
  let parts: Buffer[] = [];
  let size = 0;
  for await (const chunk of source) {
    let start = 0;
    for (let end = chunk.indexOf(0x0a, start); end !== -1; end = chunk.indexOf(0x0a, start)) {
      size += end - start;
      const fits = size <= max;
      if (fits) parts.push(chunk.subarray(start, end));
      yield { content: fits ? Buffer.concat(parts) : null, size: size + 1 };
      parts = [];
      size = 0;
      start = end + 1;
    }
    size += chunk.length - start;
    if (size <= max) parts.push(chunk.subarray(start));
    else parts = [];
  }
  if (size > 0) yield { content: size <= max ? Buffer.concat(parts) : null, size };
}

/**
 * Reads a `.json` file holding an array of objects; `line` is the 1-based index of the entry. Throws,
 * naming the file, when it is over the size cap, not JSON or not an array.
 */
export async function* readJsonArrayRows(file: InputFile): AsyncGenerator<JsonObjectRow> {
  const { size } = await stat(file.path);
  if (size > MAX_JSON_ARRAY_BYTES) {
    throw new Error(
      `${file.name} is ${(size / 1024 / 1024).toFixed(1)} MB; a .json array is accepted up to ` +
        `${MAX_JSON_ARRAY_BYTES / 1024 / 1024} MB. Upload larger files as NDJSON (.ndjson or .jsonl): one JSON object per line`,
    );
  }
  const content = await readFile(file.path);
  // Parsed whole, so it cannot be decoded entry by entry: when the file is not UTF-8, rows whose mapped
  // values hold U+FFFD (where the bad bytes were) are quarantined instead of read (`lossy`).
  const strict = decodeUtf8(content);
  const entries = parseJson((strict ?? content.toString('utf8')).replace(/^\uFEFF/, ''));
  if (entries === INVALID_JSON) throw new Error(`${file.name} is not valid JSON`);
  if (!Array.isArray(entries)) throw new Error(`${file.name} must hold a JSON array of activity objects`);
  for (const [index, entry] of entries.entries()) {
    const line = index + 1;
    const bytes = Math.round((size * line) / entries.length);
    if (!isJsonObject(entry)) {
      yield { line, bytes, problem: 'the entry is not a JSON object' };
      continue;
    }
    yield strict === null ? { line, bytes, values: entry, lossy: true } : { line, bytes, values: entry };
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
