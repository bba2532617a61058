import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Browser } from 'playwright-core';
import { artifactPath, launchChromium } from './support/browser';
import { count, DUTCH, ENGLISH, useLanguage, type Language } from './support/language';
import { getJson, type RunningProduct } from './support/product';
import type { SharedProduct } from './support/shared-product';
import {
  DEMO_ACCOUNTS,
  demoOrganisation,
  drawnPixels,
  expectFitsTablet,
  expectText,
  expectVisible,
  signInApi,
  signInThroughPage,
  text,
} from './support/session';

interface SyncRun {
  id: string;
  status: string;
  recordsRead: number;
  recordsInserted: number;
  recordsQuarantined: number;
}

const SOURCE_NAME = 'Intranet activity (e2e)';

/** The demo source and its latest run as the API reports them to the maintainer: what the page must show. */
async function demoSourceAsApiHasIt(base: string) {
  const headers = await signInApi(base, DEMO_ACCOUNTS.connectors);
  const { url: organisationUrl } = await demoOrganisation(base, headers);
  const { body: sources } = await getJson<{ id: string; name: string; connectorType: string }[]>(
    `${organisationUrl}/sources`,
    { headers },
  );
  const demo = sources.find((s) => s.connectorType === 'demo')!;
  const { body: demoRuns } = await getJson<SyncRun[]>(`${organisationUrl}/sources/${demo.id}/sync-runs`, {
    headers,
  });
  return { headers, organisationUrl, demo, demoRun: demoRuns[0] };
}
const formatCount = (value: number) => value.toLocaleString('en-US');

/**
 * The connector maintainer's path: the demo source with its last sync, a CSV source added through the UI, a
 * file with one bad row uploaded with progress, the run followed to its end and the bad row found in quarantine.
 * In Dutch (`lang`) only its reading part runs (the demo source, its last run and its history in Dutch, with the
 * API's counts written the Dutch way): adding a source and uploading change the demo, once, in English.
 */
export function connectorMaintainerSuite(shared: SharedProduct, lang: Language = ENGLISH): void {
  if (lang.code !== 'en') {
    connectorMaintainerReading(shared, lang);
    return;
  }
  describe('connector maintainer: /connectors', () => {
    let product: RunningProduct | undefined;
    let browser: Browser | undefined;
    let csvPath: string;

    beforeAll(async () => {
      product = shared.product();
      browser = await launchChromium();
      // Three good rows and one bad one (line 4: occurred_at is no date), dated inside the demo's half-year.
      csvPath = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'uptake-e2e-csv-')), 'intranet-activity.csv');
      fs.writeFileSync(
        csvPath,
        [
          'external_id,occurred_at,actor_id,type,group_id,group_name',
          'intranet-1,2026-03-02T09:00:00Z,ann@example.com,post,intranet,Intranet',
          'intranet-2,2026-03-02T09:05:00+01:00,bob@example.com,reply,intranet,Intranet',
          'intranet-3,yesterday,cy@example.com,post,intranet,Intranet',
          'intranet-4,2026-03-02T10:00:00Z,cy@example.com,reaction,intranet,Intranet',
          '',
        ].join('\n'),
      );
    });

    afterAll(async () => {
      await browser?.close();
      if (csvPath) fs.rmSync(path.dirname(csvPath), { recursive: true, force: true });
    });

    it('shows the demo source, adds a CSV source, uploads a file and finds its bad row in quarantine', async () => {
      const base = product!.baseUrl;
      // What the API says, to compare the page with.
      const { headers, organisationUrl, demo, demoRun } = await demoSourceAsApiHasIt(base);
      const { body: connectors } = await getJson<{ type: string; title: string; connectionTest: boolean }[]>(
        `${base}/api/connectors`,
        {
          headers,
        },
      );
      const demoConnector = connectors.find((connector) => connector.type === 'demo')!;
      expect(demoRun.status).toBe('succeeded');
      expect(demoRun.recordsInserted).toBeGreaterThan(100_000);

      const page = await browser!.newPage({ viewport: { width: 1280, height: 900 } });
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      await page.goto(`${base}/connectors`);
      await signInThroughPage(page, DEMO_ACCOUNTS.connectors);

      // The demo source: its last successful sync and the counts of that run, as the API reports them.
      const demoRow = page.getByTestId(`source-row-${demo.name}`);
      await expectText(demoRow.getByTestId('last-sync-status'), 'Succeeded', 30_000);
      expect(await text(demoRow.getByTestId('last-read'))).toBe(formatCount(demoRun.recordsRead));
      expect(await text(demoRow.getByTestId('last-inserted'))).toBe(formatCount(demoRun.recordsInserted));
      expect(await text(demoRow.getByTestId('last-quarantined'))).toBe(
        formatCount(demoRun.recordsQuarantined),
      );
      expect(await text(demoRow.getByTestId('last-sync-ago'))).toMatch(/just now|\d+ s ago|min ago/);
      expect(await text(demoRow.getByTestId('source-lag'))).toMatch(/< 1 min|\d+ min/);
      await expectVisible(demoRow.getByTestId('sync-now'));
      expect(await text(demoRow.getByTestId('source-type'))).toBe(demoConnector.title);
      await expectText(page.getByTestId('dead-letters-empty'), 'No failed runs. Nothing waits for a retry.');
      // Its run history: the run chart and the run's row with the API's counts.
      await demoRow.getByTestId('source-name').click();
      expect(await drawnPixels(page.getByTestId('run-chart'))).toBeGreaterThan(1_000);
      await expectText(
        page.getByTestId(`run-row-${demoRun.id}`).getByTestId('run-inserted'),
        formatCount(demoRun.recordsInserted),
      );
      // "Test connection" is offered only where the catalogue says the connector has a test: the demo reads
      // no service, so its source shows none (and the API would answer 409).
      expect(demoConnector.connectionTest).toBe(false);
      expect(await page.getByTestId('connection-test-run').count()).toBe(0);
      await page.screenshot({ path: artifactPath('connector-maintainer-sources-1280.png'), fullPage: true });

      // A bad settings value is refused with the field named, next to the field.
      // The form comes from the API's catalogue: the CSV connector's fields, defaults pre-filled.
      await page.getByTestId('add-source-type').selectOption('csv');
      expect(await page.getByTestId('add-source-settings-delimiter').inputValue()).toBe(',');
      await expectVisible(page.getByTestId('add-source-settings-typeMapping'));
      await page.getByTestId('add-source-name').fill(SOURCE_NAME);
      // Checked in the browser: the schema allows one character.
      await page.getByTestId('add-source-settings-delimiter').fill(';;');
      await page.getByTestId('add-source-submit').click();
      await expectText(
        page.getByTestId('add-source-settings-delimiter-error'),
        'settings.delimiter: at most 1 character',
      );
      // Checked by the API: one character, but a quote.
      await page.getByTestId('add-source-settings-delimiter').fill('"');
      await page.getByTestId('add-source-submit').click();
      await expectText(
        page.getByTestId('add-source-settings-delimiter-error'),
        'settings.delimiter: delimiter cannot be a quote or a line break',
      );
      // Fixed: the source is created and opened (no runs yet).
      await page.getByTestId('add-source-settings-delimiter').fill(',');
      await page.getByTestId('add-source-submit').click();
      const csvRow = page.getByTestId(`source-row-${SOURCE_NAME}`);
      await expectText(csvRow.getByTestId('last-sync'), 'never');
      await expectVisible(page.getByTestId('run-history-empty'));

      // Upload: the progress bar fills, then the run is followed until it has finished.
      await csvRow.getByTestId('upload-input').setInputFiles(csvPath);
      const panel = page.getByTestId('follow-panel');
      await expectVisible(panel);
      await expectText(panel.getByTestId('follow-status'), 'Succeeded', 60_000);
      expect(
        await panel.getByTestId('upload-progress').evaluate((bar: HTMLProgressElement) => bar.value),
      ).toBe(100);
      // The live counts are the run's, as the API reports them: three rows stored, the bad one quarantined.
      const { body: allSources } = await getJson<{ id: string; name: string }[]>(
        `${organisationUrl}/sources`,
        {
          headers,
        },
      );
      const csvSourceId = allSources.find((s) => s.name === SOURCE_NAME)!.id;
      const { body: csvRuns } = await getJson<SyncRun[]>(
        `${organisationUrl}/sources/${csvSourceId}/sync-runs`,
        {
          headers,
        },
      );
      expect(csvRuns).toEqual([
        expect.objectContaining({ status: 'succeeded', recordsInserted: 3, recordsQuarantined: 1 }),
      ]);
      expect(await text(panel.getByTestId('follow-read'))).toBe(formatCount(csvRuns[0].recordsRead));
      expect(await text(panel.getByTestId('follow-inserted'))).toBe('3');
      expect(await text(panel.getByTestId('follow-quarantined'))).toBe('1');
      await expectText(csvRow.getByTestId('last-inserted'), '3');

      // The finished upload opens its run: the bad row with its line, field and reason, as the API has it.
      const { body: problems } = await getJson<{ line: number; field: string; reason: string }[]>(
        `${organisationUrl}/sync-runs/${csvRuns[0].id}/quarantined-records`,
        { headers },
      );
      expect(problems).toEqual([expect.objectContaining({ line: 4, field: 'occurred_at' })]);
      const quarantine = page.getByTestId('quarantine');
      await expectText(quarantine.getByTestId('quarantine-line'), '4');
      expect(await text(quarantine.getByTestId('quarantine-field'))).toBe('occurred_at');
      expect(await text(quarantine.getByTestId('quarantine-reason'))).toBe(problems[0].reason);
      await page.getByTestId('run-chart').locator('canvas').first().waitFor({ state: 'visible' });
      await page.waitForTimeout(500);
      await page.screenshot({ path: artifactPath('connector-maintainer-upload-1280.png'), fullPage: true });

      // Tablet width: nothing but the tables' own scroll areas is wider than the screen.
      await expectFitsTablet(page);
      await page.screenshot({ path: artifactPath('connector-maintainer-768.png'), fullPage: true });
      expect(errors).toEqual([]);
      await page.close();
    });
  });
}

/** The Dutch words of the reading path (the English ones are in the English run's assertions above). */
const DUTCH_SOURCES = {
  succeeded: 'Geslaagd',
  demoTitle: 'Demo-organisatie (gesimuleerd)',
  noDeadLetters: 'Geen mislukte synchronisaties. Er wacht niets op een nieuwe poging.',
  ago: /zojuist|\d+ s geleden|\d+ min geleden/,
};

/** The connector maintainer's reading path in another language: the demo source, its last sync and history. */
function connectorMaintainerReading(shared: SharedProduct, lang: Language): void {
  if (lang.code !== DUTCH.code) throw new Error(`no expected texts for ${lang.name}`);
  describe(`connector maintainer: /connectors (${lang.name})`, () => {
    let browser: Browser | undefined;

    beforeAll(async () => {
      browser = await launchChromium();
    });

    afterAll(async () => {
      await browser?.close();
    });

    it("shows the demo source, its last sync and its run history in the language, with the API's counts", async () => {
      const base = shared.product().baseUrl;
      const { demo, demoRun } = await demoSourceAsApiHasIt(base);
      expect(demoRun.status).toBe('succeeded');

      const page = await browser!.newPage({ viewport: { width: 1280, height: 900 } });
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      await page.goto(`${base}/connectors`);
      await signInThroughPage(page, DEMO_ACCOUNTS.connectors);
      // Signed in once the sources are shown: only then does the page hold the session the language is saved on.
      await expectVisible(page.getByTestId(`source-row-${demo.name}`), 30_000);
      await useLanguage(page, base, lang);
      try {
        const demoRow = page.getByTestId(`source-row-${demo.name}`);
        await expectText(demoRow.getByTestId('last-sync-status'), DUTCH_SOURCES.succeeded, 30_000);
        // 1.234.567: the Dutch thousands separator, the API's counts.
        expect(await text(demoRow.getByTestId('last-read'))).toBe(count(lang, demoRun.recordsRead));
        expect(await text(demoRow.getByTestId('last-inserted'))).toBe(count(lang, demoRun.recordsInserted));
        expect(await text(demoRow.getByTestId('last-sync-ago'))).toMatch(DUTCH_SOURCES.ago);
        expect(await text(demoRow.getByTestId('source-type'))).toBe(DUTCH_SOURCES.demoTitle);
        await expectText(page.getByTestId('dead-letters-empty'), DUTCH_SOURCES.noDeadLetters);
        await demoRow.getByTestId('source-name').click();
        expect(await drawnPixels(page.getByTestId('run-chart'))).toBeGreaterThan(1_000);
        await expectText(
          page.getByTestId(`run-row-${demoRun.id}`).getByTestId('run-inserted'),
          count(lang, demoRun.recordsInserted),
        );
        await page.screenshot({
          path: artifactPath(`connector-maintainer-sources-${lang.code}-1280.png`),
          fullPage: true,
        });
        expect(errors).toEqual([]);
      } finally {
        await useLanguage(page, base, ENGLISH);
        await page.close();
      }
    });
  });
}
