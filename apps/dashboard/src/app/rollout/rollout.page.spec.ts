import { provideHttpClient } from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
  type TestRequest,
} from '@angular/common/http/testing';
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type {
  ComparisonReport,
  GovernanceReport,
  OrganisationSummary,
  PhaseTransition,
  RolloutPlanView,
} from '@uptake/contracts';
import { ChartComponent } from '../charts/chart.component';
import { evaluation, phase, plan } from './fixtures';
import { PhaseComparisonComponent } from './phase-comparison.component';
import { PhaseGateComponent } from './phase-gate.component';
import { EVALUATION_POLL, RolloutPage } from './rollout.page';
import { ChartStub } from '../charts/chart.testing';

const organisation: OrganisationSummary = {
  id: 'org-1',
  name: 'Acme',
  slug: 'acme',
  minGroupSize: 5,
  perturbation: false,
  people: 1200,
};
const base = '/api/organisations/org-1';
const planUrl = `${base}/rollouts/plan-1`;
const hidden = { code: 'below-k' as const, minGroupSize: 5 };

const governance: GovernanceReport = {
  guidelines: { version: '2.1', title: 'Working out loud', publishedOn: '2026-01-10', url: null },
  eligible: 1200,
  acknowledged: 630,
  share: 0.525,
};
const comparison: ComparisonReport = {
  phaseId: 'ph-pilot',
  from: '2026-01-01',
  to: '2026-03-31',
  phasePopulation: 120,
  comparisonPopulation: 1080,
  comparisonLabel: 'Rest of organisation',
  metrics: [
    {
      metric: 'weekly_active_rate',
      label: 'Weekly active / eligible',
      unit: 'share',
      phase: 0.42,
      comparison: 0.18,
      difference: 0.24,
      low: 0.15,
      high: 0.33,
      significant: true,
      weeks: [{ week: '2026-03-16', phase: 0.42, comparison: 0.18 }],
    },
    {
      metric: 'cross_department_share',
      label: 'Interactions across departments',
      unit: 'share',
      phase: null,
      comparison: null,
      difference: null,
      low: null,
      high: null,
      significant: null,
      weeks: [],
      suppressed: hidden,
    },
  ],
};
const transitions: PhaseTransition[] = [
  {
    at: '2026-03-01T09:00:00Z',
    actor: 'change-manager@demo.uptake.local',
    fromPhaseId: null,
    toPhaseId: 'ph-pilot',
    overridden: false,
    gateStatus: null,
    note: null,
  },
];

describe('RolloutPage', () => {
  let fixture: ComponentFixture<RolloutPage>;
  let http: HttpTestingController;
  const element = () => fixture.nativeElement as HTMLElement;
  const byTestId = <T extends HTMLElement = HTMLElement>(testId: string) =>
    element().querySelector<T>(`[data-testid="${testId}"]`);
  const text = (testId: string) => byTestId(testId)?.textContent?.replace(/\s+/g, ' ').trim() ?? null;
  const all = (testId: string) =>
    Array.from(element().querySelectorAll(`[data-testid="${testId}"]`), (node) =>
      node.textContent!.replace(/\s+/g, ' ').trim(),
    );

  /** Lets signals, resources and the template catch up with flushed responses. */
  const settle = async () => {
    for (let i = 0; i < 3; i++) {
      TestBed.tick();
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
    fixture.detectChanges();
  };
  const type = (testId: string, value: string, event = 'input') => {
    const input = byTestId<HTMLInputElement>(testId)!;
    input.value = value;
    input.dispatchEvent(new Event(event));
  };
  const click = (testId: string) => byTestId(testId)!.click();

  beforeEach(() => {
    TestBed.configureTestingModule({
      imports: [RolloutPage],
      providers: [
        provideRouter([]),
        provideHttpClient(),
        provideHttpClientTesting(),
        { provide: EVALUATION_POLL, useValue: { intervalMs: 0, timeoutMs: 60_000 } },
      ],
    });
    for (const component of [PhaseGateComponent, PhaseComparisonComponent]) {
      TestBed.overrideComponent(component, {
        remove: { imports: [ChartComponent] },
        add: { imports: [ChartStub] },
      });
    }
    fixture = TestBed.createComponent(RolloutPage);
    http = TestBed.inject(HttpTestingController);
    fixture.detectChanges();
  });

  afterEach(() => http.verify());

  /** The shell's context: who is signed in and in which organisation. */
  async function signIn(): Promise<void> {
    http.expectOne('/api/auth/me').flush({ kind: 'session', userId: 'u', email: 'cm@x', memberships: [] });
    http.expectOne('/api/organisations').flush([organisation]);
    await settle();
  }

  /** Loads a plan with everything the page asks for around it. */
  async function showPlan(current: RolloutPlanView = plan()): Promise<void> {
    await signIn();
    http.expectOne(`${base}/rollouts`).flush([current]);
    await settle();
    http.expectOne(planUrl).flush(current);
    await settle();
    http.expectOne(`${planUrl}/transitions`).flush(transitions);
    http.expectOne(`${base}/governance`).flush(governance);
    http.expectOne(`${planUrl}/phases/ph-pilot/evaluations?limit=20`).flush([evaluation()]);
    http.expectOne(`${planUrl}/phases/ph-pilot/comparison`).flush(comparison);
    await settle();
  }

  it('shows loading, then the create form when there is no plan, and creates one', async () => {
    await signIn();
    expect(text('loading')).toBe('Loading rollout plans…');
    http.expectOne(`${base}/rollouts`).flush([]);
    await settle();
    http.expectOne(`${base}/governance`).flush({ ...governance, guidelines: null });
    await settle();
    expect(text('empty-state')).toContain('No rollout plan yet');
    expect(text('governance-empty')).toContain('No usage guidelines yet');

    type('create-name', 'Engage rollout');
    type('create-start', '2026-04-01', 'change');
    fixture.detectChanges();
    click('create-submit');
    const create = http.expectOne({ method: 'POST', url: `${base}/rollouts` });
    expect(create.request.body).toEqual({
      name: 'Engage rollout',
      template: 'default',
      startDate: '2026-04-01',
    });
    create.flush(plan({ name: 'Engage rollout' }));
    await settle();
    http.expectOne(`${base}/rollouts`).flush([plan({ name: 'Engage rollout' })]);
    await settle();
    http.expectOne(planUrl).flush(plan({ name: 'Engage rollout' }));
    await settle();
    http.expectOne(`${planUrl}/transitions`).flush([]);
    http.expectOne(`${planUrl}/phases/ph-pilot/evaluations?limit=20`).flush([]);
    http.expectOne(`${planUrl}/phases/ph-pilot/comparison`).flush(comparison);
    await settle();
    expect(text('plan-name')).toBe('Engage rollout');
    expect(byTestId('create-plan')).toBeNull();
  });

  it("lists the server's validation messages beside the create form", async () => {
    await signIn();
    http.expectOne(`${base}/rollouts`).flush([]);
    await settle();
    http.expectOne(`${base}/governance`).flush(governance);
    click('create-submit');
    http
      .expectOne({ method: 'POST', url: `${base}/rollouts` })
      .flush(
        { statusCode: 400, message: ['name must not be empty', 'startDate must be YYYY-MM-DD'] },
        { status: 400, statusText: 'Bad Request' },
      );
    await settle();
    expect(
      Array.from(byTestId('create-errors')!.querySelectorAll('li'), (item) => item.textContent!.trim()),
    ).toEqual(['name must not be empty', 'startDate must be YYYY-MM-DD']);
  });

  it("shows the server's message when the plans cannot be loaded", async () => {
    await signIn();
    http
      .expectOne(`${base}/rollouts`)
      .flush(
        { statusCode: 403, message: 'Only change managers can see rollouts' },
        { status: 403, statusText: 'Forbidden' },
      );
    await settle();
    expect(text('error-banner')).toBe('Could not load rollout plans: Only change managers can see rollouts');
  });

  it('shows the timeline, the gate criteria, the comparison and governance, with hidden values as hidden', async () => {
    const withHidden = plan({
      phases: [
        ...plan().phases.filter((p) => p.id !== 'ph-pilot'),
        phase({
          latestEvaluation: evaluation({
            criteria: [
              evaluation().criteria[0],
              {
                ...evaluation().criteria[0],
                criterionId: 'c-cross',
                metric: 'cross_department_share',
                value: null,
                status: 'no-data',
                suppressed: hidden,
              },
            ],
          }),
          gateCriteria: [
            phase().gateCriteria[0],
            {
              id: 'c-cross',
              metric: 'cross_department_share',
              operator: '>=',
              threshold: 0.1,
              consecutiveWeeks: 1,
            },
          ],
        }),
      ],
    });
    await showPlan(withHidden);

    expect(all('phase-gate')).toEqual(['Gate: At risk', 'Gate: Not evaluated', 'Gate: Not evaluated']);
    expect(byTestId('phase-0')!.classList).toContain('active');
    expect(text('advance')).toBe('Advance to Best cases');
    expect(all('criterion-rule')[0]).toBe('≥ 40% · 2 weeks in a row');
    expect(all('criterion-value')).toEqual(['42%', 'hidden (< 5 people)']);
    expect(all('criterion-weeks')[0]).toBe('1 of 2');
    expect(all('criterion-status')).toEqual(['At risk', 'No data']);
    expect(all('criterion-forecast')[0]).toBe('2026-03-23 (linear trend)');
    expect(text('population')).toBe('120 people');

    click('criterion-evidence-toggle');
    fixture.detectChanges();
    expect(all('evidence-value')).toEqual(['35%', 'hidden or no data', '42%']);

    expect(all('comparison-phase-value')).toEqual(['42%']);
    expect(all('comparison-other-value')).toEqual(['18%']);
    expect(all('comparison-difference')).toEqual(['+24 pp']);
    expect(text('comparison-interval')).toBe('95% interval +15 pp to +33 pp');
    expect(text('comparison-significant')).toBe('significant');
    expect(text('comparison-hidden')).toBe('hidden (< 5 people)');

    expect(text('governance-share')).toBe('52.5%');
    expect(all('transition')[0]).toContain('Started Pilot');
  });

  it('advances past a gate that is not passing only with a note and override', async () => {
    await showPlan();
    click('advance');
    fixture.detectChanges();
    expect(text('override-warning')).toContain('The gate has not passed');
    click('advance-confirm');
    fixture.detectChanges();
    expect(text('advance-error')).toContain('write a note');

    type('advance-note', 'Sponsor asked to widen before the summer');
    click('advance-confirm');
    const advance = http.expectOne({ method: 'POST', url: `${planUrl}/advance` });
    expect(advance.request.body).toEqual({
      note: 'Sponsor asked to widen before the summer',
      override: true,
    });
    const advanced = plan({
      phases: plan().phases.map((p) => ({
        ...p,
        status:
          p.id === 'ph-pilot' ? ('completed' as const) : p.id === 'ph-best' ? ('active' as const) : p.status,
      })),
    });
    advance.flush(advanced);
    await settle();
    http.expectOne(`${planUrl}/transitions`).flush([
      ...transitions,
      {
        ...transitions[0],
        fromPhaseId: 'ph-pilot',
        toPhaseId: 'ph-best',
        overridden: true,
        gateStatus: 'at-risk',
        note: 'Sponsor asked to widen before the summer',
      },
    ]);
    http.expectOne(`${base}/rollouts`).flush([advanced]);
    await settle();
    http
      .match(() => true)
      .forEach((request: TestRequest) =>
        request.flush(request.request.url.includes('comparison') ? comparison : []),
      );
    await settle();
    expect(byTestId('advance-dialog')).toBeNull();
    expect(text('advance')).toBe('Advance to Full rollout');
    expect(all('transition')[1]).toContain('Pilot → Best cases');
    expect(text('transition-override')).toBe('Gate overridden');
  });

  it('asks for the override when the API refuses with 409 although the gate looked passing', async () => {
    await showPlan(
      plan({
        phases: [
          phase({ latestEvaluation: evaluation({ status: 'pass' }) }),
          ...plan().phases.filter((p) => p.id !== 'ph-pilot'),
        ],
      }),
    );
    click('advance');
    fixture.detectChanges();
    expect(byTestId('override-warning')).toBeNull();
    click('advance-confirm');
    const advance = http.expectOne({ method: 'POST', url: `${planUrl}/advance` });
    expect(advance.request.body).toEqual({});
    advance.flush(
      { statusCode: 409, message: 'The gate of Pilot has not passed (at-risk)' },
      { status: 409, statusText: 'Conflict' },
    );
    await settle();
    expect(text('advance-error')).toBe('The gate of Pilot has not passed (at-risk)');
    expect(text('override-warning')).toContain('The gate has not passed');
  });

  it('evaluates now: queues, shows "evaluating…" and polls until a new evaluation arrives', async () => {
    await showPlan();
    click('evaluate');
    fixture.detectChanges();
    http
      .expectOne({ method: 'POST', url: `${planUrl}/evaluate` })
      .flush({ queued: true }, { status: 202, statusText: 'Accepted' });
    await settle();
    expect(text('evaluating')).toContain('Evaluating…');
    expect(text('evaluate')).toBe('Evaluating…');

    http.expectOne(planUrl).flush(plan());
    await settle();
    const fresh = evaluation({
      id: 'ev-2',
      evaluatedAt: '2026-03-21T10:00:00Z',
      trigger: 'manual',
      status: 'pass',
    });
    http.expectOne(planUrl).flush(
      plan({
        phases: [phase({ latestEvaluation: fresh }), ...plan().phases.filter((p) => p.id !== 'ph-pilot')],
      }),
    );
    await settle();
    http.expectOne(`${planUrl}/phases/ph-pilot/evaluations?limit=20`).flush([fresh, evaluation()]);
    await settle();
    expect(byTestId('evaluating')).toBeNull();
    expect(text('evaluation-status')).toBe('Passing');
    expect(element().querySelectorAll('[data-testid="evaluation-history"] li')).toHaveLength(2);
  });

  it('saves an edited threshold in % as a fraction and shows validation messages beside the editor', async () => {
    await showPlan();
    click('edit-phase');
    await settle();
    http
      .expectOne(`${base}/org-units`)
      .flush([{ id: 'ou-sales', parentId: null, name: 'Sales', kind: 'department', people: 120 }]);
    http.expectOne(`${base}/groups`).flush([]);
    await settle();
    expect(byTestId<HTMLInputElement>('criterion-threshold')!.value).toBe('40');
    type('criterion-threshold', '35');
    fixture.detectChanges();
    expect(text('criterion-preview')).toBe('Weekly active / eligible ≥ 35% for 2 weeks in a row');
    click('phase-save');
    let save = http.expectOne({ method: 'PUT', url: `${planUrl}/phases/ph-pilot` });
    expect(save.request.body.gateCriteria).toEqual([
      { id: 'c-wau', metric: 'weekly_active_rate', operator: '>=', threshold: 0.35, consecutiveWeeks: 2 },
    ]);
    expect(save.request.body.target).toEqual({
      orgUnitIds: ['ou-sales'],
      groupIds: [],
      pseudonyms: ['p-1', 'p-2'],
      rules: [],
    });
    save.flush(
      { statusCode: 400, message: ['gateCriteria.0.threshold must not be greater than 1'] },
      { status: 400, statusText: 'Bad Request' },
    );
    await settle();
    expect(text('phase-errors')).toBe('gateCriteria.0.threshold must not be greater than 1');

    click('phase-save');
    save = http.expectOne({ method: 'PUT', url: `${planUrl}/phases/ph-pilot` });
    const changed = plan({
      phases: plan().phases.map((p) =>
        p.id === 'ph-pilot' ? { ...p, gateCriteria: [{ ...p.gateCriteria[0], threshold: 0.35 }] } : p,
      ),
    });
    save.flush(changed);
    await settle();
    expect(byTestId('phase-editor')).toBeNull();
    expect(all('criterion-rule')[0]).toBe('≥ 35% · 2 weeks in a row');
  });
});
