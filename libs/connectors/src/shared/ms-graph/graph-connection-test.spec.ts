import { HttpClient } from '@uptake/connector-sdk';
import { GraphConnectionTest } from './graph-connection-test';

const TOKEN_URL = 'https://login.example.test';
const BASE = 'https://graph.example.test/v1.0';
const settings = { baseUrl: BASE, tokenUrl: TOKEN_URL, tenantId: 'contoso.onmicrosoft.com' };
const credentials = { clientId: 'app', clientSecret: 'the-secret' };

/** A Graph whose token endpoint answers `tokenStatus` and whose requests answer `status(path)`. */
function graph(tokenStatus: number, status: (path: string) => number = () => 200) {
  const requests: string[] = [];
  const fetch = (async (input: string | URL | Request, init?: RequestInit) => {
    // As fetch does: an aborted signal rejects the request.
    init?.signal?.throwIfAborted();
    const url = new URL(String(input));
    if (url.origin === TOKEN_URL) {
      return tokenStatus === 200
        ? Response.json({ access_token: 'issued-token', expires_in: 3600 })
        : Response.json({ error: 'invalid_client' }, { status: tokenStatus });
    }
    requests.push(url.pathname + url.search);
    const code = status(url.pathname);
    return code === 200
      ? Response.json({ value: [{ id: 'x' }] })
      : Response.json({ error: {} }, { status: code });
  }) as typeof globalThis.fetch;
  return { requests, http: new HttpClient({ fetch, maxRetries: 0 }) };
}

function test(http: HttpClient, signal = new AbortController().signal) {
  return new GraphConnectionTest({ settings, credentials, http, signal, now: () => new Date() }, 'Test');
}

describe('GraphConnectionTest', () => {
  it('fails the credentials check when Entra ID refuses the app, without the secret in the message', async () => {
    const { http } = graph(401);
    const connection = test(http);
    expect(await connection.credentials()).toBe(false);
    expect(connection.checks).toEqual([
      {
        check: 'credentials',
        ok: false,
        message: expect.stringContaining(
          "Microsoft Entra ID refused a token for tenant 'contoso.onmicrosoft.com'",
        ),
        missingPermission: null,
      },
    ]);
    expect(JSON.stringify(connection.checks)).not.toContain('the-secret');
  });

  it('names the permission of a request answered 403, and only of that one', async () => {
    const { http, requests } = graph(200, (path) => (path === '/v1.0/users' ? 403 : 200));
    const connection = test(http);
    expect(await connection.credentials()).toBe(true);
    expect(await connection.probe('Team.ReadBasic.All', 'GET /teams', '/teams?$top=1')).toEqual({
      value: [{ id: 'x' }],
    });
    expect(await connection.probe('User.Read.All', 'GET /users', '/users?$top=1')).toBeNull();
    expect(
      connection.checks.map(({ check, ok, missingPermission }) => ({ check, ok, missingPermission })),
    ).toEqual([
      { check: 'credentials', ok: true, missingPermission: null },
      { check: 'Team.ReadBasic.All', ok: true, missingPermission: null },
      { check: 'User.Read.All', ok: false, missingPermission: 'User.Read.All' },
    ]);
    expect(connection.checks[2].message).toContain('needs the User.Read.All application permission');
    expect(requests).toEqual(['/v1.0/teams?$top=1', '/v1.0/users?$top=1']);
    expect(JSON.stringify(connection.checks)).not.toContain('issued-token');
  });

  it('reports a refused token (401) and other failures without naming a permission', async () => {
    const { http } = graph(200, (path) => (path.endsWith('/users') ? 401 : 500));
    const connection = test(http);
    await connection.credentials();
    await connection.probe('User.Read.All', 'GET /users', '/users');
    await connection.probe('Team.ReadBasic.All', 'GET /teams', '/teams');
    expect(connection.checks.slice(1)).toEqual([
      {
        check: 'User.Read.All',
        ok: false,
        message: expect.stringContaining("Microsoft Graph rejected the app's access token for GET /users"),
        missingPermission: null,
      },
      {
        check: 'Team.ReadBasic.All',
        ok: false,
        message: expect.stringContaining('Microsoft Graph failed on GET /teams: 500'),
        missingPermission: null,
      },
    ]);
  });

  it('says the time ran out when the signal is aborted', async () => {
    const controller = new AbortController();
    const { http } = graph(200);
    const connection = test(http, controller.signal);
    await connection.credentials();
    controller.abort(new Error('timeout'));
    await connection.probe('User.Read.All', 'GET /users', '/users');
    expect(connection.checks[1]).toEqual({
      check: 'User.Read.All',
      ok: false,
      message: 'no answer within the time limit of the test',
      missingPermission: null,
    });
  });
});
