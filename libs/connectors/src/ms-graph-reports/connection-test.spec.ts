import { HttpClient } from '@uptake/connector-sdk';
import { testMsGraphReportsConnection } from './connection-test';
import { msGraphReportsSettings } from './settings';

const credentials = { clientId: '6f1c2a9e-4b7d-4e3a-9c51-2d8e7f0a1b34', clientSecret: 'secret' };

function run(settings: object, creds: object, reportStatus = 200) {
  const requests: string[] = [];
  let cancelled = false;
  const fetch = (async (input: string | URL | Request) => {
    const url = new URL(String(input));
    if (url.hostname === 'login.example.test') return Response.json({ access_token: 't', expires_in: 3600 });
    requests.push(decodeURIComponent(url.pathname));
    const body = new ReadableStream({
      pull: (controller) =>
        controller.enqueue(new TextEncoder().encode('Report Refresh Date,User Principal Name\n')),
      cancel: () => void (cancelled = true),
    });
    return new Response(reportStatus === 200 ? body : '{}', { status: reportStatus });
  }) as typeof globalThis.fetch;
  const checks = testMsGraphReportsConnection({
    settings: msGraphReportsSettings.parse(settings),
    credentials: creds,
    http: new HttpClient({ fetch, maxRetries: 0 }),
    signal: new AbortController().signal,
    now: () => new Date('2026-03-20T10:00:00Z'),
  });
  return { checks, requests, cancelled: () => cancelled };
}

const graph = {
  baseUrl: 'https://graph.example.test/v1.0',
  tokenUrl: 'https://login.example.test',
  tenantId: 'contoso.onmicrosoft.com',
};

describe('ms-graph-reports connection test', () => {
  it('asks for the first configured report on the newest day a sync reads, and drops the download', async () => {
    const test = run({ ...graph, reports: ['teams-activity'], lagDays: 3 }, credentials);
    expect((await test.checks).map((c) => [c.check, c.ok])).toEqual([
      ['credentials', true],
      ['Reports.Read.All', true],
    ]);
    expect(test.requests).toEqual(['/v1.0/reports/getTeamsUserActivityUserDetail(date=2026-03-17)']);
    expect(test.cancelled()).toBe(true);
  });

  it('names Reports.Read.All when Graph answers 403', async () => {
    const [, reports] = await run(graph, credentials, 403).checks;
    expect(reports).toMatchObject({ ok: false, missingPermission: 'Reports.Read.All' });
  });

  it('an upload-only source (no tenant, no app) fails the credentials check naming the fields', async () => {
    const test = run({}, {});
    expect(await test.checks).toEqual([
      {
        check: 'credentials',
        ok: false,
        message: expect.stringContaining('settings.tenantId, credentials.clientId, credentials.clientSecret'),
        missingPermission: null,
      },
    ]);
    expect(test.requests).toEqual([]);
  });
});
