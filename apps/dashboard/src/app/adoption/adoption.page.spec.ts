import { TestBed } from '@angular/core/testing';
import { Component, input } from '@angular/core';
import { ChartComponent } from '../charts/chart.component';
import { FilterBarComponent } from '../shared/filter-bar/filter-bar.component';
import { AdoptionPage } from './adoption.page';
import { participation } from './adoption.fixtures';
import { renderSection, type Rendered } from './adoption.testing';

@Component({ selector: 'up-filter-bar', template: '' })
class FilterBarStub {
  readonly effectiveRange = input<{ from: string; to: string } | undefined>(undefined);
}

describe('AdoptionPage', () => {
  let view: Rendered<AdoptionPage>;

  beforeEach(() => {
    TestBed.overrideComponent(AdoptionPage, {
      remove: { imports: [FilterBarComponent] },
      add: { imports: [FilterBarStub] },
    });
    // The sections' charts draw nothing here (no canvas in jsdom); their options are tested per section.
    TestBed.overrideComponent(ChartComponent, { set: { imports: [], template: '' } });
  });

  it('loads every section with the URL granularity and hands the used range to the filter bar', async () => {
    view = renderSection(AdoptionPage, 'change_manager', { granularity: 'month' });
    const base = '/api/organisations/org-1/kpis';
    view.http.expectOne(`${base}/participation?granularity=month`).flush(participation);
    view.http.expectOne(`${base}/engagement?granularity=month`);
    view.http.expectOne(`${base}/retention?granularity=month&silentWeeks=4`);
    view.http.expectOne(`${base}/network?granularity=month`);
    view.http.expectOne(`${base}/diffusion?granularity=month&targetShare=0.8`);
    view.http.verify();
    await view.settle();
    const bar = view.fixture.debugElement.query((el) => el.componentInstance instanceof FilterBarStub);
    expect((bar.componentInstance as FilterBarStub).effectiveRange()).toMatchObject({
      from: '2026-04-06',
      to: '2026-04-19',
    });
    expect((view.fixture.nativeElement as HTMLElement).querySelector('select')?.value).toBe('month');
  });

  it('keeps the granularity in the URL, weeks being the default', () => {
    view = renderSection(AdoptionPage);
    view.choose('granularity', 'day');
    view.choose('granularity', 'week');
    expect(view.context.setParams.mock.calls).toEqual([[{ granularity: 'day' }], [{ granularity: null }]]);
  });
});
