import { HttpClient, InputError } from '@uptake/connector-sdk';
import { ingest } from '@uptake/ingest';
import {
  createScratchSource,
  describeConnectorContract,
  earlierSettingsFixture,
  readAll,
  readConnector,
} from '@uptake/ingest/testing';
import { createDataSource, Organisation } from '@uptake/persistence';
import { testStoreUrls } from '@uptake/testing';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { entraIdDirectoryConnector } from '.';

/**
 * A fake Microsoft Graph on a local port answering as documented: the Entra ID token endpoint (client
 * credentials), `GET /v1.0/users?$select=…&$top=3` in pages linked by `@odata.nextLink` (the fixtures, with
 * graph.microsoft.com replaced by this server), `GET /v1.0/users/{id}/manager` (the manager, or 404
 * Request_ResourceNotFound), 401 without a token it issued, and 429 with Retry-After when told to throttle.
 */
const TENANT = 'contoso.onmicrosoft.com';
const CLIENT_ID = '6f1c2a9e-4b7d-4e3a-9c51-2d8e7f0a1b34';
const CLIENT_SECRET = 'fake-secret-value';
const SELECT = 'id,userPrincipalName,mail,department,jobTitle,officeLocation,employeeHireDate,accountEnabled';
const PAGES: Record<string, string> = {
  '': 'users-page-1.json',
  RFNwdAIAAQAAACpVc2VyXzBiNmY2ZDFlLTNjMWEtNGYwZS05ZDNiLTFhMmIzYzRkNWUwMw: 'users-page-2.json',
  RFNwdAIAAQAAACpVc2VyXzBiNmY2ZDFlLTNjMWEtNGYwZS05ZDNiLTFhMmIzYzRkNWUwNg: 'users-page-3.json',
};

const fixture = (name: string) => readFileSync(join(__dirname, 'fixtures', name), 'utf8');
const MANAGERS = JSON.parse(fixture('managers.json')) as Record<string, unknown>;

class FakeGraph {
  url = '';
  requests: string[] = [];
  /** The next /users request is answered 429 with Retry-After: 1. */
  throttleNext = false;
  private readonly issued = new Set<string>();
  private tokens = 0;
  private readonly server: Server = createServer((request, response) => {
    void this.handle(request, response).catch((error: Error) => response.writeHead(500).end(error.message));
  });

  async start(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  stop(): Promise<void> {
    return new Promise((resolve, reject) =>
      this.server.close((error) => (error ? reject(error) : resolve())),
    );
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', this.url);
    if (request.method === 'POST' && url.pathname === `/${TENANT}/oauth2/v2.0/token`) {
      const form = new URLSearchParams(await body(request));
      if (form.get('client_id') !== CLIENT_ID || form.get('client_secret') !== CLIENT_SECRET) {
        return json(response, 401, {
          error: 'invalid_client',
          error_description: 'AADSTS7000215: Invalid client secret.',
        });
      }
      const token = `token-${++this.tokens}`;
      this.issued.add(token);
      return json(response, 200, { token_type: 'Bearer', expires_in: 3599, access_token: token });
    }
    const route = /^\/(?:(malformed|foreign)\/)?v1\.0\/users(?:\/([\w-]+)\/manager)?$/.exec(url.pathname);
    if (request.method !== 'GET' || !route) return void response.writeHead(404).end();
    const [, set, managerOf] = route;
    this.requests.push(
      managerOf ? `manager ${managerOf}` : `users ${url.searchParams.get('$skiptoken') ?? ''}`,
    );
    const bearer = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1];
    if (!bearer || !this.issued.has(bearer)) {
      return json(response, 401, {
        error: { code: 'InvalidAuthenticationToken', message: 'Access token is empty.' },
      });
    }
    if (managerOf) {
      const manager = MANAGERS[managerOf];
      if (url.searchParams.get('$select') !== 'id,userPrincipalName,mail') return json(response, 400, {});
      return manager
        ? json(response, 200, manager)
        : json(response, 404, {
            error: {
              code: 'Request_ResourceNotFound',
              message:
                "Resource 'manager' does not exist or one of its queried reference-property objects are not present.",
            },
          });
    }
    if (url.searchParams.get('$select') !== SELECT || url.searchParams.get('$top') !== '3') {
      return json(response, 400, { error: { code: 'BadRequest', message: 'unexpected query' } });
    }
    if (this.throttleNext) {
      this.throttleNext = false;
      return void response.writeHead(429, { 'retry-after': '1' }).end();
    }
    const page =
      set === 'malformed' ? 'users-malformed.json' : PAGES[url.searchParams.get('$skiptoken') ?? ''];
    if (!page)
      return json(response, 400, { error: { code: 'Directory_ExpiredPageToken', message: 'expired' } });
    const text = fixture(page);
    response
      .writeHead(200, { 'content-type': 'application/json' })
      .end(set === 'foreign' ? text : text.replaceAll('https://graph.microsoft.com', this.url));
  }
}

async function body(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function json(response: ServerResponse, status: number, value: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(value));
}

const graph = new FakeGraph();
beforeAll(() => graph.start());
afterAll(() => graph.stop());

const credentials = { clientId: CLIENT_ID, clientSecret: CLIENT_SECRET };
const settings = (base = '/v1.0', overrides: object = {}) => ({
  baseUrl: `${graph.url}${base}`,
  tokenUrl: graph.url,
  tenantId: TENANT,
  pageSize: 3,
  ...overrides,
});
const http = () => new HttpClient({ baseDelayMs: 1, sleep: async () => undefined });

describeConnectorContract('entra-id-directory (Microsoft Graph users)', () => ({
  connector: entraIdDirectoryConnector,
  earlierSettings: earlierSettingsFixture(__dirname),
  corruptCheckpoints: [{ next: 7, page: 1 }],
  http,
  settings: settings(),
  credentials,
  // 7 users on 3 pages: anna, ben, chloe, dmitri, farid are people; eva (disabled) and the #EXT# guest are not.
  expected: {
    activities: 0,
    people: 5,
    warnings: [
      { code: 'disabled-accounts', count: 1 },
      { code: 'guest-accounts', count: 1 },
    ],
  },
  invalidConfig: { settings: { ...settings(), tenantId: 'not a tenant' }, field: 'settings.tenantId' },
  malformed: {
    settings: settings('/malformed/v1.0'),
    credentials,
    expectedActivities: 0,
    // grace lands; the user without an id is the connector's problem, the other two the pipeline's.
    expectedProblems: [
      { file: 'users page 1', line: 2, field: 'id', reasonIncludes: 'no object id' },
      { file: 'users page 1', line: 3, field: 'externalId', reasonIncludes: 'U+FFFD' },
      { file: 'users page 1', line: 4, field: 'startDate', reasonIncludes: '0001-01-01' },
    ],
  },
}));

describe('entra-id-directory against the fake Graph', () => {
  const contract = { connector: entraIdDirectoryConnector, http };
  const people = (messages: Awaited<ReturnType<typeof readAll>>) =>
    messages.flatMap((m) => (m.kind === 'person' ? [m.record] : []));

  beforeEach(() => {
    graph.requests = [];
    graph.throttleNext = false;
  });

  it('yields departments as org units, managers by their identity, locations and hire dates', async () => {
    const messages = await readAll(contract, { settings: settings(), credentials });
    expect(messages.filter((m) => m.kind === 'orgUnit').map((m) => m.record)).toEqual([
      {
        externalId: 'entra-department:Executive Board',
        name: 'Executive Board',
        kind: 'department',
        parentExternalId: null,
      },
      { externalId: 'entra-department:Finance', name: 'Finance', kind: 'department', parentExternalId: null },
      {
        externalId: 'entra-department:Engineering',
        name: 'Engineering',
        kind: 'department',
        parentExternalId: null,
      },
    ]);
    expect(
      people(messages).map((p) => [
        p.externalId,
        p.orgUnitExternalId,
        p.managerExternalId,
        p.location,
        p.startDate,
      ]),
    ).toEqual([
      ['anna.schmidt@contoso.com', 'entra-department:Executive Board', null, 'Berlin', '2015-01-05'],
      [
        'ben.okafor@contoso.com',
        'entra-department:Finance',
        'anna.schmidt@contoso.com',
        'Berlin',
        '2019-04-01',
      ],
      [
        'chloe@contoso.onmicrosoft.com',
        'entra-department:Engineering',
        'anna.schmidt@contoso.com',
        'Lyon',
        '2021-09-15',
      ],
      [
        'dmitri.ivanov@contoso.com',
        'entra-department:Engineering',
        'chloe@contoso.onmicrosoft.com',
        null,
        null,
      ],
      [
        'farid.haddad@contoso.com',
        'entra-department:Finance',
        'ben.okafor@contoso.com',
        'Hamburg',
        '2023-02-01',
      ],
    ]);
    // 3 pages; a manager request per person (none for the disabled account and the guest).
    expect(graph.requests.filter((r) => r.startsWith('users'))).toHaveLength(3);
    expect(graph.requests.filter((r) => r.startsWith('manager'))).toHaveLength(5);
    expect(messages.filter((m) => m.kind === 'checkpoint').map((m) => m.state)).toEqual([
      { next: `${graph.url}/v1.0/users?$select=${SELECT}&$top=3`, page: 0 },
      expect.objectContaining({ page: 1 }),
      expect.objectContaining({ page: 2 }),
      null,
    ]);
  });

  it('keys people by mail with identity "mail", falling back to the UPN and saying so', async () => {
    const messages = await readAll(contract, {
      settings: settings('/v1.0', { identity: 'mail' }),
      credentials,
    });
    expect(people(messages).map((p) => [p.externalId, p.managerExternalId])).toEqual([
      ['anna.schmidt@contoso.com', null],
      ['ben.okafor@contoso.com', 'anna.schmidt@contoso.com'],
      ['chloe.martin@contoso.com', 'anna.schmidt@contoso.com'],
      ['dmitri.ivanov@contoso.com', 'chloe.martin@contoso.com'],
      ['farid.haddad@contoso.com', 'ben.okafor@contoso.com'],
    ]);
    expect(
      messages.flatMap((m) => (m.kind === 'warning' ? [[m.warning.code, m.warning.count]] : [])),
    ).toEqual([
      ['disabled-accounts', 1],
      ['guest-accounts', 1],
      ['mail-missing', 1],
    ]);
  });

  it('honours 429 Retry-After through the SDK client', async () => {
    graph.throttleNext = true;
    const waits: number[] = [];
    const client = new HttpClient({ baseDelayMs: 1, sleep: async (ms) => void waits.push(ms) });
    const messages = await readAll(
      { ...contract, http: () => client },
      { settings: settings(), credentials },
    );
    expect(waits).toEqual([1_000]);
    expect(client.throttled).toBe(1);
    expect(people(messages)).toHaveLength(5);
  });

  it('resumes from the next link of its last checkpoint', async () => {
    const all = await readAll(contract, { settings: settings(), credentials });
    const state = { directory: all.filter((m) => m.kind === 'checkpoint')[2].state };
    graph.requests = [];
    const tail = await readAll(contract, { settings: settings(), credentials }, state);
    expect(people(tail).map((p) => p.externalId)).toEqual(['farid.haddad@contoso.com']);
    expect(graph.requests.filter((r) => r.startsWith('users'))).toEqual([
      'users RFNwdAIAAQAAACpVc2VyXzBiNmY2ZDFlLTNjMWEtNGYwZS05ZDNiLTFhMmIzYzRkNWUwNg',
    ]);
  });

  it('refuses a next link to another host (the bearer token would go with it)', async () => {
    const read = readAll(contract, { settings: settings('/foreign/v1.0'), credentials });
    await expect(read).rejects.toThrow(
      /next page on another host \(https:\/\/graph\.microsoft\.com\): not followed/,
    );
    await expect(read).rejects.toBeInstanceOf(InputError);
  });

  it('fails at once when Entra ID refuses the client secret', async () => {
    const read = readAll(contract, {
      settings: settings(),
      credentials: { ...credentials, clientSecret: 'wrong' },
    });
    await expect(read).rejects.toThrow(/refused a token for tenant 'contoso\.onmicrosoft\.com'.*401/);
    await expect(read).rejects.toBeInstanceOf(InputError);
  });
});

describe('entra-id-directory into the directory (real Postgres)', () => {
  let dataSource: DataSource;
  let organisationId = '';
  beforeAll(async () => {
    dataSource = await createDataSource(testStoreUrls().databaseUrl).initialize();
  });
  afterAll(async () => {
    if (organisationId) await dataSource.getRepository(Organisation).delete(organisationId);
    await dataSource.destroy();
  });

  it('stores people in their department with their manager, start date and location', async () => {
    const scope = await createScratchSource(dataSource, 'entra-id-directory');
    organisationId = scope.organisationId;
    const contract = { connector: entraIdDirectoryConnector, http };
    await ingest(dataSource, scope, readConnector(contract, { settings: settings(), credentials }));
    const rows: {
      unit: string;
      manager_unit: string | null;
      location: string | null;
      start: string | null;
    }[] = await dataSource.query(
      `SELECT u.name AS unit, mu.name AS manager_unit, p.location, to_char(p.start_date, 'YYYY-MM-DD') AS start
         FROM people p JOIN org_units u ON u.id = p.org_unit_id
         LEFT JOIN people m ON m.id = p.manager_id LEFT JOIN org_units mu ON mu.id = m.org_unit_id
         WHERE p.organisation_id = $1 AND p.in_directory ORDER BY p.start_date NULLS LAST`,
      [organisationId],
    );
    expect(rows).toEqual([
      { unit: 'Executive Board', manager_unit: null, location: 'Berlin', start: '2015-01-05' },
      { unit: 'Finance', manager_unit: 'Executive Board', location: 'Berlin', start: '2019-04-01' },
      { unit: 'Engineering', manager_unit: 'Executive Board', location: 'Lyon', start: '2021-09-15' },
      { unit: 'Finance', manager_unit: 'Finance', location: 'Hamburg', start: '2023-02-01' },
      { unit: 'Engineering', manager_unit: 'Engineering', location: null, start: null },
    ]);
  });
});
