import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { statSync } from 'node:fs';
import path from 'node:path';
import type { Connector } from '../lib/connector';
import type { ConnectorMessage } from '../lib/records';
import { HttpClient } from '../lib/http';
import { scaffoldConnector } from './new-connector';

// Inside the workspace (not /tmp) so the generated code resolves zod and the @uptake aliases.
const PROJECT = path.resolve(__dirname, '../..');

describe('scaffoldConnector', () => {
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(PROJECT, '.scaffold-test-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('writes a working connector, its contract test and fixtures', async () => {
    const { folder, files } = await scaffoldConnector(dir, 'viva-glint');
    expect(files.sort()).toEqual([
      'fixtures/activity.ndjson',
      'fixtures/malformed.ndjson',
      'index.ts',
      'viva-glint.contract.int-spec.ts',
    ]);
    expect((await readdir(folder)).sort()).toEqual([
      'fixtures',
      'index.ts',
      'viva-glint.contract.int-spec.ts',
    ]);

    const { vivaGlintConnector } = (await import(path.join(folder, 'index.ts'))) as {
      vivaGlintConnector: Connector<object, object>;
    };
    const read = async (file: string) => {
      const messages: ConnectorMessage[] = [];
      const fullPath = path.join(folder, 'fixtures', file);
      for await (const message of vivaGlintConnector.read({
        settings: {},
        credentials: {},
        state: {},
        file: { path: fullPath, name: file, size: statSync(fullPath).size },
        http: new HttpClient(),
        signal: new AbortController().signal,
        progress: () => undefined,
        log: { info: () => undefined, warn: () => undefined },
        now: () => new Date(),
      })) {
        messages.push(message);
      }
      return messages;
    };
    const good = await read('activity.ndjson');
    expect(good.filter((m) => m.kind === 'activity')).toHaveLength(3);
    const bad = await read('malformed.ndjson');
    expect(bad.filter((m) => m.kind === 'activity')).toHaveLength(1);
    expect(bad.flatMap((m) => (m.kind === 'invalid' ? [m.problem.location] : []))).toEqual([
      { file: 'malformed.ndjson', line: 2, field: 'at' },
      { file: 'malformed.ndjson', line: 3 },
    ]);
  });

  it('refuses names that are not kebab-case and folders that exist', async () => {
    await expect(scaffoldConnector(dir, 'My Source')).rejects.toThrow("'My Source' must be kebab-case");
    await scaffoldConnector(dir, 'twice');
    await expect(scaffoldConnector(dir, 'twice')).rejects.toThrow('exists already');
  });
});
