import '../../locale/dutch.testing';
import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { OrganisationSettings } from '@uptake/contracts';
import { OrganisationContext } from '../shell/organisation-context';
import { SettingsPage } from './settings.page';

const URL = '/api/organisations/org-1/settings';
const SAVED: OrganisationSettings = {
  id: 'org-1',
  name: 'Acme',
  timeZone: 'UTC',
  minGroupSize: 5,
  workingDaysPerYear: 220,
  defaultHourlyCost: 60,
  defaultLocale: 'nl',
  eventRetentionMonths: null,
};

describe('SettingsPage in Dutch', () => {
  it('labels the form in Dutch, shows the saved default language and dates the recompute the Dutch way', async () => {
    TestBed.configureTestingModule({
      imports: [SettingsPage],
      providers: [
        provideRouter([]),
        provideHttpClient(),
        provideHttpClientTesting(),
        {
          provide: OrganisationContext,
          useValue: {
            organisation: () => ({ id: 'org-1' }),
            role: signal('admin'),
            organisations: { hasValue: () => false },
            me: { hasValue: () => false },
          },
        },
      ],
    });
    const fixture = TestBed.createComponent(SettingsPage);
    const http = TestBed.inject(HttpTestingController);
    fixture.detectChanges();
    const element = fixture.nativeElement as HTMLElement;
    const text = (testId: string) =>
      element.querySelector(`[data-testid="${testId}"]`)?.textContent?.replace(/\s+/g, ' ').trim();
    const settle = async () => {
      TestBed.tick();
      await new Promise((resolve) => setTimeout(resolve, 0));
      TestBed.tick();
      fixture.detectChanges();
    };
    expect(text('loading')).toBe('Instellingen laden…');
    http.expectOne(URL).flush(SAVED);
    await settle();
    expect(element.querySelector('h1')?.textContent?.trim()).toBe('Organisatie-instellingen');
    expect(element.querySelector<HTMLSelectElement>('[data-testid="settings-defaultLocale"]')!.value).toBe(
      'nl',
    );
    const retention = element.querySelector<HTMLInputElement>(
      '[data-testid="settings-eventRetentionMonths"]',
    )!;
    expect(retention.placeholder).toBe('Geen limiet');
    expect(retention.closest('label')!.textContent).toContain('Activiteit bewaren (maanden)');
    const timeZone = element.querySelector<HTMLInputElement>('[data-testid="settings-timeZone"]')!;
    timeZone.value = 'Europe/Amsterdam';
    timeZone.dispatchEvent(new Event('input'));
    fixture.detectChanges();
    expect(text('settings-save')).toBe('Instellingen opslaan');
    element.querySelector('form')!.dispatchEvent(new Event('submit'));
    http.expectOne(URL).flush({
      settings: { ...SAVED, timeZone: 'Europe/Amsterdam' },
      changed: ['timeZone'],
      rollupRefresh: { from: '2026-02-28T03:00:00.000Z', to: '2026-03-12T05:00:00.000Z' },
    });
    await settle();
    expect(text('settings-saved')).toBe('Instellingen opgeslagen.');
    expect(text('settings-recompute')).toBe(
      'De tijdzone is gewijzigd: een herberekening van elke KPI in Europe/Amsterdam staat in de wachtrij ' +
        '(alle activiteit, 28 feb 2026 tot 12 mrt 2026). Tot die klaar is, tonen KPI’s de dagen van de vorige tijdzone.',
    );
    http.verify();
  });
});
