import type { OpenAPIObject } from '@nestjs/swagger';
import {
  AccessToken,
  ActivitySource,
  Invitation,
  RolloutPhase,
  RolloutPlan,
  User,
} from '@uptake/persistence';
import { hashPassword, newToken } from '@uptake/security';
import { uniqueSuffix } from '@uptake/testing';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import request from 'supertest';
import { seedActivity } from './conformance-fixture';
// The fake Yammer API is a test helper of the connectors library, which has no testing entry point.
// eslint-disable-next-line @nx/enforce-module-boundaries
import {
  startFakeYammer,
  type FakeYammer,
} from '../../../../libs/connectors/src/viva-engage-api/fake-yammer-server';
import {
  bearer,
  createTenant,
  fillPath,
  operations,
  pathValues,
  startTestApi,
  type Operation,
  type TestApi,
  type TestTenant,
} from './support';
import { VALID_BODIES, VALID_QUERIES } from './valid-requests';

/**
 * Every operation of the OpenAPI document is called as an authorised account with valid data, and the
 * real answer (status and JSON body) must be one the document declares: a status it lists, and a body its
 * response schema for that status accepts. The document is generated from the contract schemas, so this
 * is the proof that the contracts describe what the API sends. The document is OpenAPI 3.1, whose schemas
 * are JSON Schema 2020-12: ajv reads them as they are.
 */

/** Operations whose answer is not JSON checked against a schema, with the reason. */
const EXCLUDED: Record<string, string> = {
  'get /api/auth/sso/{organisationSlug}/start':
    'a 302 to the OpenID provider, not JSON; sso.int-spec.ts drives it against a real provider',
  'get /api/auth/sso/callback':
    'a 302 to the dashboard, not JSON; sso.int-spec.ts drives it against a real provider',
};

const OPERATOR_EMAIL = `operator.${uniqueSuffix()}@conformance.test`;
const PASSWORD = 'conformance password 123';
const YAMMER_TOKEN = 'conformance-yammer-token';

interface DocumentedResponse {
  content?: Record<string, { schema?: object }>;
}

function documentedResponse(document: OpenAPIObject, op: Operation, status: number) {
  const responses = document.paths[op.path][op.method]?.responses ?? {};
  return (responses as Record<string, DocumentedResponse | undefined>)[String(status)];
}

describe('real responses conform to the OpenAPI document, for every operation', () => {
  let api: TestApi;
  /** The tenant every read runs in (seeded with activity); each write gets a tenant of its own. */
  let reader: TestTenant;
  let operatorToken: string;
  /** The service a connection test reaches: the seeded sources are demo and file sources, which have none. */
  let yammer: FakeYammer;
  const ajv = addFormats(new Ajv2020({ strict: false, allErrors: true }));
  ajv.addFormat('password', true);
  ajv.addFormat('binary', true);

  beforeAll(async () => {
    api = await startTestApi({ OPERATOR_EMAILS: OPERATOR_EMAIL });
    yammer = await startFakeYammer({
      networks: {
        network: join(__dirname, '../../../../libs/connectors/src/viva-engage-api/fixtures/network.json'),
      },
      token: YAMMER_TOKEN,
      pageSize: 5,
    });
    reader = await createTenant(api.dataSource, 'conformance');
    await seedActivity(api.dataSource, reader);
    const operator = await api.dataSource
      .getRepository(User)
      .save({ email: OPERATOR_EMAIL, passwordHash: '!' });
    const session = newToken('ups');
    await api.dataSource.getRepository(AccessToken).save({
      kind: 'session',
      tokenHash: session.hash,
      userId: operator.id,
      expiresAt: new Date(Date.now() + 3_600_000),
    });
    operatorToken = session.token;
  });

  afterAll(async () => {
    await api.dataSource.query(`DELETE FROM organisations WHERE slug LIKE 'conformance-%'`);
    await api.dataSource.query(`DELETE FROM users WHERE email LIKE '%@conformance.test'`);
    await api.close();
    await yammer.close();
  });

  const server = () => api.app.getHttpServer();
  const key = (op: Operation) => `${op.method} ${op.path}`;

  /** An invitation whose link token the test knows (the tenant's own is stored as a hash only). */
  async function invitationToken(tenant: TestTenant): Promise<string> {
    const { token, hash } = newToken('upi');
    await api.dataSource.getRepository(Invitation).save({
      organisationId: tenant.organisation.id,
      email: `invited.${uniqueSuffix()}@conformance.test`,
      role: 'executive',
      tokenHash: hash,
      expiresAt: new Date(Date.now() + 86_400_000),
    });
    return token;
  }

  async function sourceOf(tenant: TestTenant, connectorType: string): Promise<string> {
    const source = await api.dataSource
      .getRepository(ActivitySource)
      .save({ organisationId: tenant.organisation.id, name: `${connectorType} source`, connectorType });
    return source.id;
  }

  /** Operations that need more than a role's token and a valid body. */
  const special: Record<string, (tenant: TestTenant, url: string) => Promise<request.Response>> = {
    'get /api/health': (_tenant, url) => request(server()).get(url),
    'get /api/admin/spool': (_tenant, url) =>
      request(server())
        .get(url)
        .set(...bearer(operatorToken)),
    'post /api/auth/login': async (tenant, url) => {
      const user = tenant.users.admin;
      await api.dataSource
        .getRepository(User)
        .update(user.id, { passwordHash: await hashPassword(PASSWORD) });
      return request(server()).post(url).send({ email: user.email, password: PASSWORD });
    },
    'get /api/organisations/{organisationId}/sso': async (tenant, url) => {
      await request(server())
        .put(url)
        .set(...bearer(tenant.tokens.admin))
        .send(VALID_BODIES['put /api/organisations/{organisationId}/sso'])
        .expect(200);
      return request(server())
        .get(url)
        .set(...bearer(tenant.tokens.admin));
    },
    'post /api/invitations/lookup': async (tenant, url) =>
      request(server())
        .post(url)
        .send({ token: await invitationToken(tenant) }),
    'post /api/invitations/accept': async (tenant, url) =>
      request(server())
        .post(url)
        .send({ token: await invitationToken(tenant), password: PASSWORD }),
    'post /api/organisations/{organisationId}/sources/{sourceId}/uploads': async (tenant, url) => {
      const csv = await sourceOf(tenant, 'csv');
      return request(server())
        .post(url.replace(tenant.source.id, csv))
        .set(...bearer(tenant.tokens.admin))
        .set('Content-Type', 'application/octet-stream')
        .send(Buffer.from('occurredAt,actorId,type\n2026-03-02T09:00:00Z,ann@example.com,post\n'));
    },
    'post /api/organisations/{organisationId}/sources/{sourceId}/events': async (tenant, url) =>
      request(server())
        .post(url.replace(tenant.source.id, await sourceOf(tenant, 'webhook')))
        .set(...bearer(tenant.tokens.admin))
        .send(VALID_BODIES['post /api/organisations/{organisationId}/sources/{sourceId}/events']),
    'post /api/organisations/{organisationId}/sources/{sourceId}/connection-test': async (tenant, url) => {
      const created = await request(server())
        .post(`/api/organisations/${tenant.organisation.id}/sources`)
        .set(...bearer(tenant.tokens.admin))
        .send({
          name: 'Viva Engage',
          connectorType: 'viva-engage-api',
          settings: { baseUrl: yammer.url('network') },
          credentials: { token: YAMMER_TOKEN },
        })
        .expect(201);
      return request(server())
        .post(url.replace(tenant.source.id, created.body.id))
        .set(...bearer(tenant.tokens.admin));
    },
    'post /api/organisations/{organisationId}/sync-runs/{syncRunId}/retry': async (tenant, url) => {
      await api.dataSource.query(`UPDATE sync_runs SET status = 'failed' WHERE id = $1`, [tenant.syncRun.id]);
      return request(server())
        .post(url)
        .set(...bearer(tenant.tokens.admin));
    },
    'post /api/organisations/{organisationId}/governance/acknowledgements': async (tenant, url) => {
      const body = VALID_BODIES['put /api/organisations/{organisationId}/governance/guidelines'];
      await request(server())
        .put(url.replace(/acknowledgements$/, 'guidelines'))
        .set(...bearer(tenant.tokens.admin))
        .send(body)
        .expect(200);
      return request(server())
        .post(url)
        .set(...bearer(tenant.tokens.admin))
        .send(VALID_BODIES['post /api/organisations/{organisationId}/governance/acknowledgements']);
    },
    'put /api/organisations/{organisationId}/goals/{goalId}/measurement': async (tenant, url) =>
      request(server())
        .put(url)
        .set(...bearer(tenant.tokens.admin))
        .send({
          ...VALID_BODIES['put /api/organisations/{organisationId}/goals/{goalId}/measurement'],
          planId: tenant.plan.id,
          phaseId: tenant.phase.id,
        }),
    // A webhook receiver on this machine that accepts the test message.
    'post /api/organisations/{organisationId}/notifications/channels/{channel}/test': async (tenant, url) => {
      const receiver = createServer((req, res) => {
        req.resume();
        req.on('end', () => res.writeHead(200).end('ok'));
      });
      await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
      try {
        const { port } = receiver.address() as AddressInfo;
        await request(server())
          .put(url.replace(/\/test$/, ''))
          .set(...bearer(tenant.tokens.admin))
          .send({ webhookUrl: `http://127.0.0.1:${port}/hook` })
          .expect(200);
        return await request(server())
          .post(url)
          .set(...bearer(tenant.tokens.admin));
      } finally {
        await new Promise((resolve) => receiver.close(resolve));
      }
    },
    // The reader's own phase has not started (a 409): measure a started phase with a resolved cohort instead.
    'get /api/organisations/{organisationId}/rollouts/{planId}/phases/{phaseId}/effects': async (
      tenant,
      url,
    ) => {
      const organisationId = tenant.organisation.id;
      const [cohort] = await api.dataSource.query(
        `INSERT INTO groups (organisation_id, name, kind) VALUES ($1, 'Started pilot', 'cohort') RETURNING id`,
        [organisationId],
      );
      const plan = await api.dataSource
        .getRepository(RolloutPlan)
        .save({ organisationId, name: 'started plan', status: 'active' });
      const phase = await api.dataSource.getRepository(RolloutPhase).save({
        organisationId,
        planId: plan.id,
        position: 0,
        name: 'Started pilot',
        status: 'active',
        startedAt: new Date('2026-03-09T09:00:00Z'),
        target: { orgUnitIds: [], groupIds: [], pseudonyms: [], rules: [] },
        comparison: { kind: 'rest-of-organisation' },
        gateCriteria: [],
        cohortGroupId: cohort.id,
      });
      return request(server())
        .get(url.replace(tenant.plan.id, plan.id).replace(tenant.phase.id, phase.id))
        .set(...bearer(tenant.tokens.executive));
    },
  };

  async function call(op: Operation): Promise<request.Response> {
    // Writes (and sign-out) change what later calls see: each runs in a tenant of its own.
    const tenant = op.method === 'get' ? reader : await createTenant(api.dataSource, 'conformance');
    const url = fillPath(op.path, pathValues(tenant)) + (VALID_QUERIES[key(op)] ?? '');
    const custom = special[key(op)];
    if (custom) return custom(tenant, url);
    const role = op.roles?.includes('admin') ? 'admin' : (op.roles?.[0] ?? 'admin');
    const pending = request(server())
      [op.method](url)
      .set(...bearer(tenant.tokens[role]));
    return op.method === 'get' ? pending : pending.send(VALID_BODIES[key(op)] ?? {});
  }

  it('answers every operation with a documented status and a body its schema accepts', async () => {
    const document = api.openApi;
    const all = operations(api.openApi);
    const problems: string[] = [];
    let checked = 0;
    for (const op of all) {
      if (EXCLUDED[key(op)]) continue;
      const response = await call(op);
      const where = `${key(op)} -> ${response.status}`;
      if (response.status >= 300) {
        problems.push(`${where}: not a success: ${response.text.slice(0, 300)}`);
        continue;
      }
      const documented = documentedResponse(document, op, response.status);
      if (!documented) {
        problems.push(`${where}: status not in the document`);
        continue;
      }
      checked++;
      if (response.status === 204) {
        if (response.text) problems.push(`${where}: a body on 204`);
        continue;
      }
      // A file (an export) is not JSON: its media type must be one the document lists for the status.
      const mediaType = String(response.headers['content-type'] ?? '')
        .split(';')[0]
        .trim();
      if (mediaType !== 'application/json') {
        if (!documented.content?.[mediaType]) problems.push(`${where}: ${mediaType} not in the document`);
        continue;
      }
      const schema = documented.content?.['application/json']?.schema;
      if (!schema) {
        problems.push(`${where}: no JSON response schema in the document`);
        continue;
      }
      const validate = ajv.compile({ ...schema, components: document.components });
      if (!validate(response.body)) {
        const errors = (validate.errors ?? [])
          .slice(0, 5)
          .map((e) => `${e.instancePath || '/'} ${e.message}`);
        problems.push(`${where}: ${errors.join('; ')}`);
      }
    }
    expect(problems).toEqual([]);
    expect(checked).toBe(all.length - Object.keys(EXCLUDED).length);
    // Some 100 operations, among them exports that render PDFs and decks: more than the default minute on a
    // loaded machine.
  }, 180_000);

  it('leaves out only operations the document has, each with a reason', () => {
    const documented = new Set(operations(api.openApi).map(key));
    for (const [excluded, reason] of Object.entries(EXCLUDED)) {
      expect({ excluded, known: documented.has(excluded), reason: reason.length > 0 }).toEqual({
        excluded,
        known: true,
        reason: true,
      });
    }
  });
});
