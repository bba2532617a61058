import type { IncomingMessage, ServerResponse } from 'node:http';
import { loadConfig } from './config';
import { acceptedRequestId, isLoopbackAddress, metricsAccessAllowed, requestIdOf } from './observability';

const TOKEN = 'metrics-token-0123456789';

function fakeExchange(header?: string) {
  const request = { headers: header === undefined ? {} : { 'x-request-id': header } } as IncomingMessage & {
    id?: unknown;
  };
  const headers: Record<string, string> = {};
  const response = {
    headersSent: false,
    setHeader: (name: string, value: string) => (headers[name] = value),
  } as unknown as ServerResponse;
  return { request, response, headers };
}

describe('request ids', () => {
  it('takes over a short token of letters, digits and ._:- only', () => {
    expect(acceptedRequestId('req-42.a:b_c')).toBe('req-42.a:b_c');
    expect(acceptedRequestId('a'.repeat(64))).toBe('a'.repeat(64));
    expect(acceptedRequestId('a'.repeat(65))).toBeUndefined();
    expect(acceptedRequestId('')).toBeUndefined();
    expect(acceptedRequestId('-starts-with-dash')).toBeUndefined();
    expect(acceptedRequestId('has space')).toBeUndefined();
    expect(acceptedRequestId('line\nbreak')).toBeUndefined();
    expect(acceptedRequestId('{"json":1}')).toBeUndefined();
    expect(acceptedRequestId(['a', 'b'])).toBeUndefined();
    expect(acceptedRequestId(undefined)).toBeUndefined();
  });

  it("reuses a safe caller id, echoes it, and keeps it for the request's life", () => {
    const { request, response, headers } = fakeExchange('client-7');
    expect(requestIdOf(request, response)).toBe('client-7');
    expect(headers['x-request-id']).toBe('client-7');
    expect(request.id).toBe('client-7');
    // A second caller (pino-http, then the observation middleware) gets the same id.
    expect(requestIdOf(request, response)).toBe('client-7');
  });

  it('generates a UUID for a missing or unsafe caller id', () => {
    for (const header of [undefined, 'bad id with spaces']) {
      const { request, response, headers } = fakeExchange(header);
      const id = requestIdOf(request, response);
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
      expect(headers['x-request-id']).toBe(id);
    }
  });
});

describe('metrics access', () => {
  it('recognises loopback in IPv4, IPv6 and IPv4-mapped form', () => {
    expect(['127.0.0.1', '127.8.9.10', '::1', '::ffff:127.0.0.1'].map(isLoopbackAddress)).toEqual([
      true,
      true,
      true,
      true,
    ]);
    expect(['10.0.0.1', '::ffff:10.0.0.1', '128.0.0.1', '::2', '', undefined].map(isLoopbackAddress)).toEqual(
      [false, false, false, false, false, false],
    );
  });

  it('without a token: loopback callers only, whatever they send', () => {
    expect(metricsAccessAllowed(undefined, { remoteAddress: '127.0.0.1', authorization: undefined })).toBe(
      true,
    );
    expect(metricsAccessAllowed(undefined, { remoteAddress: '::1', authorization: 'Bearer x' })).toBe(true);
    expect(metricsAccessAllowed(undefined, { remoteAddress: '192.168.1.5', authorization: undefined })).toBe(
      false,
    );
  });

  it('with a token: exactly that bearer token, from any address (loopback alone is not enough)', () => {
    const allowed = (authorization: string | undefined, remoteAddress = '192.168.1.5') =>
      metricsAccessAllowed(TOKEN, { remoteAddress, authorization });
    expect(allowed(`Bearer ${TOKEN}`)).toBe(true);
    expect(allowed(undefined, '127.0.0.1')).toBe(false);
    expect(allowed(`Bearer ${TOKEN}x`)).toBe(false);
    expect(allowed(`Bearer ${TOKEN.slice(0, -1)}`)).toBe(false);
    expect(allowed(`Basic ${TOKEN}`)).toBe(false);
    expect(allowed(TOKEN)).toBe(false);
  });
});

describe('observability settings', () => {
  it('has the worker server off and no metrics token by default', () => {
    const config = loadConfig({});
    expect(config.worker.http).toEqual({ host: '127.0.0.1', port: 0 });
    expect(config.metrics.token).toBeUndefined();
  });

  it('reads WORKER_HTTP_HOST/PORT and METRICS_TOKEN, and names bad values', () => {
    const config = loadConfig({
      WORKER_HTTP_HOST: '0.0.0.0',
      WORKER_HTTP_PORT: '9464',
      METRICS_TOKEN: TOKEN,
    });
    expect(config.worker.http).toEqual({ host: '0.0.0.0', port: 9464 });
    expect(config.metrics.token).toBe(TOKEN);
    expect(() => loadConfig({ WORKER_HTTP_PORT: '70000' })).toThrow(/WORKER_HTTP_PORT/);
    expect(() => loadConfig({ METRICS_TOKEN: 'short' })).toThrow(/METRICS_TOKEN: must be 16 to 256/);
    expect(() => loadConfig({ METRICS_TOKEN: 'sixteen chars and spaces' })).toThrow(/METRICS_TOKEN/);
  });
});
