import '../../../locale/dutch.testing';
import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import type { GroupView } from '@uptake/contracts';
import { OrganisationContext } from '../../shell/organisation-context';
import { FilterBarComponent } from './filter-bar.component';

const groups: GroupView[] = [{ id: 'pilot', name: 'Pilot', kind: 'cohort', sourceId: null, members: 25 }];

describe('FilterBarComponent in Dutch', () => {
  it('labels its fields and group sections in Dutch', async () => {
    TestBed.configureTestingModule({
      imports: [FilterBarComponent],
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        {
          provide: OrganisationContext,
          useValue: {
            organisation: signal({ id: 'org-1', minGroupSize: 5 }),
            filters: signal({ from: '2026-03-01' }),
            setParams: jest.fn(),
          },
        },
      ],
    });
    const fixture = TestBed.createComponent(FilterBarComponent);
    const http = TestBed.inject(HttpTestingController);
    fixture.detectChanges();
    http.expectOne('/api/organisations/org-1/org-units').flush([]);
    http.expectOne('/api/organisations/org-1/groups').flush(groups);
    TestBed.tick();
    await fixture.whenStable();
    fixture.detectChanges();
    const element = fixture.nativeElement as HTMLElement;
    const labels = [...element.querySelectorAll('label > span')].map((span) => span.textContent?.trim());
    expect(labels).toEqual(['Van', 'Tot en met', 'Organisatie-eenheid', 'Groep of cohort']);
    expect(element.querySelector('optgroup')?.getAttribute('label')).toBe('Uitrolcohorten');
    expect(element.querySelector('[data-testid="filter-group"] option')?.textContent?.trim()).toBe(
      'Iedereen',
    );
    expect(element.querySelector('[data-testid="filter-clear"]')?.textContent?.trim()).toBe('Filters wissen');
    expect(element.querySelector('form')?.getAttribute('aria-label')).toBe('Filters');
    http.verify();
  });
});
