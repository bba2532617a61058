import type { RolloutPlanView } from '@uptake/contracts';
import { badRequest, renderSection, type Rendered } from '../adoption/adoption.testing';
import { phase, plan } from '../rollout/fixtures';
import { BestCasesComponent } from './best-cases.component';
import { bestCases } from './communities.fixtures';

const BASE = '/api/organisations/org-1';
const REPORT = `${BASE}/kpis/best-cases`;
const PLANS = `${BASE}/rollouts`;

describe('BestCasesComponent', () => {
  let view: Rendered<BestCasesComponent>;
  const root = () => view.fixture.nativeElement as HTMLElement;
  const byTestId = <T extends HTMLElement>(id: string) => root().querySelector<T>(`[data-testid="${id}"]`);
  const all = <T extends HTMLElement>(id: string) => [...root().querySelectorAll<T>(`[data-testid="${id}"]`)];
  const action = () => byTestId<HTMLButtonElement>('use-as-phase-target')!;

  /** Ticks the n-th candidate's checkbox as a person would. */
  const tick = (index: number) => {
    const box = all<HTMLInputElement>('best-case-select')[index];
    box.checked = !box.checked;
    box.dispatchEvent(new Event('change'));
  };

  async function load(plans: RolloutPlanView[] = [plan()], params: Record<string, string> = {}) {
    view = renderSection(BestCasesComponent, 'change_manager', params);
    view.http.expectOne((request) => request.url.startsWith(REPORT)).flush(bestCases);
    view.http.expectOne(PLANS).flush(plans);
    await view.settle();
  }

  afterEach(() => view.http.verify());

  it('ranks the candidates with their reasons per criterion, and follows the URL filters', async () => {
    view = renderSection(BestCasesComponent, 'change_manager', { group: 'g-pilot' });
    expect(view.text('best-cases-loading')).toBe('Loading best cases…');
    view.http.expectOne(`${REPORT}?groupId=g-pilot`).flush(bestCases);
    view.http.expectOne(PLANS).flush([plan()]);
    await view.settle();

    expect(view.rows('best-cases-table').map((cells) => cells.slice(0, 5))).toEqual([
      ['Shortlist Engineering guild', '1', 'Engineering guild community', '60', '1.40'],
      ['Shortlist Sales', '2', 'Sales org unit', '40', '0.60'],
      ['Shortlist Makers', '3', 'Makers community', '25', '0.50'],
    ]);
    const reasons = (key: string) =>
      [...root().querySelectorAll(`[data-candidate="${key}"] .criteria li`)].map((li) =>
        li.textContent?.replace(/\s+/g, ' ').trim(),
      );
    expect(reasons('community:g-guild')).toEqual([
      'Reply coverage 90.0% vs 54.0% answers 90% of threads within 7 days vs 54% in the organisation',
      'Median first reply 2.5 h vs 6.0 h first reply after 2.5 h vs 6 h in the organisation',
    ]);
    expect(reasons('orgUnit:ou-sales')).toEqual([
      'Growth per week \u22125.0% vs +1.0% shrinks by 5% a week vs +1% in the organisation',
      'Cross-department hidden (< 5 people) vs 25.0% too few people to compare',
    ]);
    expect(view.text('best-cases-excluded')).toBe(
      '2 candidates rest on fewer than 5 active people and are not ranked.',
    );
    const sales = root().querySelector(
      '[data-candidate="orgUnit:ou-sales"] [data-criterion="growth"] .badge',
    );
    expect(sales?.classList.contains('tone-warn')).toBe(true);
    // Each checkbox has a label naming its candidate.
    const first = all<HTMLInputElement>('best-case-select')[0];
    expect(root().querySelector(`label[for="${first.id}"]`)?.textContent?.trim()).toBe(
      'Shortlist Engineering guild',
    );
  });

  it('asks for one kind of candidate', async () => {
    await load();
    view.choose('best-case-kind', 'orgUnit');
    await view.settle();
    view.http
      .expectOne(`${REPORT}?kind=orgUnit`)
      .flush({ ...bestCases, candidates: [bestCases.candidates[1]] });
    await view.settle();
    expect(all('best-case-row').map((row) => row.getAttribute('data-candidate'))).toEqual([
      'orgUnit:ou-sales',
    ]);
    view.choose('best-case-kind', 'all');
    await view.settle();
    view.http.expectOne(REPORT).flush(bestCases);
  });

  it('makes the shortlist the target of the "Best cases" phase, keeping its other fields', async () => {
    await load();
    expect(action().disabled).toBe(true);
    expect(byTestId<HTMLSelectElement>('best-case-phase')!.value).toBe('plan-1/ph-best');
    tick(0); // Engineering guild
    tick(1); // Sales
    tick(2); // Makers
    tick(2); // … and not Makers after all
    await view.settle();
    expect(view.text('shortlist-summary')).toBe('1 community and 1 unit shortlisted');
    expect(action().disabled).toBe(false);

    action().click();
    const put = view.http.expectOne({ method: 'PUT', url: `${PLANS}/plan-1/phases/ph-best` });
    // The fixture's Best cases phase: planned 2026-03-01..2026-04-12, rest-of-organisation, one WAU criterion.
    expect(put.request.body).toEqual({
      name: 'Best cases',
      plannedStart: '2026-03-01',
      plannedEnd: '2026-04-12',
      target: { orgUnitIds: ['ou-sales'], groupIds: ['g-guild'], pseudonyms: [], rules: [] },
      comparison: { kind: 'rest-of-organisation' },
      gateCriteria: [
        { id: 'c-wau', metric: 'weekly_active_rate', operator: '>=', threshold: 0.4, consecutiveWeeks: 2 },
      ],
    });
    await view.settle();
    expect(action().textContent?.trim()).toBe('Saving…');
    const saved = plan({
      phases: plan().phases.map((p) =>
        p.id === 'ph-best'
          ? { ...p, target: { orgUnitIds: ['ou-sales'], groupIds: ['g-guild'], pseudonyms: [], rules: [] } }
          : p,
      ),
    });
    put.flush(saved);
    await view.settle();
    expect(view.text('phase-target-saved')).toBe('Best cases now targets 1 community and 1 unit');
    expect(byTestId('phase-target-error')).toBeNull();
  });

  it('sends to the phase picked instead of the default', async () => {
    const draft = plan({
      id: 'plan-2',
      name: 'Next year',
      status: 'draft',
      phases: [phase({ id: 'ph-x', position: 0, name: 'Wave 1', status: 'planned', latestEvaluation: null })],
    });
    await load([plan(), draft]);
    tick(2);
    view.choose('best-case-phase', 'plan-2/ph-x');
    await view.settle();
    action().click();
    const put = view.http.expectOne({ method: 'PUT', url: `${PLANS}/plan-2/phases/ph-x` });
    expect(put.request.body.target).toEqual({
      orgUnitIds: [],
      groupIds: ['g-makers'],
      pseudonyms: [],
      rules: [],
    });
    expect(put.request.body.name).toBe('Wave 1');
    put.flush(draft);
    await view.settle();
    // The API's answer is what counts: this one did not store the shortlist.
    expect(view.text('phase-target-saved')).toBe('Wave 1 now targets 1 unit and 2 people');
  });

  it("shows the API's error when the phase cannot be saved", async () => {
    await load();
    tick(0);
    await view.settle();
    action().click();
    view.http
      .expectOne({ method: 'PUT', url: `${PLANS}/plan-1/phases/ph-best` })
      .flush(...badRequest("target.groupIds: group 'g-guild' is not in this organisation"));
    await view.settle();
    expect(view.text('phase-target-error')).toBe(
      "target.groupIds: group 'g-guild' is not in this organisation",
    );
    expect(byTestId('phase-target-saved')).toBeNull();
    expect(action().disabled).toBe(false);
  });

  it('explains when there is no plan to target, or nobody to rank', async () => {
    view = renderSection(BestCasesComponent);
    view.http.expectOne(REPORT).flush({ ...bestCases, candidates: [], excluded: 0 });
    view.http.expectOne(PLANS).flush([plan({ status: 'archived' })]);
    await view.settle();
    expect(view.text('best-cases-empty')).toBe('No candidate has at least 5 active people in this period.');
    expect(view.text('no-phase')).toBe(
      'No active or draft rollout plan has a phase to target. Create a plan on the Rollout page.',
    );
    expect(byTestId('use-as-phase-target')).toBeNull();
    expect(byTestId('best-cases-excluded')).toBeNull();
  });

  it("shows the report's and the plans' errors", async () => {
    view = renderSection(BestCasesComponent);
    view.http.expectOne(REPORT).flush(...badRequest('Org unit x not found'));
    view.http
      .expectOne(PLANS)
      .flush({ statusCode: 403, message: 'Forbidden' }, { status: 403, statusText: 'Forbidden' });
    await view.settle();
    expect(view.text('best-cases-error')).toBe('Org unit x not found');
    expect(view.text('plans-error')).toBe('Forbidden');
  });
});
