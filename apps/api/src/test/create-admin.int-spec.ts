import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { testStoreUrls, uniqueSuffix } from '@uptake/testing';
import request from 'supertest';
import { startTestApi, type TestApi } from './support';

const ROOT = path.resolve(__dirname, '../../../..');

function createAdmin(args: string[], env: Record<string, string> = {}) {
  return spawnSync(process.execPath, ['scripts/run-ts.cjs', 'apps/api/src/cli/create-admin.ts', ...args], {
    cwd: ROOT,
    env: { ...process.env, NODE_OPTIONS: '', DATABASE_URL: testStoreUrls().databaseUrl, ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
}

describe('npm run admin:create', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(async () => {
    await api.close();
  });

  it('creates the organisation and its first admin, who can then sign in; a second run keeps the password', async () => {
    const slug = `first-${uniqueSuffix()}`;
    const email = `${slug}@example.test`;
    const created = createAdmin(['--email', email, '--organisation', slug, '--name', 'First Ltd'], {
      UPTAKE_ADMIN_PASSWORD: 'a-long-first-password',
    });
    expect(created.stderr).toBe('');
    expect(created.status).toBe(0);
    expect(created.stdout).toContain(`${email} is admin of ${slug} (new account)`);

    const again = createAdmin([
      '--email',
      email,
      '--organisation',
      slug,
      '--password',
      'another-long-password',
    ]);
    expect(again.status).toBe(0);
    expect(again.stdout).toContain('(existing account, password unchanged)');

    const login = await request(api.app.getHttpServer())
      .post('/api/auth/login')
      .send({ email, password: 'a-long-first-password' })
      .expect(200);
    expect(login.body.memberships).toEqual([
      expect.objectContaining({ organisationName: 'First Ltd', role: 'admin' }),
    ]);
    await api.dataSource.query('DELETE FROM organisations WHERE slug = $1', [slug]);
  });

  it('names what is missing or wrong, and exits 2', () => {
    const result = createAdmin(['--email', 'not-an-email', '--password', 'short']);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('--email: an e-mail address is required');
    expect(result.stderr).toContain('--organisation: the organisation slug is required');
    expect(result.stderr).toContain(
      '--password / UPTAKE_ADMIN_PASSWORD: at least 12 characters are required',
    );

    const unknown = createAdmin([
      '--email',
      'a@b.test',
      '--organisation',
      `missing-${uniqueSuffix()}`,
      '--password',
      'long-enough-password',
    ]);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/--organisation: no organisation 'missing-\w+'; add --name to create it/);
  });
});
