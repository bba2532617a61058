import { createEmptyDatabase } from '@uptake/testing';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';

const ROOT = path.resolve(__dirname, '../../../..');

interface Seen {
  answer: number;
  skipped: string[];
  loaded: string[];
  mysql: string;
}

/**
 * The stand-in for TypeORM's unused drivers, in a process of its own: Jest loads modules through its own
 * registry, so only a real Node process shows what `require` does there.
 */
describe('usePostgresDriverOnly', () => {
  let database: { url: string; drop(): Promise<void> };
  let seen: Seen;

  beforeAll(async () => {
    database = await createEmptyDatabase();
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [path.join(ROOT, 'scripts/run-ts.cjs'), path.join(__dirname, 'test/postgres-process.ts'), database.url],
      { cwd: ROOT, env: { ...process.env, NODE_OPTIONS: '' }, timeout: 60_000 },
    );
    seen = JSON.parse(stdout.trim().split('\n').at(-1)!) as Seen;
  }, 90_000);

  afterAll(() => database?.drop());

  it('runs TypeORM on Postgres as before', () => {
    expect(seen.answer).toBe(42);
  });

  it('loads the Postgres driver and none of the others', () => {
    const folders = new Set(
      seen.loaded.map((file) => /driver[\\/]([^\\/]+)[\\/]/.exec(file)?.[1]).filter(Boolean),
    );
    // `types`: the column and replication types every driver shares.
    expect([...folders].sort()).toEqual(['postgres', 'types']);
    const skipped = new Set(seen.skipped.map((file) => /driver[\\/]([^\\/]+)[\\/]/.exec(file)?.[1]));
    expect(skipped).toEqual(
      new Set(
        ['aurora-mysql', 'aurora-postgres', 'better-sqlite3', 'capacitor', 'cockroachdb', 'cordova']
          .concat(['expo', 'mongodb', 'mysql', 'nativescript', 'oracle', 'react-native', 'sap', 'spanner'])
          .concat(['sqljs', 'sqlserver']),
      ),
    );
  });

  it('says why when another database type is asked for', () => {
    expect(seen.mysql).toMatch(/MysqlDriver .*is not loaded: Uptake runs TypeORM on PostgreSQL only/);
  });
});
