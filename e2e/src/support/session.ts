import type { OrganisationSummary } from '@uptake/contracts';
import type { Locator, Page } from 'playwright-core';
import { getJson } from './product';

/** The demo organisation's personas (seeded by the launcher). */
export const DEMO_ACCOUNTS = {
  admin: { email: 'admin@demo.uptake.local', password: 'uptake-demo-admin' },
  changeManager: { email: 'change-manager@demo.uptake.local', password: 'uptake-demo-change' },
  executive: { email: 'executive@demo.uptake.local', password: 'uptake-demo-executive' },
  connectors: { email: 'connectors@demo.uptake.local', password: 'uptake-demo-connectors' },
} as const;

export interface Account {
  email: string;
  password: string;
}

/** Fills in and submits the login page the page is on (any page redirects there while signed out). */
export async function signInThroughPage(page: Page, account: Account): Promise<void> {
  await page.getByTestId('login-email').fill(account.email);
  await page.getByTestId('login-password').fill(account.password);
  await page.getByTestId('login-submit').click();
}

/**
 * Headers of a request signed in by a session cookie, with the same-origin proof the dashboard sends (CSRF).
 * A type, not an interface, so that it is a valid `HeadersInit`.
 */
export type SessionHeaders = {
  cookie: string;
  origin: string;
  'x-uptake-request': '1';
};

/** Signs in through the API and returns the session's headers, to ask the API what the page should show. */
export async function signInApi(baseUrl: string, account: Account): Promise<SessionHeaders> {
  const login = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(account),
  });
  expect(login.status).toBe(200);
  return {
    cookie: login.headers.getSetCookie()[0].split(';')[0],
    origin: new URL(baseUrl).origin,
    'x-uptake-request': '1',
  };
}

/** The demo organisation's API base URL (…/api/organisations/<id>) and summary, seen with `headers`. */
export async function demoOrganisation(
  baseUrl: string,
  headers: { cookie: string },
): Promise<{ organisation: OrganisationSummary; url: string }> {
  const { body } = await getJson<OrganisationSummary[]>(`${baseUrl}/api/organisations`, { headers });
  const organisation = body.find((o) => o.slug === 'demo');
  expect(organisation).toBeDefined();
  return { organisation: organisation!, url: `${baseUrl}/api/organisations/${organisation!.id}` };
}

/** The element's text with runs of white space collapsed. */
export async function text(locator: Locator): Promise<string | undefined> {
  return (await locator.textContent())?.replace(/\s+/g, ' ').trim();
}

export async function expectVisible(locator: Locator, timeout = 15_000): Promise<void> {
  await locator.waitFor({ state: 'visible', timeout });
}

/** Retries `read` until it returns `expected` (pages update after a request or URL change), then asserts it. */
export async function eventually<T>(read: () => Promise<T>, expected: T, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let value = await read();
  while (value !== expected && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    value = await read();
  }
  expect(value).toBe(expected);
}

/** Waits until the element is visible and shows exactly `expected` (it may first show an earlier state). */
export async function expectText(locator: Locator, expected: string, timeout = 15_000): Promise<void> {
  await expectVisible(locator, timeout);
  await eventually(() => text(locator), expected, timeout);
}

/** Pixels the chart's canvas has painted (not transparent): the chart really drew. */
export async function drawnPixels(chart: Locator): Promise<number> {
  const canvas = chart.locator('canvas').first();
  await canvas.waitFor({ state: 'visible', timeout: 30_000 });
  await chart.page().waitForTimeout(800);
  return canvas.evaluate((element: HTMLCanvasElement) => {
    const context = element.getContext('2d');
    if (!context) return 0;
    const { data } = context.getImageData(0, 0, element.width, element.height);
    let drawn = 0;
    for (let i = 3; i < data.length; i += 4) if (data[i] > 0) drawn++;
    return drawn;
  });
}

/**
 * Narrows the viewport to a tablet's and checks that nothing makes the page scroll sideways. On failure it
 * names the outermost elements sticking out (those not inside a scroll area of their own), to fix the layout.
 */
export async function expectFitsTablet(page: Page): Promise<void> {
  const width = 768;
  await page.setViewportSize({ width, height: 1024 });
  await page.waitForTimeout(800);
  const overflow = await page.evaluate((viewport) => {
    const outOfFlow = (element: Element) =>
      ['absolute', 'fixed'].includes(getComputedStyle(element).position);
    // Inside a scroll area that clips it: an absolutely placed element escapes the areas below its
    // containing block (its nearest positioned ancestor), which is how a 1-px hidden input widens a page.
    const scrolls = (element: Element): boolean => {
      let escaping = outOfFlow(element);
      for (let parent = element.parentElement; parent; parent = parent.parentElement) {
        const style = getComputedStyle(parent);
        if (escaping && style.position === 'static') continue;
        if (['auto', 'scroll', 'hidden'].includes(style.overflowX)) return true;
        escaping = outOfFlow(parent);
      }
      return false;
    };
    const wide = [...document.querySelectorAll('body *')].filter(
      (element) => element.getBoundingClientRect().right > viewport + 1 && !scrolls(element),
    );
    const outermost = wide.filter((element) => !wide.includes(element.parentElement as Element));
    return {
      scrollWidth: document.documentElement.scrollWidth,
      sticking: outermost.slice(0, 5).map((element) => {
        const testId = element.getAttribute('data-testid');
        const name = `${element.tagName.toLowerCase()}${testId ? `[data-testid=${testId}]` : ''}.${element.getAttribute('class') ?? ''}`;
        return `${name} (right edge ${Math.round(element.getBoundingClientRect().right)} px)`;
      }),
    };
  }, width);
  expect(overflow.scrollWidth <= width ? [] : overflow.sticking).toEqual([]);
  expect(overflow.scrollWidth).toBeLessThanOrEqual(width);
}
