import { LOCALE_ID, signal } from '@angular/core';
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import { OrganisationContext } from '../../shell/organisation-context';
import { DownloadMenuComponent, exportUrl } from './download-menu.component';

describe('exportUrl', () => {
  it('builds the same-origin export URL with the page query, the format and a non-default locale', () => {
    expect(
      exportUrl('org 1', 'adoption', { from: '2026-03-01', orgUnitId: undefined, groupId: '' }, 'csv', 'en'),
    ).toBe('/api/organisations/org%201/exports/adoption?from=2026-03-01&format=csv');
    expect(exportUrl('o', 'community/g-1', { top: 5 }, 'xlsx', 'nl')).toBe(
      '/api/organisations/o/exports/community/g-1?top=5&format=xlsx&locale=nl',
    );
    // the menu's own format wins over one in the page's query; a hostile value is encoded, not spliced
    expect(exportUrl('o', 'goals', { format: 'pdf', to: 'x&format=pdf' }, 'csv', 'en')).toBe(
      '/api/organisations/o/exports/goals?to=x%26format%3Dpdf&format=csv',
    );
  });
});

describe('DownloadMenuComponent', () => {
  let fixture: ComponentFixture<DownloadMenuComponent>;
  const organisation = signal<{ id: string } | undefined>({ id: 'org-1' });
  const element = () => fixture.nativeElement as HTMLElement;
  const links = () =>
    [...element().querySelectorAll<HTMLAnchorElement>('a')].map((a) => ({
      text: a.textContent?.trim(),
      href: a.getAttribute('href'),
      download: a.hasAttribute('download'),
    }));

  function create(locale = 'en-US') {
    TestBed.configureTestingModule({
      imports: [DownloadMenuComponent],
      providers: [
        { provide: OrganisationContext, useValue: { organisation } },
        { provide: LOCALE_ID, useValue: locale },
      ],
    });
    fixture = TestBed.createComponent(DownloadMenuComponent);
    fixture.componentRef.setInput('report', 'adoption');
    fixture.componentRef.setInput('query', { from: '2026-03-01', to: '2026-03-31', orgUnitId: undefined });
  }

  beforeEach(() => organisation.set({ id: 'org-1' }));

  it('offers CSV and XLSX by default, as download links to the export endpoint', async () => {
    create();
    await fixture.whenStable();
    expect(element().querySelector('summary')?.textContent?.trim()).toBe('Download');
    expect(links()).toEqual([
      {
        text: 'CSV (spreadsheet)',
        href: '/api/organisations/org-1/exports/adoption?from=2026-03-01&to=2026-03-31&format=csv',
        download: true,
      },
      {
        text: 'Excel workbook (XLSX)',
        href: '/api/organisations/org-1/exports/adoption?from=2026-03-01&to=2026-03-31&format=xlsx',
        download: true,
      },
    ]);
  });

  it('closes once a format is chosen, without cancelling the click (the download)', async () => {
    create();
    await fixture.whenStable();
    const details = element().querySelector('details')!;
    details.open = true;
    const link = element().querySelector<HTMLAnchorElement>('a[data-format="csv"]')!;
    // jsdom would navigate: stop the event after Angular's handler has seen it, as the browser's default would run.
    let cancelled: boolean | undefined;
    link.addEventListener('click', (event) => {
      cancelled = event.defaultPrevented;
      event.preventDefault();
    });
    link.click();
    expect(cancelled).toBe(false);
    expect(details.open).toBe(false);
  });

  it('offers the formats it is given, in the page language, and follows a change of query', async () => {
    create('nl');
    fixture.componentRef.setInput('report', 'overview');
    fixture.componentRef.setInput('formats', ['pdf', 'pptx']);
    await fixture.whenStable();
    expect(links().map((link) => link.href)).toEqual([
      '/api/organisations/org-1/exports/overview?from=2026-03-01&to=2026-03-31&format=pdf&locale=nl',
      '/api/organisations/org-1/exports/overview?from=2026-03-01&to=2026-03-31&format=pptx&locale=nl',
    ]);
    fixture.componentRef.setInput('query', { groupId: 'pilot' });
    await fixture.whenStable();
    expect(links()[0].href).toBe(
      '/api/organisations/org-1/exports/overview?groupId=pilot&format=pdf&locale=nl',
    );
  });

  it('renders nothing until the organisation is known', async () => {
    organisation.set(undefined);
    create();
    await fixture.whenStable();
    expect(element().querySelector('[data-testid="download-menu"]')).toBeNull();
  });
});
