import type { GoalView, OrganisationSummary } from '@uptake/contracts';
import { pptxSlides, readExportedCsv } from '@uptake/testing';
import ExcelJS from 'exceljs';
import * as fs from 'node:fs';
import type { Browser, Locator, Page } from 'playwright-core';
import { extractText } from 'unpdf';
import { launchChromium } from './support/browser';
import type { RunningProduct } from './support/product';
import type { SharedProduct } from './support/shared-product';
import {
  DEMO_ACCOUNTS,
  demoOrganisation,
  expectVisible,
  signInApi,
  signInThroughPage,
} from './support/session';

/** The slides of the decks before the one-per-goal slides (title, adoption, goals, rollout; + value). */
const FIXED_SLIDES = { overview: 4, 'business-case': 5 } as const;

/**
 * A steering committee's files, downloaded the way a person does: the Download menu of a page, a click on a
 * format, the browser's download. Each file is then opened as its reader would: the CSV parsed, the XLSX
 * loaded as a workbook, the PDF's text extracted, the PPTX unzipped and its slides counted. Figures and
 * names are compared with what the API answers for the same page.
 */
export function exportsSuite(shared: SharedProduct): void {
  describe('downloads: CSV, XLSX, PDF and PPTX from the dashboard', () => {
    let product: RunningProduct | undefined;
    let browser: Browser | undefined;
    let page: Page;
    let organisation: OrganisationSummary;
    let goals: GoalView[];
    const errors: string[] = [];

    /** Opens the download menu inside `scope`, clicks `format` and returns the saved file's bytes and name. */
    async function download(scope: Locator, format: string): Promise<{ bytes: Buffer; name: string }> {
      const menu = scope.getByTestId('download-menu').first();
      await expectVisible(menu, 30_000);
      // The menu closes once a format is chosen; open it unless it is open.
      if (!(await menu.evaluate((details) => (details as HTMLDetailsElement).open))) {
        await menu.locator('summary').click();
      }
      const [file] = await Promise.all([
        page.waitForEvent('download', { timeout: 60_000 }),
        menu.locator(`a[data-format="${format}"]`).click(),
      ]);
      const path = await file.path();
      expect(await file.failure()).toBeNull();
      return { bytes: fs.readFileSync(path), name: file.suggestedFilename() };
    }

    beforeAll(async () => {
      product = shared.product();
      const headers = await signInApi(product.baseUrl, DEMO_ACCOUNTS.admin);
      const demo = await demoOrganisation(product.baseUrl, headers);
      organisation = demo.organisation;
      goals = (await (await fetch(`${demo.url}/goals`, { headers })).json()) as GoalView[];
      expect(goals.length).toBeGreaterThan(0);
      browser = await launchChromium();
      const context = await browser.newContext({
        viewport: { width: 1280, height: 900 },
        acceptDownloads: true,
      });
      page = await context.newPage();
      page.on('pageerror', (error) => errors.push(error.message));
      await page.goto(`${product.baseUrl}/overview`);
      await signInThroughPage(page, DEMO_ACCOUNTS.admin);
      await page.waitForURL(/\/overview/);
    });

    afterAll(async () => {
      await browser?.close();
    });

    it('downloads the overview as a PDF whose text names the organisation and every goal', async () => {
      const { bytes, name } = await download(page.locator('header.page-head'), 'pdf');
      expect(name).toMatch(/^uptake-overview-\d{4}-\d{2}-\d{2}\.pdf$/);
      const { text } = await extractText(new Uint8Array(bytes), { mergePages: true });
      expect(text).toContain(organisation.name);
      for (const goal of goals) expect(text).toContain(goal.name);
    });

    it('downloads the overview as a deck: the fixed slides and one per goal', async () => {
      const { bytes } = await download(page.locator('header.page-head'), 'pptx');
      const slides = await pptxSlides(bytes);
      expect(slides).toHaveLength(FIXED_SLIDES.overview + goals.length);
      for (const goal of goals) expect(slides.some((xml) => xml.includes(goal.name))).toBe(true);
    });

    it("downloads the overview's adoption figures as CSV, the same weeks as the API's report", async () => {
      const menus = page.locator('header.page-head up-download-menu');
      const { bytes, name } = await download(menus.nth(1), 'csv');
      expect(name).toMatch(/^uptake-adoption-\d{4}-\d{2}-\d{2}\.csv$/);
      const csv = readExportedCsv(bytes);
      expect(csv.header.get('Report')).toBe('Adoption');
      expect(csv.header.get('Organisation')).toBe(organisation.name);
      expect(csv.rows.length).toBeGreaterThan(0);
    });

    it('downloads a report card of the adoption page as XLSX: a workbook with the report sheet and its tables', async () => {
      await page.goto(`${product!.baseUrl}/adoption`);
      const card = page.getByTestId('participation');
      await expectVisible(card.getByTestId('download-menu'), 30_000);
      const { bytes, name } = await download(card, 'xlsx');
      expect(name).toMatch(/^uptake-participation-\d{4}-\d{2}-\d{2}\.xlsx$/);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
      expect(workbook.worksheets[0].name).toBe('Report');
      expect(workbook.getWorksheet('Report')!.getCell('B1').value).toBe('Participation');
      expect(workbook.worksheets.length).toBeGreaterThan(1);
      expect(workbook.worksheets[1].rowCount).toBeGreaterThan(1);
    });

    it('downloads the business case as PDF and as a deck with a slide per goal', async () => {
      await page.goto(`${product!.baseUrl}/business-case`);
      const head = page.locator('header.page-head');
      const pdf = await download(head, 'pdf');
      expect(pdf.name).toMatch(/^uptake-business-case-\d{4}-\d{2}-\d{2}\.pdf$/);
      const { text } = await extractText(new Uint8Array(pdf.bytes), { mergePages: true });
      expect(text).toMatch(/observational\s+estimate/i);
      const deck = await download(head, 'pptx');
      expect(await pptxSlides(deck.bytes)).toHaveLength(FIXED_SLIDES['business-case'] + goals.length);
      expect(errors).toEqual([]);
    });
  });
}
