import type { DiffusionReport, NetworkReport, ParticipationReport, RetentionReport } from '@uptake/contracts';
import type { Browser, Locator, Page } from 'playwright-core';
import { artifactPath, launchChromium } from './support/browser';
import { count, ENGLISH, pick, share, useLanguage, type Language } from './support/language';
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
  text,
} from './support/session';

/**
 * The change manager's adoption analytics on the demo organisation, checked against the API's own answers.
 * Read only: it runs in each language (`lang`: the change manager's while it runs, English again after it).
 */
export function adoptionSuite(shared: SharedProduct, lang: Language = ENGLISH): void {
  const suffix = lang.code === 'en' ? '' : `-${lang.code}`;
  const percent = (value: number) => share(lang, value, true);
  describe(`adoption analytics for a change manager (${lang.name})`, () => {
    let product: RunningProduct | undefined;
    let browser: Browser | undefined;
    let page: Page;
    let kpis: <T>(report: string, query?: string) => Promise<T>;
    const errors: string[] = [];

    beforeAll(async () => {
      product = shared.product();
      browser = await launchChromium();
      const headers = await signInApi(product.baseUrl, DEMO_ACCOUNTS.changeManager);
      const { url } = await demoOrganisation(product.baseUrl, headers);
      kpis = async <T>(report: string, query = '') => {
        const { status, body } = await getJson<T>(`${url}/kpis/${report}${query}`, { headers });
        expect(status).toBe(200);
        return body;
      };
      page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      page.on('pageerror', (error) => errors.push(error.message));
    });

    afterAll(async () => {
      // The suites after this one read the dashboard in English.
      if (lang.code !== 'en' && product && page) await useLanguage(page, product.baseUrl, ENGLISH);
      await browser?.close();
    });

    it('signs in and shows the same figures as the API, with drawn charts', async () => {
      await page.goto(`${product!.baseUrl}/login`);
      await signInThroughPage(page, DEMO_ACCOUNTS.changeManager);
      await page.waitForURL(/\/overview/);
      await useLanguage(page, product!.baseUrl, lang);
      await page.getByTestId('nav-adoption').click();
      await page.waitForURL(/\/adoption/);

      const [participation, retention, network, diffusion] = await Promise.all([
        kpis<ParticipationReport>('participation'),
        kpis<RetentionReport>('retention', '?silentWeeks=4'),
        kpis<NetworkReport>('network'),
        kpis<DiffusionReport>('diffusion', '?targetShare=0.8'),
      ]);
      expect(retention.cohorts.length).toBeGreaterThan(3);

      expect(await figure(page, 'retention', 'cohort-count')).toBe(String(retention.cohorts.length));
      expect(await figure(page, 'retention', 'tried-and-stopped')).toBe(
        count(lang, retention.triedAndStopped!),
      );
      expect(await figure(page, 'network', 'crossing-department')).toContain(
        percent(network.crossing.department.share!),
      );
      expect(await figure(page, 'participation', 'concentration-top10')).toBe(
        percent(participation.concentration.top10Percent!),
      );
      expect(await figure(page, 'diffusion', 'adopters')).toBe(count(lang, diffusion.adopters!));
      expect(await figure(page, 'network', 'people-restricted')).toBe(
        pick(lang, {
          en: 'Person-level roles are visible to administrators only.',
          nl: 'Rollen van personen zijn alleen zichtbaar voor beheerders.',
        }),
      );
      expect(await text(page.getByTestId('nav-adoption'))).toBe(
        pick(lang, { en: 'Adoption', nl: 'Adoptie' }),
      );
      // the units table lists every unit the API returned
      expect(await page.getByTestId('network-units').locator('tbody tr').count()).toBe(network.units.length);

      for (const chart of ['participation-chart', 'retention-heatmap', 'network-graph', 'diffusion-curve']) {
        expect(await drawnPixels(page.getByTestId(chart))).toBeGreaterThan(1_000);
      }
      await page.screenshot({
        path: artifactPath(`change-manager-adoption${suffix}-1280.png`),
        fullPage: true,
      });

      await expectFitsTablet(page);
      await page.screenshot({
        path: artifactPath(`change-manager-adoption${suffix}-768.png`),
        fullPage: true,
      });
      await page.setViewportSize({ width: 1280, height: 900 });
    });

    it('follows filters in the URL: one org unit, monthly periods', async () => {
      const { units } = await kpis<NetworkReport>('network');
      const unit = [...units].sort((a, b) => (b.people ?? 0) - (a.people ?? 0))[0];
      const query = `orgUnitId=${unit.orgUnitId}&granularity=month`;
      const [retention, network, participation] = await Promise.all([
        kpis<RetentionReport>('retention', `?${query}&silentWeeks=4`),
        kpis<NetworkReport>('network', `?${query}`),
        kpis<ParticipationReport>('participation', `?${query}`),
      ]);

      await page.goto(`${product!.baseUrl}/adoption?orgUnit=${unit.orgUnitId}&granularity=month`);
      expect(await figure(page, 'retention', 'cohort-count')).toBe(String(retention.cohorts.length));
      expect(await figure(page, 'network', 'crossing-department')).toContain(
        percent(network.crossing.department.share!),
      );
      expect(await page.getByTestId('granularity').inputValue()).toBe('month');
      expect(await figure(page, 'participation', 'concentration-top10')).toBe(
        percent(participation.concentration.top10Percent!),
      );
      expect(await drawnPixels(page.getByTestId('participation-chart'))).toBeGreaterThan(1_000);
      await page.screenshot({
        path: artifactPath(`change-manager-adoption-unit-month${suffix}-1280.png`),
        fullPage: true,
      });
      // the shared filter bar shows the unit the URL picked
      await expectSelected(page.getByTestId('filter-org-unit'), unit.orgUnitId);
      expect(errors).toEqual([]);
    });
  });

  /** Text of a figure inside a section, once the section has loaded it. */
  async function figure(page: Page, section: string, testId: string): Promise<string> {
    const locator = page.getByTestId(section).getByTestId(testId).first();
    await expectVisible(locator, 30_000);
    return (await text(locator)) ?? '';
  }

  async function expectSelected(select: Locator, value: string): Promise<void> {
    await select.locator(`option[value="${value}"]`).waitFor({ state: 'attached', timeout: 15_000 });
    expect(await select.inputValue()).toBe(value);
  }
}
