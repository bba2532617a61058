import type { NetworkReport } from '@uptake/contracts';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { artifactPath, launchChromium } from './support/browser';
import {
  getJson,
  scratchDataDir,
  startProductOnFreePorts,
  WORKSPACE_ROOT,
  type ProductPorts,
  type RunningProduct,
} from './support/product';
import { expectText, expectVisible, signInApi, type SessionHeaders } from './support/session';

const ADMIN = { email: 'admin@hostile.test', password: 'the hostile test admin' };
const ANALYST = { email: 'analyst@hostile.test', password: 'chosen by the analyst' };
const IMG_NAME = '<img src=x onerror="window.__xss=1">';
const BIG_NAME = '<span style="font-size:40px">Big</span>';

interface SyncRun {
  id: string;
  status: string;
  error: string | null;
}

/**
 * A fresh organisation (no demo) run by an operator-created admin: a colleague joins through the invitation
 * e-mail (read from the outbox, as the operator would), and org units with markup in their names must show
 * as text in the dashboard's HTML tooltips, never as markup.
 */
describe('accounts and hostile names in the browser', () => {
  let dataDir: string;
  let ports: ProductPorts;
  let product: RunningProduct | undefined;
  let browser: Browser | undefined;
  let admin: SessionHeaders;
  let organisationUrl: string;

  beforeAll(async () => {
    dataDir = scratchDataDir();
    product = await startProductOnFreePorts({ dataDir, env: { LOAD_DEMO: 'false' } });
    ports = product.ports;
    browser = await launchChromium();
    const created = spawnSync(
      process.execPath,
      [
        'scripts/run-ts.cjs',
        'apps/api/src/cli/create-admin.ts',
        '--email',
        ADMIN.email,
        '--organisation',
        'hostile',
        '--name',
        'Hostile Names Ltd',
      ],
      {
        cwd: WORKSPACE_ROOT,
        encoding: 'utf8',
        env: {
          ...process.env,
          NODE_OPTIONS: '',
          DATABASE_URL: '',
          UPTAKE_DATA_DIR: dataDir,
          EMBEDDED_POSTGRES_PORT: String(ports.postgres),
          UPTAKE_ADMIN_PASSWORD: ADMIN.password,
        },
      },
    );
    expect(created.stderr).toBe('');
    expect(created.status).toBe(0);
    admin = await signInApi(product.baseUrl, ADMIN);
    const { body } = await getJson<{ id: string; slug: string }[]>(`${product.baseUrl}/api/organisations`, {
      headers: admin,
    });
    organisationUrl = `${product.baseUrl}/api/organisations/${body.find((o) => o.slug === 'hostile')!.id}`;
  });

  afterAll(async () => {
    await browser?.close();
    await product?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('an invited colleague opens the e-mailed link, chooses a password and is signed in', async () => {
    const invited = await getJson<Record<string, unknown>>(`${organisationUrl}/members`, {
      method: 'POST',
      headers: { ...admin, 'content-type': 'application/json' },
      body: JSON.stringify({ email: ANALYST.email, role: 'change_manager' }),
    });
    expect(invited.status).toBe(202);
    expect(JSON.stringify(invited.body)).not.toMatch(/upi_/);
    // no SMTP_URL: the message is in the outbox, for the operator to pass on
    const outbox = path.join(dataDir, 'outbox');
    const [file] = fs.readdirSync(outbox);
    expect(product!.output()).toContain(path.join(outbox, file));
    const link = quotedPrintable(fs.readFileSync(path.join(outbox, file), 'utf8')).match(
      /http:\/\/\S+\/invitation#token=upi_[A-Za-z0-9_-]{43}/,
    )?.[0];
    expect(link).toBeDefined();

    const page = await browser!.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(link!);
    await expectText(
      page.getByTestId('invitation-summary'),
      `Join Hostile Names Ltd as change manager with ${ANALYST.email}.`,
    );
    expect(page.url()).not.toContain('token'); // dropped from the address bar and the history
    await page.getByTestId('invitation-password').fill(ANALYST.password);
    await page.getByTestId('invitation-repeat').fill(ANALYST.password);
    await page.getByTestId('invitation-accept').click();
    await page.waitForURL(/\/overview/);
    // signed in: the session works, and the link does not work a second time
    const me = await page.request.get(`${product!.baseUrl}/api/auth/me`);
    expect(((await me.json()) as { email: string }).email).toBe(ANALYST.email);
    await page.goto(link!);
    await expectText(
      page.getByTestId('error-banner'),
      'This invitation link is not valid: it was used, revoked or has expired. Ask for a new one.',
    );
    await page.close();
  });

  it('shows org unit names with markup as text in the network graph tooltip and table', async () => {
    await importHostileDirectoryAndActivity(organisationUrl, admin);
    const network = await waitForUnits(organisationUrl, admin);
    expect(network.units.map((unit) => unit.name).sort()).toEqual([BIG_NAME, IMG_NAME].sort());

    const page = await browser!.newPage({ viewport: { width: 1280, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${product!.baseUrl}/login`);
    await page.getByTestId('login-email').fill(ANALYST.email);
    await page.getByTestId('login-password').fill(ANALYST.password);
    await page.getByTestId('login-submit').click();
    await page.waitForURL(/\/overview/);
    await page.goto(`${product!.baseUrl}/adoption`);
    const table = page.getByTestId('network-units');
    await expectVisible(table, 30_000);
    await expectVisible(table.getByText(IMG_NAME, { exact: true }));
    await expectVisible(table.getByText(BIG_NAME, { exact: true }));

    const tooltips = await hoverUntilTooltips(page, [IMG_NAME, BIG_NAME]);
    // (the count may be perturbed for privacy, or hidden)
    for (const name of [IMG_NAME, BIG_NAME]) {
      expect(tooltips.find((text) => text.startsWith(name))).toMatch(/^.+: (\d+ people|hidden)$/);
    }
    await page.screenshot({ path: artifactPath('hostile-names-tooltip.png') });

    const injected = await page.evaluate(() => ({
      xss: (window as unknown as { __xss?: number }).__xss,
      images: document.querySelectorAll('[data-testid="network-graph"] img').length,
      big: [...document.querySelectorAll('body *')].filter((e) => getComputedStyle(e).fontSize === '40px')
        .length,
    }));
    expect(injected).toEqual({ xss: undefined, images: 0, big: 0 });
    expect(errors).toEqual([]);
  });
});

/** Six people in each of two units whose names are markup, who reply to each other across the units. */
async function importHostileDirectoryAndActivity(
  organisationUrl: string,
  headers: SessionHeaders,
): Promise<void> {
  const people = [1, 2, 3, 4, 5, 6].flatMap((i) => [
    { id: `img${i}@hostile.test`, unit: 'u-img', name: IMG_NAME },
    { id: `big${i}@hostile.test`, unit: 'u-big', name: BIG_NAME },
  ]);
  const csvField = (value: string) => `"${value.replace(/"/g, '""')}"`;
  const directory = [
    'person_id,org_unit_id,org_unit_name',
    ...people.map((person) => [person.id, person.unit, csvField(person.name)].join(',')),
  ].join('\n');
  const day = new Date(Date.now() - 3 * 86_400_000).toISOString().slice(0, 10);
  const activity = ['external_id,occurred_at,actor_id,type,target_id'];
  [1, 2, 3, 4, 5, 6].forEach((i) => {
    const [a, b] = [`img${i}@hostile.test`, `big${i}@hostile.test`];
    activity.push(`p-a-${i},${day}T09:0${i}:00Z,${a},post,`);
    activity.push(`p-b-${i},${day}T10:0${i}:00Z,${b},post,`);
    activity.push(`r-ab-${i},${day}T11:0${i}:00Z,${a},reply,${b}`);
    activity.push(`r-ba-${i},${day}T12:0${i}:00Z,${b},reply,${a}`);
  });
  await uploadThroughNewSource(organisationUrl, headers, 'directory-csv', 'directory.csv', directory);
  await uploadThroughNewSource(organisationUrl, headers, 'csv', 'activity.csv', activity.join('\n'));
}

async function uploadThroughNewSource(
  organisationUrl: string,
  headers: SessionHeaders,
  connectorType: string,
  filename: string,
  content: string,
): Promise<void> {
  const source = await getJson<{ id: string }>(`${organisationUrl}/sources`, {
    method: 'POST',
    headers: { ...headers, 'content-type': 'application/json' },
    body: JSON.stringify({ name: filename, connectorType }),
  });
  expect(source.status).toBe(201);
  const uploaded = await getJson<SyncRun>(
    `${organisationUrl}/sources/${source.body.id}/uploads?filename=${filename}`,
    { method: 'POST', headers: { ...headers, 'content-type': 'application/octet-stream' }, body: content },
  );
  expect(uploaded.status).toBe(202);
  let run = uploaded.body;
  const deadline = Date.now() + 60_000;
  while (!['succeeded', 'failed'].includes(run.status) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 300));
    run = (await getJson<SyncRun>(`${organisationUrl}/sync-runs/${run.id}`, { headers })).body;
  }
  expect({ filename, status: run.status, error: run.error }).toEqual({
    filename,
    status: 'succeeded',
    error: null,
  });
}

/** The worker refreshes the KPI rollups after a sync: wait until the network report has both units. */
async function waitForUnits(organisationUrl: string, headers: SessionHeaders): Promise<NetworkReport> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const { status, body } = await getJson<NetworkReport>(`${organisationUrl}/kpis/network`, { headers });
    if (status === 200 && body.units.length === 2) return body;
    if (Date.now() > deadline)
      throw new Error(`network report never had the two units: ${JSON.stringify(body)}`);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
}

/**
 * Moves the mouse over the network graph's canvas (a grid of points) until the tooltip has shown each of
 * `names`; returns the tooltip texts seen. ECharts draws the tooltip as an HTML element inside the chart.
 */
async function hoverUntilTooltips(page: Page, names: string[]): Promise<string[]> {
  const chart = page.getByTestId('network-graph');
  const canvas = chart.locator('canvas').first();
  await canvas.waitFor({ state: 'visible', timeout: 30_000 });
  await canvas.scrollIntoViewIfNeeded();
  await page.waitForTimeout(800);
  const box = (await canvas.boundingBox())!;
  const seen = new Set<string>();
  for (let y = box.y + 10; y < box.y + box.height; y += 12) {
    for (let x = box.x + 10; x < box.x + box.width; x += 12) {
      await page.mouse.move(x, y);
      const texts = await chart.evaluate((element) =>
        [...element.querySelectorAll('div')]
          .filter(
            (div) =>
              div.style.position === 'absolute' &&
              div.style.display !== 'none' &&
              !div.querySelector('canvas'),
          )
          .map((div) => (div.textContent ?? '').trim())
          .filter(Boolean),
      );
      texts.forEach((text) => seen.add(text));
      if (names.every((name) => [...seen].some((text) => text.startsWith(name)))) return [...seen];
    }
  }
  await page.screenshot({ path: artifactPath('hostile-names-no-tooltip.png') });
  const html = await chart.evaluate((element) => element.outerHTML.slice(0, 3_000));
  throw new Error(`tooltips seen: ${JSON.stringify([...seen])}; the chart: ${html}`);
}

function quotedPrintable(raw: string): string {
  return raw
    .replace(/=\r?\n/g, '')
    .replace(/=([0-9A-F]{2})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}
