import type { OrganisationSettings } from '@uptake/contracts';
import type { Browser, Page } from 'playwright-core';
import { artifactPath, launchChromium } from './support/browser';
import { getJson, type RunningProduct } from './support/product';
import type { SharedProduct } from './support/shared-product';
import {
  DEMO_ACCOUNTS,
  demoOrganisation,
  eventually,
  expectFitsTablet,
  expectText,
  expectVisible,
  signInApi,
  signInThroughPage,
  text,
} from './support/session';

const NEW_NAME = 'Demo Company (renamed in e2e)';

/**
 * The admin's settings page: rename the organisation and change the default hourly cost, see both kept after
 * a reload (and the new name in the organisation picker), and a time zone the server refuses shown next to
 * its field.
 */
export function adminSettingsSuite(shared: SharedProduct): void {
  describe('admin: /settings', () => {
    let product: RunningProduct | undefined;
    let browser: Browser | undefined;
    let page: Page;
    const errors: string[] = [];
    const input = (field: string) => page.getByTestId(`settings-${field}`);

    beforeAll(async () => {
      product = shared.product();
      browser = await launchChromium();
      page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      page.on('pageerror', (error) => errors.push(error.message));
    });

    afterAll(async () => {
      await browser?.close();
    });

    it('changes the name and the hourly cost, keeps them after a reload, and names a bad time zone', async () => {
      const base = product!.baseUrl;
      const headers = await signInApi(base, DEMO_ACCOUNTS.admin);
      const { url } = await demoOrganisation(base, headers);
      const { body: before } = await getJson<OrganisationSettings>(`${url}/settings`, { headers });

      await page.goto(`${base}/settings`);
      await signInThroughPage(page, DEMO_ACCOUNTS.admin);
      await page.waitForURL(/\/settings/);
      await expectVisible(page.getByTestId('nav-settings'));
      await expectVisible(input('name'), 30_000);
      await eventually(() => input('name').inputValue(), before.name);
      expect(await input('timeZone').inputValue()).toBe(before.timeZone);
      expect(Number(await input('defaultHourlyCost').inputValue())).toBe(before.defaultHourlyCost);

      await input('name').fill(NEW_NAME);
      await input('defaultHourlyCost').fill('72.5');
      await page.getByTestId('settings-save').click();
      await expectText(page.getByTestId('settings-saved'), 'Settings saved.');
      expect(await page.getByTestId('settings-recompute').count()).toBe(0);
      // The shell shows the new name at once, without a reload.
      expect(await text(page.getByTestId('org-picker').locator('option:checked'))).toBe(NEW_NAME);
      await page.screenshot({ path: artifactPath('admin-settings-1280.png'), fullPage: true });

      await page.reload();
      await expectVisible(input('name'), 30_000);
      await eventually(() => input('name').inputValue(), NEW_NAME);
      expect(await input('defaultHourlyCost').inputValue()).toBe('72.5');
      expect(await text(page.getByTestId('org-picker').locator('option:checked'))).toBe(NEW_NAME);
      const { body: after } = await getJson<OrganisationSettings>(`${url}/settings`, { headers });
      expect(after).toEqual({ ...before, name: NEW_NAME, defaultHourlyCost: 72.5 });

      // A time zone the server refuses: its message next to the field, and nothing changes.
      await input('timeZone').fill('Mars/Olympus_Mons');
      await page.getByTestId('settings-save').click();
      await expectText(
        page.getByTestId('settings-error-timeZone'),
        'timeZone must be an IANA time zone such as Europe/Berlin or UTC (got "Mars/Olympus_Mons")',
      );
      expect(await page.getByTestId('settings-saved').count()).toBe(0);
      const { body: unchanged } = await getJson<OrganisationSettings>(`${url}/settings`, { headers });
      expect(unchanged.timeZone).toBe(before.timeZone);

      await expectFitsTablet(page);
      expect(errors).toEqual([]);
    });
  });
}
