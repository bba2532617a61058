import { CONNECTOR_TYPES } from '@uptake/contracts';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { CONNECTOR_FOLDERS, CONNECTORS } from './registry';

/** Folders under src/ that hold code shared by connectors, not a connector. */
const SHARED_FOLDERS = ['shared'];

const folders = readdirSync(__dirname, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && !SHARED_FOLDERS.includes(entry.name))
  .map((entry) => entry.name)
  .sort();

const filesOf = (folder: string) => readdirSync(path.join(__dirname, folder));

describe('the connector registry', () => {
  it('registers every connector folder, and nothing without a folder', () => {
    expect(Object.keys(CONNECTOR_FOLDERS).sort()).toEqual(folders);
    expect([...CONNECTORS.keys()].sort()).toEqual(folders);
  });

  it('lists in CONNECTOR_TYPES exactly the types that have a folder', () => {
    expect([...CONNECTOR_TYPES].sort()).toEqual(folders);
  });

  it.each(folders)("registers under '%s' the connector its folder's index.ts exports", async (folder) => {
    const exported = Object.values((await import(`./${folder}`)) as Record<string, unknown>);
    const connector = CONNECTORS.get(folder as (typeof CONNECTOR_TYPES)[number]);
    expect(connector?.type).toBe(folder);
    expect(exported).toContain(connector);
  });

  it.each(folders)('gives %s a README, fixtures and a contract spec', (folder) => {
    const files = filesOf(folder);
    expect(files).toEqual(expect.arrayContaining(['index.ts', 'README.md', 'fixtures']));
    expect(files.filter((file) => file.endsWith('.contract.int-spec.ts')).length).toBeGreaterThan(0);
  });
});
