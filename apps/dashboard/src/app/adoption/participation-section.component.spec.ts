import { participation } from './adoption.fixtures';
import { badRequest, renderSection, type Rendered } from './adoption.testing';
import { ParticipationSectionComponent } from './participation-section.component';

const URL = '/api/organisations/org-1/kpis/participation';

describe('ParticipationSectionComponent', () => {
  let view: Rendered<ParticipationSectionComponent>;
  afterEach(() => view.http.verify());

  it('loads with the URL filters, then shows the mix, concentration and charts', async () => {
    view = renderSection(ParticipationSectionComponent, 'change_manager', {
      orgUnit: 'unit-a',
      granularity: 'month',
    });
    expect(view.text('loading')).toBe('Loading participation…');
    view.http.expectOne(`${URL}?orgUnitId=unit-a&granularity=month`).flush(participation);
    await view.settle();
    expect(view.text('mix-creators')).toBe('2.0%');
    expect(view.text('mix-contributors')).toBe('10.0%');
    expect(view.text('mix-rest')).toBe('88.0%');
    expect(view.text('concentration-top10')).toBe('26.4%');
    expect(view.text('hidden-personas')).toBe('Not in the donut, hidden (< 5 people): Observers.');
    expect((view.chartOption(0) as { series: unknown[] }).series).toHaveLength(4);
  });

  it('shows withheld figures as hidden, never as 0', async () => {
    view = renderSection(ParticipationSectionComponent);
    view.http.expectOne(URL).flush({
      ...participation,
      concentration: { top1Percent: null, top10Percent: null, activePeople: null },
      suppressed: { code: 'below-k', minGroupSize: 5 },
    });
    await view.settle();
    expect(view.text('suppressed-note')).toBe('Some figures rest on fewer than 5 people and are hidden.');
    expect(view.text('concentration-top1')).toBe('hidden (< 5 people)');
  });

  it('says when nobody was active', async () => {
    view = renderSection(ParticipationSectionComponent);
    const quiet = { ...participation.points[0], creators: 0, contributors: 0, readers: 0, inactive: 200 };
    view.http.expectOne(URL).flush({ ...participation, points: [quiet] });
    await view.settle();
    expect(view.text('empty-state')).toBe('Nobody was active in this period.');
  });

  it("shows the server's message", async () => {
    view = renderSection(ParticipationSectionComponent);
    view.http.expectOne(URL).flush(...badRequest('from (2026-03-10) must not be after to (2026-03-01)'));
    await view.settle();
    expect(view.text('error-banner')).toBe('from (2026-03-10) must not be after to (2026-03-01)');
  });
});
