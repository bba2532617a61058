import { HttpError, InputError, type HttpClient } from '@uptake/connector-sdk';
import { EntraToken, explainGraphError, type AppCredentials } from './entra-token';

/** Where a Graph tenant is reached: the API root, the Entra ID token endpoint and the tenant. */
export interface GraphEndpoint {
  baseUrl: string;
  tokenUrl: string;
  tenantId: string;
}

/** One page of a Graph collection: its items and the link to follow, if any. */
export interface GraphPage {
  value: unknown[];
  /** `@odata.nextLink`: more pages of this round. */
  nextLink: string | null;
  /** `@odata.deltaLink` (delta queries only): the round is complete; follow it later for changes. */
  deltaLink: string | null;
}

/**
 * GET requests to Microsoft Graph with an app-only token (client credentials), through the source's
 * HttpClient (rate limit, 429 / 503 Retry-After). Links Graph sends (`@odata.nextLink`, `@odata.deltaLink`)
 * are followed only on the configured origin: the bearer token goes with every request.
 *
 * Errors: 401 (a token Graph refuses: wrong tenant, app removed, consent withdrawn) and 403 (a missing
 * application permission) fail the run at once (InputError) naming the request; 404 and 410 are returned to
 * the caller as HttpError (a channel deleted meanwhile, an expired delta token); others fail the request.
 */
export class GraphApi {
  private readonly token: EntraToken;
  readonly base: string;

  constructor(
    private readonly http: HttpClient,
    endpoint: GraphEndpoint,
    credentials: AppCredentials,
    private readonly signal: AbortSignal,
    now: () => Date,
  ) {
    this.token = new EntraToken(http, endpoint, credentials, signal, now);
    this.base = endpoint.baseUrl.replace(/\/+$/, '');
  }

  /** An absolute URL of `path` (with its query) under the API root. */
  url(path: string): string {
    return `${this.base}${path}`;
  }

  /** GET `url`; `request` names it in errors (`GET /teams/{id}/channels`), `permission` what 403 lacks. */
  async get<T>(url: string, request: string, permission: string): Promise<T> {
    if (new URL(url).origin !== new URL(this.base).origin) {
      throw new InputError(
        `Microsoft Graph sent a link on another host (${new URL(url).origin}) for ${request}: not followed`,
      );
    }
    const token = await this.token.value();
    try {
      return await this.http.json<T>(url, {
        headers: { authorization: `Bearer ${token}` },
        signal: this.signal,
      });
    } catch (error) {
      if (error instanceof HttpError && (error.status === 404 || error.status === 410)) throw error;
      if (error instanceof HttpError && error.status === 401) {
        throw new InputError(
          `Microsoft Graph rejected the app's access token for ${request} (check the tenant id, the app ` +
            `registration and its admin consent): ${error.message}`,
          { cause: error },
        );
      }
      throw explainGraphError(error, request, permission);
    }
  }

  /** One page of a collection (a first URL, or a next or delta link Graph sent). */
  async page(url: string, request: string, permission: string): Promise<GraphPage> {
    const body = await this.get<Record<string, unknown>>(url, request, permission);
    if (!Array.isArray(body['value'])) {
      throw new Error(`Microsoft Graph answered ${request} without a value list`);
    }
    return {
      value: body['value'],
      nextLink: link(body['@odata.nextLink']),
      deltaLink: link(body['@odata.deltaLink']),
    };
  }

  /**
   * Every item of a collection, following `@odata.nextLink`, at most `maxItems` (a bound on what the source
   * controls): `truncated` tells whether more were left.
   */
  async list(
    url: string,
    request: string,
    permission: string,
    maxItems: number,
  ): Promise<{ items: unknown[]; truncated: boolean }> {
    const items: unknown[] = [];
    let next: string | null = url;
    while (next !== null) {
      const page = await this.page(next, request, permission);
      for (const item of page.value) {
        if (items.length >= maxItems) return { items, truncated: true };
        items.push(item);
      }
      next = page.nextLink;
    }
    return { items, truncated: false };
  }
}

function link(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}
