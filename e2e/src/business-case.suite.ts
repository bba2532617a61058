import type { BusinessCaseGoal, BusinessCaseReport, InterventionView, OrgUnitView } from '@uptake/contracts';
import type { Browser, Page } from 'playwright-core';
import { artifactPath, launchChromium } from './support/browser';
import { count, ENGLISH, useLanguage, type Language } from './support/language';
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
  type SessionHeaders,
} from './support/session';

/** The ROI as the page prints it: 1.2111 → "121%", 12.34 → "1,234%" / "1.234%" (a real minus for a loss). */
const roiText = (lang: Language, roi: number) => {
  const rounded = Math.round(roi * 100);
  return `${rounded < 0 ? '\u2212' : ''}${count(lang, Math.abs(rounded))}%`;
};
/** The executive's reading in each language: its labels and sentence parts. */
const TEXTS = {
  en: {
    estimate: 'Observational estimate',
    sentence: (percent: number, lower: boolean) =>
      `${percent}% ${lower ? 'fewer' : 'more'} e-mails a week than`,
    interval: /\(95% interval [^)]+\)/,
    range: (a: number, b: number) => `95% interval ${a}–${b}%`,
    people: (people: string) => `${people} people`,
    month: (month: number) => `month ${month}`,
    notWithin: 'not within',
    method: 'person-level bootstrap',
  },
  nl: {
    estimate: 'Schatting uit waarnemingen',
    sentence: (percent: number, lower: boolean) =>
      `stuurden mensen ${percent}% ${lower ? 'minder' : 'meer'} e-mails per week dan`,
    interval: /\(95%-interval [^)]+\)/,
    range: (a: number, b: number) => `95%-interval ${a}–${b}%`,
    people: (people: string) => `${people} personen`,
    month: (month: number) => `maand ${month}`,
    notWithin: 'niet binnen',
    method: 'bootstrap op persoonsniveau',
  },
} as const;

/** Today as a calendar day in UTC (the API's "not after tomorrow" and the dashboard's dates are UTC). */
const dayFromToday = (days: number) => {
  const date = new Date();
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
};

/**
 * The measured business case on the demo company: the executive reads the e-mail goal's measured effect (a
 * sentence with its 95% interval), ROI and payback with their ranges, as the API computes them; a change
 * manager logs a training for a department two weeks ago and finds its marker on the overview's adoption
 * chart and its own before/after effect.
 */
export function businessCaseSuite(shared: SharedProduct, lang: Language = ENGLISH): void {
  const words = TEXTS[lang.code];
  const suffix = lang.code === 'en' ? '' : `-${lang.code}`;
  /** Tests that change the demo: once, in English. */
  const changing = lang.code === 'en' ? it : () => undefined;
  describe(`business case: measured value and interventions (${lang.name})`, () => {
    let product: RunningProduct | undefined;
    let browser: Browser | undefined;
    let page: Page;
    const errors: string[] = [];

    beforeAll(async () => {
      product = shared.product();
      browser = await launchChromium();
    });

    afterAll(async () => {
      await browser?.close();
    });

    /** A page signed in through the login form, with the API's view of the same account. */
    async function signedIn(account: (typeof DEMO_ACCOUNTS)[keyof typeof DEMO_ACCOUNTS]) {
      const headers: SessionHeaders = await signInApi(product!.baseUrl, account);
      const { url } = await demoOrganisation(product!.baseUrl, headers);
      page = await browser!.newPage({ viewport: { width: 1280, height: 900 } });
      page.on('pageerror', (error) => errors.push(error.message));
      await page.goto(`${product!.baseUrl}/login`);
      await signInThroughPage(page, account);
      await page.waitForURL(/\/overview/);
      await useLanguage(page, product!.baseUrl, lang);
      const api = async <T>(path: string): Promise<T> => {
        const { status, body } = await getJson<T>(`${url}/${path}`, { headers });
        expect(status).toBe(200);
        return body;
      };
      return { api };
    }

    it('shows the executive the e-mail goal’s measured effect, ROI and payback with their ranges', async () => {
      const { api } = await signedIn(DEMO_ACCOUNTS.executive);
      const report = await api<BusinessCaseReport>('business-case');
      const email = report.goals.find(
        (goal: BusinessCaseGoal) => goal.kpi === 'emails_sent_per_person_per_week' && goal.effect?.estimable,
      );
      expect(email).toBeDefined();
      const effect = email!.effect!;
      expect(effect.relativeEffect.estimate).not.toBeNull();
      expect(report.totals?.roi.estimate).not.toBeNull();

      await page.getByTestId('nav-business-case').click();
      await page.waitForURL(/\/business-case/);
      await expectVisible(page.getByTestId('business-case-headline'), 60_000);
      expect(await text(page.getByTestId('estimate-label'))).toBe(words.estimate);

      const card = page.getByTestId('goal-card').filter({ hasText: email!.name });
      await expectVisible(card, 30_000);
      const sentence = (await text(card.getByTestId('effect-sentence').first()))!;
      // the sentence's figure and interval are the API's relative effect and its 95% interval, in whole percent
      const percent = (value: number) => Math.round(Math.abs(value) * 100);
      expect(sentence).toContain(
        words.sentence(percent(effect.relativeEffect.estimate!), effect.relativeEffect.estimate! < 0),
      );
      expect(sentence).toMatch(words.interval);
      const [low, high] = [effect.relativeEffect.low!, effect.relativeEffect.high!];
      if (low * high > 0) {
        const [a, b] = [percent(low), percent(high)].sort((x, y) => x - y);
        expect(sentence).toContain(words.range(a, b));
      }
      expect(await text(card.getByTestId('effect-treated-people').first())).toBe(
        words.people(count(lang, effect.treated.people!)),
      );
      expect(await drawnPixels(card.getByTestId('effect-chart').first())).toBeGreaterThan(500);

      const roi = page.getByTestId('headline-roi');
      expect(await text(roi.getByTestId('figure-value'))).toBe(roiText(lang, report.totals!.roi.estimate!));
      if (report.totals!.roi.p10 !== null && report.totals!.roi.p90 !== null) {
        expect(await text(roi.getByTestId('figure-range'))).toBe(
          `p10–p90 ${roiText(lang, report.totals!.roi.p10)} – ${roiText(lang, report.totals!.roi.p90)}`,
        );
      }
      const payback = report.totals!.paybackMonth;
      const paybackText = await text(page.getByTestId('headline-payback').getByTestId('figure-value'));
      expect(paybackText).toEqual(
        payback.estimate === null ? expect.stringContaining(words.notWithin) : words.month(payback.estimate),
      );
      expect(await page.getByTestId('headline-payback').getByTestId('figure-range').count()).toBe(
        payback.p10 === null && payback.p90 === null ? 0 : 1,
      );
      expect(await text(page.getByTestId('method-note'))).toContain(words.method);
      // an executive reads: nothing to edit
      for (const control of ['measurement-edit', 'baseline-freeze', 'cost-edit', 'intervention-new']) {
        expect(await page.getByTestId(control).count()).toBe(0);
      }
      await page.screenshot({ path: artifactPath(`business-case${suffix}-1280.png`), fullPage: true });
      await expectFitsTablet(page);
      // The suites after this one read the dashboard in English.
      if (lang.code !== 'en') await useLanguage(page, product!.baseUrl, ENGLISH);
      await page.close();
    });

    changing(
      'lets a change manager log a training for a department and see its marker and its effect',
      async () => {
        const { api } = await signedIn(DEMO_ACCOUNTS.changeManager);
        const units = await api<OrgUnitView[]>('org-units');
        const department = units.find((unit) => unit.kind === 'department');
        expect(department).toBeDefined();
        const title = `Working out loud training for ${department!.name} (e2e ${Date.now()})`;
        const day = dayFromToday(-14);

        await page.getByTestId('nav-business-case').click();
        await page.waitForURL(/\/business-case/);
        await page.getByTestId('intervention-new').click();
        await page.getByTestId('intervention-day').fill(day);
        await page.getByTestId('intervention-kind').selectOption('training');
        await page.getByTestId('intervention-title').fill(title);
        await page.getByTestId('intervention-org-units').selectOption([department!.id]);
        await page.getByTestId('intervention-save').click();
        await page.getByTestId('intervention-form').waitFor({ state: 'detached', timeout: 15_000 });

        const row = page.getByTestId('intervention-row').filter({ hasText: title });
        await expectVisible(row, 15_000);
        expect(await text(row.getByTestId('intervention-row-kind'))).toBe('Training');
        expect(await text(row.getByTestId('intervention-row-target'))).toBe(`for ${department!.name}`);
        const saved = (await api<InterventionView[]>('interventions')).find((item) => item.title === title);
        expect(saved).toMatchObject({
          day,
          kind: 'training',
          target: { orgUnitIds: [department!.id], groupIds: [] },
        });

        // its before/after effect, with the same component as the goals (a sentence either way)
        await row.getByTestId('intervention-effect-toggle').click();
        const effect = row.getByTestId('intervention-effect');
        await expectVisible(effect.getByTestId('effect-sentence'), 60_000);
        expect(await text(effect.getByTestId('effect-sentence'))).toMatch(
          new RegExp(`^After “${escapeRegExp(title)}”, `),
        );
        expect(await effect.getByTestId('intervention-effect-error').count()).toBe(0);

        // its marker on the overview's adoption chart (listed in words under the canvas)
        await page.getByTestId('nav-overview').click();
        await page.waitForURL(/\/overview/);
        const chart = page.getByTestId('adoption-target-chart');
        const marker = chart.getByTestId('chart-marker').filter({ hasText: title });
        await expectVisible(marker, 30_000);
        expect(await text(marker)).toContain(`Training · ${title}`);
        expect(await drawnPixels(chart)).toBeGreaterThan(1_000);
        await page.screenshot({ path: artifactPath('business-case-marker-1280.png'), fullPage: true });
        expect(errors).toEqual([]);
        await page.close();
      },
    );
  });
}

function escapeRegExp(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
