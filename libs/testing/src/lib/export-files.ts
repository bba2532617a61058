import { parse } from 'csv-parse/sync';
import yauzl from 'yauzl';

/** An exported CSV read back: the header lines (label → value), the table's columns and rows by column label. */
export interface ExportedCsv {
  header: Map<string, string>;
  columns: string[];
  rows: Record<string, string>[];
}

/**
 * Reads a CSV export (GET …/exports/<report>?format=csv): the header lines come first (report, organisation,
 * period, …), a blank line, then the table with its column labels.
 */
export function readExportedCsv(bytes: Buffer): ExportedCsv {
  const records = parse(bytes, { bom: true, relaxColumnCount: true }) as string[][];
  const blank = records.findIndex((record) => record.every((field) => field === ''));
  if (blank < 0) throw new Error('the CSV has no blank line between its header lines and its table');
  const header = new Map(records.slice(0, blank).map(([label, value]) => [label, value]));
  const columns = records[blank + 1];
  const rows = records
    .slice(blank + 2)
    .map((record) => Object.fromEntries(columns.map((column, index) => [column, record[index]])));
  return { header, columns, rows };
}

/** The entries of a zip (a PPTX or an XLSX) by name, with their text. */
export function zipEntries(bytes: Buffer): Promise<Map<string, string>> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(bytes, { lazyEntries: true }, (error, zip) => {
      if (error || !zip) return reject(error);
      const entries = new Map<string, string>();
      zip.on('entry', (entry: yauzl.Entry) => {
        zip.openReadStream(entry, (streamError, stream) => {
          if (streamError || !stream) return reject(streamError);
          const chunks: Buffer[] = [];
          stream.on('data', (chunk: Buffer) => chunks.push(chunk));
          stream.on('end', () => {
            entries.set(entry.fileName, Buffer.concat(chunks).toString('utf8'));
            zip.readEntry();
          });
        });
      });
      zip.on('end', () => resolve(entries));
      zip.on('error', reject);
      zip.readEntry();
    });
  });
}

/** The slides of a PPTX, in order, as their XML. */
export async function pptxSlides(bytes: Buffer): Promise<string[]> {
  const slideNumber = (name: string) => Number(/slide(\d+)\.xml$/.exec(name)?.[1]);
  return [...(await zipEntries(bytes))]
    .filter(([name]) => /^ppt\/slides\/slide\d+\.xml$/.test(name))
    .sort(([a], [b]) => slideNumber(a) - slideNumber(b))
    .map(([, xml]) => xml);
}
