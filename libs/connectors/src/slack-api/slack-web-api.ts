import type { HttpClient } from '@uptake/connector-sdk';

/** Errors after which no request can succeed: the run fails with a message naming the fix. */
const CREDENTIAL_ERRORS: Record<string, string> = {
  not_authed: 'no token was sent',
  invalid_auth: 'the token is not valid',
  account_inactive: 'the token belongs to a deactivated user or app',
  token_revoked: 'the token was revoked',
  token_expired: 'the token expired',
  missing_scope: 'the token lacks a required scope',
  not_allowed_token_type: 'this kind of token may not call this method',
};

/** Slack answered `{ ok: false, error }`: the method and Slack's error code say what went wrong. */
export class SlackApiError extends Error {
  constructor(
    readonly method: string,
    readonly code: string,
    detail?: string,
  ) {
    super(`Slack API ${method} failed: ${code}${detail ? ` (${detail})` : ''}`);
    this.name = 'SlackApiError';
  }

  /** The token cannot be used at all (as opposed to one channel being unreadable). */
  get isCredentialError(): boolean {
    return this.code in CREDENTIAL_ERRORS;
  }
}

interface SlackResponse {
  ok: boolean;
  error?: string;
  /** The scope missing_scope asks for. */
  needed?: string;
  response_metadata?: { next_cursor?: string };
}

export type SlackParams = Record<string, string | number | boolean | undefined>;

/**
 * Calls Slack Web API methods through the SDK's HttpClient (rate limit, and HTTP 429 retried after
 * Retry-After). Slack reports most errors as HTTP 200 with `ok: false`; those are thrown as SlackApiError.
 */
export class SlackWebApi {
  private readonly baseUrl: string;

  constructor(
    private readonly http: HttpClient,
    baseUrl: string,
    private readonly token: string,
    private readonly signal?: AbortSignal,
  ) {
    this.baseUrl = baseUrl.replace(/\/+$/, '');
  }

  async call<T extends object>(method: string, params: SlackParams): Promise<T & SlackResponse> {
    const query = new URLSearchParams();
    for (const [key, value] of Object.entries(params)) if (value !== undefined) query.set(key, String(value));
    const url = `${this.baseUrl}/${method}?${query}`;
    const response = await this.http.request(url, {
      headers: { authorization: `Bearer ${this.token}` },
      signal: this.signal,
    });
    let body: T & SlackResponse;
    try {
      body = (await response.json()) as T & SlackResponse;
    } catch {
      throw new Error(`Slack API ${method} at ${this.baseUrl} did not answer JSON (is baseUrl right?)`);
    }
    if (!body.ok) {
      const code = body.error ?? 'unknown_error';
      const reason = CREDENTIAL_ERRORS[code];
      const detail = code === 'missing_scope' && body.needed ? `${reason}: ${body.needed}` : reason;
      throw new SlackApiError(method, code, detail);
    }
    return body;
  }

  /** Pages of a cursor-paginated method until `response_metadata.next_cursor` is empty. */
  async *pages<T extends object>(
    method: string,
    params: SlackParams,
  ): AsyncGenerator<T & SlackResponse & { nextCursor: string | null }> {
    let cursor: string | undefined;
    do {
      const page = await this.call<T>(method, { ...params, cursor });
      cursor = page.response_metadata?.next_cursor || undefined;
      yield { ...page, nextCursor: cursor ?? null };
    } while (cursor !== undefined && !this.signal?.aborted);
  }
}
