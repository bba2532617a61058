import fc from 'fast-check';
import request from 'supertest';
import {
  bearer,
  createTenant,
  fillPath,
  operations,
  pathValues,
  startTestApi,
  type TestApi,
  type TestTenant,
} from './support';

/**
 * Malformed input to every endpoint of the OpenAPI document, signed in as an admin of the organisation:
 * random path segments, query strings, JSON bodies and broken JSON. Nothing may answer 5xx or leak a
 * stack trace or internals. Seeded, so a failure reproduces.
 */
const RUNS_PER_SHAPE = 15;
const LEAKS = /\n\s+at |QueryFailedError|node_modules|TypeError|ReferenceError|SELECT |INSERT |duplicate key/;

/** Strings a JSON parser accepts but Postgres or UTF-8 do not. */
const unsafeText = fc.constantFrom('a\u0000b', '\u0000', 'x\ud800', '\udfff y', 'ok\ufffd');

const segment = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.constantFrom(
    '..',
    '%00',
    '%',
    'null',
    '-1',
    '1e309',
    "' OR 1=1 --",
    '00000000-0000-0000-0000-000000000000',
  ),
  fc.uuid(),
);
const queryValue = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.integer().map(String),
  fc.constantFrom('', '[]', '{}', '2026-13-45', '9999-12-31', '0001-01-01'),
  unsafeText,
);
const query = fc.dictionary(
  fc.constantFrom('from', 'to', 'limit', 'before', 'x', '__proto__', 'constructor'),
  queryValue,
  { maxKeys: 4 },
);
const body = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.dictionary(fc.constantFrom('name', 'events', 'settings', 'person', 'note'), unsafeText, { minKeys: 1 }),
  fc.record(
    {
      email: fc.oneof(fc.string(), fc.integer(), fc.constant(null)),
      role: fc.oneof(fc.string(), fc.constantFrom('admin', 'root')),
      name: fc.oneof(fc.string({ maxLength: 300 }), fc.integer()),
      connectorType: fc.oneof(fc.string(), fc.constant('csv')),
      settings: fc.jsonValue({ maxDepth: 2 }),
      credentials: fc.jsonValue({ maxDepth: 2 }),
      schedule: fc.string(),
      expiresInDays: fc.oneof(fc.integer(), fc.double(), fc.string()),
      password: fc.string({ maxLength: 50 }),
    },
    { requiredKeys: [] },
  ),
);

/** Bodies that used to reach the services (and Postgres) as they were: each must be a 400 naming its place. */
const HOSTILE_BODIES: [string, Buffer | string, RegExp][] = [
  ['100,000 levels of [', '['.repeat(100_000) + ']'.repeat(100_000), /body: nested deeper than 32 levels/],
  [
    '100,000 levels of {"a":',
    '{"a":'.repeat(100_000) + '1' + '}'.repeat(100_000),
    /body: nested deeper than 32 levels/,
  ],
  ['NUL in a string', JSON.stringify({ name: 'a\u0000b', email: 'x@y.z' }), /body\.name: contains a NUL/],
  ['NUL in a key', '{"na\\u0000me": 1}', /the key contains a NUL/],
  ['a lone surrogate', '{"name":"\\ud800"}', /body\.name: contains a lone surrogate/],
  [
    'bytes that are not UTF-8',
    Buffer.concat([Buffer.from('{"name":"'), Buffer.from([0xc3, 0x28]), Buffer.from('"}')]),
    /body: not valid UTF-8 \(byte 9\)/,
  ],
];

/** Query strings with NUL, bytes that are not UTF-8 and an encoded surrogate (sent as they are). */
const HOSTILE_QUERIES: [string, string, RegExp][] = [
  ['?from=%00', 'from=%00', /query parameter \\"from\\": contains a NUL/],
  ['?to=%FF', 'to=%FF', /query parameter \\"to\\": not valid UTF-8/],
  ['?limit=%ED%A0%80', 'limit=%ED%A0%80', /query parameter \\"limit\\": not valid UTF-8/],
];

/** Signing out (here or everywhere) would end the fuzzing session itself; the auth and SSO tests cover them. */
const ENDS_SESSION = new Set(['/api/auth/logout', '/api/auth/sign-out-everywhere']);

describe('fuzzing every endpoint with malformed input', () => {
  let api: TestApi;
  let tenant: TestTenant;

  beforeAll(async () => {
    api = await startTestApi();
    tenant = await createTenant(api.dataSource, 'fuzz');
  });

  afterAll(async () => {
    await api.dataSource.query('DELETE FROM organisations WHERE id = $1', [tenant.organisation.id]);
    await api.close();
  });

  const check = (label: string, response: request.Response) => {
    const text = response.text ?? '';
    if (response.status >= 500 || LEAKS.test(text)) {
      throw new Error(`${label} -> ${response.status}: ${text.slice(0, 500)}`);
    }
  };

  it('never answers 5xx or leaks internals', async () => {
    const targets = operations(api.openApi).filter((op) => !ENDS_SESSION.has(op.path));
    expect(targets.length).toBeGreaterThanOrEqual(15);
    let requests = 0;
    for (const op of targets) {
      const send = (url: string) =>
        request(api.app.getHttpServer())
          [op.method](url)
          .set(...bearer(tenant.tokens.admin));
      const params = [...op.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);

      // random path parameters
      if (params.length > 0) {
        await fc.assert(
          fc.asyncProperty(
            fc.array(segment, { minLength: params.length, maxLength: params.length }),
            async (values) => {
              const url = fillPath(op.path, Object.fromEntries(params.map((p, i) => [p, values[i]])));
              check(`${op.method} ${url}`, await send(url));
              requests++;
            },
          ),
          { numRuns: RUNS_PER_SHAPE, seed: 42 },
        );
      }
      // valid path, random query and body
      const url = fillPath(op.path, pathValues(tenant));
      await fc.assert(
        fc.asyncProperty(query, body, async (q, b) => {
          const response =
            op.method === 'get'
              ? await send(url).query(q)
              : await send(url).query(q).set('Content-Type', 'application/json').send(JSON.stringify(b));
          check(`${op.method} ${url}?${JSON.stringify(q)} ${JSON.stringify(b)}`, response);
          requests++;
        }),
        { numRuns: RUNS_PER_SHAPE, seed: 7 },
      );
      // broken JSON
      if (op.method !== 'get') {
        const broken = await send(url).set('Content-Type', 'application/json').send('{"name": "unterminated');
        check(`${op.method} ${url} <broken json>`, broken);
        expect(broken.status).toBe(400);
        requests++;
      }
    }
    expect(requests).toBeGreaterThan(200);
    // Every operation × every malformed value: some 60 operations now, several hundred requests; a loaded
    // 2-core CI machine needs more than the default minute.
  }, 240_000);

  it('answers 400 naming the place to hostile bodies and URLs on every operation', async () => {
    const targets = operations(api.openApi).filter((op) => !ENDS_SESSION.has(op.path));
    let checked = 0;
    for (const op of targets) {
      const url = fillPath(op.path, pathValues(tenant));
      const send = () =>
        request(api.app.getHttpServer())
          [op.method](url)
          .set(...bearer(tenant.tokens.admin));
      const expectBadRequest = async (label: string, response: request.Response, message: RegExp) => {
        check(`${op.method} ${url} ${label}`, response);
        if (response.status !== 400 || !message.test(JSON.stringify(response.body.message))) {
          throw new Error(
            `${op.method} ${url} ${label} -> ${response.status}: ${response.text.slice(0, 300)}`,
          );
        }
        checked++;
      };
      for (const [label, query, message] of HOSTILE_QUERIES) {
        await expectBadRequest(label, await send().query(query), message);
      }
      if (op.method === 'get') continue;
      for (const [label, body, message] of HOSTILE_BODIES) {
        const response = await send()
          .set('Content-Type', 'application/json')
          .serialize((raw: unknown) => raw as string)
          .send(body as unknown as string);
        await expectBadRequest(label, response, message);
      }
    }
    expect(checked).toBeGreaterThan(100);
  });
});
