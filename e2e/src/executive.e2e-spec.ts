import type {
  AdoptionReport,
  GoalView,
  OrganisationSummary,
  OrgUnitView,
  RolloutPlanView,
} from '@uptake/contracts';
import * as fs from 'node:fs';
import { request, type Browser, type Locator, type Page } from 'playwright-core';
import { artifactPath, launchChromium } from './support/browser';
import { freePorts, scratchDataDir, startProduct, type RunningProduct } from './support/product';

/**
 * An executive's path: sign in, read the overview (adoption figures, goals and their value, the rollout),
 * then narrow it by date range and org unit. Every figure checked in the page is compared with what the API
 * answers for the same query, so the test fails if the page shows something else than the data.
 */
describe('executive overview', () => {
  let dataDir: string;
  let product: RunningProduct | undefined;
  let browser: Browser | undefined;
  let page: Page;
  let organisation: OrganisationSummary;
  const errors: string[] = [];

  const api = (path: string) => `${product!.baseUrl}/api/organisations/${organisation.id}/${path}`;
  /** The API's answer with the browser's session (the executive's cookie). */
  async function get<T>(path: string): Promise<{ status: number; body: T }> {
    const response = await page.request.get(api(path));
    return { status: response.status(), body: (await response.json()) as T };
  }
  const digits = async (locator: Locator) => Number((await locator.textContent())?.replace(/\D/g, ''));
  const figure = (key: string) => page.getByTestId(`figure-${key}`).getByTestId('figure-value');

  beforeAll(async () => {
    dataDir = scratchDataDir();
    product = await startProduct({ dataDir, ports: await freePorts() });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on('pageerror', (error) => errors.push(error.message));
  });

  afterAll(async () => {
    await browser?.close();
    await product?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('signs in as the executive and lands on the overview', async () => {
    await page.goto(`${product!.baseUrl}/`);
    await page.getByTestId('login-email').fill('executive@demo.uptake.local');
    await page.getByTestId('login-password').fill('uptake-demo-executive');
    await page.getByTestId('login-submit').click();
    await page.waitForURL(/\/overview/);
    const organisations = (await page.request.get(`${product!.baseUrl}/api/organisations`)).json();
    organisation = ((await organisations) as OrganisationSummary[]).find((o) => o.slug === 'demo')!;
    expect(organisation).toBeDefined();
  });

  it('shows the adoption headline the API computes for the same query', async () => {
    const { body: report } = await get<AdoptionReport>('kpis/adoption?granularity=week');
    const latest = report.points.at(-1)!;
    await figure('eligible').waitFor({ timeout: 30_000 });
    expect(latest.eligible).toBeGreaterThan(1500);
    expect(await digits(figure('eligible'))).toBe(latest.eligible);
    expect(await digits(figure('activated'))).toBe(latest.activated);
    expect(await digits(figure('weeklyActive'))).toBe(latest.weeklyActive);
    expect(await page.getByTestId('figure-adoptionRate').getByTestId('figure-value').textContent()).toContain(
      `${Math.round(latest.adoptionRate! * 1000) / 10}%`,
    );
    // the range is long enough (13 weeks by default) to compare with 4 weeks earlier
    expect(await page.getByTestId('figure-eligible').getByTestId('figure-change').count()).toBe(1);
    await expectDrawn(page.getByTestId('adoption-target-chart'));
  });

  it("lists the business goals with the API's status and the total annual value", async () => {
    let { body: goals } = await get<GoalView[]>('goals');
    if (goals.length === 0) {
      // Until the launcher seeds demo goals, an admin sets one, as a real admin would.
      await createGoalAsAdmin(product!.baseUrl, organisation.id);
      await page.reload();
      goals = (await get<GoalView[]>('goals')).body;
    }
    const rows = page.getByTestId('goals').getByTestId('goal');
    await rows.first().waitFor({ timeout: 30_000 });
    expect(await rows.count()).toBe(goals.length);
    expect(await rows.getByTestId('goal-name').allTextContents()).toEqual(goals.map((g) => g.name));
    const labels = {
      achieved: 'Achieved',
      'on-track': 'On track',
      'at-risk': 'At risk',
      'off-track': 'Off track',
    };
    expect((await rows.getByTestId('goal-status').allTextContents()).map((s) => s.trim())).toEqual(
      goals.map((g) => labels[g.progress.status as keyof typeof labels] ?? 'No data'),
    );
    const valued = goals.filter((g) => g.annualValue !== null);
    expect(valued.length).toBeGreaterThan(0);
    const euros = valued
      .filter((g) => g.annualValue!.currency === 'EUR')
      .reduce((sum, g) => sum + g.annualValue!.amount, 0);
    expect(await digits(page.getByTestId('annual-value-amount').first())).toBe(Math.round(euros));
  });

  it('shows the rollout plan, or says on its card why it cannot', async () => {
    const { status, body } = await get<RolloutPlanView[]>('rollouts');
    const card = page.getByTestId('rollout-timeline');
    if (status === 200 && body.length > 0) {
      const plan = body.find((p) => p.status === 'active') ?? body[0];
      await card.getByTestId('phase').first().waitFor();
      expect(await card.getByTestId('phase').count()).toBe(plan.phases.length);
      expect(await card.textContent()).toContain(plan.name);
    } else if (status === 200) {
      await expectText(card.getByTestId('empty-state'), 'No rollout plan yet.');
    } else {
      // PENDING(rollouts endpoint): the endpoint is not there or refuses executives; the card says so.
      await card.getByTestId('error-banner').waitFor();
    }
    await page.screenshot({ path: artifactPath('executive-overview-1280.png'), fullPage: true });
  });

  it('narrows the figures to an earlier end date through the URL', async () => {
    const { body: before } = await get<AdoptionReport>('kpis/adoption?granularity=week');
    const to = addDays(before.scope.to, -28);
    await page.getByTestId('filter-to').fill(to);
    await page.waitForURL(new RegExp(`to=${to}`));
    const { body: report } = await get<AdoptionReport>(`kpis/adoption?granularity=week&to=${to}`);
    const expected = report.points.at(-1)!.activated!;
    expect(expected).not.toBe(before.points.at(-1)!.activated); // the demo keeps adopting: it must move
    await eventually(() => digits(figure('activated')), expected);
    // a reload (or a shared link) shows the same view
    await page.reload();
    await eventually(() => digits(figure('activated')), expected, 30_000);
  });

  it('narrows the population to one org unit through the URL', async () => {
    const select = page.getByTestId('filter-org-unit');
    const { status, body: units } = await get<OrgUnitView[]>('org-units');
    if (status !== 200) {
      // PENDING(org-units endpoint): until GET /org-units exists the select says so and stays disabled.
      await expectText(select, 'Org units unavailable');
      return;
    }
    const unit = units.filter((u) => u.parentId !== null && (u.people ?? 0) >= organisation.minGroupSize)[0];
    await eventually(() => select.isEnabled(), true);
    await select.selectOption(unit.id);
    await page.waitForURL(new RegExp(`orgUnit=${unit.id}`));
    const to = new URL(page.url()).searchParams.get('to');
    const { body: report } = await get<AdoptionReport>(
      `kpis/adoption?granularity=week&to=${to}&orgUnitId=${unit.id}`,
    );
    const eligible = report.points.at(-1)!.eligible!;
    expect(eligible).toBeLessThan(organisation.people);
    await eventually(() => digits(figure('eligible')), eligible);
  });

  it('fits a tablet without sideways scrolling, without page errors', async () => {
    await page.setViewportSize({ width: 768, height: 1024 });
    await page.waitForTimeout(800);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(768);
    await page.screenshot({ path: artifactPath('executive-overview-768.png'), fullPage: true });
    expect(errors).toEqual([]);
  });
});

/** Signs in as the demo admin in its own request context (the page keeps the executive) and sets a goal. */
async function createGoalAsAdmin(baseUrl: string, organisationId: string): Promise<void> {
  const admin = await request.newContext({ baseURL: baseUrl });
  try {
    const login = await admin.post('/api/auth/login', {
      data: { email: 'admin@demo.uptake.local', password: 'uptake-demo-admin' },
    });
    expect(login.status()).toBe(200);
    const created = await admin.post(`/api/organisations/${organisationId}/goals`, {
      data: {
        name: 'Half the company active every week',
        kpi: 'weekly_active_rate',
        unit: '%',
        baseline: 0.1,
        target: 0.5,
        deadline: '2026-12-31',
        valueModel: { kind: 'time-saved', minutesPerActivePersonPerDay: 5, hourlyCost: 60, currency: 'EUR' },
      },
    });
    expect(created.status()).toBe(201);
  } finally {
    await admin.dispose();
  }
}

/** Retries `read` until it returns `expected` (the page updates after the URL changes), then asserts it. */
async function eventually<T>(read: () => Promise<T>, expected: T, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let value = await read();
  while (value !== expected && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    value = await read();
  }
  expect(value).toBe(expected);
}

async function expectText(locator: Locator, text: string): Promise<void> {
  await locator.waitFor({ state: 'visible', timeout: 15_000 });
  expect((await locator.textContent())?.trim()).toBe(text);
}

/** The chart's canvas has drawn something: count pixels that are not transparent. */
async function expectDrawn(chart: Locator): Promise<void> {
  const canvas = chart.locator('canvas').first();
  await canvas.waitFor({ state: 'visible', timeout: 30_000 });
  await chart.page().waitForTimeout(800);
  const drawn = await canvas.evaluate((element: HTMLCanvasElement) => {
    const data = element.getContext('2d')?.getImageData(0, 0, element.width, element.height).data ?? [];
    let count = 0;
    for (let i = 3; i < data.length; i += 4) if (data[i] > 0) count++;
    return count;
  });
  expect(drawn).toBeGreaterThan(1_000);
}

function addDays(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}
