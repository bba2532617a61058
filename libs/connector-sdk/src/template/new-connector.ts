import { access, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { connectorFiles } from './connector-files';

/** `my-source` -> `mySource`. */
function camelCase(name: string): string {
  return name.replace(/-([a-z0-9])/g, (_match, letter: string) => letter.toUpperCase());
}

export interface ScaffoldResult {
  folder: string;
  files: string[];
}

/**
 * Writes the starting point of a new connector: a folder with a working file connector (NDJSON of
 * activities, read with the SDK's row readers, unknown kinds quarantined), its README, a contract test,
 * a good and a malformed fixture and the earlier-settings fixture. The maintainer then registers the type
 * and replaces the reading code.
 */
export async function scaffoldConnector(connectorsDir: string, name: string): Promise<ScaffoldResult> {
  if (!/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/.test(name)) {
    throw new Error(`connector name '${name}' must be kebab-case, e.g. 'viva-glint' or 'workplace'`);
  }
  const folder = path.join(connectorsDir, name);
  const exists = await access(folder).then(
    () => true,
    () => false,
  );
  if (exists) throw new Error(`${folder} exists already`);
  const files = connectorFiles(name, camelCase(name));
  await mkdir(path.join(folder, 'fixtures'), { recursive: true });
  for (const [file, content] of Object.entries(files)) {
    await writeFile(path.join(folder, file), content, { flag: 'wx' });
  }
  return { folder, files: Object.keys(files) };
}
