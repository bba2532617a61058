import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { signal } from '@angular/core';
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { OrganisationSettings, OrganisationSummary } from '@uptake/contracts';
import type { Me } from '../api/uptake-api.service';
import { navigationFor, OrganisationContext, type Role } from '../shell/organisation-context';
import { SettingsPage } from './settings.page';

const URL = '/api/organisations/org-1/settings';
const SAVED: OrganisationSettings = {
  id: 'org-1',
  name: 'Acme',
  timeZone: 'UTC',
  minGroupSize: 5,
  workingDaysPerYear: 220,
  defaultHourlyCost: 60,
  defaultLocale: 'en',
  eventRetentionMonths: null,
};
const SUMMARY: OrganisationSummary = {
  id: 'org-1',
  name: 'Acme',
  slug: 'acme',
  minGroupSize: 5,
  perturbation: true,
  people: 120,
};

/** A writable stand-in for an httpResource of the shell. */
function localResource<T>(initial: T) {
  const value = signal(initial);
  return { hasValue: () => true, value, set: (next: T) => value.set(next) };
}

describe('SettingsPage', () => {
  let fixture: ComponentFixture<SettingsPage>;
  let http: HttpTestingController;
  const role = signal<Role | null>('admin');
  const organisations = localResource<OrganisationSummary[]>([SUMMARY]);
  const me = localResource<Me>({
    kind: 'session',
    userId: 'user-1',
    email: 'admin@acme.test',
    memberships: [{ organisationId: 'org-1', organisationName: 'Acme', role: 'admin' }],
    locale: 'en',
    preferredLocale: null,
  });
  const element = () => fixture.nativeElement as HTMLElement;
  const byTestId = <T extends Element = HTMLElement>(testId: string) =>
    element().querySelector<T>(`[data-testid="${testId}"]`);
  const text = (testId: string) => byTestId(testId)?.textContent?.replace(/\s+/g, ' ').trim() ?? null;

  const settle = async () => {
    TestBed.tick();
    await new Promise((resolve) => setTimeout(resolve, 0));
    TestBed.tick();
    fixture.detectChanges();
  };
  const type = (field: string, value: string) => {
    const input = byTestId<HTMLInputElement>(`settings-${field}`)!;
    input.value = value;
    input.dispatchEvent(new Event('input'));
    fixture.detectChanges();
  };
  const save = () => {
    byTestId<HTMLFormElement>('settings-form')!.dispatchEvent(new Event('submit'));
    fixture.detectChanges();
  };

  beforeEach(async () => {
    role.set('admin');
    organisations.set([SUMMARY]);
    TestBed.configureTestingModule({
      imports: [SettingsPage],
      providers: [
        provideRouter([]),
        provideHttpClient(),
        provideHttpClientTesting(),
        {
          provide: OrganisationContext,
          useValue: { organisation: () => organisations.value()[0], role, organisations, me },
        },
      ],
    });
    fixture = TestBed.createComponent(SettingsPage);
    http = TestBed.inject(HttpTestingController);
    fixture.detectChanges();
  });

  afterEach(() => http.verify());

  const load = async (settings = SAVED) => {
    expect(text('loading')).toBe('Loading settings…');
    http.expectOne(URL).flush(settings);
    await settle();
  };

  it('shows the saved settings in the form', async () => {
    await load({ ...SAVED, timeZone: 'Europe/Berlin', defaultHourlyCost: 72.5 });
    expect(byTestId<HTMLInputElement>('settings-name')!.value).toBe('Acme');
    expect(byTestId<HTMLInputElement>('settings-timeZone')!.value).toBe('Europe/Berlin');
    expect(byTestId<HTMLInputElement>('settings-minGroupSize')!.value).toBe('5');
    expect(byTestId<HTMLInputElement>('settings-workingDaysPerYear')!.value).toBe('220');
    expect(byTestId<HTMLInputElement>('settings-defaultHourlyCost')!.value).toBe('72.5');
    // nothing to save yet
    expect(byTestId<HTMLButtonElement>('settings-save')!.disabled).toBe(true);
  });

  it('sends only the changed fields, confirms, and shows the new name in the shell', async () => {
    await load();
    type('name', 'Acme Ltd');
    type('defaultHourlyCost', '75.5');
    save();
    const request = http.expectOne(URL);
    expect(request.request.method).toBe('PATCH');
    expect(request.request.body).toEqual({ name: 'Acme Ltd', defaultHourlyCost: 75.5 });
    expect(text('settings-save')).toBe('Saving…');
    const settings = { ...SAVED, name: 'Acme Ltd', defaultHourlyCost: 75.5 };
    request.flush({ settings, changed: ['name', 'defaultHourlyCost'], rollupRefresh: null });
    await settle();
    expect(text('settings-saved')).toBe('Settings saved.');
    expect(byTestId('settings-recompute')).toBeNull();
    expect(byTestId<HTMLInputElement>('settings-name')!.value).toBe('Acme Ltd');
    expect(organisations.value()[0].name).toBe('Acme Ltd');
    expect(me.value().memberships[0].organisationName).toBe('Acme Ltd');
  });

  it('says when the time zone change queued a recompute', async () => {
    await load();
    type('timeZone', 'America/Los_Angeles');
    save();
    http.expectOne(URL).flush({
      settings: { ...SAVED, timeZone: 'America/Los_Angeles' },
      changed: ['timeZone'],
      rollupRefresh: { from: '2026-02-28T03:00:00.000Z', to: '2026-03-12T05:00:00.000Z' },
    });
    await settle();
    expect(text('settings-saved')).toBe('Settings saved.');
    expect(text('settings-recompute')).toBe(
      'The time zone changed: a recompute of every KPI in America/Los_Angeles is queued (all activity, ' +
        "28 Feb 2026 to 12 Mar 2026). Until it has finished, KPIs show the previous time zone's days.",
    );
  });

  it('changes the default language and says a reload shows it to a user who chose none', async () => {
    await load();
    expect(byTestId<HTMLSelectElement>('settings-defaultLocale')!.value).toBe('en');
    const select = byTestId<HTMLSelectElement>('settings-defaultLocale')!;
    select.value = 'nl';
    select.dispatchEvent(new Event('change'));
    fixture.detectChanges();
    save();
    const request = http.expectOne(URL);
    expect(request.request.body).toEqual({ defaultLocale: 'nl' });
    request.flush({
      settings: { ...SAVED, defaultLocale: 'nl' },
      changed: ['defaultLocale'],
      rollupRefresh: null,
    });
    await settle();
    expect(text('settings-saved')).toBe('Settings saved.');
    expect(text('settings-language-note')).toBe(
      'The default language changed. Reload the page to see the dashboard in it.',
    );
  });

  it('says nothing about a reload when only other settings changed', async () => {
    await load();
    type('name', 'Acme Ltd');
    save();
    http
      .expectOne(URL)
      .flush({ settings: { ...SAVED, name: 'Acme Ltd' }, changed: ['name'], rollupRefresh: null });
    await settle();
    expect(byTestId('settings-language-note')).toBeNull();
  });

  it("shows the server's 400 message next to the field it names, and others under the form", async () => {
    await load();
    type('timeZone', 'Mars/Olympus_Mons');
    type('minGroupSize', '1');
    save();
    http.expectOne(URL).flush(
      {
        statusCode: 400,
        message: [
          'timeZone must be an IANA time zone such as Europe/Berlin or UTC (got "Mars/Olympus_Mons")',
          'minGroupSize must be a whole number from 2 to 100 (got 1)',
          'property perturbation should not exist',
        ],
      },
      { status: 400, statusText: 'Bad Request' },
    );
    await settle();
    expect(text('settings-error-timeZone')).toBe(
      'timeZone must be an IANA time zone such as Europe/Berlin or UTC (got "Mars/Olympus_Mons")',
    );
    expect(text('settings-error-minGroupSize')).toBe(
      'minGroupSize must be a whole number from 2 to 100 (got 1)',
    );
    expect(text('settings-error')).toBe('property perturbation should not exist');
    expect(byTestId('settings-saved')).toBeNull();
    // what the user typed stays, to be corrected
    expect(byTestId<HTMLInputElement>('settings-timeZone')!.value).toBe('Mars/Olympus_Mons');
  });

  it('edits the event retention: empty keeps everything, a number limits it, and a 400 shows at the field', async () => {
    await load({ ...SAVED, eventRetentionMonths: 24 });
    const input = () => byTestId<HTMLInputElement>('settings-eventRetentionMonths')!;
    expect(input().value).toBe('24');
    expect(input().min).toBe('3');
    expect(input().max).toBe('120');
    expect(input().placeholder).toBe('No limit');

    type('eventRetentionMonths', '2');
    save();
    http
      .expectOne(URL)
      .flush(
        { statusCode: 400, message: ['eventRetentionMonths must be a whole number from 3 to 120 (got 2)'] },
        { status: 400, statusText: 'Bad Request' },
      );
    await settle();
    expect(text('settings-error-eventRetentionMonths')).toBe(
      'eventRetentionMonths must be a whole number from 3 to 120 (got 2)',
    );

    type('eventRetentionMonths', '');
    save();
    const request = http.expectOne(URL);
    expect(request.request.body).toEqual({ eventRetentionMonths: null });
    request.flush({
      settings: { ...SAVED, eventRetentionMonths: null },
      changed: ['eventRetentionMonths'],
      rollupRefresh: null,
    });
    await settle();
    expect(text('settings-saved')).toBe('Settings saved.');
    expect(input().value).toBe('');
    expect(byTestId('settings-error-eventRetentionMonths')).toBeNull();
  });

  it('shows a load error', async () => {
    http
      .expectOne(URL)
      .flush({ message: 'Organisation org-1 not found' }, { status: 404, statusText: 'Not Found' });
    await settle();
    expect(text('error-banner')).toBe('Could not load the settings: Organisation org-1 not found');
  });

  it('shows the settings read-only to roles that may not change them', async () => {
    role.set('executive');
    await load();
    expect(text('read-only-note')).toBe('Only admins can change these settings.');
    expect(byTestId('settings-save')).toBeNull();
    expect(byTestId<HTMLInputElement>('settings-name')!.closest('fieldset')!.disabled).toBe(true);
  });
});

describe('navigation', () => {
  it('offers the settings page to admins only', () => {
    const hasSettings = (r: Role) => navigationFor(r).some((item) => item.path === '/settings');
    expect(hasSettings('admin')).toBe(true);
    expect(hasSettings('change_manager')).toBe(false);
    expect(hasSettings('executive')).toBe(false);
    expect(hasSettings('connector_maintainer')).toBe(false);
  });
});
