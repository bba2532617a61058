import { createSign, generateKeyPairSync, type JsonWebKey } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A real OpenID provider (oidc-provider) on 127.0.0.1 with a random port, for the SSO suite: clients,
 * accounts with the claims a test gives them, the development login form (any password), consent granted
 * up front, and a hook that lets a test change the ID token of the next token response (re-signed with the
 * provider's own key, so only the claim a test changed can make it wrong).
 */

/** What the provider says about an account (its id is the subject). */
export interface TestAccount {
  email?: string;
  email_verified?: boolean;
  name?: string;
  groups?: string[];
}

export interface TestClient {
  clientId: string;
  clientSecret: string;
}

export interface TestProvider {
  issuer: string;
  clients: TestClient[];
  accounts: Map<string, TestAccount>;
  /** Changes the claims of the next ID token the token endpoint returns (once). */
  tamperNextIdToken(change: (claims: Record<string, unknown>) => Record<string, unknown>): void;
  /** Signs in at the provider as `login` from the authorization URL; returns the redirect to the client. */
  signIn(authorizationUrl: string, login: string, redirectPrefix: string): Promise<string>;
  close(): Promise<void>;
}

/** oidc-provider has no type declarations: the little of its API used here. */
interface ProviderContext {
  path: string;
  body: unknown;
  oidc: {
    client?: { clientId: string };
    session?: { accountId?: string };
    provider: { Grant: new (init: { clientId: string; accountId: string }) => ProviderGrant };
  };
}
interface ProviderGrant {
  addOIDCScope(scope: string): void;
  addOIDCClaims(claims: string[]): void;
  save(): Promise<string>;
}
interface ProviderInstance {
  callback(): (request: unknown, response: unknown) => void;
  use(middleware: (ctx: ProviderContext, next: () => Promise<void>) => Promise<void>): void;
}
type ProviderConstructor = new (issuer: string, configuration: Record<string, unknown>) => ProviderInstance;

const base64url = (value: Buffer | string) => Buffer.from(value).toString('base64url');

function decodePayload(jwt: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(jwt.split('.')[1], 'base64url').toString('utf8')) as Record<string, unknown>;
}

/** A tiny cookie jar for one browser: name → value (paths are not needed against one provider). */
class CookieJar {
  private readonly cookies = new Map<string, string>();
  store(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const index = pair.indexOf('=');
      this.cookies.set(pair.slice(0, index).trim(), pair.slice(index + 1));
    }
  }
  header(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }
}

export async function startTestProvider(
  clients: TestClient[],
  redirectUris: string[],
): Promise<TestProvider> {
  const specifier = 'oidc-provider';
  const { default: Provider } = (await import(specifier)) as { default: ProviderConstructor };
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = {
    ...(privateKey.export({ format: 'jwk' }) as JsonWebKey),
    kid: 'test-key',
    alg: 'RS256',
    use: 'sig',
  };
  const accounts = new Map<string, TestAccount>();
  let tamper: ((claims: Record<string, unknown>) => Record<string, unknown>) | undefined;

  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const provider = new Provider(issuer, {
    clients: clients.map((client) => ({
      client_id: client.clientId,
      client_secret: client.clientSecret,
      redirect_uris: redirectUris,
      grant_types: ['authorization_code'],
      response_types: ['code'],
    })),
    jwks: { keys: [jwk] },
    cookies: { keys: ['oidc-test-provider-cookie-key'] },
    claims: {
      openid: ['sub'],
      email: ['email', 'email_verified'],
      profile: ['name'],
      groups: ['groups'],
    },
    // The scope claims go into the ID token (what the API reads), not only to the userinfo endpoint.
    conformIdTokenClaims: false,
    ttl: {
      AccessToken: 600,
      AuthorizationCode: 60,
      IdToken: 600,
      Interaction: 600,
      Session: 600,
      Grant: 600,
    },
    features: { devInteractions: { enabled: true } },
    findAccount: (_ctx: unknown, id: string) => {
      const account = accounts.get(id);
      return account && { accountId: id, claims: () => ({ sub: id, ...account }) };
    },
    // First-party client: consent is given up front, so the only interaction is the login form.
    loadExistingGrant: async (ctx: ProviderContext) => {
      const grant = new ctx.oidc.provider.Grant({
        clientId: ctx.oidc.client!.clientId,
        accountId: ctx.oidc.session!.accountId!,
      });
      grant.addOIDCScope('openid email profile groups');
      grant.addOIDCClaims(['email', 'email_verified', 'name', 'groups']);
      await grant.save();
      return grant;
    },
  });

  provider.use(async (ctx, next) => {
    await next();
    const body = ctx.body as { id_token?: string } | undefined;
    if (ctx.path !== '/token' || !tamper || !body?.id_token) return;
    const change = tamper;
    tamper = undefined;
    const header = base64url(JSON.stringify({ alg: 'RS256', kid: jwk.kid, typ: 'JWT' }));
    const payload = base64url(JSON.stringify(change(decodePayload(body.id_token))));
    const signature = createSign('RSA-SHA256').update(`${header}.${payload}`).sign(privateKey);
    body.id_token = `${header}.${payload}.${base64url(signature)}`;
  });
  server.on('request', provider.callback());

  async function signIn(authorizationUrl: string, login: string, redirectPrefix: string): Promise<string> {
    const jar = new CookieJar();
    let next: { url: string; init: RequestInit } = { url: authorizationUrl, init: {} };
    for (let step = 0; step < 10; step++) {
      const response = await fetch(next.url, {
        ...next.init,
        redirect: 'manual',
        headers: { ...(next.init.headers as Record<string, string>), cookie: jar.header() },
      });
      jar.store(response);
      const location = response.headers.get('location');
      if (location) {
        const target = new URL(location, next.url).href;
        if (target.startsWith(redirectPrefix)) return target;
        next = { url: target, init: {} };
        continue;
      }
      const html = await response.text();
      const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
      if (response.status !== 200 || !html.includes('name="prompt" value="login"') || !action)
        throw new Error(`unexpected provider answer ${response.status}: ${html.slice(0, 300)}`);
      next = {
        url: new URL(action.replace(/&amp;/g, '&'), next.url).href,
        init: {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({ prompt: 'login', login, password: 'any' }).toString(),
        },
      };
    }
    throw new Error('the provider did not redirect back within 10 steps');
  }

  return {
    issuer,
    clients,
    accounts,
    tamperNextIdToken: (change) => {
      tamper = change;
    },
    signIn,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
