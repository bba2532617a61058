import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { LOCALE_STORAGE_KEY } from '../../locale/locale';
import { Language } from '../shell/language';
import { LoginPage, SSO_ERROR_MESSAGES } from './login.page';

describe('LoginPage single sign-on', () => {
  let fixture: ComponentFixture<LoginPage>;
  let http: HttpTestingController;
  const element = <T extends HTMLElement = HTMLElement>(testId: string) =>
    (fixture.nativeElement as HTMLElement).querySelector<T>(`[data-testid="${testId}"]`);
  const settle = async () => {
    TestBed.tick();
    await fixture.whenStable();
    fixture.detectChanges();
  };
  const type = async (testId: string, value: string) => {
    const input = element<HTMLInputElement>(testId)!;
    input.value = value;
    input.dispatchEvent(new Event('input'));
    await settle();
  };

  function create(inputs: { returnUrl?: string; error?: string } = {}) {
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])],
    });
    http = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(LoginPage);
    for (const [name, value] of Object.entries(inputs)) fixture.componentRef.setInput(name, value);
    fixture.detectChanges();
  }

  afterEach(() => http.verify());

  it('links to the SSO start of the organisation typed in, returning to the page the guard came from', async () => {
    create({ returnUrl: '/kpis?org=1' });
    // nothing typed yet: no link, a disabled button
    expect(element('sso-start')).toBeNull();
    expect(element<HTMLButtonElement>('sso-start-disabled')?.disabled).toBe(true);
    await type('sso-organisation', '  Acme  ');
    expect(element<HTMLAnchorElement>('sso-start')?.getAttribute('href')).toBe(
      '/api/auth/sso/acme/start?returnTo=%2Fkpis%3Forg%3D1',
    );
  });

  it('offers no link for what cannot be an organisation name', async () => {
    create();
    for (const value of ['../admin', 'acme/evil', '-acme', 'a'.repeat(64)]) {
      await type('sso-organisation', value);
      expect({ value, link: element('sso-start') }).toEqual({ value, link: null });
    }
    await type('sso-organisation', 'a'.repeat(63));
    // returnTo defaults to the start page
    expect(element('sso-start')?.getAttribute('href')).toBe(
      `/api/auth/sso/${'a'.repeat(63)}/start?returnTo=%2F`,
    );
  });

  it('shows the sentence of the error code an SSO sign-in came back with', () => {
    create({ error: 'sso_email_domain' });
    expect(element('sso-error')?.textContent?.trim()).toBe(SSO_ERROR_MESSAGES.sso_email_domain);
  });

  it('shows a general sentence for an unknown code, and nothing without one', () => {
    create({ error: 'toString' });
    expect(element('sso-error')?.textContent?.trim()).toBe(SSO_ERROR_MESSAGES.sso_failed);
    TestBed.resetTestingModule();
    create();
    expect(element('sso-error')).toBeNull();
  });
});

describe('LoginPage language after signing in', () => {
  const ME = {
    kind: 'session',
    userId: 'user-1',
    email: 'a@acme.test',
    memberships: [],
    preferredLocale: null,
    expiresAt: '2026-12-02T00:00:00.000Z',
  };

  function signIn(locale: string) {
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])],
    });
    const http = TestBed.inject(HttpTestingController);
    const router = TestBed.inject(Router);
    const navigateByUrl = jest.spyOn(router, 'navigateByUrl').mockResolvedValue(true);
    const language = TestBed.inject(Language);
    const navigate = jest.spyOn(language, 'navigate').mockImplementation(() => undefined);
    const fixture = TestBed.createComponent(LoginPage);
    fixture.componentRef.setInput('returnUrl', '/adoption?org=1');
    fixture.detectChanges();
    (fixture.nativeElement as HTMLElement).querySelector('form')!.dispatchEvent(new Event('submit'));
    http.expectOne('/api/auth/login').flush({ ...ME, locale });
    http.verify();
    return { navigateByUrl, navigate };
  }

  beforeEach(() => localStorage.clear());

  it('stays in the app when the user reads the language the page is in', () => {
    const { navigateByUrl, navigate } = signIn('en');
    expect(navigateByUrl).toHaveBeenCalledWith('/adoption?org=1');
    expect(navigate).not.toHaveBeenCalled();
    expect(localStorage.getItem(LOCALE_STORAGE_KEY)).toBeNull();
  });

  it("loads the page afresh in the user's other language, remembered for the sign-in page", () => {
    const { navigateByUrl, navigate } = signIn('nl');
    expect(navigate).toHaveBeenCalledWith('/adoption?org=1');
    expect(navigateByUrl).not.toHaveBeenCalled();
    expect(localStorage.getItem(LOCALE_STORAGE_KEY)).toBe('nl');
  });
});
