import { diffusion, hidden } from './adoption.fixtures';
import { badRequest, renderSection, type Rendered } from './adoption.testing';
import { DiffusionSectionComponent, targetShareParam } from './diffusion-section.component';

const URL = '/api/organisations/org-1/kpis/diffusion';

describe('DiffusionSectionComponent', () => {
  let view: Rendered<DiffusionSectionComponent>;
  afterEach(() => view.http.verify());

  it('asks for the target share in the URL and shows the fit and forecast', async () => {
    view = renderSection(DiffusionSectionComponent, 'change_manager', { target: '0.7' });
    expect(view.text('loading')).toBe('Loading diffusion…');
    view.http.expectOne(`${URL}?targetShare=0.7`).flush(diffusion);
    await view.settle();
    expect(view.text('adopters')).toBe('60');
    expect((view.fixture.nativeElement as HTMLElement).querySelector('select')?.value).toBe('0.7');
    expect(view.text('bass-r2')).toBe('0.987');
    expect(view.text('forecast')).toBe(
      '70% of eligible people (70) reached around 15 Feb 2026 (80% interval 8 Feb 2026 – 1 Mar 2026).',
    );
    expect(view.text('hidden-categories')).toBe('1 category is hidden (< 5 people): no bar is drawn for it.');
  });

  it('puts a new target in the URL, leaving the default out', async () => {
    view = renderSection(DiffusionSectionComponent);
    view.http.expectOne(`${URL}?targetShare=0.8`).flush(diffusion);
    await view.settle();
    view.choose('target-share', '0.6');
    view.choose('target-share', '0.8');
    expect(view.context.setParams.mock.calls).toEqual([[{ target: '0.6' }], [{ target: null }]]);
    expect(targetShareParam('0.33')).toBe(0.8);
  });

  it('says why there is no curve yet, and when figures are withheld', async () => {
    view = renderSection(DiffusionSectionComponent);
    view.http.expectOne(`${URL}?targetShare=0.8`).flush({
      ...diffusion,
      adopters: 0,
      curve: [],
      bass: null,
      forecast: null,
      reason: 'nobody has adopted yet',
    });
    await view.settle();
    expect(view.text('empty-state')).toBe('No forecast: nobody has adopted yet.');
  });

  it('shows a suppressed population as hidden', async () => {
    view = renderSection(DiffusionSectionComponent);
    view.http.expectOne(`${URL}?targetShare=0.8`).flush({
      ...diffusion,
      eligible: null,
      adopters: null,
      curve: [],
      bass: null,
      forecast: null,
      reason: 'fewer than k adopters',
      suppressed: hidden,
    });
    await view.settle();
    expect(view.text('suppressed-note')).toBe(
      'Fewer than 5 adopters or eligible people: the diffusion figures are hidden.',
    );
  });

  it("shows the server's message", async () => {
    view = renderSection(DiffusionSectionComponent);
    view.http.expectOne(`${URL}?targetShare=0.8`).flush(...badRequest('targetShare must be a number'));
    await view.settle();
    expect(view.text('error-banner')).toBe('targetShare must be a number');
  });
});
