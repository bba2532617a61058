import type { GroupView, NetworkPeopleReport, NetworkReport, SyncRunView } from '@uptake/contracts';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { artifactPath, launchChromium } from './support/browser';
import { getJson, scratchDataDir, startProductOnFreePorts, type RunningProduct } from './support/product';
import {
  DEMO_ACCOUNTS,
  demoOrganisation,
  drawnPixels,
  expectText,
  expectVisible,
  signInApi,
  signInThroughPage,
  text,
  type SessionHeaders,
} from './support/session';
import { writeEngageExport, type GeneratedEngageExport } from './support/viva-engage-export';

const DEMO = { seed: 42, people: 2000 };
const SOURCE_NAME = 'Viva Engage network export (e2e)';
/** The cell-key method moves a count by at most this much (README "Privacy"). */
const PERTURBATION = 2;

/**
 * Issue 14, "Done when": a Viva Engage network data export of people of the demo directory, uploaded through
 * the dashboard by the connector maintainer, then its network on the adoption page. The export lies before
 * the demo's own activity (it starts 2026-01-05), so the period of the export holds its messages only.
 */
describe('Viva Engage export: upload on /connectors, its network on /adoption', () => {
  let dataDir: string;
  let zipDir: string;
  let product: RunningProduct | undefined;
  let browser: Browser | undefined;
  let generated: GeneratedEngageExport;
  let organisationUrl: string;
  const errors: string[] = [];

  beforeAll(async () => {
    dataDir = scratchDataDir();
    zipDir = fs.mkdtempSync(path.join(os.tmpdir(), 'uptake-e2e-engage-'));
    generated = await writeEngageExport(path.join(zipDir, 'network-export.zip'), {
      demo: DEMO,
      departments: ['Marketing', 'Sales', 'IT', 'Operations'],
      firstDay: '2025-11-03',
    });
    product = await startProductOnFreePorts({
      dataDir,
      env: { DEMO_SEED: String(DEMO.seed), DEMO_PEOPLE: String(DEMO.people) },
    });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await product?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
    if (zipDir) fs.rmSync(zipDir, { recursive: true, force: true });
  });

  it('the connector maintainer uploads the export through the dashboard and follows its run', async () => {
    const base = product!.baseUrl;
    const headers = await signInApi(base, DEMO_ACCOUNTS.connectors);
    organisationUrl = (await demoOrganisation(base, headers)).url;
    // Created through the API with the maintainer's session: the settings form is being rebuilt (A2), the
    // upload below is the part that goes through the dashboard.
    const sourceId = await createSource(organisationUrl, headers);

    const page = await signedInPage(browser!, `${base}/connectors`, DEMO_ACCOUNTS.connectors, errors);
    const row = page.getByTestId(`source-row-${SOURCE_NAME}`);
    await expectText(row.getByTestId('last-sync'), 'never', 30_000);
    await row.getByTestId('upload-input').setInputFiles(path.join(zipDir, 'network-export.zip'));
    const panel = page.getByTestId('follow-panel');
    await expectVisible(panel);
    await expectText(panel.getByTestId('follow-status'), 'Succeeded', 90_000);

    const { body: runs } = await getJson<SyncRunView[]>(`${organisationUrl}/sources/${sourceId}/sync-runs`, {
      headers,
    });
    expect(runs).toEqual([
      expect.objectContaining({
        status: 'succeeded',
        trigger: 'upload',
        recordsInserted: generated.activities,
        recordsQuarantined: 0,
      }),
    ]);
    expect(await text(panel.getByTestId('follow-read'))).toBe(runs[0].recordsRead.toLocaleString('en-US'));
    expect(await text(panel.getByTestId('follow-inserted'))).toBe(
      generated.activities.toLocaleString('en-US'),
    );
    expect(await text(panel.getByTestId('follow-quarantined'))).toBe('0');
    await expectText(row.getByTestId('last-inserted'), generated.activities.toLocaleString('en-US'));
    await page.screenshot({ path: artifactPath('viva-engage-upload-1280.png'), fullPage: true });
    await page.close();
  });

  it('an admin sees the export network on /adoption over its period, and its communities in the filter', async () => {
    const base = product!.baseUrl;
    const headers = await signInApi(base, DEMO_ACCOUNTS.admin);
    const range = `from=${generated.firstDay}&to=${generated.lastDay}`;

    // The communities the export created: public ones by name, the private one never by its name.
    const { body: groups } = await getJson<GroupView[]>(`${organisationUrl}/groups`, { headers });
    const names = groups.map((g) => g.name);
    for (const community of generated.communities.public) expect(names).toContain(community.name);
    expect(names).not.toContain(generated.communities.private.name);
    expect(names).toContain('Private community');

    // The period holds the export's messages only: the API's network against what was generated.
    const network = await kpi<NetworkReport>(organisationUrl, `network?${range}`, headers);
    expectNear(network.summary.people, generated.people.length);
    // Interactions are a magnitude: moved by up to the largest one person's share of them (README "Privacy").
    expectNear(network.summary.interactions, generated.interactions, generated.interactionsPerPerson);
    expect(network.crossing.department.share).not.toBeNull();
    expect(
      Math.abs(network.crossing.department.share! - generated.crossingInteractions / generated.interactions),
    ).toBeLessThan(0.05);
    const departments = [...new Set(generated.people.map((p) => p.departmentName))].sort();
    expect(network.units.map((u) => u.name).sort()).toEqual(departments);
    for (const unit of network.units) expectNear(unit.people, generated.people.length / departments.length);
    const people = await kpi<NetworkPeopleReport>(organisationUrl, `network/people?${range}`, headers);
    expect(people.champions.length).toBeGreaterThan(0);

    // The page, with the export's period chosen in the shared filter bar.
    const page = await signedInPage(browser!, `${base}/adoption`, DEMO_ACCOUNTS.admin, errors);
    await choosePeriod(page, generated);
    await expectNetworkShows(page, network, people);
    // The filter bar offers the export's public communities, never the private one's name.
    const communities = page.getByTestId('filter-group').locator('optgroup[label="Communities"] option');
    const offered = (await communities.allTextContents()).map((name) => name.trim());
    for (const community of generated.communities.public) expect(offered).toContain(community.name);
    expect(offered).not.toContain(generated.communities.private.name);
    await page.screenshot({ path: artifactPath('viva-engage-adoption-1280.png'), fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  });

  /*
   * A Viva Engage export has no membership list: the connector infers a community's members from who took part
   * (see its README), so a community filter narrows the figures to them.
   */
  it('an admin filters /adoption on one Viva Engage community and sees its network', async () => {
    const base = product!.baseUrl;
    const headers = await signInApi(base, DEMO_ACCOUNTS.admin);
    const range = `from=${generated.firstDay}&to=${generated.lastDay}`;
    const { body: groups } = await getJson<GroupView[]>(`${organisationUrl}/groups`, { headers });
    const community = generated.communities.public[0];
    const group = groups.find((g) => g.name === community.name && g.kind === 'community')!;
    const expected = generated.perCommunity.get(community.id)!;

    const network = await kpi<NetworkReport>(
      organisationUrl,
      `network?${range}&groupId=${group.id}`,
      headers,
    );
    expectNear(network.summary.people, expected.people);
    const people = await kpi<NetworkPeopleReport>(
      organisationUrl,
      `network/people?${range}&groupId=${group.id}`,
      headers,
    );
    expect(people.champions.length).toBeGreaterThan(0);

    const page = await signedInPage(browser!, `${base}/adoption`, DEMO_ACCOUNTS.admin, []);
    await choosePeriod(page, generated);
    const groupSelect = page.getByTestId('filter-group');
    await groupSelect.locator(`option[value="${group.id}"]`).waitFor({ state: 'attached', timeout: 15_000 });
    await groupSelect.selectOption(group.id);
    await page.waitForURL(new RegExp(`group=${group.id}`));
    await expectNetworkShows(page, network, people);
    await page.close();
  });
});

/** A figure the API perturbed (cell-key: a count by at most ±2) next to the generated one. */
function expectNear(figure: number | null, generated: number, noise = PERTURBATION): void {
  expect(figure).not.toBeNull();
  expect(Math.abs(figure! - generated)).toBeLessThanOrEqual(noise);
}

/** Sets the filter bar's period to the export's days. */
async function choosePeriod(page: Page, generated: GeneratedEngageExport): Promise<void> {
  await page.getByTestId('filter-from').fill(generated.firstDay);
  await page.waitForURL(new RegExp(`from=${generated.firstDay}`));
  await page.getByTestId('filter-to').fill(generated.lastDay);
  await page.waitForURL(new RegExp(`to=${generated.lastDay}`));
}

/** The network section shows the API's figures: people, crossing share, the unit graph and champions. */
async function expectNetworkShows(
  page: Page,
  network: NetworkReport,
  people: NetworkPeopleReport,
): Promise<void> {
  const section = page.getByTestId('network');
  await expectText(
    section.getByTestId('network-people'),
    network.summary.people!.toLocaleString('en-US'),
    30_000,
  );
  expect(await text(section.getByTestId('crossing-department').getByTestId('crossing-share'))).toBe(
    `${(network.crossing.department.share! * 100).toFixed(1)}%`,
  );
  expect(await section.getByTestId('network-units').locator('tbody tr').count()).toBe(network.units.length);
  expect(await drawnPixels(section.getByTestId('network-graph'))).toBeGreaterThan(1_000);
  const champions = section.getByTestId('champions').locator('tbody tr code');
  await expectVisible(champions.first());
  expect(await champions.count()).toBe(people.champions.length);
}

async function createSource(organisationUrl: string, headers: SessionHeaders): Promise<string> {
  const response = await fetch(`${organisationUrl}/sources`, {
    method: 'POST',
    headers: { ...headers, 'content-type': 'application/json' },
    body: JSON.stringify({ name: SOURCE_NAME, connectorType: 'viva-engage-export', settings: {} }),
  });
  const body = (await response.json()) as { id: string };
  expect(response.status).toBe(201);
  return body.id;
}

async function kpi<T>(organisationUrl: string, report: string, headers: SessionHeaders): Promise<T> {
  const { status, body } = await getJson<T>(`${organisationUrl}/kpis/${report}`, { headers });
  expect(status).toBe(200);
  return body;
}

async function signedInPage(
  browser: Browser,
  url: string,
  account: { email: string; password: string },
  errors: string[],
): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(url);
  await signInThroughPage(page, account);
  return page;
}
