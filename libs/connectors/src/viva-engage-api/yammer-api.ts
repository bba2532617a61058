import { HttpError, type HttpClient } from '@uptake/connector-sdk';

export type YammerParams = Record<string, string | number | undefined>;

/** Yammer answered 401: the token is missing, expired or revoked; no retry can help. */
export class YammerAuthError extends Error {
  constructor(readonly endpoint: string) {
    super(
      `Viva Engage (Yammer) answered 401 Unauthorized to ${endpoint}: the token is not valid, expired or ` +
        'was revoked; give a Yammer developer token or an Entra ID token for the Yammer API (user_impersonation)',
    );
    this.name = 'YammerAuthError';
  }
}

/**
 * GET requests to the Yammer REST API v1 through the SDK's HttpClient (rate limit, 429 / 503 retried after
 * Retry-After). `path` is relative to the base URL and ends in `.json` (the API answers XML without it).
 */
export class YammerApi {
  private readonly baseUrl: string;

  constructor(
    private readonly http: HttpClient,
    baseUrl: string,
    private readonly token: string,
    private readonly signal?: AbortSignal,
  ) {
    this.baseUrl = baseUrl.replace(/\/+$/, '');
  }

  /** The parsed JSON body; null when the API answered 404 (a deleted user, a group gone meanwhile). */
  async get<T>(path: string, params: YammerParams = {}): Promise<T | null> {
    const query = new URLSearchParams();
    for (const [key, value] of Object.entries(params)) if (value !== undefined) query.set(key, String(value));
    const url = `${this.baseUrl}/${path}${query.size > 0 ? `?${query}` : ''}`;
    let response: Response;
    try {
      response = await this.http.request(url, {
        headers: { authorization: `Bearer ${this.token}`, accept: 'application/json' },
        signal: this.signal,
      });
    } catch (error) {
      if (error instanceof HttpError && error.status === 401) throw new YammerAuthError(path);
      if (error instanceof HttpError && error.status === 404) return null;
      throw error;
    }
    try {
      return (await response.json()) as T;
    } catch {
      throw new Error(`Yammer API ${path} at ${this.baseUrl} did not answer JSON (is baseUrl right?)`);
    }
  }
}
