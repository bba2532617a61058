import { knowledgeFlow } from './adoption.fixtures';
import { badRequest, renderSection, type Rendered } from './adoption.testing';
import { KnowledgeFlowSectionComponent } from './knowledge-flow-section.component';

const URL = '/api/organisations/org-1/kpis/knowledge-flow';
const HIDDEN = 'hidden (< 5 people)';

describe('KnowledgeFlowSectionComponent', () => {
  let view: Rendered<KnowledgeFlowSectionComponent>;
  afterEach(() => view.http.verify());

  it('shows the flow figures, the matrix, hidden expertise and leadership by level', async () => {
    view = renderSection(KnowledgeFlowSectionComponent);
    expect(view.text('loading')).toBe('Loading knowledge flow…');
    view.http.expectOne(URL).flush(knowledgeFlow);
    await view.settle();
    expect(view.text('answered-threads')).toBe('60');
    expect(view.text('cross-department')).toBe('40.0%');
    expect(view.text('cross-company')).toBe(HIDDEN);
    expect(view.text('expert-count')).toBe('1');
    expect(view.text('experts')).toBe('IT');
    expect(view.text('hidden-cells')).toBe('2 cells are not shown: a side has fewer than 5 people.');
    expect(view.rows('knowledge-flow-units')).toEqual([
      ['Finance', '40', '12', '10', '0.30'],
      ['IT hidden expertise', '10', '25', '6', '2.50'],
      ['Legal', HIDDEN, HIDDEN, HIDDEN, HIDDEN],
    ]);
    expect(view.rows('leadership')).toEqual([
      ['Level 1 (top)', '6', '50.0%', '1.50', '2.00', '1.83', '0.00', '7.33'],
      ['Level 2', '30', '70.0%', '0.80', '1.20', '0.50', '0.40', '4.25'],
      ['Unknown level', HIDDEN, HIDDEN, HIDDEN, HIDDEN, HIDDEN, HIDDEN, HIDDEN],
    ]);
    const heatmap = view.chartOption(0) as { series: { type: string }[] };
    const months = view.chartOption(1) as { series: { type: string }[] };
    expect(heatmap.series[0].type).toBe('heatmap');
    expect(months.series.map((s) => s.type)).toEqual(['line', 'line']);
  });

  it('has an empty state when nothing was answered, and still shows leadership', async () => {
    view = renderSection(KnowledgeFlowSectionComponent);
    view.http
      .expectOne(URL)
      .flush({ ...knowledgeFlow, answeredThreads: 0, cells: [], hiddenCells: 0, units: [], byMonth: [] });
    await view.settle();
    expect(view.text('empty-state')).toBe(
      'No thread of this period was answered by someone other than its author.',
    );
    expect(view.text('knowledge-flow-heatmap')).toBeNull();
    expect(view.rows('leadership')).toHaveLength(3);
  });

  it('says when no hierarchy levels are known', async () => {
    view = renderSection(KnowledgeFlowSectionComponent);
    view.http.expectOne(URL).flush({ ...knowledgeFlow, leadership: [] });
    await view.settle();
    expect(view.text('leadership-empty')).toBe('No hierarchy levels are known for this population.');
  });

  it("shows the server's message", async () => {
    view = renderSection(KnowledgeFlowSectionComponent);
    view.http.expectOne(URL).flush(...badRequest('groupId must be a UUID'));
    await view.settle();
    expect(view.text('error-banner')).toBe('groupId must be a UUID');
  });
});
