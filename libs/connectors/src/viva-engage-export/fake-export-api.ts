import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * Test helper (specs only): the Viva Engage Data Export API on localhost. `GET /api/v1/export` with a bearer
 * token answers the zip `exportFor(since, until)` returns (the test builds it with yazl), as
 * `application/zip`; 400 without `since`, `until`, the three models and `include=csv` (what the connector
 * must ask for); 401 for another token; 403 when `forbidden` (a token of someone who is not a verified
 * admin); `users/current.json` (the token's user, `verified_admin` unless `forbidden`); HTTP 429 with
 * Retry-After: 1 on chosen requests.
 */
export interface FakeExportApiOptions {
  token: string;
  exportFor: (since: string, until: string) => Promise<Buffer>;
  /** 1-based numbers of the requests answered 429 with Retry-After: 1. */
  throttle?: (requestNumber: number) => boolean;
  forbidden?: boolean;
}

export interface FakeExportApi {
  url: string;
  /** The `since..until` of every export request answered 200, in order. */
  readonly exports: string[];
  /** Every request, as `path?query`. */
  readonly requests: string[];
  close(): Promise<void>;
}

const MODELS = ['Group', 'Message', 'User'];

export async function startFakeExportApi(options: FakeExportApiOptions): Promise<FakeExportApi> {
  const requests: string[] = [];
  const exports: string[] = [];
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    requests.push(`${url.pathname}${url.search}`);
    const json = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
      response.end(JSON.stringify(body));
    };
    if (options.throttle?.(requests.length)) {
      return json(429, { message: 'Rate limited due to excessive requests.' }, { 'retry-after': '1' });
    }
    if (request.headers.authorization !== `Bearer ${options.token}`) {
      return json(401, { message: 'Token not found.', code: 16 });
    }
    // The token's user (as Yammer writes the flag: a string); a forbidden token's is no verified admin.
    if (url.pathname === '/api/v1/users/current.json') {
      return json(200, { type: 'user', id: 1, verified_admin: options.forbidden ? 'false' : 'true' });
    }
    if (url.pathname !== '/api/v1/export') return json(404, { message: 'not found' });
    if (options.forbidden) return json(403, { message: 'Only verified admins may export network data.' });
    const since = url.searchParams.get('since');
    const until = url.searchParams.get('until');
    const models = url.searchParams.getAll('model').sort();
    if (!since || !until || models.join() !== MODELS.join() || url.searchParams.get('include') !== 'csv') {
      return json(400, {
        message: 'since, until, model=Message&model=User&model=Group and include=csv expected',
      });
    }
    options.exportFor(since, until).then(
      (zip) => {
        exports.push(`${since}..${until}`);
        response.writeHead(200, { 'content-type': 'application/zip', 'content-length': String(zip.length) });
        response.end(zip);
      },
      (error: Error) => json(500, { message: error.message }),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/api/v1/export`,
    exports,
    requests,
    close: () =>
      new Promise((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}
