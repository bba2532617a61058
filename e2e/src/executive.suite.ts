import type {
  AdoptionReport,
  GateStatus,
  GoalView,
  OrganisationSummary,
  OrgUnitView,
  RolloutPlanView,
} from '@uptake/contracts';
import type { Browser, Locator, Page } from 'playwright-core';
import { artifactPath, launchChromium } from './support/browser';
import { ENGLISH, pick, share, useLanguage, type Language } from './support/language';
import { E2E_DEMO_END_DATE, type RunningProduct } from './support/product';
import type { SharedProduct } from './support/shared-product';
import {
  DEMO_ACCOUNTS,
  drawnPixels,
  eventually,
  expectFitsTablet,
  signInThroughPage,
  text,
} from './support/session';

/** What the overview calls each goal status and gate status (the word goes with the colour), per language. */
const GOAL_LABELS: Record<Language['code'], Record<GoalView['progress']['status'], string>> = {
  en: {
    achieved: 'Achieved',
    'on-track': 'On track',
    'at-risk': 'At risk',
    'off-track': 'Off track',
    'no-data': 'No data',
  },
  nl: {
    achieved: 'Bereikt',
    'on-track': 'Op koers',
    'at-risk': 'Risico',
    'off-track': 'Uit koers',
    'no-data': 'Geen gegevens',
  },
};
const GATE_LABELS: Record<Language['code'], Record<GateStatus | 'none', string>> = {
  en: {
    pass: 'Gate passed',
    'at-risk': 'Gate at risk',
    fail: 'Gate failing',
    'no-data': 'Gate: no data',
    none: 'Not evaluated',
  },
  nl: {
    pass: 'Gate gehaald',
    'at-risk': 'Gate in gevaar',
    fail: 'Gate niet gehaald',
    'no-data': 'Gate: geen gegevens',
    none: 'Niet beoordeeld',
  },
};
/** A planned phase's gate is a preview of where it would stand today. */
const PREVIEW: Record<Language['code'], { label: string; words: Record<GateStatus, string> }> = {
  en: {
    label: 'Preview',
    words: { pass: 'passing', 'at-risk': 'at risk', fail: 'failing', 'no-data': 'no data' },
  },
  nl: {
    label: 'Vooruitblik',
    words: { pass: 'gehaald', 'at-risk': 'in gevaar', fail: 'niet gehaald', 'no-data': 'geen gegevens' },
  },
};

/**
 * An executive's path: sign in, read the overview (adoption figures, goals and their value, the rollout),
 * then narrow it by date range and org unit. Every figure checked in the page is compared with what the API
 * answers for the same query, so the test fails if the page shows something else than the data. Read only:
 * it runs in each language (`lang`: the executive's language while it runs, English again after it).
 */
export function executiveSuite(shared: SharedProduct, lang: Language = ENGLISH): void {
  const suffix = lang.code === 'en' ? '' : `-${lang.code}`;
  describe(`executive overview (${lang.name})`, () => {
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

    /**
     * The seeded plan once its gate evaluations have settled. The launcher reports ready while evaluations it
     * queued (one per plan change) may still be running for a few seconds, changing the gates' status; wait for
     * two equal answers 2 s apart so the page and the API are compared on the same state.
     */
    async function settledDemoPlan(): Promise<RolloutPlanView> {
      const read = async () => {
        const { status, body } = await get<RolloutPlanView[]>('rollouts');
        expect(status).toBe(200);
        const plan = body.find((p) => p.name === 'Demo rollout');
        expect(plan).toBeDefined();
        return plan!;
      };
      const evaluations = (plan: RolloutPlanView) =>
        JSON.stringify(plan.phases.map((p) => p.latestEvaluation?.id));
      const deadline = Date.now() + 60_000;
      let plan = await read();
      for (;;) {
        await new Promise((resolve) => setTimeout(resolve, 2_000));
        const again = await read();
        if (evaluations(again) === evaluations(plan) || Date.now() > deadline) return again;
        plan = again;
      }
    }

    beforeAll(async () => {
      product = shared.product();
      browser = await launchChromium();
      page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      page.on('pageerror', (error) => errors.push(error.message));
    });

    afterAll(async () => {
      // The suites after this one read the dashboard in English.
      if (lang.code !== 'en' && product && page) await useLanguage(page, product.baseUrl, ENGLISH);
      await browser?.close();
    });

    it('signs in as the executive and lands on the overview', async () => {
      await page.goto(`${product!.baseUrl}/`);
      await signInThroughPage(page, DEMO_ACCOUNTS.executive);
      await page.waitForURL(/\/overview/);
      await useLanguage(page, product!.baseUrl, lang);
      expect(await text(page.getByTestId('nav-overview'))).toBe(
        pick(lang, { en: 'Overview', nl: 'Overzicht' }),
      );
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
      expect(
        await page.getByTestId('figure-adoptionRate').getByTestId('figure-value').textContent(),
      ).toContain(share(lang, latest.adoptionRate!));
      // the range is long enough (13 weeks by default) to compare with 4 weeks earlier
      expect(await page.getByTestId('figure-eligible').getByTestId('figure-change').count()).toBe(1);
      expect(await drawnPixels(page.getByTestId('adoption-target-chart'))).toBeGreaterThan(1_000);
    });

    it("lists the seeded business goals with the API's status and the total annual value", async () => {
      const { status, body: goals } = await get<GoalView[]>('goals');
      expect(status).toBe(200);
      expect(goals.length).toBe(4); // the launcher seeds four demo goals
      // With the pilot mid-way every goal is still ahead: the pilot's at its planned end (2026-08-16).
      expect(goals.filter((g) => g.groupId !== null).map((g) => g.deadline)).toEqual([
        '2026-08-16',
        '2026-08-16',
      ]);
      expect(goals.every((g) => g.deadline !== null && g.deadline > E2E_DEMO_END_DATE)).toBe(true);
      const rows = page.getByTestId('goals').getByTestId('goal');
      await rows.first().waitFor({ timeout: 30_000 });
      expect(await rows.count()).toBe(goals.length);
      expect(await rows.getByTestId('goal-name').allTextContents()).toEqual(goals.map((g) => g.name));
      expect((await rows.getByTestId('goal-status').allTextContents()).map((s) => s.trim())).toEqual(
        goals.map((g) => GOAL_LABELS[lang.code][g.progress.status]),
      );
      const valued = goals.filter((g) => g.annualValue !== null);
      expect(valued.length).toBeGreaterThan(0);
      const euros = valued
        .filter((g) => g.annualValue!.currency === 'EUR')
        .reduce((sum, g) => sum + g.annualValue!.amount, 0);
      expect(euros).toBeGreaterThan(0);
      expect(await digits(page.getByTestId('annual-value-amount').first())).toBe(Math.round(euros));
    });

    it('shows the seeded rollout plan: its phases on the timeline with their gate status', async () => {
      const plan = await settledDemoPlan();
      const phases = [...plan.phases].sort((a, b) => a.position - b.position);
      expect(phases.some((phase) => phase.latestEvaluation !== null)).toBe(true); // the launcher evaluated gates
      // The demo's story (history to 2026-07-05): the pilot kicked off on Monday 2026-05-25 and is mid-way,
      // the last complete week its 6th of 12, where its gate was evaluated; the best cases are next.
      const [pilot, bestCases] = phases;
      expect([pilot.name, pilot.status, pilot.plannedStart, pilot.plannedEnd]).toEqual([
        'Pilot',
        'active',
        '2026-05-25',
        '2026-08-16',
      ]);
      expect(pilot.latestEvaluation?.asOf).toBe(E2E_DEMO_END_DATE);
      expect([bestCases.name, bestCases.status, bestCases.target.orgUnitIds.length]).toEqual([
        'Best cases',
        'planned',
        2,
      ]);
      // The page read the plan when it loaded, maybe before the last evaluation: read it again.
      await page.reload();
      const card = page.getByTestId('rollout-timeline');
      await card.getByTestId('phase').first().waitFor({ timeout: 30_000 });
      expect(await text(card.getByTestId('rollout-plan-name'))).toBe(plan.name);
      expect(await card.getByTestId('phase-name').allTextContents()).toEqual(phases.map((p) => p.name));
      expect((await card.getByTestId('phase-gate').allTextContents()).map((s) => s.trim())).toEqual(
        phases.map((p) =>
          p.status === 'planned' && p.latestEvaluation
            ? `${PREVIEW[lang.code].label}: ${PREVIEW[lang.code].words[p.latestEvaluation.status]}`
            : GATE_LABELS[lang.code][p.latestEvaluation?.status ?? 'none'],
        ),
      );
      // every card filled before the picture
      expect(await drawnPixels(page.getByTestId('daily-activity-chart'))).toBeGreaterThan(1_000);
      await page.screenshot({ path: artifactPath(`executive-overview${suffix}-1280.png`), fullPage: true });
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
      expect(status).toBe(200);
      const unit = units.filter(
        (u) => u.parentId !== null && (u.people ?? 0) >= organisation.minGroupSize,
      )[0];
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
      await expectFitsTablet(page);
      expect(await drawnPixels(page.getByTestId('daily-activity-chart'))).toBeGreaterThan(1_000);
      await page.screenshot({ path: artifactPath(`executive-overview${suffix}-768.png`), fullPage: true });
      expect(errors).toEqual([]);
    });
  });

  function addDays(day: string, days: number): string {
    const date = new Date(`${day}T00:00:00Z`);
    date.setUTCDate(date.getUTCDate() + days);
    return date.toISOString().slice(0, 10);
  }
}
