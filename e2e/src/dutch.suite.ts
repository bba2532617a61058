import type { Me } from '@uptake/contracts';
import type { Browser, Page } from 'playwright-core';
import { artifactPath, launchChromium } from './support/browser';
import type { RunningProduct } from './support/product';
import type { SharedProduct } from './support/shared-product';
import {
  DEMO_ACCOUNTS,
  expectText,
  expectVisible,
  signInApi,
  signInThroughPage,
  text,
  type SessionHeaders,
} from './support/session';
import { waitForQuietWorker } from './support/worker';

/** The pages checked in both languages: each page's heading in English and Dutch. */
const PAGES = [
  { path: 'overview', english: 'Executive overview', dutch: 'Overzicht voor de directie', nav: 'Overzicht' },
  { path: 'adoption', english: 'Adoption analytics', dutch: 'Adoptieanalyse', nav: 'Adoptie' },
  { path: 'business-case', english: 'Business case', dutch: 'Businesscase', nav: 'Businesscase' },
  { path: 'rollout', english: 'Rollout', dutch: null, nav: 'Uitrol' },
  { path: 'communities', english: 'Communities', dutch: null, nav: "Community's" },
  { path: 'connectors', english: 'Data sources', dutch: null, nav: 'Connectoren' },
] as const;

/** A page's first heading (the connectors page starts with its sources card). */
const HEADING = 'up-shell :is(h1, h2)';

/** Figures as the English page prints them: "1,234", "42.1%", "€92,400" (a figure with a separator). */
const FIGURE = /(?:€\s?)?\d{1,3}(?:,\d{3})+(?:\.\d+)?%?|\d+\.\d+%/g;

/** The same figure as nl-NL prints it: "1.234", "42,1%", "€ 92.400" (spaces collapsed, as `text` does). */
export function inDutch(figure: string): string {
  const swapped = figure.replace(/[.,]/g, (mark) => (mark === ',' ? '.' : ','));
  return swapped.replace(/^€\s?/, '€ ');
}

/**
 * An admin (who sees every page) switches the dashboard to Nederlands: the overview, adoption, business case,
 * rollout, communities and connectors pages then read in Dutch, with the same figures as in English written
 * the Dutch way; a screenshot of each page in both languages. Runs last and switches back to English.
 */
export function dutchSuite(shared: SharedProduct): void {
  describe('the dashboard in Dutch', () => {
    let product: RunningProduct | undefined;
    let browser: Browser | undefined;
    let page: Page;
    let headers: SessionHeaders;
    const errors: string[] = [];
    /** Per page: the figures the English page showed. */
    const englishFigures = new Map<string, string[]>();

    const visit = async (path: string) => {
      await page.goto(`${product!.baseUrl}/${path}`);
      await expectVisible(page.locator(HEADING).first(), 30_000);
      // Every card has loaded once no loading line is left (a page that keeps one is checked all the same).
      await page
        .waitForFunction(
          () => !document.querySelector('[data-testid="loading"], [data-testid$="-loading"]'),
          null,
          {
            timeout: 30_000,
          },
        )
        .catch(() => undefined);
      await page.waitForTimeout(500);
    };
    const pageText = async () => (await text(page.locator('up-shell').first())) ?? '';
    const figuresOn = async (): Promise<string[]> => [...new Set((await pageText()).match(FIGURE) ?? [])];

    beforeAll(async () => {
      product = shared.product();
      // The suites before this one change the demo (phase targets, settings, syncs): the English pass and the
      // Dutch pass must read the same figures, so neither starts while the worker is still computing them.
      await waitForQuietWorker(product.baseUrl);
      browser = await launchChromium();
      headers = await signInApi(product.baseUrl, DEMO_ACCOUNTS.admin);
      page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'en-GB' });
      page.on('pageerror', (error) => errors.push(error.message));
      await page.goto(`${product.baseUrl}/login`);
      await signInThroughPage(page, DEMO_ACCOUNTS.admin);
      await page.waitForURL(/\/overview/);
    });

    afterAll(async () => {
      // The suites after this one read the dashboard in English.
      if (product && headers) {
        await fetch(`${product.baseUrl}/api/auth/me`, {
          method: 'PATCH',
          headers: { ...headers, 'content-type': 'application/json' },
          body: JSON.stringify({ locale: null }),
        });
      }
      await browser?.close();
    });

    it('shows every page in English first, remembering its figures', async () => {
      expect(await page.locator('html').getAttribute('lang')).toBe('en');
      for (const { path, english } of PAGES) {
        await visit(path);
        expect(await text(page.locator(HEADING).first())).toBe(english);
        englishFigures.set(path, await figuresOn());
        await page.screenshot({ path: artifactPath(`dutch-suite-${path}-en-1280.png`), fullPage: true });
      }
      // The overview's headline and the adoption page show counts in the thousands or shares.
      expect(englishFigures.get('overview')!.length).toBeGreaterThan(0);
      expect(englishFigures.get('adoption')!.length).toBeGreaterThan(0);
    });

    it('switches to Nederlands: saved on the user, remembered, the page reloads in Dutch', async () => {
      await visit('overview');
      await page.getByTestId('language-picker').selectOption('nl');
      await page.waitForFunction(() => document.documentElement.lang === 'nl', null, { timeout: 30_000 });
      await expectText(page.getByTestId('nav-overview'), 'Overzicht', 30_000);
      const me = await fetch(`${product!.baseUrl}/api/auth/me`, { headers });
      const body = (await me.json()) as Me;
      expect(body.preferredLocale).toBe('nl');
      expect(body.locale).toBe('nl');
      expect(await page.evaluate(() => localStorage.getItem('uptake.locale'))).toBe('nl');
      expect(await text(page.getByTestId('sign-out'))).toBe('Uitloggen');
      expect(await page.title()).toBe('Overzicht · Uptake');
    });

    it('shows each page in Dutch with the same figures written the Dutch way', async () => {
      for (const { path, english, dutch, nav } of PAGES) {
        await visit(path);
        const heading = await text(page.locator(HEADING).first());
        if (dutch) expect(heading).toBe(dutch);
        else expect(heading).not.toBe(english);
        expect(await text(page.getByTestId(`nav-${path}`))).toBe(nav);
        const wanted = (englishFigures.get(path) ?? []).map(inDutch);
        // Cards may still be answering: wait until every figure of the English page is there, in Dutch.
        const missing = async () => {
          const shown = await pageText();
          return wanted.filter((figure) => !shown.includes(figure));
        };
        const deadline = Date.now() + 20_000;
        while ((await missing()).length > 0 && Date.now() < deadline) await page.waitForTimeout(300);
        expect({ path, missing: await missing() }).toEqual({ path, missing: [] });
        await page.screenshot({ path: artifactPath(`dutch-suite-${path}-nl-1280.png`), fullPage: true });
      }
      expect(errors).toEqual([]);
    });

    it('stays Dutch on the sign-in page after signing out (the last language used)', async () => {
      await page.getByTestId('sign-out').click();
      await page.waitForURL(/\/login/);
      await page.reload();
      await expectText(page.getByTestId('login-submit'), 'Inloggen');
      expect(await page.locator('html').getAttribute('lang')).toBe('nl');
    });
  });
}
