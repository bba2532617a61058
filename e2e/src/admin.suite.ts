import * as fs from 'node:fs';
import type { ApiTokenView, AuditEventView, InvitationView, Member } from '@uptake/contracts';
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
  type SessionHeaders,
} from './support/session';

const INVITEE = 'new.colleague@demo.uptake.local';
const TOKEN_NAME = 'e2e reporting script';

/**
 * The .eml files the product wrote since `offset` of its output: without SMTP_URL each message goes to
 * `<UPTAKE_DATA_DIR>/outbox/` and its path is logged ("… written to <file>"), which is how an operator finds it.
 */
function outboxFilesLogged(output: string): string[] {
  return [...output.matchAll(/written to (\S+\.eml)/g)].map((match) => match[1]);
}

/**
 * The admin page on the demo company: the admin invites a colleague (the invitation is listed and its e-mail
 * is in the outbox), changes a member's role and back (and is refused demoting the only admin), creates an API
 * token whose secret is shown once, uses it against the API and revokes it (the API then answers 401). A
 * change manager has no admin page.
 */
export function adminSuite(shared: SharedProduct): void {
  describe('admin: /admin', () => {
    let product: RunningProduct | undefined;
    let browser: Browser | undefined;
    let page: Page;
    let headers: SessionHeaders;
    let url: string;
    const errors: string[] = [];
    const memberRow = (email: string) => page.locator(`[data-testid="member-row"][data-email="${email}"]`);

    beforeAll(async () => {
      product = shared.product();
      browser = await launchChromium();
      page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      page.on('pageerror', (error) => errors.push(error.message));
      headers = await signInApi(product.baseUrl, DEMO_ACCOUNTS.admin);
      ({ url } = await demoOrganisation(product.baseUrl, headers));
    });

    afterAll(async () => {
      await browser?.close();
    });

    const members = async () => (await getJson<Member[]>(`${url}/members`, { headers })).body;
    const roleOf = async (email: string) => (await members()).find((m) => m.email === email)?.role;

    it('invites a colleague: the invitation is listed and its e-mail is in the outbox', async () => {
      const base = product!.baseUrl;
      await page.goto(`${base}/admin`);
      await signInThroughPage(page, DEMO_ACCOUNTS.admin);
      await page.waitForURL(/\/admin/);
      await expectVisible(page.getByTestId('nav-admin'));
      await expectVisible(memberRow(DEMO_ACCOUNTS.executive.email), 30_000);
      for (const account of Object.values(DEMO_ACCOUNTS)) await expectVisible(memberRow(account.email));
      // the demo company has done every first step: no checklist
      expect(await page.getByTestId('first-run-checklist').count()).toBe(0);

      const mailsBefore = outboxFilesLogged(product!.output()).length;
      await page.getByTestId('invite-email').fill(INVITEE);
      await page.getByTestId('invite-role').selectOption('change_manager');
      await page.getByTestId('invite-submit').click();
      await expectText(
        page.getByTestId('invite-sent'),
        `An invitation link was e-mailed to ${INVITEE} if the address can receive it. Whoever opens it joins ` +
          'with the role chosen here; it is listed under pending invitations until then.',
      );
      const row = page.locator(`[data-testid="invitation-row"][data-email="${INVITEE}"]`);
      await expectVisible(row);
      expect(await text(row.getByTestId('invitation-role'))).toBe('change manager');
      const { body: invitations } = await getJson<InvitationView[]>(`${url}/invitations`, { headers });
      expect(invitations.find((i) => i.email === INVITEE)).toMatchObject({
        status: 'pending',
        role: 'change_manager',
      });

      // The message is in the outbox (no SMTP_URL), addressed to the invitee.
      await eventually(async () => outboxFilesLogged(product!.output()).length > mailsBefore, true);
      const file = outboxFilesLogged(product!.output()).at(-1)!;
      expect(fs.existsSync(file)).toBe(true);
      expect(fs.readFileSync(file, 'utf8')).toMatch(
        new RegExp(`^To: .*${INVITEE.replace(/\./g, '\\.')}`, 'm'),
      );
    });

    it("changes a member's role and back, and shows the refusal to demote the only admin", async () => {
      const executive = DEMO_ACCOUNTS.executive.email;
      await memberRow(executive).getByTestId('member-role').selectOption('change_manager');
      await eventually(() => roleOf(executive), 'change_manager');
      await memberRow(executive).getByTestId('member-role').selectOption('executive');
      await eventually(() => roleOf(executive), 'executive');
      expect(await memberRow(executive).getByTestId('member-error').count()).toBe(0);

      const admin = memberRow(DEMO_ACCOUNTS.admin.email);
      await expectVisible(admin.getByTestId('member-only-admin'));
      await admin.getByTestId('member-role').selectOption('executive');
      await expectText(admin.getByTestId('member-error'), 'An organisation keeps at least one admin');
      expect(await admin.getByTestId('member-role').inputValue()).toBe('admin');
      expect(await roleOf(DEMO_ACCOUNTS.admin.email)).toBe('admin');
    });

    it('creates an API token shown once, uses it, revokes it, and the API then refuses it', async () => {
      await page.getByTestId('token-form-name').fill(TOKEN_NAME);
      await page.getByTestId('token-form-role').selectOption('executive');
      await page.getByTestId('token-form-expiresInDays').fill('7');
      await page.getByTestId('token-create').click();
      await expectVisible(page.getByTestId('token-secret'));
      expect(await text(page.getByTestId('token-secret-panel'))).toContain('it will not be shown again');
      const secret = (await text(page.getByTestId('token-secret')))!;
      expect(secret.length).toBeGreaterThan(20);
      const row = page.locator(`[data-testid="token-row"][data-name="${TOKEN_NAME}"]`);
      await expectVisible(row);
      expect(await text(row.getByTestId('token-role'))).toBe('executive');
      await page.screenshot({ path: artifactPath('admin-1280.png'), fullPage: true });

      // The secret works against the API: who am I, and a KPI an executive may read.
      const bearer = { authorization: `Bearer ${secret}` };
      const me = await getJson<{ kind: string }>(`${product!.baseUrl}/api/auth/me`, { headers: bearer });
      expect(me).toMatchObject({ status: 200, body: { kind: 'api' } });
      const adoption = await fetch(`${url}/kpis/adoption?granularity=week`, { headers: bearer });
      expect(adoption.status).toBe(200);
      // it is listed without its secret
      const { body: tokens } = await getJson<ApiTokenView[]>(`${url}/api-tokens`, { headers });
      expect(tokens.find((t) => t.name === TOKEN_NAME)).toBeDefined();
      expect(JSON.stringify(tokens)).not.toContain(secret);

      // Closed, the secret is gone from the page for good.
      await page.getByTestId('token-secret-close').click();
      await page.getByTestId('token-secret-panel').waitFor({ state: 'detached', timeout: 15_000 });
      expect(await page.locator('body').textContent()).not.toContain(secret);

      await row.getByTestId('token-revoke').click();
      await row.getByTestId('token-revoke-confirm').click();
      await row.waitFor({ state: 'detached', timeout: 15_000 });
      const refused = await fetch(`${product!.baseUrl}/api/auth/me`, { headers: bearer });
      expect(refused.status).toBe(401);

      // The audit log has the revocation on top.
      await page.getByTestId('audit-reload').click();
      await eventually(() => text(page.getByTestId('audit-action').first()), 'api_token.revoked');
      const { body: audit } = await getJson<AuditEventView[]>(`${url}/audit-events?limit=5`, { headers });
      expect(audit[0]).toMatchObject({ action: 'api_token.revoked', targetType: 'api_token' });

      await expectFitsTablet(page);
      expect(errors).toEqual([]);
    });

    it('a change manager has no admin page: no navigation entry, and /admin goes to the overview', async () => {
      const context = await browser!.newContext({ viewport: { width: 1280, height: 900 } });
      const other = await context.newPage();
      await other.goto(`${product!.baseUrl}/overview`);
      await signInThroughPage(other, DEMO_ACCOUNTS.changeManager);
      await other.waitForURL(/\/overview/);
      await expectVisible(other.getByTestId('nav-rollout'), 30_000);
      // the navigation lists every page until the shell knows the role: then the change manager's only
      await eventually(() => other.getByTestId('nav-connectors').count(), 0);
      expect(await other.getByTestId('nav-admin').count()).toBe(0);
      await other.goto(`${product!.baseUrl}/admin`);
      await other.waitForURL(/\/overview/);
      expect(await other.getByTestId('members-card').count()).toBe(0);
      await context.close();
    });
  });
}
