import '../../locale/dutch.testing';
import { provideHttpClient } from '@angular/common/http';
import { provideHttpClientTesting } from '@angular/common/http/testing';
import { signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { OrganisationContext } from './organisation-context';
import { ShellComponent } from './shell.component';

describe('ShellComponent in Dutch', () => {
  it('shows the navigation, organisation, language and sign-out in Dutch', () => {
    TestBed.configureTestingModule({
      imports: [ShellComponent],
      providers: [
        provideRouter([]),
        provideHttpClient(),
        provideHttpClientTesting(),
        {
          provide: OrganisationContext,
          useValue: {
            me: { hasValue: () => true, value: () => ({ kind: 'session' }) },
            organisations: {
              hasValue: () => true,
              value: () => [{ id: 'org-1', name: 'Acme' }],
              isLoading: () => false,
            },
            organisationsError: () => null,
            organisation: signal(undefined),
            role: signal('change_manager'),
            setParams: jest.fn(),
          },
        },
      ],
    });
    const fixture = TestBed.createComponent(ShellComponent);
    fixture.detectChanges();
    const element = fixture.nativeElement as HTMLElement;
    const texts = (selector: string) =>
      [...element.querySelectorAll(selector)].map((node) => node.textContent?.replace(/\s+/g, ' ').trim());
    expect(texts('nav a')).toEqual([
      'Overzicht',
      'Businesscase',
      'Uitrol',
      "Community's",
      'Adoptie',
      'Meldingen',
    ]);
    expect(texts('label > span')).toEqual(['Organisatie', 'Taal']);
    expect(texts('[data-testid="sign-out"]')).toEqual(['Uitloggen']);
    expect(element.querySelector('nav')?.getAttribute('aria-label')).toBe("Pagina's");
    expect(texts('[data-testid="empty-state"] h2')).toEqual(['Nog geen organisatie']);
    expect(texts('[data-testid="empty-state"] p')).toEqual([
      'Vraag een beheerder om je aan een organisatie toe te voegen, of laad het demobedrijf met npm start.',
    ]);
  });
});
