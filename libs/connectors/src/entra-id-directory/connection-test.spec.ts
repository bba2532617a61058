import { HttpClient } from '@uptake/connector-sdk';
import { testEntraIdDirectoryConnection } from './connection-test';
import { entraIdDirectorySettings } from './settings';

const settings = entraIdDirectorySettings.parse({
  baseUrl: 'https://graph.example.test/v1.0',
  tokenUrl: 'https://login.example.test',
  tenantId: 'contoso.onmicrosoft.com',
});
const credentials = { clientId: '6f1c2a9e-4b7d-4e3a-9c51-2d8e7f0a1b34', clientSecret: 'secret' };

function run(usersStatus: number) {
  const requests: string[] = [];
  const fetch = (async (input: string | URL | Request) => {
    const url = new URL(String(input));
    if (url.hostname === 'login.example.test') return Response.json({ access_token: 't', expires_in: 3600 });
    requests.push(url.pathname + url.search);
    return Response.json({ value: [] }, { status: usersStatus });
  }) as typeof globalThis.fetch;
  const checks = testEntraIdDirectoryConnection({
    settings,
    credentials,
    http: new HttpClient({ fetch, maxRetries: 0 }),
    signal: new AbortController().signal,
    now: () => new Date(),
  });
  return { checks, requests };
}

describe('entra-id-directory connection test', () => {
  it('reads one user id to check User.Read.All', async () => {
    const { checks, requests } = run(200);
    expect((await checks).map((c) => [c.check, c.ok])).toEqual([
      ['credentials', true],
      ['User.Read.All', true],
    ]);
    expect(requests).toEqual(['/v1.0/users?$select=id&$top=1']);
  });

  it('names User.Read.All when Graph answers 403', async () => {
    const [, users] = await run(403).checks;
    expect(users).toMatchObject({ check: 'User.Read.All', ok: false, missingPermission: 'User.Read.All' });
  });
});
