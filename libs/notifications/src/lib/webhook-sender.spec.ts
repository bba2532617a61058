import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mailDeliveryError } from './mail-transport';
import { isRetryableStatus, MAX_RETRY_AFTER_MS, postWebhook, retryAfterMs } from './webhook-sender';

describe('retry decisions', () => {
  it('retries 429 and 5xx, not other refusals', () => {
    expect([429, 500, 502, 503].map(isRetryableStatus)).toEqual([true, true, true, true]);
    expect([400, 401, 403, 404, 410, 413].map(isRetryableStatus)).toEqual([
      false,
      false,
      false,
      false,
      false,
      false,
    ]);
  });

  it('reads Retry-After as seconds or a date, bounded', () => {
    const now = Date.parse('2026-12-01T12:00:00Z');
    expect(retryAfterMs('3', now)).toBe(3_000);
    expect(retryAfterMs('Tue, 01 Dec 2026 12:00:30 GMT', now)).toBe(30_000);
    expect(retryAfterMs('Tue, 01 Dec 2026 11:00:00 GMT', now)).toBe(0);
    expect(retryAfterMs('86400', now)).toBe(MAX_RETRY_AFTER_MS);
    expect(retryAfterMs('soon', now)).toBeNull();
    expect(retryAfterMs(null, now)).toBeNull();
  });

  it('SMTP: 5xx is permanent, 4xx and no answer are transient, a refused login is permanent', () => {
    expect(mailDeliveryError({ responseCode: 550, message: 'no such user' })).toMatchObject({
      permanent: true,
      responseCode: 550,
    });
    expect(mailDeliveryError({ responseCode: 451, message: 'try later' })).toMatchObject({
      permanent: false,
    });
    expect(mailDeliveryError({ code: 'ECONNECTION', message: 'refused' })).toMatchObject({
      permanent: false,
      responseCode: null,
    });
    expect(mailDeliveryError({ code: 'EAUTH', message: 'bad login' })).toMatchObject({ permanent: true });
  });
});

describe('postWebhook against a local receiver', () => {
  let server: Server;
  let url: string;
  const bodies: unknown[] = [];
  let answer: { status: number; headers?: Record<string, string>; body?: string } = { status: 200 };

  beforeAll(async () => {
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        bodies.push(JSON.parse(Buffer.concat(chunks).toString('utf8')));
        res.writeHead(answer.status, answer.headers ?? {}).end(answer.body ?? '');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  });

  afterAll(() => new Promise((resolve) => server.close(resolve)));

  it('posts the JSON body and reports success', async () => {
    answer = { status: 200, body: 'ok' };
    expect(await postWebhook(url, { text: 'hello' })).toEqual({ ok: true, status: 200 });
    expect(bodies.at(-1)).toEqual({ text: 'hello' });
  });

  it('a 429 is retryable with its Retry-After; a 400 is not, with the receiver’s reason', async () => {
    answer = { status: 429, headers: { 'Retry-After': '2' } };
    expect(await postWebhook(url, {})).toMatchObject({
      ok: false,
      status: 429,
      retryable: true,
      retryAfterMs: 2_000,
    });
    answer = { status: 400, body: 'invalid_payload' };
    expect(await postWebhook(url, {})).toEqual({
      ok: false,
      status: 400,
      retryable: false,
      retryAfterMs: null,
      error: 'HTTP 400: invalid_payload',
    });
  });

  it('keeps a refusal’s body only when it looks like an error code, never a page', async () => {
    answer = { status: 403, body: '<html><body>internal admin console</body></html>' };
    expect(await postWebhook(url, {})).toMatchObject({ ok: false, status: 403, error: 'HTTP 403' });
  });

  it('does not follow a redirect (a webhook does not move)', async () => {
    answer = { status: 302, headers: { Location: 'http://169.254.169.254/' } };
    expect(await postWebhook(url, {})).toMatchObject({ ok: false, status: 302, retryable: false });
  });

  it('an unreachable receiver is retryable', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    expect(await postWebhook(`http://127.0.0.1:${port}/`, {}, { timeoutMs: 2_000 })).toMatchObject({
      ok: false,
      status: null,
      retryable: true,
    });
  });
});
