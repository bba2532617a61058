import type { InputFile } from '@uptake/connector-sdk';
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { writeZip, type ZipEntryContent } from '../shared/testing/zip-fixture';

/**
 * Test helper (specs only): the fixture exports are kept unpacked in `fixtures/` and zipped with yazl when a
 * test starts, entries in reverse path order (the connector must not rely on zip order), optionally inside
 * a top-level folder (an export someone re-zipped).
 */
export async function zipFixture(
  folder: string,
  options: { under?: string; extra?: [string, ZipEntryContent][] } = {},
): Promise<InputFile> {
  const source = join(__dirname, 'fixtures', folder);
  const entries: [string, ZipEntryContent][] = listFiles(source)
    .sort()
    .reverse()
    .map((path) => [`${options.under ?? ''}${relative(source, path)}`, readFileSync(path)]);
  return zipEntries(`${folder}.zip`, [...entries, ...(options.extra ?? [])]);
}

/** A zip of the given entries in a fresh temporary folder. */
export async function zipEntries(name: string, entries: [string, ZipEntryContent][]): Promise<InputFile> {
  const path = join(mkdtempSync(join(tmpdir(), 'viva-engage-export-')), name);
  await writeZip(path, entries);
  return { path, name, size: statSync(path).size };
}

function listFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? listFiles(join(folder, entry.name)) : [join(folder, entry.name)],
  );
}

/** The first date-time of a Messages.csv record (its created_at: deleted_at comes later in the row). */
const CREATED_AT = /(\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}) UTC/;

/**
 * What the Data Export API would answer for [since, until): the fixture export with only the Messages.csv rows
 * created in that window (Users.csv and Groups.csv whole), zipped with yazl. A record starts on a line that
 * starts with a message id (a body may span lines); the fixtures keep to that.
 */
export async function exportWindowZip(folder: string, since: string, until: string): Promise<Buffer> {
  const source = join(__dirname, 'fixtures', folder);
  const [header, ...lines] = readFileSync(join(source, 'Messages.csv'), 'utf8').split('\n');
  const records: string[] = [];
  for (const line of lines) {
    if (/^\d+,/.test(line) || records.length === 0) records.push(line);
    else records[records.length - 1] += `\n${line}`;
  }
  const from = Date.parse(since);
  const to = Date.parse(until);
  const inWindow = records.filter((record) => {
    const created = CREATED_AT.exec(record);
    const at = created ? Date.parse(`${created[1].replace(' ', 'T')}Z`) : NaN;
    return at >= from && at < to;
  });
  const messages = [header, ...inWindow].join('\n') + '\n';
  const zip = await zipEntries('export.zip', [
    ['Messages.csv', Buffer.from(messages)],
    ['Users.csv', readFileSync(join(source, 'Users.csv'))],
    ['Groups.csv', readFileSync(join(source, 'Groups.csv'))],
  ]);
  return readFile(zip.path);
}
