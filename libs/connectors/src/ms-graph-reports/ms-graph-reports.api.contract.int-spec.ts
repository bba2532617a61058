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
import { msGraphReportsConnector } from '.';

/**
 * A fake Microsoft Graph on a local port: the Entra ID token endpoint, the v1.0 report functions
 * answering 302 to a pre-authenticated download on the same server, and the CSV downloads (the fixtures,
 * with their report date replaced by the date asked for).
 */
const TENANT = 'contoso.onmicrosoft.com';
const CLIENT_ID = '6f1c2a9e-4b7d-4e3a-9c51-2d8e7f0a1b34';
const CLIENT_SECRET = 'fake-secret-value';
const FIXTURE_DAY = '2026-03-16';

const FIXTURES: Record<string, string> = {
  getYammerGroupsActivityDetail: 'yammer-groups-activity-detail.csv',
  getYammerActivityUserDetail: 'yammer-activity-user-detail.csv',
  getTeamsUserActivityUserDetail: 'teams-user-activity-user-detail.csv',
  getEmailActivityUserDetail: 'email-activity-user-detail.csv',
};

/** The fixture a variant of the fake Graph answers instead (a tenant with concealed names, a republished day). */
const VARIANTS: Record<string, string> = {
  'broken getYammerActivityUserDetail': 'yammer-activity-malformed.csv',
  'concealed getTeamsUserActivityUserDetail': 'teams-user-activity-concealed.csv',
  'corrected getYammerActivityUserDetail': 'yammer-activity-user-detail-corrected.csv',
};

class FakeGraph {
  url = '';
  tokenRequests = 0;
  reportRequests: string[] = [];
  /** The next report request is answered 429 with Retry-After: 1. */
  throttleNext = true;
  /** Report requests are answered 401 whatever the bearer (a revoked consent). */
  rejectBearer = false;
  private readonly issued = new Set<string>();
  private readonly server: Server = createServer((request, response) => {
    void this.handle(request, response).catch((error: Error) => {
      response.writeHead(500).end(error.message);
    });
  });

  async start(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve, reject) =>
      this.server.close((error) => (error ? reject(error) : resolve())),
    );
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', this.url);
    if (request.method === 'POST' && url.pathname === `/${TENANT}/oauth2/v2.0/token`) {
      return this.token(new URLSearchParams(await body(request)), response);
    }
    const report =
      /^\/(?:(broken|concealed|corrected)\/)?v1\.0\/reports\/(\w+)\(date=(\d{4}-\d{2}-\d{2})\)$/.exec(
        url.pathname,
      );
    if (request.method === 'GET' && report) {
      const [, set, name, day] = report;
      this.reportRequests.push(`${name} ${day}`);
      const bearer = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1];
      if (this.rejectBearer || !bearer || !this.issued.has(bearer)) {
        return json(response, 401, {
          error: { code: 'InvalidAuthenticationToken', message: 'Access token is invalid.' },
        });
      }
      if (this.throttleNext) {
        this.throttleNext = false;
        response.writeHead(429, { 'retry-after': '1' }).end();
        return;
      }
      response.writeHead(302, { location: `/download/${set ?? 'good'}/${name}/${day}.csv?sig=x1` }).end();
      return;
    }
    const download = /^\/download\/(good|broken|concealed|corrected)\/(\w+)\/(\d{4}-\d{2}-\d{2})\.csv$/.exec(
      url.pathname,
    );
    if (request.method === 'GET' && download && FIXTURES[download[2]]) {
      const [, set, name, day] = download;
      const file = VARIANTS[`${set} ${name}`] ?? FIXTURES[name];
      const csv = readFileSync(join(__dirname, 'fixtures', file), 'utf8').replaceAll(FIXTURE_DAY, day);
      response.writeHead(200, { 'content-type': 'application/octet-stream' }).end(csv);
      return;
    }
    response.writeHead(404).end();
  }

  /** Checks the client-credentials form as Entra ID would. */
  private token(form: URLSearchParams, response: ServerResponse): void {
    this.tokenRequests++;
    if (
      form.get('grant_type') !== 'client_credentials' ||
      form.get('scope') !== 'https://graph.microsoft.com/.default'
    ) {
      return json(response, 400, { error: 'invalid_request' });
    }
    if (form.get('client_id') !== CLIENT_ID || form.get('client_secret') !== CLIENT_SECRET) {
      return json(response, 401, {
        error: 'invalid_client',
        error_description: 'AADSTS7000215: Invalid client secret.',
      });
    }
    const token = `token-${this.tokenRequests}`;
    this.issued.add(token);
    json(response, 200, {
      token_type: 'Bearer',
      expires_in: 3599,
      ext_expires_in: 3599,
      access_token: token,
    });
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

// Pinned: with lagDays 2 and lookbackDays 3 the days read are 2026-03-16, 17 and 18.
const now = new Date('2026-03-20T08:00:00.000Z');
const credentials = { clientId: CLIENT_ID, clientSecret: CLIENT_SECRET };
const settings = () => ({
  baseUrl: `${graph.url}/v1.0`,
  tokenUrl: graph.url,
  tenantId: TENANT,
  lookbackDays: 3,
  lagDays: 2,
});
const http = () => new HttpClient({ baseDelayMs: 1, sleep: async () => undefined });

describeConnectorContract('ms-graph-reports (Microsoft Graph)', () => ({
  connector: msGraphReportsConnector,
  earlierSettings: earlierSettingsFixture(__dirname),
  corruptCheckpoints: [{ 'yammer-activity': 'yesterday' }],
  now,
  http,
  // The kit checks a resumed read re-reads nothing a checkpoint covered: without the refresh of the last days
  // (its own test below re-reads them on purpose).
  settings: { ...settings(), refreshDays: 0 },
  credentials,
  // Per day: Viva Engage 11 counts + Teams 8 (see the upload contract) = 19, x 3 days = 57.
  // Usage per day: Teams 5 people x 3 + e-mail 5 people x 3 = 30, x 3 days = 90.
  // Groups: the same 5 communities each day, yielded once per read. The concealed Teams row of each day is
  // skipped, one warning per day's file.
  expected: {
    activities: 57,
    usage: 90,
    groups: 5,
    warnings: ['2026-03-16', '2026-03-17', '2026-03-18'].map((day) => ({
      code: 'concealed-names',
      file: `teams-activity ${day}`,
      count: 1,
    })),
  },
  invalidConfig: { settings: { ...settings(), tenantId: 'not a tenant' }, field: 'settings.tenantId' },
  malformed: {
    settings: {
      ...settings(),
      baseUrl: `${graph.url}/broken/v1.0`,
      reports: ['yammer-activity'],
      lookbackDays: 1,
    },
    credentials,
    // One day (2026-03-18). Good rows: line 2 (2 records), line 5 (1 read: its refresh date column is
    // not used, the date asked for is) and line 6 (2 records) = 5 records.
    expectedActivities: 5,
    expectedProblems: [
      { file: 'yammer-activity 2026-03-18', line: 3, field: 'User Principal Name', reasonIncludes: 'empty' },
      { file: 'yammer-activity 2026-03-18', line: 4, field: 'Read Count', reasonIncludes: "'many'" },
      { file: 'yammer-activity 2026-03-18', line: 7, field: 'Liked Count', reasonIncludes: "'-2'" },
      { file: 'yammer-activity 2026-03-18', line: 8, field: 'Posted Count', reasonIncludes: 'missing' },
    ],
  },
}));

describe('ms-graph-reports against the fake Graph', () => {
  const contract = { connector: msGraphReportsConnector, now, http };
  const input = (overrides: object = {}, creds: object = credentials) => ({
    settings: { ...settings(), ...overrides },
    credentials: creds,
  });

  beforeEach(() => {
    graph.throttleNext = false;
    graph.rejectBearer = false;
    graph.reportRequests = [];
  });

  it('honours a 429 Retry-After and counts the throttled request', async () => {
    graph.throttleNext = true;
    const waits: number[] = [];
    const client = new HttpClient({ baseDelayMs: 1, sleep: async (ms) => void waits.push(ms) });
    const messages = await readAll(
      { ...contract, http: () => client },
      input({ reports: ['yammer-activity'] }),
    );
    expect(client.throttled).toBeGreaterThan(0);
    expect(waits).toEqual([1_000]);
    // The throttled day was asked again and read: 11 counts x 3 days.
    expect(messages.filter((m) => m.kind === 'activity' && m.record.count > 0)).toHaveLength(33);
  });

  it('asks one token per read, for every report and day', async () => {
    const before = graph.tokenRequests;
    await readAll(contract, input());
    expect(graph.tokenRequests - before).toBe(1);
    // 4 reports x 3 days, groups first, each oldest day first.
    expect(graph.reportRequests).toHaveLength(12);
    expect(graph.reportRequests.slice(0, 3)).toEqual([
      'getYammerGroupsActivityDetail 2026-03-16',
      'getYammerGroupsActivityDetail 2026-03-17',
      'getYammerGroupsActivityDetail 2026-03-18',
    ]);
  });

  it('resumes the day after the last day read of each report (refreshDays 1: that day again)', async () => {
    const state = { activity: { 'yammer-activity': '2026-03-17' } };
    const messages = await readAll(
      contract,
      input({ reports: ['yammer-activity', 'teams-activity'], refreshDays: 1 }),
      state,
    );
    expect(graph.reportRequests).toEqual([
      'getYammerActivityUserDetail 2026-03-17',
      'getYammerActivityUserDetail 2026-03-18',
      'getTeamsUserActivityUserDetail 2026-03-16',
      'getTeamsUserActivityUserDetail 2026-03-17',
      'getTeamsUserActivityUserDetail 2026-03-18',
    ]);
    // The checkpoints carry both reports' progress in the one 'activity' state.
    expect(messages.filter((m) => m.kind === 'checkpoint').at(-1)).toEqual({
      kind: 'checkpoint',
      stream: 'activity',
      state: { 'yammer-activity': '2026-03-18', 'teams-activity': '2026-03-18' },
    });
  });

  it('fails clearly when Entra ID refuses the client secret', async () => {
    await expect(readAll(contract, input({}, { ...credentials, clientSecret: 'wrong' }))).rejects.toThrow(
      /refused a token for tenant 'contoso\.onmicrosoft\.com'.*401/,
    );
  });

  it('fails clearly when Graph answers 401 to the bearer token', async () => {
    graph.rejectBearer = true;
    await expect(readAll(contract, input())).rejects.toThrow(
      /rejected the access token for getYammerGroupsActivityDetail\(date=2026-03-16\): 401/,
    );
  });

  it('fails before any request when credentials are missing', async () => {
    await expect(readAll(contract, input({}, {}))).rejects.toThrow(
      /credentials\.clientId, credentials\.clientSecret/,
    );
    expect(graph.reportRequests).toEqual([]);
  });

  it('reads the last refreshDays days again on every sync (Microsoft republishes them)', async () => {
    const state = { activity: { 'yammer-activity': '2026-03-18' } };
    const messages = await readAll(contract, input({ reports: ['yammer-activity'] }), state);
    // Default refreshDays 4: the three days of the window up to the last day read, again.
    expect(graph.reportRequests).toEqual([
      'getYammerActivityUserDetail 2026-03-16',
      'getYammerActivityUserDetail 2026-03-17',
      'getYammerActivityUserDetail 2026-03-18',
    ]);
    // The state never goes back to a day re-read.
    expect(messages.filter((m) => m.kind === 'checkpoint').map((m) => m.state)).toEqual([
      { 'yammer-activity': '2026-03-18' },
      { 'yammer-activity': '2026-03-18' },
      { 'yammer-activity': '2026-03-18' },
    ]);
  });

  it('fails at once, saying which setting to change, when the tenant conceals user names', async () => {
    const read = readAll(
      contract,
      input({ baseUrl: `${graph.url}/concealed/v1.0`, reports: ['teams-activity'], lookbackDays: 1 }),
    );
    await expect(read).rejects.toThrow(
      /teams-activity 2026-03-18 names its users by concealed values .*Org settings > Services > Reports/,
    );
    await expect(read).rejects.toBeInstanceOf(InputError);
  });
});

describe('ms-graph-reports: a day Graph republished, read again (real Postgres)', () => {
  let dataSource: DataSource;
  const organisations: string[] = [];
  beforeAll(async () => {
    dataSource = await createDataSource(testStoreUrls().databaseUrl).initialize();
  });
  afterAll(async () => {
    await dataSource.getRepository(Organisation).delete(organisations);
    await dataSource.destroy();
  });

  it('replaces the corrected counts of the day and counts nothing twice', async () => {
    const scope = await createScratchSource(dataSource, 'ms-graph-reports');
    organisations.push(scope.organisationId);
    const contract = { connector: msGraphReportsConnector, now, http };
    const day = (baseUrl: string) => ({
      settings: { ...settings(), baseUrl, reports: ['yammer-activity'], lookbackDays: 1 },
      credentials,
    });
    const first = await ingest(dataSource, scope, readConnector(contract, day(`${graph.url}/v1.0`)));
    expect(first).toMatchObject({ inserted: 11, updated: 0 });
    // 2026-03-18 republished: anna's posts 3 -> 4, ben's likes 2 -> 0, chloe's reads 0 -> 3.
    const second = await ingest(
      dataSource,
      scope,
      readConnector(contract, day(`${graph.url}/corrected/v1.0`)),
    );
    expect(second).toMatchObject({ inserted: 1, updated: 2, duplicates: 9 });
    const [stored]: { rows: number; total: number }[] = await dataSource.query(
      'SELECT count(*)::int AS rows, sum(count)::int AS total FROM activity_events WHERE organisation_id = $1',
      [scope.organisationId],
    );
    expect(stored).toEqual({ rows: 11, total: 73 });
  });
});
