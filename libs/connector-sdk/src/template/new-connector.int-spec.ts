import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { scaffoldConnector } from './new-connector';

const WORKSPACE = path.resolve(__dirname, '../../../..');
const CONNECTORS_PROJECT = path.join(WORKSPACE, 'libs/connectors');

/**
 * The generated contract spec is a test file of its own (describeConnectorContract defines a suite): it runs
 * in a child Jest with the connectors' integration configuration, against this run's stores when there are
 * any (TEST_DATABASE_URL), else against stores that child starts.
 */
describe('a scaffolded connector', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(CONNECTORS_PROJECT, 'scaffold-test-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('passes its own contract test as generated', async () => {
    await scaffoldConnector(dir, 'viva-glint');
    const stores = process.env['DATABASE_URL']
      ? { TEST_DATABASE_URL: process.env['DATABASE_URL'], TEST_REDIS_URL: process.env['REDIS_URL'] }
      : {};
    const { stdout, stderr } = await promisify(execFile)(
      process.execPath,
      [
        path.join(WORKSPACE, 'node_modules/jest/bin/jest.js'),
        '-c',
        path.join(CONNECTORS_PROJECT, 'jest.int.config.cjs'),
        '--testMatch',
        `**/${path.basename(dir)}/**/*.contract.int-spec.ts`,
        '--ci',
        '--colors=false',
      ],
      { cwd: WORKSPACE, env: { ...process.env, ...stores, FORCE_COLOR: '0' }, maxBuffer: 16 * 1024 * 1024 },
    ).catch((error: { stdout?: string; stderr?: string; message: string }) => {
      throw new Error(`the generated contract test failed:\n${error.stderr ?? error.message}`);
    });
    // Jest reports to stderr; each of the kit's cases must have run and passed.
    expect(`${stdout}${stderr}`).toMatch(/Tests:\s+7 passed, 7 total/);
  }, 300_000);
});
