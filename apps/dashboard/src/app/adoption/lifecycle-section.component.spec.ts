import { lifecycle } from './adoption.fixtures';
import { badRequest, renderSection, type Rendered } from './adoption.testing';
import { LifecycleSectionComponent } from './lifecycle-section.component';

const URL = '/api/organisations/org-1/kpis/lifecycle';

describe('LifecycleSectionComponent', () => {
  let view: Rendered<LifecycleSectionComponent>;
  afterEach(() => view.http.verify());

  it('sums up the last week, with its withheld figures, above the stacked chart', async () => {
    view = renderSection(LifecycleSectionComponent);
    expect(view.text('loading')).toBe('Loading lifecycle…');
    view.http.expectOne(URL).flush(lifecycle);
    await view.settle();
    expect(view.text('lifecycle-section')).toContain('Lifecycle');
    expect(view.text('suppressed-note')).toBe(
      'Some weekly figures rest on fewer than 5 people and are hidden.',
    );
    expect(view.text('latest-active')).toBe('48');
    // 48 − 52
    expect(view.text('latest-net-change')).toBe('\u22124');
    expect(view.text('latest-new')).toBe('hidden (< 5 people)');
    expect(view.text('latest-reactivated')).toBe('hidden (< 5 people)');
    expect(view.text('latest-dormant')).toBe('6');
    expect(view.text('lifecycle-sentence')).toContain('Week of 20 Apr 2026: 48 people active (\u22124)');
    const option = view.chartOption() as { series: { name: string; type: string }[] };
    expect(option.series.map((s) => s.type)).toEqual(['bar', 'bar', 'bar', 'bar', 'line']);
  });

  it('uses the page filters', async () => {
    view = renderSection(LifecycleSectionComponent, 'executive', { orgUnit: 'unit-a', granularity: 'month' });
    view.http.expectOne(`${URL}?orgUnitId=unit-a&granularity=month`).flush(lifecycle);
    await view.settle();
    expect(view.text('latest-dormant')).toBe('6');
  });

  it('has an empty state when nobody was active', async () => {
    view = renderSection(LifecycleSectionComponent);
    view.http.expectOne(URL).flush({ ...lifecycle, weeks: [] });
    await view.settle();
    expect(view.text('empty-state')).toBe('Nobody was active in this period.');
    expect(view.text('suppressed-note')).toBeNull();
    expect(view.text('lifecycle-chart')).toBeNull();
  });

  it("shows the server's message", async () => {
    view = renderSection(LifecycleSectionComponent);
    view.http.expectOne(URL).flush(...badRequest('from must be before to'));
    await view.settle();
    expect(view.text('error-banner')).toBe('from must be before to');
  });
});
