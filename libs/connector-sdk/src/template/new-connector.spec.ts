import { ESLint } from 'eslint';
import { statSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import * as prettier from 'prettier';
import type { Connector } from '../lib/connector';
import { HttpClient } from '../lib/http';
import type { ConnectorMessage } from '../lib/records';
import { scaffoldConnector } from './new-connector';

const WORKSPACE = path.resolve(__dirname, '../../../..');
// Inside the connectors project (where `npm run connector:new` writes, but outside src/ so no registry or
// test run sees it): the generated code resolves zod and the @uptake aliases, and is linted by the rules
// and module boundaries of a real connector folder.
const CONNECTORS_PROJECT = path.join(WORKSPACE, 'libs/connectors');

describe('scaffoldConnector', () => {
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(CONNECTORS_PROJECT, 'scaffold-test-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('writes a working connector, its README, contract test and fixtures', async () => {
    const { folder, files } = await scaffoldConnector(dir, 'viva-glint');
    expect(files.sort()).toEqual([
      'README.md',
      'fixtures/activity.ndjson',
      'fixtures/earlier-settings.json',
      'fixtures/malformed.ndjson',
      'index.ts',
      'viva-glint.contract.int-spec.ts',
    ]);
    expect((await readdir(folder)).sort()).toEqual([
      'README.md',
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
        settings: vivaGlintConnector.settingsSchema.parse({}),
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
      { file: 'malformed.ndjson', line: 4, field: 'kind' },
    ]);
    // An unknown kind is refused with the reason and where to map it, never counted as some default type.
    expect(
      bad.flatMap((m) => (m.kind === 'invalid' && m.problem.location.line === 4 ? [m.problem.reason] : [])),
    ).toEqual([expect.stringMatching(/^kind: 'poll' is not one of .* \(map it in settings\.kinds\)$/)]);
  });

  it('generates code that passes the workspace prettier and eslint configuration', async () => {
    const { folder, files } = await scaffoldConnector(dir, 'workplace-export');
    const unformatted: string[] = [];
    for (const file of files) {
      const filepath = path.join(folder, file);
      // As `prettier --check --ignore-unknown`: files without a parser (the NDJSON fixtures) are not checked.
      if ((await prettier.getFileInfo(filepath)).inferredParser === null) continue;
      const options = { ...(await prettier.resolveConfig(filepath)), filepath };
      if (!(await prettier.check(await readFile(filepath, 'utf8'), options))) unformatted.push(file);
    }
    expect(unformatted).toEqual([]);

    const eslint = new ESLint({ cwd: WORKSPACE, errorOnUnmatchedPattern: true });
    const results = await eslint.lintFiles(
      files.filter((file) => file.endsWith('.ts')).map((file) => path.join(folder, file)),
    );
    const messages = results.flatMap((result) =>
      result.messages.map(
        (message) =>
          `${path.basename(result.filePath)}:${message.line} ${message.ruleId}: ${message.message}`,
      ),
    );
    expect(messages).toEqual([]);
    expect(results).toHaveLength(2);
  }, 120_000);

  it('refuses names that are not kebab-case and folders that exist', async () => {
    await expect(scaffoldConnector(dir, 'My Source')).rejects.toThrow("'My Source' must be kebab-case");
    await scaffoldConnector(dir, 'twice');
    await expect(scaffoldConnector(dir, 'twice')).rejects.toThrow('exists already');
  });
});
