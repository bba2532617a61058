import type { GateStatus, OrganisationSummary, RolloutPlanView } from '@uptake/contracts';
import type { Browser, Page } from 'playwright-core';
import { artifactPath, launchChromium } from './support/browser';
import { ENGLISH, pick, useLanguage, type Language } from './support/language';
import { type RunningProduct } from './support/product';
import type { SharedProduct } from './support/shared-product';
import { DEMO_ACCOUNTS, expectText, signInThroughPage } from './support/session';

/** What the rollout page's gate card calls a gate status, per language. */
const GATE_STATUS: Record<Language['code'], Record<GateStatus, string>> = {
  en: { pass: 'Passing', 'at-risk': 'At risk', fail: 'Failing', 'no-data': 'No data' },
  nl: { pass: 'Gehaald', 'at-risk': 'In gevaar', fail: 'Niet gehaald', 'no-data': 'Geen gegevens' },
};

/**
 * The change manager's main path: the rollout plan's timeline, changing a gate criterion, evaluating the gate
 * on the demo data, reading the weekly evidence and the pilot-vs-comparison report. Reading the seeded plan
 * runs in each language (`lang`); changing and creating plans only in English.
 */
export function changeManagerSuite(shared: SharedProduct, lang: Language = ENGLISH): void {
  const suffix = lang.code === 'en' ? '' : `-${lang.code}`;
  /** Tests that change the demo: once, in English. */
  const changing = lang.code === 'en' ? it : () => undefined;
  describe(`change manager: rollout page (${lang.name})`, () => {
    let product: RunningProduct | undefined;
    let browser: Browser | undefined;

    beforeAll(async () => {
      product = shared.product();
      browser = await launchChromium();
    });

    afterAll(async () => {
      await browser?.close();
    });

    it('reads the demo plan: the pilot’s gate as the API evaluated it, its criteria and the comparison', async () => {
      const page = await browser!.newPage({ viewport: { width: 1280, height: 900 } });
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      await page.goto(`${product!.baseUrl}/login`);
      await signInThroughPage(page, DEMO_ACCOUNTS.changeManager);
      await page.waitForURL(/\/overview/);
      await useLanguage(page, product!.baseUrl, lang);
      await expectText(page.getByTestId('nav-rollout'), pick(lang, { en: 'Rollout', nl: 'Uitrol' }));
      await page.getByTestId('nav-rollout').click();
      await page.waitForURL(/\/rollout/);

      const organisations = (await (
        await page.request.get(`${product!.baseUrl}/api/organisations`)
      ).json()) as OrganisationSummary[];
      const demo = organisations.find((o) => o.slug === 'demo')!;
      const plans = (await (
        await page.request.get(`${product!.baseUrl}/api/organisations/${demo.id}/rollouts`)
      ).json()) as RolloutPlanView[];
      const pilot = plans
        .find((plan) => plan.name === 'Demo rollout')!
        .phases.find((phase) => phase.status === 'active')!;
      expect(pilot.name).toBe('Pilot');
      const evaluation = pilot.latestEvaluation!;

      await expectText(page.getByTestId('plan-name'), 'Demo rollout', 30_000);
      await page.getByTestId('phase-gate-card').waitFor({ timeout: 30_000 });
      await expectText(
        page.getByTestId('evaluation-status'),
        GATE_STATUS[lang.code][evaluation.status],
        30_000,
      );
      expect(await page.getByTestId('criterion-status').count()).toBe(evaluation.criteria.length);

      // Pilot vs comparison: the figures written the language's way ("42.1%" / "42,1%").
      const comparison = page.getByTestId('comparison');
      await comparison.scrollIntoViewIfNeeded();
      await comparison
        .getByTestId('comparison-metric')
        .first()
        .waitFor({ state: 'visible', timeout: 30_000 });
      const values = [
        ...(await comparison.getByTestId('comparison-phase-value').allTextContents()),
        ...(await comparison.getByTestId('comparison-other-value').allTextContents()),
      ];
      const [ours, theirs] = lang.code === 'nl' ? [/\d,\d/, /\d\.\d/] : [/\d\.\d/, /\d,\d/];
      expect(values.some((value) => ours.test(value))).toBe(true);
      expect(values.filter((value) => theirs.test(value))).toEqual([]);
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.screenshot({
        path: artifactPath(`change-manager-rollout-read${suffix}-1280.png`),
        fullPage: true,
      });
      expect(errors).toEqual([]);
      // The suites after this one read the dashboard in English.
      if (lang.code !== 'en') await useLanguage(page, product!.baseUrl, ENGLISH);
      await page.close();
    });

    changing('edits a gate criterion, evaluates the gate and compares the pilot with the rest', async () => {
      const page = await browser!.newPage({ viewport: { width: 1280, height: 900 } });
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));

      await signIn(page, product!.baseUrl);

      await ensureDemoPlan(page);
      expect((await page.getByTestId('plan-name').textContent())?.trim()).toBe('Demo rollout');
      expect(await page.locator('.timeline > li').count()).toBeGreaterThan(0);

      // Change the first criterion's threshold through the editor (typed in %, shown back as the sentence).
      await page.getByTestId('edit-phase').click();
      const threshold = page.getByTestId('criterion-threshold').first();
      const current = Number(await threshold.inputValue());
      const wanted = current === 35 ? 30 : 35;
      await threshold.fill(String(wanted));
      await page.getByTestId('phase-save').click();
      await page.getByTestId('phase-editor').waitFor({ state: 'detached', timeout: 15_000 });
      expect(await page.getByTestId('criterion-rule').first().textContent()).toContain(`${wanted}`);

      // Evaluate now: "evaluating…" until the worker's evaluation arrives with a status and weekly evidence.
      await page.getByTestId('evaluate').click();
      await page.getByTestId('evaluating').waitFor({ state: 'visible', timeout: 10_000 });
      await page.getByTestId('evaluating').waitFor({ state: 'detached', timeout: 120_000 });
      expect(await page.getByTestId('evaluate-error').count()).toBe(0);
      const status = (await page.getByTestId('evaluation-status').textContent())?.trim();
      expect(['Passing', 'At risk', 'Failing', 'No data']).toContain(status);
      expect(await page.getByTestId('criterion-status').count()).toBeGreaterThan(0);
      await page.getByTestId('criterion-evidence-toggle').first().click();
      const evidence = await page.getByTestId('evidence-value').allTextContents();
      expect(evidence.length).toBeGreaterThan(0);
      expect(evidence.some((value) => /\d/.test(value))).toBe(true);
      await page.getByTestId('evidence-chart').locator('canvas').first().waitFor({ state: 'visible' });
      expect(await page.getByTestId('evaluation-history').locator('li').count()).toBeGreaterThan(0);

      // Pilot vs comparison: figures, not just cards.
      const comparison = page.getByTestId('comparison');
      await comparison.scrollIntoViewIfNeeded();
      await comparison
        .getByTestId('comparison-metric')
        .first()
        .waitFor({ state: 'visible', timeout: 30_000 });
      const phaseValues = await comparison.getByTestId('comparison-phase-value').allTextContents();
      const otherValues = await comparison.getByTestId('comparison-other-value').allTextContents();
      expect(phaseValues.some((value) => /\d/.test(value))).toBe(true);
      expect(otherValues.some((value) => /\d/.test(value))).toBe(true);
      expect(await comparison.getByTestId('comparison-difference').first().textContent()).toMatch(/[+−±]\d/);

      // The shell's top bar is sticky: scroll to the top so the full-page shot shows it in place.
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.waitForTimeout(800);
      await page.screenshot({ path: artifactPath('change-manager-rollout-1280.png'), fullPage: true });
      await page.setViewportSize({ width: 768, height: 1024 });
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.waitForTimeout(800);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(768);
      await page.screenshot({ path: artifactPath('change-manager-rollout-768.png'), fullPage: true });
      expect(errors).toEqual([]);
      await page.close();
    });

    changing(
      'creates a rollout plan through the UI, starts its pilot and sees the gate evaluated by the worker',
      async () => {
        const page = await browser!.newPage({ viewport: { width: 1280, height: 900 } });
        await signIn(page, product!.baseUrl);
        await page.getByTestId('plan-name').waitFor({ timeout: 30_000 });
        await page.getByTestId('new-plan').click();
        await page.getByTestId('create-name').fill('Teams rollout 2027');
        await page.getByTestId('create-start').fill('2026-03-02');
        await page.getByTestId('create-submit').click();
        await page.waitForFunction(
          () =>
            document.querySelector('[data-testid="plan-name"]')?.textContent?.trim() === 'Teams rollout 2027',
          undefined,
          { timeout: 15_000 },
        );
        expect(await page.locator('.timeline > li').count()).toBe(3);

        // Start the pilot (the first phase has no gate to pass); the move is listed with who made it.
        await page.getByTestId('advance').click();
        await page.getByTestId('advance-confirm').click();
        await page.getByTestId('advance-dialog').waitFor({ state: 'detached', timeout: 15_000 });
        await page.getByTestId('transition').first().waitFor({ timeout: 15_000 });
        expect(await page.getByTestId('transition').first().textContent()).toContain(
          'change-manager@demo.uptake.local',
        );

        // Ask for an evaluation: the worker evaluates the new plan's gates on the demo data.
        await page.getByTestId('evaluate').click();
        await page.getByTestId('evaluating').waitFor({ state: 'detached', timeout: 120_000 });
        await page.getByTestId('evaluation-status').waitFor({ timeout: 15_000 });
        expect(['Passing', 'At risk', 'Failing', 'No data']).toContain(
          (await page.getByTestId('evaluation-status').textContent())?.trim(),
        );
        expect(await page.getByTestId('criterion-status').count()).toBe(4);
        await page.screenshot({ path: artifactPath('change-manager-new-plan-1280.png'), fullPage: true });
        await page.close();
      },
    );
  });

  /** Signs in through the login page as the demo change manager and opens the rollout page. */
  async function signIn(page: Page, baseUrl: string): Promise<void> {
    await page.goto(`${baseUrl}/login`);
    await signInThroughPage(page, DEMO_ACCOUNTS.changeManager);
    await page.getByTestId('nav-rollout').click();
    await page.waitForURL(/\/rollout/);
  }

  /**
   * The launcher seeds "Demo rollout" with its pilot under way; without it the plan is created through the UI
   * and its first phase started, so the path works either way.
   */
  async function ensureDemoPlan(page: Page): Promise<void> {
    await page
      .locator('[data-testid="plan-name"], [data-testid="create-plan"]')
      .first()
      .waitFor({ timeout: 30_000 });
    if ((await page.getByTestId('plan-name').count()) === 0) {
      await page.getByTestId('create-name').fill('Demo rollout');
      // The demo pilot's kick-off (the launcher's demoCalendar with the pinned end date).
      await page.getByTestId('create-start').fill('2026-05-25');
      await page.getByTestId('create-submit').click();
      await page.getByTestId('plan-name').waitFor({ timeout: 15_000 });
    }
    const advance = page.getByTestId('advance');
    if ((await advance.count()) > 0 && (await advance.textContent())?.trim().startsWith('Start')) {
      await advance.click();
      await page.getByTestId('advance-confirm').click();
      await page.getByTestId('advance-dialog').waitFor({ state: 'detached', timeout: 15_000 });
    }
    await page.getByTestId('phase-gate-card').waitFor({ timeout: 15_000 });
  }
}
