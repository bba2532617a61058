import type { HealthReport, OrganisationSummary } from '@uptake/contracts';
import * as fs from 'node:fs';
import { spawnSync } from 'node:child_process';
import { isPortOpen } from '@uptake/infra-embedded';
import type { Browser } from 'playwright-core';
import { artifactPath, launchChromium } from './support/browser';
import {
  getJson,
  scratchDataDir,
  startProduct,
  startProductOnFreePorts,
  WORKSPACE_ROOT,
  type ProductPorts,
  type RunningProduct,
} from './support/product';
import {
  DEMO_ACCOUNTS,
  demoOrganisation,
  drawnPixels,
  expectFitsTablet,
  expectText,
  signInApi,
  signInThroughPage,
} from './support/session';

interface SyncRun {
  id: string;
  status: string;
  recordsRead: number;
  recordsInserted: number;
  recordsDuplicate: number;
}

describe('the product started like `npm start`', () => {
  let dataDir: string;
  let ports: ProductPorts;
  let product: RunningProduct | undefined;
  let browser: Browser | undefined;

  beforeAll(async () => {
    dataDir = scratchDataDir();
    product = await startProductOnFreePorts({ dataDir });
    ports = product.ports;
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await product?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('printed the URLs and loaded the demo organisation through a sync run', () => {
    expect(product!.output()).toContain(`Dashboard  ${product!.baseUrl}/`);
    expect(product!.output()).toContain(`API docs   ${product!.baseUrl}/api/docs`);
    expect(product!.output()).toMatch(/demo organisation loaded: [1-9]\d* new events/);
  });

  it('reports Postgres and Redis up on /api/health', async () => {
    const { status, body } = await getJson<HealthReport>(`${product!.baseUrl}/api/health`);
    expect(status).toBe(200);
    expect(body.components.postgres.status).toBe('up');
    expect(body.components.redis.status).toBe('up');
  });

  it('processes a sync queued through the API in the worker (incremental: a re-sync stores nothing new)', async () => {
    const base = product!.baseUrl;
    const headers = await signInApi(base, DEMO_ACCOUNTS.connectors);
    const { organisation: demo, url: organisationUrl } = await demoOrganisation(base, headers);
    expect(demo.people).toBeGreaterThan(1500);
    const { body: sources } = await getJson<{ id: string; connectorType: string }[]>(
      `${organisationUrl}/sources`,
      {
        headers,
      },
    );
    const source = sources.find((s) => s.connectorType === 'demo')!;
    const queued = await getJson<SyncRun>(`${organisationUrl}/sources/${source.id}/sync`, {
      method: 'POST',
      headers,
    });
    expect(queued.status).toBe(202);
    let run = queued.body;
    const deadline = Date.now() + 120_000;
    while (!['succeeded', 'failed'].includes(run.status) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      run = (await getJson<SyncRun>(`${organisationUrl}/sync-runs/${run.id}`, { headers })).body;
    }
    expect(run.status).toBe('succeeded');
    expect(run.recordsInserted).toBe(0);
  });

  it('ingests an uploaded CSV in the worker, quarantining the bad row with its line and field', async () => {
    const base = product!.baseUrl;
    const headers = await signInApi(base, DEMO_ACCOUNTS.connectors);
    const { url: organisationUrl } = await demoOrganisation(base, headers);
    const created = await getJson<{ id: string }>(`${organisationUrl}/sources`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Intranet CSV', connectorType: 'csv' }),
    });
    expect(created.status).toBe(201);
    // Dated inside the demo's half-year, so the overview's default range (ending on the last active day) stays put.
    const csv = [
      'external_id,occurred_at,actor_id,type,group_id',
      'e2e-1,2026-03-02T09:00:00Z,ann@example.com,post,intranet',
      'e2e-2,2026-03-02T09:05:00Z,bob@example.com,reply,intranet',
      'e2e-3,not-a-date,cy@example.com,post,intranet',
      'e2e-4,2026-03-02T10:00:00Z,cy@example.com,reaction,intranet',
    ].join('\n');
    const uploaded = await getJson<SyncRun>(
      `${organisationUrl}/sources/${created.body.id}/uploads?filename=intranet.csv`,
      { method: 'POST', headers: { ...headers, 'content-type': 'application/octet-stream' }, body: csv },
    );
    expect(uploaded.status).toBe(202);
    let run = uploaded.body;
    const deadline = Date.now() + 60_000;
    while (!['succeeded', 'failed'].includes(run.status) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 300));
      run = (await getJson<SyncRun>(`${organisationUrl}/sync-runs/${run.id}`, { headers })).body;
    }
    expect(run).toMatchObject({ status: 'succeeded', recordsInserted: 3, recordsQuarantined: 1 });
    const { body: problems } = await getJson<{ file: string; line: number; field: string; reason: string }[]>(
      `${organisationUrl}/sync-runs/${run.id}/quarantined-records`,
      { headers },
    );
    expect(problems).toEqual([
      expect.objectContaining({ file: 'intranet.csv', line: 4, field: 'occurred_at' }),
    ]);
  });

  it('signs in an executive and renders the daily-activity chart in Chromium', async () => {
    const page = await browser!.newPage({ viewport: { width: 1280, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${product!.baseUrl}/`);
    // not signed in: the sign-in page, which refuses a wrong password with the server's message
    await signInThroughPage(page, { ...DEMO_ACCOUNTS.executive, password: 'wrong password' });
    await expectText(page.getByTestId('error-banner'), 'E-mail or password is wrong');
    await signInThroughPage(page, DEMO_ACCOUNTS.executive);
    expect(await drawnPixels(page.getByTestId('daily-activity-chart'))).toBeGreaterThan(1_000);
    expect(
      Number((await page.getByTestId('headline-peak').textContent())?.replace(/\D/g, '')),
    ).toBeGreaterThan(100);
    await page.screenshot({ path: artifactPath('overview-1280.png'), fullPage: true });
    // tablet width: the chart follows its container and nothing scrolls sideways
    await expectFitsTablet(page);
    await page.screenshot({ path: artifactPath('overview-768.png'), fullPage: true });
    expect(errors).toEqual([]);

    // the range lives in the URL: a bad one shows the server's message, not a blank page
    await page.goto(`${product!.baseUrl}/?from=2026-03-10&to=2026-03-01`);
    await expectText(
      page.getByTestId('daily-activity').getByTestId('error-banner'),
      'from (2026-03-10) must not be after to (2026-03-01)',
    );
    await page.close();
  });

  it('stops what it started on Ctrl-C, and a second start reuses the data', async () => {
    const code = await product!.stop();
    expect(code).toBe(0);
    expect(await isPortOpen(ports.postgres)).toBe(false);
    expect(await isPortOpen(ports.redis)).toBe(false);
    expect(await isPortOpen(ports.api)).toBe(false);

    product = await startProduct({ dataDir, ports });
    expect(product.output()).not.toContain('demo organisation loaded');
    expect(product.output()).not.toContain('applied migrations');
    const headers = await signInApi(product.baseUrl, DEMO_ACCOUNTS.admin);
    const { body: organisations } = await getJson<OrganisationSummary[]>(
      `${product.baseUrl}/api/organisations`,
      {
        headers,
      },
    );
    expect(organisations.filter((o) => o.slug === 'demo')).toHaveLength(1);
  });
});

describe('configuration validation at start', () => {
  it('refuses a malformed DATABASE_URL with a message naming it', () => {
    const result = spawnSync(process.execPath, ['scripts/run-ts.cjs', 'infra/launcher/src/main.ts'], {
      cwd: WORKSPACE_ROOT,
      env: { ...process.env, NODE_OPTIONS: '', DATABASE_URL: 'postgres//missing-colon' },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('DATABASE_URL: must be a URL like postgres://');
  });
});
