import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { signal } from '@angular/core';
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { OrganisationSummary } from '@uptake/contracts';
import { inDutch } from '../../locale/testing';
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
const ADMIN = member('admin@acme.test', 'admin', { userId: 'user-1' });
const EXEC = member('exec@acme.test', 'executive');

/** The admin page in Dutch: its own labels, the role names and the sentences it builds itself. */
describe('AdminPage in Dutch', () => {
  inDutch();

  let fixture: ComponentFixture<AdminPage>;
  let http: HttpTestingController;
  const element = () => fixture.nativeElement as HTMLElement;
  const byTestId = <T extends HTMLElement = HTMLElement>(testId: string) =>
    element().querySelector<T>(`[data-testid="${testId}"]`);
  const all = (selector: string) => [...element().querySelectorAll<HTMLElement>(selector)];
  const clean = (node: Element | null | undefined) => node?.textContent?.replace(/\s+/g, ' ').trim() ?? null;
  const text = (testId: string) => clean(byTestId(testId));
  const settle = async () => {
    TestBed.tick();
    await new Promise((resolve) => setTimeout(resolve, 0));
    TestBed.tick();
    fixture.detectChanges();
  };

  beforeEach(async () => {
    localStorage.clear();
    TestBed.configureTestingModule({
      imports: [AdminPage],
      providers: [
        provideRouter([]),
        provideHttpClient(),
        provideHttpClientTesting(),
        {
          provide: OrganisationContext,
          useValue: {
            organisation: signal(ORGANISATION),
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
    TestBed.tick();
    http.expectOne(`${BASE}/members`).flush([ADMIN, EXEC]);
    http.expectOne(`${BASE}/invitations?limit=50`).flush([]);
    http.expectOne(`${BASE}/api-tokens`).flush([apiToken('HR webhook')]);
    http.expectOne(`${BASE}/sources`).flush([]);
    http.expectOne(`${BASE}/rollouts`).flush([]);
    http.expectOne(`${BASE}/sso`).flush(SSO);
    http
      .expectOne(`${BASE}/audit-events?limit=50`)
      .flush([
        auditEvent('e1', 'api_token.revoked', { targetType: 'api_token', targetId: 'tok-HR-webhook' }),
      ]);
    await settle();
  }, 20_000); // the first test compiles the page and its sections

  afterEach(() => http.verify());

  it('labels the page, its sections and the tables in Dutch', () => {
    expect(clean(element().querySelector('h1'))).toBe('Beheer');
    expect(all('nav.jump a').map(clean)).toEqual(['Leden', 'API-tokens', 'Single sign-on', 'Auditlogboek']);
    expect(all('[data-testid="members-table"] th').map(clean)).toEqual([
      'E-mail',
      'Rol',
      'Lid sinds',
      'Laatst ingelogd',
      'Acties',
    ]);
    const exec = all('[data-testid="member-row"]').find((row) => row.dataset['email'] === EXEC.email)!;
    expect(clean(exec.querySelector('[data-testid="member-last-sign-in"]'))).toBe('nooit');
    expect(text('member-you')).toBe('jij');
    expect(text('member-only-admin')).toBe('de enige beheerder');
    expect(byTestId('member-role')?.getAttribute('aria-label')).toBe('Rol van admin@acme.test');
    // Role names in the selects come from the page's own lookup, not from the API.
    expect([...byTestId<HTMLSelectElement>('invite-role')!.options].map((option) => clean(option))).toEqual([
      'beheerder',
      'changemanager',
      'directielid',
      'connectorbeheerder',
    ]);
  });

  it('counts the checklist steps and names the states in Dutch', () => {
    // Another member exists, so only "Nodig mensen uit" is done.
    expect(text('checklist-progress')).toBe(
      '1 van 4 stappen klaar. Deze kaart verdwijnt zodra ze allemaal klaar zijn.',
    );
    expect(clean(byTestId('checklist-step-invite')?.querySelector('[data-testid="checklist-state"]'))).toBe(
      'klaar',
    );
    expect(clean(byTestId('checklist-step-plan')?.querySelector('a'))).toBe('Maak een uitrolplan');
  });

  it('names audit actors and targets, and tokens without expiry, in Dutch', () => {
    expect(text('audit-actor')).toBe('systeem');
    expect(text('audit-target')).toBe('API-token HR webhook');
    expect(text('token-expiry')).toBe('nooit');
    expect(text('token-role')).toBe('directielid');
  });

  it('says in Dutch what happened after an invitation', async () => {
    const email = byTestId<HTMLInputElement>('invite-email')!;
    email.value = 'nieuw@acme.test';
    email.dispatchEvent(new Event('input'));
    byTestId<HTMLFormElement>('invite-form')!.dispatchEvent(new Event('submit'));
    fixture.detectChanges();
    http
      .expectOne(`${BASE}/members`)
      .flush(invitation('nieuw@acme.test'), { status: 202, statusText: 'Accepted' });
    await settle();
    expect(text('invite-sent')).toBe(
      'Er is een uitnodigingslink gemaild naar nieuw@acme.test, als dat adres hem kan ontvangen. Wie de link ' +
        'opent, wordt lid met de rol die je hier kiest; tot die tijd staat de uitnodiging bij de openstaande ' +
        'uitnodigingen.',
    );
    http.expectOne(`${BASE}/invitations?limit=50`).flush([invitation('nieuw@acme.test')]);
    await settle();
    expect(text('invitation-role')).toBe('changemanager');
  });
});
