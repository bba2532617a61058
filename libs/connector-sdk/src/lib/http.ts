/** Waits until the source may send one more request (shared by all workers for a source). */
export interface RateLimiter {
  acquire(signal?: AbortSignal): Promise<void>;
}

/** No limit: for tests and sources without one. */
export const UNLIMITED: RateLimiter = { acquire: async () => undefined };

/** A request failed for good. The URL is shown without its query string (it may carry tokens). */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly url: string,
    detail: string,
  ) {
    super(`${status} from ${redact(url)}: ${detail}`);
    this.name = 'HttpError';
  }
}

export interface HttpClientOptions {
  limiter?: RateLimiter;
  /** Retries of 429, 5xx and network errors before giving up. */
  maxRetries?: number;
  /** First backoff when the server gives no Retry-After; doubles each retry. */
  baseDelayMs?: number;
  /** Longest wait accepted from a Retry-After header; longer ones fail the request (the job retries later). */
  maxRetryAfterMs?: number;
  fetch?: typeof globalThis.fetch;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

const RETRIABLE = new Set([408, 429, 500, 502, 503, 504]);

/**
 * fetch with what every API connector needs: a per-source rate limit, retries with exponential backoff,
 * and HTTP 429 / 503 Retry-After honoured (seconds or an HTTP date).
 */
export class HttpClient {
  private readonly limiter: RateLimiter;
  private readonly maxRetries: number;
  private readonly baseDelayMs: number;
  private readonly maxRetryAfterMs: number;
  private readonly fetchImpl: typeof globalThis.fetch;
  private readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Requests answered 429 so far: surfaced in tests and logs. */
  throttled = 0;

  constructor(options: HttpClientOptions = {}) {
    this.limiter = options.limiter ?? UNLIMITED;
    this.maxRetries = options.maxRetries ?? 5;
    this.baseDelayMs = options.baseDelayMs ?? 1_000;
    this.maxRetryAfterMs = options.maxRetryAfterMs ?? 15 * 60_000;
    this.fetchImpl = options.fetch ?? globalThis.fetch;
    this.sleep = options.sleep ?? sleep;
  }

  async request(url: string, init: RequestInit = {}): Promise<Response> {
    for (let attempt = 0; ; attempt++) {
      await this.limiter.acquire(init.signal ?? undefined);
      let response: Response;
      try {
        response = await this.fetchImpl(url, init);
      } catch (error) {
        if (init.signal?.aborted || attempt >= this.maxRetries) throw error;
        await this.sleep(this.backoff(attempt), init.signal ?? undefined);
        continue;
      }
      if (response.ok) return response;
      if (!RETRIABLE.has(response.status) || attempt >= this.maxRetries) {
        throw new HttpError(response.status, url, await errorDetail(response));
      }
      if (response.status === 429) this.throttled++;
      const wait = retryAfterMs(response.headers.get('retry-after')) ?? this.backoff(attempt);
      await response.body?.cancel();
      if (wait > this.maxRetryAfterMs) {
        throw new HttpError(response.status, url, `asked to retry after ${Math.round(wait / 1000)} s`);
      }
      await this.sleep(wait, init.signal ?? undefined);
    }
  }

  async json<T>(url: string, init: RequestInit = {}): Promise<T> {
    const response = await this.request(url, init);
    return (await response.json()) as T;
  }

  private backoff(attempt: number): number {
    return this.baseDelayMs * 2 ** attempt;
  }
}

/** Retry-After is either delay-seconds or an HTTP date (RFC 9110 §10.2.3). */
export function retryAfterMs(header: string | null, now = Date.now()): number | null {
  if (header === null || header.trim() === '') return null;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(header);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}

function redact(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.origin}${parsed.pathname}`;
  } catch {
    return '(invalid url)';
  }
}

async function errorDetail(response: Response): Promise<string> {
  const text = await response.text().catch(() => '');
  return text.slice(0, 300) || response.statusText;
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
