import { decodeUtf8 } from '../text';
import type { CsvError, Options } from 'csv-parse';
import { Transform } from 'node:stream';

/**
 * Strict, bounded byte handling of the CSV reader (csv-reader.ts).
 *
 * csv-parse decodes UTF-8 leniently (bytes that are not UTF-8 become U+FFFD, so two different e-mail
 * addresses could become one). Here fields are read as latin1, one character per byte, and each record
 * is decoded as UTF-8 on its own, strictly: a bad row is quarantined and the rest of the file lands.
 * Reading bytes also makes csv-parse's `max_record_size` count bytes: a row over the limit (typically an
 * unclosed quote swallowing the file) fails the read with the file and line, instead of filling memory.
 */
export const MAX_CSV_RECORD_BYTES = 1024 * 1024;

const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);
/** A byte above 0x7f (a latin1 string holds one character per byte); without one, it already is the text. */
const NON_ASCII = /[\u0080-\u00ff]/;

export function byteCsvOptions(delimiter = ','): Options {
  return {
    encoding: 'latin1',
    delimiter: Buffer.from(delimiter, 'utf8'),
    max_record_size: MAX_CSV_RECORD_BYTES,
  };
}

/** Drops a leading UTF-8 byte-order mark (csv-parse's own `bom` option would switch it back to UTF-8). */
export function withoutBom(): Transform {
  let head: Buffer | null = Buffer.alloc(0);
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      if (head === null) return done(null, chunk);
      head = Buffer.concat([head, chunk]);
      if (head.length < UTF8_BOM.length) return done();
      const rest = head.subarray(0, UTF8_BOM.length).equals(UTF8_BOM) ? head.subarray(UTF8_BOM.length) : head;
      head = null;
      done(null, rest);
    },
    flush(done) {
      if (head !== null && head.length > 0) this.push(head);
      done();
    },
  });
}

/** A record read with `byteCsvOptions` as UTF-8 strings, or the 1-based column of the first field that is not UTF-8. */
export function decodeFields(fields: readonly string[]): { fields: string[] } | { badColumn: number } {
  const decoded: string[] = [];
  for (const [index, field] of fields.entries()) {
    if (!NON_ASCII.test(field)) {
      decoded.push(field);
      continue;
    }
    const text = decodeUtf8(Buffer.from(field, 'latin1'));
    if (text === null) return { badColumn: index + 1 };
    decoded.push(text);
  }
  return { fields: decoded };
}

/** The problem of a row that is not UTF-8, naming the column (its header name when known). */
export function notUtf8Reason(column: number, header?: readonly string[]): string {
  const name = header?.[column - 1];
  return `the row is not valid UTF-8 (column ${column}${name ? ` '${name.trim()}'` : ''}); save the file as UTF-8`;
}

/**
 * A csv-parse error as a message naming the file and, for an oversized row, the line it starts near
 * (`correctLine` fixes csv-parse's count for the CRLFs it counted twice).
 */
export function csvReadError(
  fileName: string,
  error: CsvError,
  correctLine: (line: number) => number = (line) => line,
): Error {
  if (error.code === 'CSV_MAX_RECORD_SIZE') {
    const reported = (error as CsvError & { lines?: number }).lines;
    const line = reported === undefined ? undefined : correctLine(reported);
    return new Error(
      `${fileName}: the row at line ${line ?? '?'} is larger than ${MAX_CSV_RECORD_BYTES / 1024 / 1024} MB, ` +
        'the most a row may hold (is a closing quote missing?)',
    );
  }
  return new Error(`${fileName} is not a readable CSV file: ${error.message}`);
}
