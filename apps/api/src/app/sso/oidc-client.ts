import { Injectable } from '@nestjs/common';
import * as oidc from 'openid-client';

/** Discovery documents are re-read after an hour, so a provider's new endpoints or keys are picked up. */
export const DISCOVERY_TTL_MS = 3_600_000;
/** At most this many issuers are cached; the least recently used one goes first. */
export const DISCOVERY_CACHE_MAX = 100;
/** Every request to a provider (discovery, token, keys) gives up after this long. */
const PROVIDER_TIMEOUT_SECONDS = 10;

/** What a client needs to talk to its organisation's provider. */
export interface OidcClientSettings {
  issuer: string;
  clientId: string;
  clientSecret: string;
}

/** Why a provider step failed, as the sign-in page's error code says it. */
export class OidcStepError extends Error {
  constructor(
    readonly code: 'sso_provider_unavailable' | 'sso_token_invalid' | 'sso_denied',
    cause: unknown,
  ) {
    super(`${code}: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = 'OidcStepError';
  }
}

interface CachedIssuer {
  metadata: oidc.ServerMetadata;
  /** The provider's signing keys as last fetched, so a sign-in does not refetch them each time. */
  jwks: oidc.ExportedJWKSCache | undefined;
  fetchedAt: number;
}

/** http:// is only accepted for a provider on this machine (the contract refuses it elsewhere). */
function isLoopback(issuer: string): boolean {
  const { protocol, hostname } = new URL(issuer);
  return protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(hostname);
}

/**
 * client_secret_basic unless the provider says it only takes client_secret_post (the OpenID default when
 * it says nothing is basic).
 */
function clientAuthentication(metadata: oidc.ServerMetadata, secret: string): oidc.ClientAuth {
  const methods = metadata.token_endpoint_auth_methods_supported;
  if (methods && !methods.includes('client_secret_basic') && methods.includes('client_secret_post'))
    return oidc.ClientSecretPost(secret);
  return oidc.ClientSecretBasic(secret);
}

/** A network failure or timeout anywhere in the cause chain: the provider is the problem, not the token. */
function isUnavailable(error: unknown): boolean {
  for (let e: unknown = error; e instanceof Error; e = e.cause) {
    if (e.name === 'TimeoutError' || e.name === 'AbortError') return true;
    if (e instanceof TypeError && e.message === 'fetch failed') return true;
  }
  return false;
}

/**
 * The relying-party side of OpenID Connect, by openid-client (discovery, PKCE, the code exchange and all
 * ID-token checks: signature, issuer, audience, expiry, nonce). Discovery results are cached per issuer
 * with a bound (DISCOVERY_TTL_MS, DISCOVERY_CACHE_MAX), shared by the organisations that use the same
 * provider.
 */
@Injectable()
export class OidcClients {
  private readonly issuers = new Map<string, CachedIssuer>();

  /** The authorization endpoint URL to send the browser to (authorization code flow with PKCE S256). */
  async authorizationUrl(
    settings: OidcClientSettings,
    request: { redirectUri: string; scopes: string; state: string; nonce: string; codeVerifier: string },
  ): Promise<URL> {
    const { config } = await this.configuration(settings);
    return oidc.buildAuthorizationUrl(config, {
      redirect_uri: request.redirectUri,
      scope: request.scopes,
      response_type: 'code',
      state: request.state,
      nonce: request.nonce,
      code_challenge: await oidc.calculatePKCECodeChallenge(request.codeVerifier),
      code_challenge_method: 'S256',
    });
  }

  /**
   * Exchanges the code of the callback URL and returns the validated ID token's claims. Throws
   * OidcStepError: `sso_denied` when the provider answered with an error (the person cancelled, or is not
   * assigned to the app), `sso_token_invalid` when the exchange or any ID-token check failed,
   * `sso_provider_unavailable` when the provider could not be reached.
   */
  async exchange(
    settings: OidcClientSettings,
    callbackUrl: URL,
    checks: { redirectUri: string; state: string; nonce: string; codeVerifier: string },
  ): Promise<Record<string, unknown>> {
    const { config, cached } = await this.configuration(settings);
    try {
      const tokens = await oidc.authorizationCodeGrant(
        config,
        callbackUrl,
        {
          expectedState: checks.state,
          expectedNonce: checks.nonce,
          pkceCodeVerifier: checks.codeVerifier,
          idTokenExpected: true,
        },
        { redirect_uri: checks.redirectUri },
      );
      cached.jwks = oidc.getJwksCache(config) ?? cached.jwks;
      const claims = tokens.claims();
      if (!claims) throw new Error('the token response has no ID token');
      return { ...claims };
    } catch (error) {
      if (error instanceof oidc.AuthorizationResponseError) throw new OidcStepError('sso_denied', error);
      throw new OidcStepError(isUnavailable(error) ? 'sso_provider_unavailable' : 'sso_token_invalid', error);
    }
  }

  /** Forgets an issuer's discovery (its settings changed). */
  forget(issuer: string): void {
    this.issuers.delete(issuer);
  }

  private async configuration(
    settings: OidcClientSettings,
  ): Promise<{ config: oidc.Configuration; cached: CachedIssuer }> {
    const cached = await this.discover(settings);
    const config = new oidc.Configuration(
      cached.metadata,
      settings.clientId,
      {},
      clientAuthentication(cached.metadata, settings.clientSecret),
    );
    config.timeout = PROVIDER_TIMEOUT_SECONDS;
    if (isLoopback(settings.issuer)) oidc.allowInsecureRequests(config);
    if (cached.jwks) oidc.setJwksCache(config, cached.jwks);
    return { config, cached };
  }

  private async discover(settings: OidcClientSettings): Promise<CachedIssuer> {
    const hit = this.issuers.get(settings.issuer);
    if (hit && Date.now() - hit.fetchedAt < DISCOVERY_TTL_MS) {
      // Map order is insertion order: re-inserting marks it the most recently used.
      this.issuers.delete(settings.issuer);
      this.issuers.set(settings.issuer, hit);
      return hit;
    }
    let discovered: oidc.Configuration;
    try {
      discovered = await oidc.discovery(new URL(settings.issuer), settings.clientId, undefined, oidc.None(), {
        execute: isLoopback(settings.issuer) ? [oidc.allowInsecureRequests] : [],
        timeout: PROVIDER_TIMEOUT_SECONDS,
      });
    } catch (error) {
      throw new OidcStepError('sso_provider_unavailable', error);
    }
    const entry: CachedIssuer = {
      metadata: discovered.serverMetadata(),
      jwks: undefined,
      fetchedAt: Date.now(),
    };
    this.issuers.delete(settings.issuer);
    this.issuers.set(settings.issuer, entry);
    for (const oldest of this.issuers.keys()) {
      if (this.issuers.size <= DISCOVERY_CACHE_MAX) break;
      this.issuers.delete(oldest);
    }
    return entry;
  }
}
