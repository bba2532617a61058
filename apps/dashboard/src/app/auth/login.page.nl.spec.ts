import '../../locale/dutch.testing';
import { provideHttpClient } from '@angular/common/http';
import { provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { LoginPage } from './login.page';

describe('LoginPage in Dutch', () => {
  it('asks to sign in in Dutch and explains an SSO error in Dutch', () => {
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])],
    });
    const fixture = TestBed.createComponent(LoginPage);
    fixture.componentRef.setInput('error', 'sso_email_domain');
    fixture.detectChanges();
    const element = fixture.nativeElement as HTMLElement;
    const text = (testId: string) =>
      element.querySelector(`[data-testid="${testId}"]`)?.textContent?.replace(/\s+/g, ' ').trim();
    expect(element.querySelector('p.muted')?.textContent?.trim()).toBe('Log in om je uitrol te volgen.');
    expect(text('login-submit')).toBe('Inloggen');
    expect(text('sso-start-disabled')).toBe('Inloggen met SSO');
    expect(text('sso-error')).toBe('Je e-maildomein is voor deze organisatie niet toegestaan.');
    expect(element.querySelector('[data-testid="sso-organisation"]')?.getAttribute('placeholder')).toBe(
      'bijv. acme',
    );
  });
});
