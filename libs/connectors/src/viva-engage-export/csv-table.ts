import { readCsvStream, type SourceRow } from '@uptake/connector-sdk';
import type { Entry } from 'yauzl';
import type { ZipArchive } from '../shared/zip/zip-archive';

/**
 * The rows of one CSV entry of the export, by field name (the header's names, trimmed and compared
 * case-insensitively). Columns not in `fields` are never taken from the parsed record: message bodies are
 * only measured, names and descriptions never read. Throws, naming the entry, when a required column is
 * missing or the entry is empty.
 */
export async function* csvTableRows<F extends string>(
  archive: ZipArchive,
  entry: Entry,
  options: { name: string; fields: readonly F[]; required: readonly F[]; maxBytes: number },
): AsyncGenerator<SourceRow<F>> {
  const input = await archive.stream(entry, options.maxBytes);
  yield* readCsvStream(input, {
    name: options.name,
    fieldCount: 'exact',
    emptyMessage: () =>
      `${options.name} is empty: expected a header row naming ${options.required.join(', ')}`,
    plan: (header) => {
      const names = header.map((name) => name.trim().toLowerCase());
      const indexes: [F, number][] = [];
      for (const field of options.fields) {
        const index = names.indexOf(field);
        if (index >= 0) indexes.push([field, index]);
      }
      const missing = options.required.filter((field) => !names.includes(field));
      if (missing.length > 0) {
        throw new Error(
          `${options.name}: the header has no column ${missing.join(', ')} (is this a Viva Engage network ` +
            `data export?); the header is: ${header
              .map((name) => name.trim())
              .join(', ')
              .slice(0, 500)}`,
        );
      }
      return { indexes };
    },
  });
}
