import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { signal } from '@angular/core';
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { ApiTokenView, InvitationView, Member, OrganisationSummary } from '@uptake/contracts';
import { OrganisationContext } from '../shell/organisation-context';
import { apiToken, auditEvent, invitation, member, SSO } from './admin.fixtures';
import { AdminPage } from './admin.page';

const BASE = '/api/organisations/org-1';
const ORGANISATION: OrganisationSummary = {
  id: 'org-1',
  name: 'Acme',
  slug: 'acme',
  minGroupSize: 5,
  perturbation: false,
  people: 0,
};
const ADMIN = member('admin@acme.test', 'admin', { userId: 'user-1', lastLoginAt: '2026-03-10T08:00:00Z' });
const EXEC = member('exec@acme.test', 'executive');

describe('AdminPage', () => {
  const organisation = signal(ORGANISATION);
  let fixture: ComponentFixture<AdminPage>;
  let http: HttpTestingController;
  const element = () => fixture.nativeElement as HTMLElement;
  const all = (testId: string, within: ParentNode = element()) => [
    ...within.querySelectorAll<HTMLElement>(`[data-testid="${testId}"]`),
  ];
  const byTestId = <T extends HTMLElement = HTMLElement>(testId: string) =>
    element().querySelector<T>(`[data-testid="${testId}"]`);
  const clean = (node: Element | null | undefined) => node?.textContent?.replace(/\s+/g, ' ').trim() ?? null;
  const text = (testId: string) => clean(byTestId(testId));

  const settle = async () => {
    TestBed.tick();
    await new Promise((resolve) => setTimeout(resolve, 0));
    TestBed.tick();
    fixture.detectChanges();
  };
  const type = (testId: string, value: string) => {
    const input = byTestId<HTMLInputElement>(testId)!;
    input.value = value;
    input.dispatchEvent(new Event('input'));
    fixture.detectChanges();
  };
  const choose = (select: HTMLSelectElement, value: string) => {
    select.value = value;
    select.dispatchEvent(new Event('change'));
    fixture.detectChanges();
  };
  const click = (testId: string, within: ParentNode = element()) => {
    within.querySelector<HTMLElement>(`[data-testid="${testId}"]`)!.click();
    fixture.detectChanges();
  };
  const submit = (testId: string) => {
    byTestId<HTMLFormElement>(testId)!.dispatchEvent(new Event('submit'));
    fixture.detectChanges();
  };
  const rowOf = (testId: string, email: string) =>
    all(testId).find((row) => row.dataset['email'] === email || row.dataset['name'] === email)!;

  beforeEach(() => {
    localStorage.clear();
    organisation.set(ORGANISATION);
    TestBed.configureTestingModule({
      imports: [AdminPage],
      providers: [
        provideRouter([]),
        provideHttpClient(),
        provideHttpClientTesting(),
        {
          provide: OrganisationContext,
          useValue: {
            organisation,
            role: signal('admin'),
            me: {
              hasValue: () => true,
              value: () => ({ kind: 'session', userId: 'user-1', email: ADMIN.email, memberships: [] }),
              reload: jest.fn(),
            },
          },
        },
      ],
    });
    fixture = TestBed.createComponent(AdminPage);
    http = TestBed.inject(HttpTestingController);
    fixture.detectChanges();
  });

  afterEach(() => http.verify());

  /** Answers every request the page makes when it opens. */
  const open = async (
    answers: {
      members?: Member[];
      invitations?: InvitationView[];
      tokens?: ApiTokenView[];
      sources?: unknown[];
      rollouts?: unknown[];
    } = {},
  ) => {
    TestBed.tick();
    http.expectOne(`${BASE}/members`).flush(answers.members ?? [ADMIN, EXEC]);
    http.expectOne(`${BASE}/invitations?limit=50`).flush(answers.invitations ?? []);
    http.expectOne(`${BASE}/api-tokens`).flush(answers.tokens ?? []);
    http.expectOne(`${BASE}/sources`).flush(answers.sources ?? []);
    http.expectOne(`${BASE}/rollouts`).flush(answers.rollouts ?? []);
    http.expectOne(`${BASE}/sso`).flush(SSO);
    http.expectOne(`${BASE}/audit-events?limit=50`).flush([]);
    await settle();
  };

  describe('members', () => {
    it('lists members with their role, last sign-in, and marks the only admin', async () => {
      await open();
      const rows = all('member-row');
      expect(rows.map((row) => clean(row.querySelector('[data-testid="member-email"]')))).toEqual([
        'admin@acme.test',
        'exec@acme.test',
      ]);
      const selects = all('member-role') as HTMLSelectElement[];
      expect(selects.map((s) => s.value)).toEqual(['admin', 'executive']);
      expect(
        clean(rowOf('member-row', EXEC.email).querySelector('[data-testid="member-last-sign-in"]')),
      ).toBe('never');
      expect(all('member-you')).toHaveLength(1);
      expect(all('member-only-admin')).toHaveLength(1);
    });

    it("shows the API's refusal on the row and puts the select back", async () => {
      await open();
      const select = rowOf('member-row', ADMIN.email).querySelector<HTMLSelectElement>('select')!;
      choose(select, 'executive');
      const request = http.expectOne(`${BASE}/members/user-1`);
      expect(request.request.method).toBe('PATCH');
      expect(request.request.body).toEqual({ role: 'executive' });
      request.flush(
        { statusCode: 409, message: 'An organisation keeps at least one admin' },
        { status: 409, statusText: 'Conflict' },
      );
      await settle();
      expect(clean(rowOf('member-row', ADMIN.email).querySelector('[data-testid="member-error"]'))).toBe(
        'An organisation keeps at least one admin',
      );
      expect(select.value).toBe('admin');
    });

    it('changes a role and shows the answer', async () => {
      await open();
      choose(rowOf('member-row', EXEC.email).querySelector('select')!, 'change_manager');
      http.expectOne(`${BASE}/members/user-exec`).flush({ ...EXEC, role: 'change_manager' });
      await settle();
      expect((rowOf('member-row', EXEC.email).querySelector('select') as HTMLSelectElement).value).toBe(
        'change_manager',
      );
      expect(all('member-error')).toEqual([]);
    });

    it('removes a member only after confirming', async () => {
      await open();
      click('member-remove', rowOf('member-row', EXEC.email));
      http.expectNone(`${BASE}/members/user-exec`);
      click('member-remove-confirm', rowOf('member-row', EXEC.email));
      const request = http.expectOne(`${BASE}/members/user-exec`);
      expect(request.request.method).toBe('DELETE');
      request.flush(null, { status: 204, statusText: 'No Content' });
      await settle();
      http.expectOne(`${BASE}/members`).flush([ADMIN]);
      await settle();
      expect(all('member-row')).toHaveLength(1);
    });

    it('invites: explains the 202, lists the invitation and ticks the checklist step', async () => {
      // one member, no invitation: as in a new organisation
      await open({ members: [ADMIN] });
      expect(clean(byTestId('checklist-step-invite')?.querySelector('[data-testid="checklist-state"]'))).toBe(
        'to do',
      );
      type('invite-email', ' new@acme.test ');
      choose(byTestId<HTMLSelectElement>('invite-role')!, 'change_manager');
      submit('invite-form');
      const request = http.expectOne(`${BASE}/members`);
      expect(request.request.method).toBe('POST');
      expect(request.request.body).toEqual({ email: 'new@acme.test', role: 'change_manager' });
      request.flush(invitation('new@acme.test'), { status: 202, statusText: 'Accepted' });
      await settle();
      expect(text('invite-sent')).toBe(
        'An invitation link was e-mailed to new@acme.test if the address can receive it. Whoever opens it ' +
          'joins with the role chosen here; it is listed under pending invitations until then.',
      );
      expect(byTestId<HTMLInputElement>('invite-email')!.value).toBe('');
      http.expectOne(`${BASE}/invitations?limit=50`).flush([invitation('new@acme.test')]);
      await settle();
      expect(all('invitation-email').map(clean)).toEqual(['new@acme.test']);
      expect(all('invitation-role').map(clean)).toEqual(['change manager']);
      expect(clean(byTestId('checklist-step-invite')?.querySelector('[data-testid="checklist-state"]'))).toBe(
        'done',
      );
    });

    it('shows a 400 next to the e-mail field and a 409 under the form', async () => {
      await open();
      type('invite-email', 'not-an-address');
      submit('invite-form');
      http
        .expectOne(`${BASE}/members`)
        .flush(
          { statusCode: 400, message: ['email must be an e-mail address'] },
          { status: 400, statusText: 'Bad Request' },
        );
      await settle();
      expect(text('invite-error-email')).toBe('email must be an e-mail address');
      expect(byTestId('invite-sent')).toBeNull();

      type('invite-email', EXEC.email);
      submit('invite-form');
      http
        .expectOne(`${BASE}/members`)
        .flush(
          { statusCode: 409, message: 'Already a member of this organisation' },
          { status: 409, statusText: 'Conflict' },
        );
      await settle();
      expect(byTestId('invite-error-email')).toBeNull();
      expect(text('invite-error')).toBe('Already a member of this organisation');
    });

    it('revokes a pending invitation after confirming; past ones are not listed', async () => {
      await open({
        invitations: [invitation('open@acme.test'), invitation('old@acme.test', { status: 'revoked' })],
      });
      expect(all('invitation-email').map(clean)).toEqual(['open@acme.test']);
      click('invitation-revoke');
      click('invitation-revoke-confirm');
      const request = http.expectOne(`${BASE}/invitations/inv-open`);
      expect(request.request.method).toBe('DELETE');
      request.flush(null, { status: 204, statusText: 'No Content' });
      await settle();
      http.expectOne(`${BASE}/invitations?limit=50`).flush([]);
      await settle();
      expect(text('invitations-empty')).toBe('No invitation is waiting to be accepted.');
    });
  });

  describe('API tokens', () => {
    const SECRET = 'upt_' + 'x'.repeat(43);

    it('shows the secret once, with a copy button and a warning, and never again', async () => {
      const writeText = jest.fn().mockResolvedValue(undefined);
      Object.assign(navigator, { clipboard: { writeText } });
      await open();
      expect(text('tokens-empty')).toBe('No API token yet.');
      type('token-form-name', ' HR webhook ');
      choose(byTestId<HTMLSelectElement>('token-form-role')!, 'connector_maintainer');
      type('token-form-expiresInDays', '30');
      submit('token-form');
      const request = http.expectOne(`${BASE}/api-tokens`);
      expect(request.request.method).toBe('POST');
      expect(request.request.body).toEqual({
        name: 'HR webhook',
        role: 'connector_maintainer',
        expiresInDays: 30,
      });
      const created = apiToken('HR webhook', {
        role: 'connector_maintainer',
        expiresAt: '2026-04-09T12:00:00Z',
      });
      request.flush({ ...created, token: SECRET }, { status: 201, statusText: 'Created' });
      await settle();
      expect(text('token-secret')).toBe(SECRET);
      expect(text('token-secret-panel')).toContain(
        'Copy the token “HR webhook” now: it will not be shown again.',
      );

      http.expectOne(`${BASE}/api-tokens`).flush([created]);
      await settle();
      expect(all('token-name').map(clean)).toEqual(['HR webhook']);
      expect(all('token-role').map(clean)).toEqual(['connector maintainer']);
      expect(all('token-last-used').map(clean)).toEqual(['never']);

      click('token-copy');
      await settle();
      expect(writeText).toHaveBeenCalledWith(SECRET);
      expect(text('token-copied')).toBe('Copied to the clipboard.');

      click('token-secret-close');
      expect(byTestId('token-secret-panel')).toBeNull();
      expect(element().textContent).not.toContain(SECRET);
    });

    it('names a refused field and revokes after confirming', async () => {
      await open({ tokens: [apiToken('old script')] });
      type('token-form-name', 'x');
      type('token-form-expiresInDays', '1000');
      submit('token-form');
      http
        .expectOne(`${BASE}/api-tokens`)
        .flush(
          { statusCode: 400, message: ['expiresInDays must not be greater than 730'] },
          { status: 400, statusText: 'Bad Request' },
        );
      await settle();
      expect(text('token-error-expiresInDays')).toBe('expiresInDays must not be greater than 730');
      expect(byTestId('token-secret')).toBeNull();

      click('token-revoke');
      click('token-revoke-confirm');
      const request = http.expectOne(`${BASE}/api-tokens/tok-old-script`);
      expect(request.request.method).toBe('DELETE');
      request.flush(null, { status: 204, statusText: 'No Content' });
      await settle();
      http.expectOne(`${BASE}/api-tokens`).flush([]);
      await settle();
      expect(text('tokens-empty')).toBe('No API token yet.');
    });
  });

  describe('single sign-on', () => {
    const openWithoutSso = async () => {
      TestBed.tick();
      http.expectOne(`${BASE}/members`).flush([ADMIN, EXEC]);
      http.expectOne(`${BASE}/invitations?limit=50`).flush([]);
      http.expectOne(`${BASE}/api-tokens`).flush([]);
      http.expectOne(`${BASE}/sources`).flush([{}]);
      http.expectOne(`${BASE}/rollouts`).flush([{}]);
      http
        .expectOne(`${BASE}/sso`)
        .flush(
          { statusCode: 404, message: 'Single sign-on is not set up for this organisation' },
          { status: 404, statusText: 'Not Found' },
        );
      http.expectOne(`${BASE}/audit-events?limit=50`).flush([]);
      await settle();
    };

    it('shows the saved settings, the redirect URI, and keeps the secret unless typed', async () => {
      await open();
      expect(byTestId<HTMLInputElement>('sso-issuer')!.value).toBe(SSO.issuer);
      expect(byTestId<HTMLInputElement>('sso-clientSecret')!.value).toBe('');
      expect(byTestId<HTMLInputElement>('sso-clientSecret')!.placeholder).toBe(
        'leave empty to keep the stored one',
      );
      expect(all('sso-mapping-value').map((input) => (input as HTMLInputElement).value)).toEqual([
        'uptake-admins',
        'uptake-managers',
      ]);
      expect(byTestId<HTMLInputElement>('sso-localPasswords')!.checked).toBe(false);
      expect(text('sso-redirect-uri')).toBe(SSO.redirectUri);

      click('sso-mapping-add');
      const values = all('sso-mapping-value') as HTMLInputElement[];
      values[2].value = 'uptake-execs';
      values[2].dispatchEvent(new Event('input'));
      fixture.detectChanges();
      submit('sso-form');
      const request = http.expectOne(`${BASE}/sso`);
      expect(request.request.method).toBe('PUT');
      expect(request.request.body).not.toHaveProperty('clientSecret');
      expect(request.request.body.roleMapping).toEqual({
        'uptake-admins': 'admin',
        'uptake-managers': 'change_manager',
        'uptake-execs': 'executive',
      });
      request.flush({ ...SSO, roleMapping: request.request.body.roleMapping });
      await settle();
      expect(text('sso-saved')).toBe('Single sign-on settings saved.');
    });

    it('not set up: the defaults, a provisional redirect URI, and 400s next to their fields', async () => {
      await openWithoutSso();
      expect(text('sso-not-set-up')).toBe('Not set up: members sign in with a password.');
      expect(byTestId('sso-error-banner')).toBeNull();
      expect(byTestId<HTMLInputElement>('sso-scopes')!.value).toBe('openid email profile');
      expect(text('sso-redirect-uri')).toBe(`${location.origin}/api/auth/sso/callback`);
      expect(byTestId('sso-delete')).toBeNull();

      type('sso-issuer', 'http://idp.example.com');
      type('sso-clientId', 'uptake');
      type('sso-allowedEmailDomains', 'example');
      submit('sso-form');
      const request = http.expectOne(`${BASE}/sso`);
      expect(request.request.body).toMatchObject({
        issuer: 'http://idp.example.com',
        allowedEmailDomains: ['example'],
      });
      request.flush(
        {
          statusCode: 400,
          message: [
            'issuer must be an https:// URL (http:// only for localhost)',
            'allowedEmailDomains.0 must be a domain name like example.com',
            'clientSecret is required when single sign-on is set up for the first time',
          ],
        },
        { status: 400, statusText: 'Bad Request' },
      );
      await settle();
      expect(text('sso-error-issuer')).toBe('issuer must be an https:// URL (http:// only for localhost)');
      expect(text('sso-error-allowedEmailDomains')).toBe(
        'allowedEmailDomains.0 must be a domain name like example.com',
      );
      expect(text('sso-error-clientSecret')).toBe(
        'clientSecret is required when single sign-on is set up for the first time',
      );
      expect(byTestId('sso-error')).toBeNull();
    });

    it('refuses a claim value given twice before sending', async () => {
      await open();
      const values = all('sso-mapping-value') as HTMLInputElement[];
      values[1].value = 'uptake-admins';
      values[1].dispatchEvent(new Event('input'));
      fixture.detectChanges();
      expect(text('sso-mapping-duplicates')).toBe('Each claim value once: uptake-admins');
      expect(byTestId<HTMLButtonElement>('sso-save')!.disabled).toBe(true);
      submit('sso-form');
      http.expectNone(`${BASE}/sso`);
    });

    it('turns SSO off after confirming', async () => {
      await open();
      click('sso-delete');
      click('sso-delete-confirm');
      const request = http.expectOne(`${BASE}/sso`);
      expect(request.request.method).toBe('DELETE');
      request.flush(null, { status: 204, statusText: 'No Content' });
      await settle();
      http
        .expectOne(`${BASE}/sso`)
        .flush({ message: 'Single sign-on is not set up' }, { status: 404, statusText: 'Not Found' });
      await settle();
      expect(text('sso-saved')).toBe('Single sign-on is off: members sign in with their passwords again.');
      expect(text('sso-not-set-up')).toBe('Not set up: members sign in with a password.');
      expect(byTestId<HTMLInputElement>('sso-issuer')!.value).toBe('');
    });
  });

  describe('audit log', () => {
    it('names actors and pages on with before', async () => {
      TestBed.tick();
      http.expectOne(`${BASE}/members`).flush([ADMIN]);
      http.expectOne(`${BASE}/invitations?limit=50`).flush([]);
      http.expectOne(`${BASE}/api-tokens`).flush([]);
      http.expectOne(`${BASE}/sources`).flush([]);
      http.expectOne(`${BASE}/rollouts`).flush([]);
      http.expectOne(`${BASE}/sso`).flush(SSO);
      // a full page of 50: ids 100 down to 51
      const page = Array.from({ length: 50 }, (_, i) =>
        auditEvent(String(100 - i), 'auth.login', { actorUserId: 'user-1' }),
      );
      http.expectOne(`${BASE}/audit-events?limit=50`).flush(page);
      await settle();
      expect(all('audit-row')).toHaveLength(50);
      expect(clean(all('audit-actor')[0])).toBe('admin@acme.test');

      click('audit-older');
      TestBed.tick();
      http.expectOne(`${BASE}/audit-events?limit=50&before=51`).flush([auditEvent('50', 'member.invited')]);
      await settle();
      expect(all('audit-action').map(clean)).toEqual(['member.invited']);
      expect(clean(all('audit-actor')[0])).toBe('system');
      // 1 < 50: the end of the log
      expect(byTestId('audit-older')).toBeNull();

      click('audit-newest');
      TestBed.tick();
      http.expectOne(`${BASE}/audit-events?limit=50`).flush([]);
      await settle();
      expect(text('audit-empty')).toBe('Nothing recorded yet.');
    });
  });

  describe('getting-started checklist', () => {
    it('shows what is left of a new organisation, and hides for this user when dismissed', async () => {
      await open({ members: [ADMIN], sources: [{ id: 'src' }] });
      const state = (key: string) =>
        clean(byTestId(`checklist-step-${key}`)?.querySelector('[data-testid="checklist-state"]'));
      // people 0, one source, no plan, one member and no invitation
      expect(['directory', 'source', 'plan', 'invite'].map(state)).toEqual([
        'to do',
        'done',
        'to do',
        'to do',
      ]);
      expect(text('checklist-progress')).toBe('1 of 4 steps done. This card goes away once they all are.');

      click('checklist-dismiss');
      expect(byTestId('first-run-checklist')).toBeNull();
      expect(localStorage.getItem('uptake.first-run-checklist.dismissed.user-1.org-1')).toBe('true');
      click('checklist-restore');
      expect(byTestId('first-run-checklist')).not.toBeNull();
      expect(localStorage.getItem('uptake.first-run-checklist.dismissed.user-1.org-1')).toBeNull();
    });

    it('is not shown when every step is done', async () => {
      // an organisation with people in its directory, from the start: drop the page opened for the other
      TestBed.tick();
      http.match(() => true).forEach((request) => request.flush(null));
      fixture.destroy();
      organisation.set({ ...ORGANISATION, people: 120 });
      fixture = TestBed.createComponent(AdminPage);
      fixture.detectChanges();
      await open({ members: [ADMIN, EXEC], sources: [{}], rollouts: [{}] });
      expect(byTestId('first-run-checklist')).toBeNull();
      expect(byTestId('checklist-restore')).toBeNull();
      // seen complete: the overview will not ask again
      expect(localStorage.getItem('uptake.first-run-checklist.dismissed.user-1.org-1')).toBe('true');
    });
  });
});
