import type { InputFile } from '@uptake/connector-sdk';
import { decodeUtf8 } from '@uptake/connector-sdk';
import { createReadStream } from 'node:fs';
import { ZipArchive } from '../shared/zip/zip-archive';
import { JsonListScanner } from './json-elements';

/** Bounds of an upload: what it may hold, and what one message may be. */
export interface ExportLimits {
  /** Entries a zip may list (names and sizes are held in memory). */
  maxEntries: number;
  /** Bytes one zip entry may inflate to (streamed: a bound on the work, not on memory). */
  maxEntryBytes: number;
  /** Bytes one message (or user) may take: one is held at a time. */
  maxMessageBytes: number;
}

export const DEFAULT_EXPORT_LIMITS: ExportLimits = {
  maxEntries: 100_000,
  maxEntryBytes: 8 * 1024 ** 3,
  maxMessageBytes: 1024 * 1024,
};

/** Where a user list may be in a zip: `users.json` in any folder (Graph user objects: id, UPN, mail). */
const USERS_FILE = /(^|\/)users\.json$/i;
/** Left by archivers, not by an export: not worth a warning. */
const ARCHIVER_LEFTOVERS = /(^|\/)(__MACOSX\/|\.DS_Store$|Thumbs\.db$)/;

/** One JSON file of the upload: its name (in problem locations) and how to stream its bytes. */
export interface ExportFile {
  name: string;
  open(): Promise<AsyncIterable<Buffer>>;
}

/** What an upload holds: message files in name order, the user list if any, what was not read. */
export interface ExportContents {
  messages: ExportFile[];
  users: ExportFile | null;
  /** Entries that are no JSON file (attachments, notes): skipped. */
  skipped: number;
  close(): void;
}

/**
 * The files of an upload: a `.json` file alone, or a `.zip` of them (message files in name order, so a read
 * is the same on every attempt; `users.json` read as the user list). Entries are streamed one at a time
 * from the zip, each bounded as it inflates.
 */
export async function openExport(file: InputFile, limits: ExportLimits): Promise<ExportContents> {
  if (!file.name.toLowerCase().endsWith('.zip')) {
    return {
      messages: [{ name: file.name, open: async () => createReadStream(file.path) }],
      users: null,
      skipped: 0,
      close: () => undefined,
    };
  }
  const zip = await ZipArchive.open(file.path, file.name, {
    maxEntries: limits.maxEntries,
    maxEntryBytes: limits.maxEntryBytes,
    tooManyEntriesAdvice: 'upload fewer files at a time',
  });
  const entries = zip.entries.filter((entry) => !ARCHIVER_LEFTOVERS.test(entry.fileName));
  const json = entries.filter((entry) => entry.fileName.toLowerCase().endsWith('.json'));
  const asFile = (entry: (typeof entries)[number]): ExportFile => ({
    name: entry.fileName,
    open: () => zip.stream(entry),
  });
  const users = json.find((entry) => USERS_FILE.test(entry.fileName));
  return {
    messages: json
      .filter((entry) => entry !== users)
      .sort((a, b) => (a.fileName < b.fileName ? -1 : a.fileName > b.fileName ? 1 : 0))
      .map(asFile),
    users: users ? asFile(users) : null,
    skipped: entries.length - json.length,
    close: () => zip.close(),
  };
}

/** One element of a file's list: parsed, or why it could not be (never echoing its text). */
export type ParsedElement = { index: number; value: unknown } | { index: number; problem: string };

/**
 * The parsed elements of one file's list (a JSON array, or a Graph page's `value`), then, if the file did
 * not end well, a last problem after them (index = the next position). Strictly UTF-8, element by element.
 */
export async function* fileElements(file: ExportFile, maxBytes: number): AsyncGenerator<ParsedElement> {
  const scanner = new JsonListScanner(maxBytes);
  let last = 0;
  for await (const element of scanner.elements(await file.open())) {
    last = element.index;
    if (element.bytes === null) {
      yield { index: element.index, problem: `the message is larger than ${formatBytes(maxBytes)}` };
      continue;
    }
    const text = decodeUtf8(element.bytes);
    if (text === null) {
      yield { index: element.index, problem: 'the message is not valid UTF-8' };
      continue;
    }
    try {
      yield { index: element.index, value: JSON.parse(text) as unknown };
    } catch {
      yield { index: element.index, problem: 'the message is not valid JSON' };
    }
  }
  const end = scanner.end();
  if (end === 'truncated')
    yield { index: last + 1, problem: 'the file ends inside its JSON (cut short?): the rest is not read' };
  if (end === 'no-list') {
    yield {
      index: last + 1,
      problem: 'the file is neither a JSON array of messages nor a Graph page with a "value" list',
    };
  }
}

function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${bytes / 1024 / 1024} MB` : `${bytes / 1024} KB`;
}
