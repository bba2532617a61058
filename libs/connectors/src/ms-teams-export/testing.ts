import type { InputFile } from '@uptake/connector-sdk';
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { writeZip, type ZipEntryContent } from '../shared/testing/zip-fixture';

/**
 * Test helper (specs only): a fixture folder of `fixtures/` zipped as an upload, entries in reverse path
 * order (the connector must not rely on zip order), plus `extra` entries. A `*.json-truncated` file (kept so
 * that prettier leaves it broken) is zipped as `*.json`.
 */
export async function zipFixture(
  folder: string,
  extra: [string, ZipEntryContent][] = [],
): Promise<InputFile> {
  const source = join(__dirname, 'fixtures', folder);
  const entries: [string, ZipEntryContent][] = listFiles(source)
    .sort()
    .reverse()
    .map((path) => [relative(source, path).replace(/\.json-truncated$/, '.json'), readFileSync(path)]);
  const path = join(mkdtempSync(join(tmpdir(), 'ms-teams-export-')), `${folder}.zip`);
  await writeZip(path, [...entries, ...extra]);
  return { path, name: `${folder}.zip`, size: statSync(path).size };
}

/** A fixture file uploaded on its own. */
export function fixtureFile(path: string): InputFile {
  const full = join(__dirname, 'fixtures', path);
  return { path: full, name: path.split('/').pop() as string, size: statSync(full).size };
}

function listFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? listFiles(join(folder, entry.name)) : [join(folder, entry.name)],
  );
}
