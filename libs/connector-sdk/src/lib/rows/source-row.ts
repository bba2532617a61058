/**
 * One row of an imported file, by key (a documented field name, a column name), or a structural problem (a
 * CSV row with the wrong number of fields, an NDJSON line that is not an object). `line` is where the row
 * starts (1-based; the CSV header is line 1) and `bytes` how far the file has been read, for progress.
 */
export type SourceRow<K extends string> =
  | {
      line: number;
      bytes: number;
      values: Partial<Record<K, unknown>>;
      /** A `.json` file that is not UTF-8 as a whole: values holding U+FFFD are where the bad bytes were. */
      lossy?: boolean;
    }
  | { line: number; bytes: number; problem: string };
