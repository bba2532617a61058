import type { BestCasesReport, CommunitiesReport, LifecycleReport, RolloutPlanView } from '@uptake/contracts';
import type { Browser, Page } from 'playwright-core';
import { artifactPath, launchChromium } from './support/browser';
import { ENGLISH, pick, share, useLanguage, type Language } from './support/language';
import { getJson, type RunningProduct } from './support/product';
import type { SharedProduct } from './support/shared-product';
import {
  DEMO_ACCOUNTS,
  demoOrganisation,
  drawnPixels,
  expectFitsTablet,
  expectVisible,
  signInApi,
  signInThroughPage,
  type SessionHeaders,
  text,
} from './support/session';

/**
 * The change manager's communities path on the demo company: the communities table as the API computes it
 * (its story communities, the viral one highlighted), the best-case finder turning a shortlist into the
 * target of the demo plan's "Best cases" phase, and the people dynamics on /adoption. The reading runs in
 * each language (`lang`); the best cases change the plan, so only in English.
 */
export function communitiesSuite(shared: SharedProduct, lang: Language = ENGLISH): void {
  const suffix = lang.code === 'en' ? '' : `-${lang.code}`;
  /** Tests that change the demo: once, in English. */
  const changing = lang.code === 'en' ? it : () => undefined;
  describe(`change manager: /communities and best cases (${lang.name})`, () => {
    let product: RunningProduct | undefined;
    let browser: Browser | undefined;
    let page: Page;
    let headers: SessionHeaders;
    let organisationUrl: string;
    const errors: string[] = [];

    beforeAll(async () => {
      product = shared.product();
      browser = await launchChromium();
      headers = await signInApi(product.baseUrl, DEMO_ACCOUNTS.changeManager);
      organisationUrl = (await demoOrganisation(product.baseUrl, headers)).url;
      page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      page.on('pageerror', (error) => errors.push(error.message));
      await page.goto(`${product.baseUrl}/login`);
      await signInThroughPage(page, DEMO_ACCOUNTS.changeManager);
      await page.waitForURL(/\/overview/);
      await useLanguage(page, product.baseUrl, lang);
    });

    afterAll(async () => {
      // The suites after this one read the dashboard in English.
      if (lang.code !== 'en' && product && page) await useLanguage(page, product.baseUrl, ENGLISH);
      await browser?.close();
    });

    const api = async <T>(path: string): Promise<T> => {
      const { status, body } = await getJson<T>(`${organisationUrl}/${path}`, { headers });
      expect(status).toBe(200);
      return body;
    };

    it('lists the communities the API computes, with the viral one highlighted', async () => {
      const report = await api<CommunitiesReport>('kpis/communities');
      const names = report.communities.map((community) => community.name);
      expect(names).toEqual(expect.arrayContaining(['Customer stories', 'Sustainability makers']));
      const viral = report.communities.find((community) => community.name === 'Sustainability makers')!;
      expect(viral.viral.growing).toBe(true);
      const thriving = report.communities.find((community) => community.name === 'Customer stories')!;
      expect(thriving.replyCoverage).toBeGreaterThan(0.8);
      expect(thriving.crossDepartmentShare).toBeGreaterThan(0.6);

      expect(await text(page.getByTestId('nav-communities'))).toBe(
        pick(lang, { en: 'Communities', nl: "Community's" }),
      );
      await page.getByTestId('nav-communities').click();
      await page.waitForURL(/\/communities/);
      const table = page.getByTestId('communities-table');
      await expectVisible(table, 60_000);
      const rows = table.getByTestId('community-row');
      await rows.first().waitFor({ timeout: 30_000 });
      expect(await rows.count()).toBe(report.communities.length);
      const row = rows.filter({ hasText: 'Customer stories' });
      expect(await row.count()).toBe(1);
      // Reply coverage as the table prints it: a percentage with one decimal ("92.3%", "92,3%")
      expect(await text(row)).toContain(share(lang, thriving.replyCoverage!, true));
      expect(await text(page.getByTestId('communities-page'))).toContain('Sustainability makers');
      await page.screenshot({ path: artifactPath(`communities${suffix}-1280.png`), fullPage: true });
    });

    changing('turns the two best cases into the target of the demo plan’s "Best cases" phase', async () => {
      const best = await api<BestCasesReport>('kpis/best-cases');
      expect(best.candidates.length).toBeGreaterThan(1);
      const rows = page.getByTestId('best-case-row');
      await rows.first().waitFor({ timeout: 60_000 });
      expect(await rows.count()).toBe(best.candidates.length);
      const chosen = best.candidates.slice(0, 2);
      for (let index = 0; index < chosen.length; index++) {
        expect(await text(rows.nth(index))).toContain(chosen[index].name);
        await rows.nth(index).getByTestId('best-case-select').check();
      }

      const plans = await api<RolloutPlanView[]>('rollouts');
      const plan = plans.find((candidate) => candidate.name === 'Demo rollout')!;
      const phase = plan.phases.find((candidate) => candidate.name === 'Best cases')!;
      await page.getByTestId('best-case-phase').selectOption(`${plan.id}/${phase.id}`);
      await page.getByTestId('use-as-phase-target').click();
      await expectVisible(page.getByTestId('phase-target-saved'), 30_000);
      expect(await text(page.getByTestId('phase-target-saved'))).toContain('Best cases');

      const saved = (await api<RolloutPlanView[]>('rollouts'))
        .find((candidate) => candidate.id === plan.id)!
        .phases.find((candidate) => candidate.id === phase.id)!;
      const ids = (kind: 'community' | 'orgUnit') =>
        chosen
          .filter((candidate) => candidate.kind === kind)
          .map((candidate) => candidate.id)
          .sort();
      expect([...saved.target.groupIds].sort()).toEqual(ids('community'));
      expect([...saved.target.orgUnitIds].sort()).toEqual(ids('orgUnit'));
      // the rest of the phase is as it was
      expect(saved.gateCriteria).toEqual(phase.gateCriteria);
      expect(saved.plannedStart).toBe(phase.plannedStart);
      await page.screenshot({ path: artifactPath('communities-best-cases-1280.png'), fullPage: true });
      await expectFitsTablet(page);
    });

    it('shows the lifecycle, personas, first posts and knowledge flow on /adoption', async () => {
      const lifecycle = await api<LifecycleReport>('kpis/lifecycle');
      expect(lifecycle.weeks.some((week) => (week.new ?? 0) > 0)).toBe(true);
      await page.setViewportSize({ width: 1280, height: 900 });
      await page.goto(`${product!.baseUrl}/adoption`);
      for (const section of [
        'lifecycle-section',
        'personas-section',
        'first-post-section',
        'knowledge-flow-section',
      ]) {
        const locator = page.getByTestId(section);
        await locator.waitFor({ state: 'attached', timeout: 60_000 });
        await locator.scrollIntoViewIfNeeded();
        await expectVisible(locator.locator('canvas').first(), 60_000);
        expect(await drawnPixels(locator)).toBeGreaterThan(500);
      }
      await page.screenshot({
        path: artifactPath(`adoption-people-dynamics${suffix}-1280.png`),
        fullPage: true,
      });
      expect(errors).toEqual([]);
    });
  });
}
