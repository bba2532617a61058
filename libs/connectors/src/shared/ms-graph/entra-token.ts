import { HttpError, InputError, type HttpClient } from '@uptake/connector-sdk';
import { z } from 'zod';

/** A directory (tenant) id, or one of its verified domains (contoso.onmicrosoft.com, contoso.com). */
export const tenantIdSchema = z.union([
  z.guid(),
  z
    .string()
    .regex(
      /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i,
      'not a tenant id or domain',
    ),
]);

/** An app registration's client id and secret (client credentials flow). */
export interface AppCredentials {
  clientId?: string;
  clientSecret?: string;
}

interface TokenResponse {
  access_token?: unknown;
  expires_in?: unknown;
}

/** A token is renewed this long before Entra ID says it expires (clock skew, long downloads). */
const TOKEN_RENEWAL_MARGIN_MS = 2 * 60_000;

/**
 * An app-only Microsoft Graph token (OAuth client credentials against Entra ID), kept for its lifetime.
 * Shared by the connectors that read Graph (usage reports, the Entra ID directory).
 */
export class EntraToken {
  private token: { value: string; expiresAt: number } | null = null;

  constructor(
    private readonly http: HttpClient,
    private readonly endpoint: { tokenUrl: string; tenantId?: string },
    private readonly credentials: AppCredentials,
    private readonly signal: AbortSignal,
    private readonly now: () => Date,
  ) {}

  /**
   * Asserts what calling Graph needs is configured, before anything is read: missing configuration does
   * not fix itself, so it fails at once (InputError), naming every missing field.
   */
  static check(title: string, tenantId: string | undefined, credentials: AppCredentials, orElse = ''): void {
    const missing = [
      tenantId ? null : 'settings.tenantId',
      credentials.clientId ? null : 'credentials.clientId',
      credentials.clientSecret ? null : 'credentials.clientSecret',
    ].filter((field) => field !== null);
    if (missing.length > 0) {
      throw new InputError(`${title}: ${missing.join(', ')} must be set to read from Graph${orElse}`);
    }
  }

  async value(): Promise<string> {
    const now = this.now().getTime();
    if (this.token && this.token.expiresAt - TOKEN_RENEWAL_MARGIN_MS > now) return this.token.value;
    const tenant = this.endpoint.tenantId ?? '';
    const url = `${this.endpoint.tokenUrl.replace(/\/+$/, '')}/${encodeURIComponent(tenant)}/oauth2/v2.0/token`;
    const form = new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: this.credentials.clientId ?? '',
      client_secret: this.credentials.clientSecret ?? '',
      scope: 'https://graph.microsoft.com/.default',
    });
    let body: TokenResponse;
    try {
      body = await this.http.json<TokenResponse>(url, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: form.toString(),
        signal: this.signal,
      });
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      const message = `Microsoft Entra ID refused a token for tenant '${tenant}' (check clientId and clientSecret): ${detail}`;
      // A refused client (400/401) stays refused until someone changes the credentials; an outage may pass.
      throw error instanceof HttpError && (error.status === 400 || error.status === 401)
        ? new InputError(message, { cause: error })
        : new Error(message, { cause: error });
    }
    if (typeof body.access_token !== 'string' || body.access_token === '') {
      throw new Error(`the token endpoint of tenant '${tenant}' answered without an access_token`);
    }
    const lifetimeSeconds = typeof body.expires_in === 'number' ? body.expires_in : Number(body.expires_in);
    this.token = {
      value: body.access_token,
      expiresAt: now + (Number.isFinite(lifetimeSeconds) ? lifetimeSeconds : 3_600) * 1000,
    };
    return this.token.value;
  }
}

/** Graph's answer to a request, as the message a maintainer can act on (401, 403 and others). */
export function explainGraphError(error: unknown, request: string, permission: string): unknown {
  if (!(error instanceof HttpError)) return error;
  if (error.status === 401) {
    return new Error(`Microsoft Graph rejected the access token for ${request}: ${error.message}`);
  }
  if (error.status === 403) {
    return new InputError(
      `Microsoft Graph denied ${request}: the app registration needs the ${permission} application ` +
        `permission with admin consent (${error.message})`,
      { cause: error },
    );
  }
  return new Error(`Microsoft Graph failed on ${request}: ${error.message}`, { cause: error });
}
