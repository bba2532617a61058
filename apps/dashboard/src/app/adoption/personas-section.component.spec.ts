import { personas } from './adoption.fixtures';
import { badRequest, renderSection, type Rendered } from './adoption.testing';
import { PersonasSectionComponent } from './personas-section.component';

const URL = '/api/organisations/org-1/kpis/personas';
const HIDDEN = 'hidden (< 5 people)';

describe('PersonasSectionComponent', () => {
  let view: Rendered<PersonasSectionComponent>;
  afterEach(() => view.http.verify());

  it('shows each persona with its definition, the 100% bars by unit and the habits', async () => {
    view = renderSection(PersonasSectionComponent);
    expect(view.text('loading')).toBe('Loading personas…');
    view.http.expectOne(URL).flush(personas);
    await view.settle();
    expect(view.text('persona-share', 'persona-catalyst')).toBe('10.0%');
    expect(view.text('persona-share', 'persona-engager')).toBe('35.0%');
    expect(view.text('persona-catalyst')).toContain('start threads, and at least half of them are answered');
    expect(view.text('hidden-personas')).toBeNull();
    expect(view.text('habitual')).toBe('25.0%');
    expect(view.text('power-users')).toBe(HIDDEN);
    expect(view.text('active-people')).toBe('80');
    expect(view.text('suppressed-note')).toBe('Some figures rest on fewer than 5 people and are hidden.');
    const option = view.chartOption() as { yAxis: { data: string[] }; series: unknown[] };
    expect(option.yAxis.data).toEqual(['All people', 'Finance', 'Legal (hidden)']);
    expect(option.series).toHaveLength(5);
  });

  it('names the personas withheld overall', async () => {
    view = renderSection(PersonasSectionComponent);
    view.http
      .expectOne(URL)
      .flush({ ...personas, personas: { ...personas.personas, broadcaster: null, observer: null } });
    await view.settle();
    expect(view.text('persona-share', 'persona-observer')).toBe(HIDDEN);
    expect(view.text('hidden-personas')).toBe(
      'Hidden overall (fewer than 5 people, or derivable from one that is): Broadcasters, Observers.',
    );
  });

  it('has an empty state when nobody was active', async () => {
    view = renderSection(PersonasSectionComponent);
    view.http.expectOne(URL).flush({ ...personas, activePeople: 0, byUnit: [], suppressed: undefined });
    await view.settle();
    expect(view.text('empty-state')).toBe('Nobody was active in this period.');
    expect(view.text('personas-chart')).toBeNull();
  });

  it("shows the server's message", async () => {
    view = renderSection(PersonasSectionComponent);
    view.http.expectOne(URL).flush(...badRequest('phaseId must be a UUID'));
    await view.settle();
    expect(view.text('error-banner')).toBe('phaseId must be a UUID');
  });
});
