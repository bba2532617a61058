import { connectionTestResultSchema, type ConnectionTestResult } from '@uptake/contracts';
import { createServer } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { join } from 'node:path';
import request from 'supertest';
// The fake servers are test helpers of the connectors library, which has no testing entry point.
/* eslint-disable @nx/enforce-module-boundaries */
import { startFakeSlack, type FakeSlack } from '../../../../libs/connectors/src/slack-api/fake-slack-server';
import { SLACK_READ_SCOPES } from '../../../../libs/connectors/src/slack-api/connection-test';
import {
  startFakeTeamsGraph,
  type FakeTeamsGraph,
} from '../../../../libs/connectors/src/ms-teams/fake-teams-graph';
import {
  startFakeYammer,
  type FakeYammer,
} from '../../../../libs/connectors/src/viva-engage-api/fake-yammer-server';
/* eslint-enable @nx/enforce-module-boundaries */
import { CONNECTION_TEST_TIMEOUT_MS, ConnectionTestService } from '../app/sources/connection-test.service';
import { bearer, createTenant, startTestApi, type TestApi, type TestTenant } from './support';

const CONNECTORS = join(__dirname, '../../../../libs/connectors/src');
const TENANT = 'contoso.onmicrosoft.com';
const APP = { clientId: '6f1c2a9e-4b7d-4e3a-9c51-2d8e7f0a1b34', clientSecret: 'fake-secret-value' };
const SLACK_TOKEN = 'xoxb-1234-5678-connection';
const YAMMER_TOKEN = 'yammer-token-connection';
const TEAMS_PERMISSIONS = [
  'Team.ReadBasic.All',
  'Channel.ReadBasic.All',
  'TeamMember.Read.All',
  'ChannelMember.Read.All',
  'ChannelMessage.Read.All',
  'User.Read.All',
];

/**
 * POST …/sources/:id/connection-test against the connectors' fake servers: the API decrypts the stored
 * credentials, the connector checks the token and each permission, and the answer names what is missing.
 */
describe('testing the connection of a source', () => {
  let api: TestApi;
  let tenant: TestTenant;
  let other: TestTenant;
  let graph: FakeTeamsGraph;
  let slack: FakeSlack;
  let yammer: FakeYammer;
  const server = () => api.app.getHttpServer();

  beforeAll(async () => {
    api = await startTestApi();
    tenant = await createTenant(api.dataSource, 'connection');
    other = await createTenant(api.dataSource, 'connection');
    graph = await startFakeTeamsGraph({
      tenants: { tenant: join(CONNECTORS, 'ms-teams/fixtures/tenant.json') },
      tenantId: TENANT,
      ...APP,
      pageSize: 2,
    });
    slack = await startFakeSlack({
      workspaces: { export: join(CONNECTORS, 'slack-export/fixtures/export') },
      token: SLACK_TOKEN,
      pageSize: 3,
      // A bot without groups:history: private channels' messages cannot be read.
      scopes: SLACK_READ_SCOPES.filter((scope) => scope !== 'groups:history'),
    });
    yammer = await startFakeYammer({
      networks: { network: join(CONNECTORS, 'viva-engage-api/fixtures/network.json') },
      token: YAMMER_TOKEN,
      pageSize: 5,
    });
  });

  afterAll(async () => {
    await Promise.all([graph.close(), slack.close(), yammer.close()]);
    await api.dataSource.query('DELETE FROM organisations WHERE id = ANY($1)', [
      [tenant.organisation.id, other.organisation.id],
    ]);
    await api.close();
  });

  afterEach(() => graph.forbid(null));

  async function createSource(
    connectorType: string,
    settings: object,
    credentials?: object,
    owner = tenant,
  ): Promise<string> {
    const response = await request(server())
      .post(`/api/organisations/${owner.organisation.id}/sources`)
      .set(...bearer(owner.tokens.admin))
      .send({ name: `${connectorType} ${Math.random()}`, connectorType, settings, credentials })
      .expect(201);
    return response.body.id;
  }

  async function testConnection(sourceId: string, expected = 200): Promise<request.Response> {
    return request(server())
      .post(`/api/organisations/${tenant.organisation.id}/sources/${sourceId}/connection-test`)
      .set(...bearer(tenant.tokens.connector_maintainer))
      .expect(expected);
  }

  async function result(sourceId: string): Promise<ConnectionTestResult> {
    const response = await testConnection(sourceId);
    for (const secret of [APP.clientSecret, SLACK_TOKEN, YAMMER_TOKEN, 'token-']) {
      expect(response.text).not.toContain(secret);
    }
    return connectionTestResultSchema.parse(response.body);
  }

  const teamsSettings = () => ({ baseUrl: graph.url('tenant'), tokenUrl: graph.tokenUrl, tenantId: TENANT });
  const summary = (checks: ConnectionTestResult['checks']) =>
    checks.map(({ check, ok, missingPermission }) => ({ check, ok, missingPermission }));

  it('ms-teams: checks the token and every permission the read needs, and audits the test', async () => {
    const sourceId = await createSource('ms-teams', teamsSettings(), APP);
    const before = Date.now();
    const answer = await result(sourceId);
    expect(answer.ok).toBe(true);
    expect(Date.parse(answer.testedAt)).toBeGreaterThanOrEqual(before - 1000);
    expect(summary(answer.checks)).toEqual(
      ['credentials', ...TEAMS_PERMISSIONS].map((check) => ({ check, ok: true, missingPermission: null })),
    );

    const [audit] = await api.dataSource.query(
      `SELECT action, actor_user_id, details::text AS details FROM audit_events
       WHERE organisation_id = $1 AND target_id = $2 AND action = 'source.connection_tested'`,
      [tenant.organisation.id, sourceId],
    );
    expect(audit).toMatchObject({
      action: 'source.connection_tested',
      actor_user_id: tenant.users.connector_maintainer.id,
    });
    expect(JSON.parse(audit.details)).toEqual({ connectorType: 'ms-teams', ok: true, failed: [] });
  });

  it('ms-teams: names the permission Graph refuses (403)', async () => {
    const sourceId = await createSource('ms-teams', teamsSettings(), APP);
    graph.forbid(/\/channels\/[^/]+\/messages/);
    const answer = await result(sourceId);
    expect(answer.ok).toBe(false);
    const failed = answer.checks.filter((check) => !check.ok);
    expect(summary(failed)).toEqual([
      { check: 'ChannelMessage.Read.All', ok: false, missingPermission: 'ChannelMessage.Read.All' },
    ]);
    expect(failed[0].message).toContain('needs the ChannelMessage.Read.All application permission');
  });

  it('ms-teams: a secret Entra ID refuses fails the credentials check, and nothing else is tried', async () => {
    const wrong = { ...APP, clientSecret: 'not-the-secret' };
    const sourceId = await createSource('ms-teams', teamsSettings(), wrong);
    const requestsBefore = graph.requests.length;
    const response = await testConnection(sourceId);
    expect(response.text).not.toContain('not-the-secret');
    expect(summary(response.body.checks)).toEqual([
      { check: 'credentials', ok: false, missingPermission: null },
    ]);
    expect(response.body.checks[0].message).toContain('Microsoft Entra ID refused a token');
    expect(response.body.ok).toBe(false);
    expect(graph.requests.length).toBe(requestsBefore);
  });

  it('entra-id-directory and ms-graph-reports: name User.Read.All and Reports.Read.All when refused', async () => {
    const directory = await createSource('entra-id-directory', teamsSettings(), APP);
    expect((await result(directory)).ok).toBe(true);
    graph.forbid(/\/users$/);
    expect(summary((await result(directory)).checks)).toEqual([
      { check: 'credentials', ok: true, missingPermission: null },
      { check: 'User.Read.All', ok: false, missingPermission: 'User.Read.All' },
    ]);

    const reports = await createSource('ms-graph-reports', teamsSettings(), APP);
    graph.forbid(/\/reports\//);
    expect(summary((await result(reports)).checks)).toEqual([
      { check: 'credentials', ok: true, missingPermission: null },
      { check: 'Reports.Read.All', ok: false, missingPermission: 'Reports.Read.All' },
    ]);
  });

  it('ms-graph-reports for uploads only (no tenant, no app): the credentials check names what is missing', async () => {
    const sourceId = await createSource('ms-graph-reports', {}, {});
    const answer = await result(sourceId);
    expect(summary(answer.checks)).toEqual([{ check: 'credentials', ok: false, missingPermission: null }]);
    expect(answer.checks[0].message).toContain(
      'settings.tenantId, credentials.clientId, credentials.clientSecret',
    );
  });

  it('slack-api: names the scope the token lacks, from x-oauth-scopes', async () => {
    const sourceId = await createSource(
      'slack-api',
      { baseUrl: slack.url('export') },
      { token: SLACK_TOKEN },
    );
    const answer = await result(sourceId);
    expect(answer.ok).toBe(false);
    expect(summary(answer.checks.filter((check) => !check.ok))).toEqual([
      { check: 'groups:history', ok: false, missingPermission: 'groups:history' },
    ]);
    expect(answer.checks).toHaveLength(1 + SLACK_READ_SCOPES.length);
    expect(slack.requests.at(-1)).toBe('auth.test?');
  });

  it('slack-api: a token Slack refuses fails the credentials check', async () => {
    const sourceId = await createSource(
      'slack-api',
      { baseUrl: slack.url('export') },
      { token: 'xoxb-revoked-token' },
    );
    const response = await testConnection(sourceId);
    expect(response.text).not.toContain('xoxb-revoked-token');
    expect(response.body.checks).toEqual([
      {
        check: 'credentials',
        ok: false,
        message: 'Slack API auth.test failed: invalid_auth',
        missingPermission: null,
      },
    ]);
  });

  it('viva-engage-api: a good token passes, a bad one (401) fails the credentials check', async () => {
    const good = await createSource(
      'viva-engage-api',
      { baseUrl: yammer.url('network') },
      { token: YAMMER_TOKEN },
    );
    expect(summary((await result(good)).checks)).toEqual([
      { check: 'credentials', ok: true, missingPermission: null },
      { check: 'messages', ok: true, missingPermission: null },
    ]);
    const bad = await createSource(
      'viva-engage-api',
      { baseUrl: yammer.url('network') },
      { token: 'expired-yammer-token' },
    );
    const answer = await result(bad);
    expect(answer.ok).toBe(false);
    expect(summary(answer.checks)).toEqual([{ check: 'credentials', ok: false, missingPermission: null }]);
    expect(answer.checks[0].message).toContain('401 Unauthorized to users/current.json');
  });

  it('ends at the deadline when the service does not answer', async () => {
    const sockets = new Set<Socket>();
    const silent = createServer(() => undefined).on('connection', (socket) => sockets.add(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const service = api.app.get(ConnectionTestService);
    service.timeoutMs = 300;
    try {
      const { port } = silent.address() as AddressInfo;
      const sourceId = await createSource(
        'viva-engage-api',
        { baseUrl: `http://127.0.0.1:${port}/api/v1` },
        { token: YAMMER_TOKEN },
      );
      const started = Date.now();
      const answer = await result(sourceId);
      expect(Date.now() - started).toBeLessThan(5_000);
      expect(answer).toMatchObject({
        ok: false,
        checks: [
          { check: 'connection', ok: false, message: 'no answer within 0.3 s', missingPermission: null },
        ],
      });
    } finally {
      service.timeoutMs = CONNECTION_TEST_TIMEOUT_MS;
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => silent.close(resolve));
    }
  });

  it('answers 409 for a file connector: it has no connection to test', async () => {
    const sourceId = await createSource('csv', {});
    const response = await testConnection(sourceId, 409);
    expect(response.body.message).toBe('A csv source reads uploaded files: it has no connection to test');
  });

  it("answers 404 for another organisation's source, and tests nothing", async () => {
    const foreign = await createSource('ms-teams', teamsSettings(), APP, other);
    const requestsBefore = graph.requests.length;
    const response = await testConnection(foreign, 404);
    expect(response.body.message).toBe(`Source ${foreign} not found`);
    expect(graph.requests.length).toBe(requestsBefore);
  });
});
