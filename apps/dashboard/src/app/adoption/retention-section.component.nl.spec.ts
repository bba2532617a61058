import '../../locale/dutch.testing';
import { retention } from './adoption.fixtures';
import { renderSection, type Rendered } from './adoption.testing';
import { RetentionSectionComponent } from './retention-section.component';

const URL = '/api/organisations/org-1/kpis/retention?silentWeeks=4';

describe('RetentionSectionComponent in Dutch', () => {
  let view: Rendered<RetentionSectionComponent>;
  afterEach(() => view.http.verify());

  it('shows its labels, shares and withheld figures in Dutch', async () => {
    view = renderSection(RetentionSectionComponent);
    expect(view.text('loading')).toBe('Retentie laden…');
    view.http.expectOne(URL).flush(retention);
    await view.settle();
    expect(view.text('tried-and-stopped-rate')).toBe('20,0%');
    expect(view.text('reactivated')).toBe('verborgen (minder dan 5 personen)');
    const hidden = 'verborgen (minder dan 5 personen)';
    expect(view.rows('stopped-by-unit')).toEqual([
      ['Finance', '20', '5', '25,0%'],
      ['Legal', hidden, hidden, hidden],
    ]);
    const heading = (view.fixture.nativeElement as HTMLElement).querySelector('h2')?.textContent?.trim();
    expect(heading).toBe('Retentie');
    const option = view.chartOption() as { legend: { data: string[] }; xAxis: { data: string[] } };
    expect(option.legend.data).toEqual(['Verborgen (< 5 personen)']);
    expect(option.xAxis.data[1]).toBe('Week 1');
  });

  it('has a Dutch empty state', async () => {
    view = renderSection(RetentionSectionComponent);
    view.http.expectOne(URL).flush({ ...retention, cohorts: [], byUnit: [] });
    await view.settle();
    expect(view.text('empty-state')).toBe('Niemand begon in deze periode het platform te gebruiken.');
  });
});
