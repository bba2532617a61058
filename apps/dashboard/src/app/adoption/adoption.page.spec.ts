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

// The first test compiles the page and its nine sections' templates (JIT): on a busy machine that alone can
// take longer than Jest's default 5 s.
jest.setTimeout(20_000);

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

  it('loads lifecycle, personas, first posts and knowledge flow with the same filters once the page is idle', async () => {
    view = renderSection(AdoptionPage, 'executive', { orgUnit: 'unit-a' });
    const base = '/api/organisations/org-1/kpis';
    // the sections above ask first (taken off the pending list here); the deferred four have not asked yet
    const first = view.http
      .match(() => true)
      .map((test) => test.request.urlWithParams.replace(`${base}/`, '').split('?')[0]);
    expect(first).toEqual(['participation', 'engagement', 'retention', 'network', 'diffusion']);
    expect(view.text('more-sections-placeholder')).toBe('Loading lifecycle, personas and knowledge flow…');
    // idle (a timer in jsdom), then the block's dependencies resolve and the sections render
    await view.settle();
    await view.settle();
    view.http.expectOne(`${base}/lifecycle?orgUnitId=unit-a`);
    view.http.expectOne(`${base}/personas?orgUnitId=unit-a`);
    view.http.expectOne(`${base}/first-post?orgUnitId=unit-a&responseHours=24`);
    view.http.expectOne(`${base}/knowledge-flow?orgUnitId=unit-a`);
    view.http.verify();
    const root = view.fixture.nativeElement as HTMLElement;
    expect(
      ['lifecycle-section', 'personas-section', 'first-post-section', 'knowledge-flow-section'].map(
        (id) => root.querySelector(`[data-testid="${id}"]`) !== null,
      ),
    ).toEqual([true, true, true, true]);
  });
});
