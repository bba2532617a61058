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
  fc.constantFrom('', '[]', '{}', '2026-13-45'),
);
const query = fc.dictionary(
  fc.constantFrom('from', 'to', 'limit', 'before', 'x', '__proto__', 'constructor'),
  queryValue,
  { maxKeys: 4 },
);
const body = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
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
    // Signing out would end the fuzzing session itself; it is covered by the auth tests.
    const targets = operations(api.openApi).filter((op) => op.path !== '/api/auth/logout');
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
  });
});
