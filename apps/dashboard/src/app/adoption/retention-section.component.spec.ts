import { retention } from './adoption.fixtures';
import { badRequest, renderSection, type Rendered } from './adoption.testing';
import { RetentionSectionComponent } from './retention-section.component';

const URL = '/api/organisations/org-1/kpis/retention?silentWeeks=4';

describe('RetentionSectionComponent', () => {
  let view: Rendered<RetentionSectionComponent>;
  afterEach(() => view.http.verify());

  it('shows cohorts, tried-and-stopped figures and the table by unit with hidden values', async () => {
    view = renderSection(RetentionSectionComponent);
    expect(view.text('loading')).toBe('Loading retention…');
    view.http.expectOne(URL).flush(retention);
    await view.settle();
    expect(view.text('cohort-count')).toBe('3');
    expect(view.text('tried-and-stopped')).toBe('6');
    expect(view.text('tried-and-stopped-rate')).toBe('20.0%');
    expect(view.text('reactivated')).toBe('hidden (< 5 people)');
    const hiddenFigure = 'hidden (< 5 people)';
    expect(view.rows('stopped-by-unit')).toEqual([
      ['Finance', '20', '5', '25.0%'],
      ['Legal', hiddenFigure, hiddenFigure, hiddenFigure],
    ]);
    const option = view.chartOption() as { series: { type: string }[] };
    expect(option.series.map((s) => s.type)).toEqual(['heatmap', 'heatmap']);
  });

  it('has an empty state without cohorts', async () => {
    view = renderSection(RetentionSectionComponent);
    view.http.expectOne(URL).flush({ ...retention, cohorts: [], byUnit: [] });
    await view.settle();
    expect(view.text('empty-state')).toBe('Nobody started using the platform in this period.');
    expect(view.text('by-unit-empty')).toBe('No unit had people who could have stopped yet.');
  });

  it("shows the server's message", async () => {
    view = renderSection(RetentionSectionComponent);
    view.http.expectOne(URL).flush(...badRequest('Org unit x not found'));
    await view.settle();
    expect(view.text('error-banner')).toBe('Org unit x not found');
  });
});
