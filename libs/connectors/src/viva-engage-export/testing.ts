import type { InputFile } from '@uptake/connector-sdk';
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
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
