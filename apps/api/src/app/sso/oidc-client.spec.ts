import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DISCOVERY_CACHE_MAX, DISCOVERY_TTL_MS, OidcClients, OidcStepError } from './oidc-client';

/**
 * The discovery cache, against a local server that serves a discovery document for any issuer path
 * /i<n> and counts how often each is read.
 */
describe('OidcClients discovery cache', () => {
  let server: Server;
  let origin: string;
  const reads = new Map<string, number>();

  beforeAll(async () => {
    server = createServer((request, response) => {
      const match = /^(\/i\d+)\/\.well-known\/openid-configuration$/.exec(request.url ?? '');
      if (!match) return void response.writeHead(404).end();
      reads.set(match[1], (reads.get(match[1]) ?? 0) + 1);
      const issuer = `${origin}${match[1]}`;
      response.writeHead(200, { 'content-type': 'application/json' }).end(
        JSON.stringify({
          issuer,
          authorization_endpoint: `${issuer}/auth`,
          token_endpoint: `${issuer}/token`,
          jwks_uri: `${issuer}/jwks`,
        }),
      );
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  afterEach(() => jest.restoreAllMocks());

  const request = {
    redirectUri: 'http://uptake.test/cb',
    scopes: 'openid',
    state: 's',
    nonce: 'n',
    codeVerifier: 'v'.repeat(43),
  };
  const open = (clients: OidcClients, path: string) =>
    clients.authorizationUrl({ issuer: `${origin}${path}`, clientId: 'c', clientSecret: 'x' }, request);

  it('reads an issuer once within the hour, again after it', async () => {
    const clients = new OidcClients();
    const now = Date.now();
    const clock = jest.spyOn(Date, 'now').mockReturnValue(now);
    const url = await open(clients, '/i1');
    expect(url.origin + url.pathname).toBe(`${origin}/i1/auth`);
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    await open(clients, '/i1');
    expect(reads.get('/i1')).toBe(1);
    clock.mockReturnValue(now + DISCOVERY_TTL_MS - 1);
    await open(clients, '/i1');
    expect(reads.get('/i1')).toBe(1);
    clock.mockReturnValue(now + DISCOVERY_TTL_MS);
    await open(clients, '/i1');
    expect(reads.get('/i1')).toBe(2);
  });

  it(`keeps at most ${DISCOVERY_CACHE_MAX} issuers, dropping the least recently used`, async () => {
    const clients = new OidcClients();
    // issuers /i1000 … /i1099 fill the cache; using /i1000 again makes /i1001 the oldest
    for (let n = 1000; n < 1000 + DISCOVERY_CACHE_MAX; n++) await open(clients, `/i${n}`);
    await open(clients, '/i1000');
    await open(clients, '/i2000'); // the 101st: /i1001 goes
    await open(clients, '/i1000');
    expect(reads.get('/i1000')).toBe(1);
    await open(clients, '/i1001');
    expect(reads.get('/i1001')).toBe(2);
  });

  it('says the provider is unavailable when discovery fails (no such document, nothing listening)', async () => {
    const clients = new OidcClients();
    await expect(open(clients, '/not-an-issuer')).rejects.toMatchObject({ code: 'sso_provider_unavailable' });
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const error = await clients
      .authorizationUrl({ issuer: `http://127.0.0.1:${port}`, clientId: 'c', clientSecret: 'x' }, request)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OidcStepError);
    expect((error as OidcStepError).code).toBe('sso_provider_unavailable');
  });
});
