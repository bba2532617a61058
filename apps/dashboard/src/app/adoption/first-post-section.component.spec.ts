import { firstPost } from './adoption.fixtures';
import { badRequest, renderSection, type Rendered } from './adoption.testing';
import { FirstPostSectionComponent } from './first-post-section.component';

const URL = '/api/organisations/org-1/kpis/first-post?responseHours=24';
const HIDDEN = 'hidden (< 5 people)';

describe('FirstPostSectionComponent', () => {
  let view: Rendered<FirstPostSectionComponent>;
  afterEach(() => view.http.verify());

  it('compares the retention of answered and unanswered newcomers and shows the leading indicator', async () => {
    view = renderSection(FirstPostSectionComponent);
    expect(view.text('loading')).toBe('Loading first posts…');
    view.http.expectOne(URL).flush(firstPost);
    await view.settle();
    // 40 of 65 first posts: 0.6154 → 61.5%
    expect(view.text('answered-within-24h')).toBe('61.5%');
    expect(view.text('newcomers')).toBe('40 answered · 25 not answered');
    expect(view.text('difference', 'difference-4')).toBe('+28 pts');
    expect(view.text('interval', 'difference-4')).toBe('95% CI +4 to +48 pts');
    expect(view.text('verdict', 'difference-4')).toBe('answered newcomers stay clearly more often');
    expect(view.text('difference', 'difference-8')).toBe(HIDDEN);
    expect(view.text('interval', 'difference-8')).toBeNull();
    expect(view.text('verdict', 'difference-8')).toBeNull();
    expect(view.rows('first-post-retention')).toEqual([
      ['Answered · week 4', '60.0% (95% CI 44.6%–73.7%, 40 people)'],
      ['Not answered · week 4', '32.0% (95% CI 17.2%–51.6%, 25 people)'],
      ['Answered · week 8', '50.0% (95% CI 33.2%–66.8%, 30 people)'],
      ['Not answered · week 8', HIDDEN],
    ]);
    expect(view.rows('first-post-by-unit')).toEqual([
      ['Finance', '45', '71.1%'],
      ['Legal', HIDDEN, HIDDEN],
    ]);
    expect(view.rows('first-post-by-community')).toEqual([['Newcomers', '20', '25.0%']]);
    const comparison = view.chartOption(0) as { series: { type: string }[] };
    const weekly = view.chartOption(1) as { series: { type: string; data: (number | null)[] }[] };
    expect(comparison.series[0].type).toBe('bar');
    expect(weekly.series[0]).toMatchObject({ type: 'line', data: [60, 62.9, null] });
  });

  it('has an empty state when nobody posted for the first time', async () => {
    view = renderSection(FirstPostSectionComponent);
    const nobody = { ...firstPost.answered, people: 0 };
    view.http.expectOne(URL).flush({
      ...firstPost,
      answered: nobody,
      unanswered: nobody,
      byWeek: [],
      byUnit: [],
      byCommunity: [],
    });
    await view.settle();
    expect(view.text('empty-state')).toBe('Nobody posted for the first time in this period.');
    expect(view.rows('first-post-by-unit')).toEqual([['No first posts in any unit.']]);
    expect(view.text('first-post-week-chart')).toBeNull();
  });

  it("shows the server's message", async () => {
    view = renderSection(FirstPostSectionComponent);
    view.http.expectOne(URL).flush(...badRequest('responseHours must be at most 168'));
    await view.settle();
    expect(view.text('error-banner')).toBe('responseHours must be at most 168');
  });
});
