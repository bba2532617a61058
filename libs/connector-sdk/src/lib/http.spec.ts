import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { HttpClient, HttpError, retryAfterMs } from './http';

describe('retryAfterMs', () => {
  it('reads delay-seconds and HTTP dates', () => {
    expect(retryAfterMs('3')).toBe(3000);
    expect(retryAfterMs('Thu, 26 Nov 2026 10:00:05 GMT', Date.parse('2026-11-26T10:00:00Z'))).toBe(5000);
    expect(retryAfterMs('soon')).toBeNull();
    expect(retryAfterMs(null)).toBeNull();
  });
});

describe('HttpClient against a local server', () => {
  let server: http.Server;
  let base: string;
  let script: { status: number; headers?: Record<string, string>; body: string }[];
  let requests = 0;

  beforeAll(async () => {
    server = http.createServer((_request, response) => {
      const next = script[Math.min(requests++, script.length - 1)];
      response.writeHead(next.status, { 'content-type': 'application/json', ...next.headers });
      response.end(next.body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));
  beforeEach(() => {
    requests = 0;
  });

  it('waits as long as Retry-After says on 429, then succeeds', async () => {
    script = [
      { status: 429, headers: { 'retry-after': '7' }, body: '{}' },
      { status: 200, body: '{"ok":true}' },
    ];
    const waits: number[] = [];
    const client = new HttpClient({ sleep: async (ms) => void waits.push(ms) });
    expect(await client.json(`${base}/api`)).toEqual({ ok: true });
    expect(waits).toEqual([7000]);
    expect(client.throttled).toBe(1);
  });

  it('backs off exponentially on 5xx and gives up after maxRetries', async () => {
    script = [{ status: 503, body: 'down' }];
    const waits: number[] = [];
    const client = new HttpClient({
      maxRetries: 3,
      baseDelayMs: 100,
      sleep: async (ms) => void waits.push(ms),
    });
    await expect(client.json(`${base}/api`)).rejects.toThrow(HttpError);
    expect(waits).toEqual([100, 200, 400]);
    expect(requests).toBe(4);
  });

  it('fails at once on other 4xx, without the query string (it may hold a token) in the message', async () => {
    script = [{ status: 401, body: 'invalid_auth' }];
    const client = new HttpClient({ sleep: async () => undefined });
    const error = await client.json(`${base}/users.list?token=secret`).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HttpError);
    expect((error as HttpError).status).toBe(401);
    expect((error as Error).message).toContain('/users.list: invalid_auth');
    expect((error as Error).message).not.toContain('secret');
    expect(requests).toBe(1);
  });

  it('asks the rate limiter before every request', async () => {
    script = [
      { status: 429, body: '{}' },
      { status: 200, body: '{}' },
    ];
    let acquired = 0;
    const client = new HttpClient({
      limiter: { acquire: async () => void acquired++ },
      sleep: async () => undefined,
    });
    await client.json(`${base}/api`);
    expect(acquired).toBe(2);
  });
});
