/** How a webhook post went, and whether to try it again. */
export type WebhookOutcome =
  | { ok: true; status: number }
  | { ok: false; status: number | null; retryable: boolean; retryAfterMs: number | null; error: string };

/** A Retry-After longer than this is not waited for in full (the job's backoff bound). */
export const MAX_RETRY_AFTER_MS = 10 * 60_000;
/** Of a refusal's body, this much is read. */
const ERROR_BODY_CHARS = 300;
/**
 * A refusal's body is kept in the error only when it looks like a receiver's error code (Slack answers
 * "invalid_payload", "no_service"): an admin reads the error, and the URL they set could point at a service
 * whose pages they should not see.
 */
const ERROR_CODE = /^[A-Za-z0-9_.:\- ]{1,80}$/;
const DEFAULT_TIMEOUT_MS = 10_000;

/** Retry-After as seconds or an HTTP date, in ms from `now`, within [0, MAX_RETRY_AFTER_MS]; null if absent. */
export function retryAfterMs(header: string | null, now = Date.now()): number | null {
  if (!header) return null;
  const trimmed = header.trim();
  const ms = /^\d+$/.test(trimmed) ? Number(trimmed) * 1000 : Date.parse(trimmed) - now;
  if (!Number.isFinite(ms)) return null;
  return Math.min(Math.max(ms, 0), MAX_RETRY_AFTER_MS);
}

/** 429 and 5xx are worth another attempt (rate limit, outage); any other refusal is not (bad URL, payload). */
export function isRetryableStatus(status: number): boolean {
  return status === 429 || status >= 500;
}

async function boundedText(response: Response): Promise<string> {
  if (!response.body) return '';
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let text = '';
  try {
    while (text.length < ERROR_BODY_CHARS) {
      const { done, value } = await reader.read();
      if (done) break;
      text += decoder.decode(value, { stream: true });
    }
  } finally {
    await reader.cancel().catch(() => undefined);
  }
  return text.slice(0, ERROR_BODY_CHARS).trim();
}

/**
 * POSTs a JSON body to an incoming webhook (Slack, Teams). Redirects are not followed (a webhook does not
 * move; following one could lead the server anywhere); the whole exchange has a timeout.
 */
export async function postWebhook(
  url: string,
  body: unknown,
  options: { timeoutMs?: number } = {},
): Promise<WebhookOutcome> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
      redirect: 'manual',
      signal: AbortSignal.timeout(options.timeoutMs ?? DEFAULT_TIMEOUT_MS),
    });
  } catch (error) {
    const reason =
      error instanceof Error
        ? error.cause instanceof Error
          ? error.cause.message
          : error.message
        : String(error);
    return { ok: false, status: null, retryable: true, retryAfterMs: null, error: `not reached: ${reason}` };
  }
  if (response.status >= 200 && response.status < 300) {
    await response.body?.cancel().catch(() => undefined);
    return { ok: true, status: response.status };
  }
  const refusal = await boundedText(response);
  const text = ERROR_CODE.test(refusal) ? refusal : '';
  return {
    ok: false,
    status: response.status,
    retryable: isRetryableStatus(response.status),
    retryAfterMs: retryAfterMs(response.headers.get('retry-after')),
    error: `HTTP ${response.status}${text ? `: ${text}` : ''}`,
  };
}
