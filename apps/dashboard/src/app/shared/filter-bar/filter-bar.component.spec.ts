import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { signal } from '@angular/core';
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import type { GroupView, OrgUnitView } from '@uptake/contracts';
import { OrganisationContext } from '../../shell/organisation-context';
import { FilterBarComponent } from './filter-bar.component';

const units: OrgUnitView[] = [
  { id: 'acme', parentId: null, name: 'Acme', kind: 'organisation', people: 200 },
  { id: 'sales', parentId: 'acme', name: 'Sales', kind: 'department', people: 40 },
];
const groups: GroupView[] = [
  { id: 'pilot', name: 'Pilot cohort', kind: 'cohort', sourceId: null, members: 25 },
  { id: 'general', name: 'general', kind: 'channel', sourceId: 'slack', members: 180 },
];

describe('FilterBarComponent', () => {
  let fixture: ComponentFixture<FilterBarComponent>;
  let http: HttpTestingController;
  const filters = signal<{ from?: string; to?: string; orgUnitId?: string; groupId?: string }>({});
  const setParams = jest.fn();
  const element = () => fixture.nativeElement as HTMLElement;
  const byTestId = <T extends HTMLElement>(id: string) => element().querySelector<T>(`[data-testid="${id}"]`);

  beforeEach(() => {
    filters.set({ orgUnitId: 'sales' });
    setParams.mockReset();
    TestBed.configureTestingModule({
      imports: [FilterBarComponent],
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        {
          provide: OrganisationContext,
          useValue: { organisation: signal({ id: 'org-1', minGroupSize: 5 }), filters, setParams },
        },
      ],
    });
    fixture = TestBed.createComponent(FilterBarComponent);
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  const settle = async () => {
    TestBed.tick();
    await new Promise((resolve) => setTimeout(resolve, 0));
    TestBed.tick();
    fixture.detectChanges();
  };

  it('lists the org-unit tree indented and groups by kind, selecting the URL values', async () => {
    fixture.detectChanges();
    http.expectOne('/api/organisations/org-1/org-units').flush(units);
    http.expectOne('/api/organisations/org-1/groups').flush(groups);
    await settle();

    const unitSelect = byTestId<HTMLSelectElement>('filter-org-unit')!;
    expect([...unitSelect.options].map((o) => o.text)).toEqual([
      'Whole organisation',
      'Acme',
      '\u00a0\u00a0\u00a0Sales',
    ]);
    expect(unitSelect.value).toBe('sales');
    const labels = [...element().querySelectorAll('[data-testid="filter-group"] optgroup')].map((g) =>
      g.getAttribute('label'),
    );
    expect(labels).toEqual(['Rollout cohorts', 'Channels']);
  });

  it('writes changes to the URL through the organisation context', async () => {
    fixture.detectChanges();
    http.expectOne('/api/organisations/org-1/org-units').flush(units);
    http.expectOne('/api/organisations/org-1/groups').flush(groups);
    await settle();

    const group = byTestId<HTMLSelectElement>('filter-group')!;
    group.value = 'pilot';
    group.dispatchEvent(new Event('change'));
    expect(setParams).toHaveBeenLastCalledWith({ group: 'pilot' });

    const from = byTestId<HTMLInputElement>('filter-from')!;
    from.value = '2026-02-01';
    from.dispatchEvent(new Event('change'));
    expect(setParams).toHaveBeenLastCalledWith({ from: '2026-02-01' });

    byTestId('filter-clear')!.click();
    expect(setParams).toHaveBeenLastCalledWith({ from: null, to: null, orgUnit: null, group: null });
  });

  it('shows "unavailable" in a disabled select when the list cannot be loaded', async () => {
    fixture.detectChanges();
    http
      .expectOne('/api/organisations/org-1/org-units')
      .flush({ statusCode: 404, message: 'Cannot GET' }, { status: 404, statusText: 'Not Found' });
    http.expectOne('/api/organisations/org-1/groups').flush(groups);
    await settle();
    const unitSelect = byTestId<HTMLSelectElement>('filter-org-unit')!;
    expect(unitSelect.disabled).toBe(true);
    expect(unitSelect.textContent?.trim()).toBe('Org units unavailable');
    expect(byTestId<HTMLSelectElement>('filter-group')!.disabled).toBe(false);
  });

  it("shows the API's effective range while the URL leaves it open, and no population without showPopulation", async () => {
    filters.set({});
    fixture.componentRef.setInput('showPopulation', false);
    fixture.componentRef.setInput('effectiveRange', { from: '2026-01-01', to: '2026-03-31' });
    fixture.detectChanges();
    await settle();
    http.expectNone('/api/organisations/org-1/org-units');
    expect(byTestId<HTMLInputElement>('filter-from')!.value).toBe('2026-01-01');
    expect(byTestId<HTMLInputElement>('filter-to')!.value).toBe('2026-03-31');
    expect(byTestId('filter-org-unit')).toBeNull();
    expect(byTestId('filter-clear')).toBeNull();
  });
});
