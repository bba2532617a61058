import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { signal } from '@angular/core';
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { Me } from '@uptake/contracts';
import { LOCALE_STORAGE_KEY } from '../../locale/locale';
import { currentLocale, Language } from './language';
import { OrganisationContext } from './organisation-context';
import { ShellComponent } from './shell.component';

const ME: Me = {
  kind: 'session',
  userId: 'user-1',
  email: 'admin@acme.test',
  memberships: [{ organisationId: 'org-1', organisationName: 'Acme', role: 'admin' }],
  locale: 'en',
  preferredLocale: null,
};

/** The shell with a fake organisation context; `me` as the API answered it. */
function render(me: Me) {
  TestBed.configureTestingModule({
    imports: [ShellComponent],
    providers: [
      provideRouter([]),
      provideHttpClient(),
      provideHttpClientTesting(),
      {
        provide: OrganisationContext,
        useValue: {
          me: { hasValue: () => true, value: () => me },
          organisations: { hasValue: () => true, value: () => [], isLoading: () => false },
          organisationsError: () => null,
          organisation: signal({ id: 'org-1', name: 'Acme' }),
          role: signal('admin'),
          setParams: jest.fn(),
        },
      },
    ],
  });
  const language = TestBed.inject(Language);
  const reload = jest.spyOn(language, 'reload').mockImplementation(() => undefined);
  const fixture = TestBed.createComponent(ShellComponent);
  fixture.detectChanges();
  return { fixture, reload, http: TestBed.inject(HttpTestingController) };
}

describe('ShellComponent language', () => {
  let fixture: ComponentFixture<ShellComponent>;
  const byTestId = <T extends HTMLElement>(id: string) =>
    (fixture.nativeElement as HTMLElement).querySelector<T>(`[data-testid="${id}"]`);
  const choose = (locale: string) => {
    const select = byTestId<HTMLSelectElement>('language-picker')!;
    select.value = locale;
    select.dispatchEvent(new Event('change'));
    fixture.detectChanges();
  };

  beforeEach(() => localStorage.clear());

  it('offers English and Nederlands, saves the choice on the user, remembers it and reloads', () => {
    const view = render(ME);
    fixture = view.fixture;
    const options = [...byTestId<HTMLSelectElement>('language-picker')!.options];
    expect(options.map((o) => [o.value, o.textContent?.trim(), o.lang])).toEqual([
      ['en', 'English', 'en'],
      ['nl', 'Nederlands', 'nl'],
    ]);
    expect(byTestId<HTMLSelectElement>('language-picker')!.value).toBe('en');
    choose('nl');
    const request = view.http.expectOne('/api/auth/me');
    expect(request.request.method).toBe('PATCH');
    expect(request.request.body).toEqual({ locale: 'nl' });
    expect(view.reload).not.toHaveBeenCalled();
    request.flush({ ...ME, locale: 'nl', preferredLocale: 'nl' });
    expect(localStorage.getItem(LOCALE_STORAGE_KEY)).toBe('nl');
    expect(view.reload).toHaveBeenCalledTimes(1);
    view.http.verify();
  });

  it('does nothing for the language already shown, and says why a change failed without reloading', () => {
    const view = render(ME);
    fixture = view.fixture;
    choose('en');
    view.http.expectNone('/api/auth/me');
    choose('nl');
    view.http
      .expectOne('/api/auth/me')
      .flush(
        { message: 'locale must be one of en, nl (got "nl")' },
        { status: 400, statusText: 'Bad Request' },
      );
    fixture.detectChanges();
    expect(byTestId('language-error')?.textContent?.trim()).toBe(
      'Could not change the language: locale must be one of en, nl (got "nl")',
    );
    expect(view.reload).not.toHaveBeenCalled();
    expect(localStorage.getItem(LOCALE_STORAGE_KEY)).toBeNull();
  });

  it('has no language switch for an API token (no profile to keep it in)', () => {
    fixture = render({ ...ME, kind: 'api', userId: null, email: null }).fixture;
    expect(byTestId('language-picker')).toBeNull();
  });
});

describe('currentLocale', () => {
  it("reads the page's language from LOCALE_ID, English for anything else", () => {
    expect(currentLocale('nl')).toBe('nl');
    expect(currentLocale('nl-NL')).toBe('nl');
    expect(currentLocale('en-US')).toBe('en');
    expect(currentLocale('de')).toBe('en');
  });
});
