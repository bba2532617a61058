import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { ComparisonReport, GovernanceReport, OrganisationSummary } from '@uptake/contracts';
import { inDutch } from '../../locale/testing';
import { ChartComponent } from '../charts/chart.component';
import { ChartStub } from '../charts/chart.testing';
import { evaluation, plan } from './fixtures';
import { PhaseComparisonComponent } from './phase-comparison.component';
import { PhaseGateComponent } from './phase-gate.component';
import { EVALUATION_POLL, RolloutPage } from './rollout.page';

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

const governance: GovernanceReport = {
  guidelines: { version: '2.1', title: 'Working out loud', publishedOn: '2026-01-10', url: null },
  eligible: 1200,
  acknowledged: 630,
  share: 0.525,
};
// The API's labels are English; the page names metrics and the comparison group itself.
const comparison: ComparisonReport = {
  phaseId: 'ph-pilot',
  from: '2026-01-01',
  to: '2026-03-31',
  phasePopulation: 120,
  comparisonPopulation: null,
  comparisonLabel: 'Rest of organisation',
  metrics: [
    {
      metric: 'weekly_active_rate',
      label: 'Weekly active / eligible',
      unit: 'share',
      phase: 0.425,
      comparison: 0.18,
      difference: 0.245,
      low: 0.15,
      high: 0.33,
      significant: false,
      weeks: [],
    },
  ],
};

/** The rollout page in Dutch: timeline, gate, comparison, governance and the advance dialog. */
describe('RolloutPage in Dutch', () => {
  inDutch();

  let fixture: ComponentFixture<RolloutPage>;
  let http: HttpTestingController;
  const element = () => fixture.nativeElement as HTMLElement;
  const byTestId = <T extends HTMLElement = HTMLElement>(testId: string) =>
    element().querySelector<T>(`[data-testid="${testId}"]`);
  const clean = (node: Element | null | undefined) => node?.textContent?.replace(/\s+/g, ' ').trim() ?? null;
  const text = (testId: string) => clean(byTestId(testId));
  const all = (testId: string) => [...element().querySelectorAll(`[data-testid="${testId}"]`)].map(clean);
  const settle = async () => {
    for (let i = 0; i < 3; i++) {
      TestBed.tick();
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
    fixture.detectChanges();
  };
  const click = (testId: string) => {
    byTestId(testId)!.click();
    fixture.detectChanges();
  };

  beforeEach(async () => {
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
    http.expectOne('/api/auth/me').flush({ kind: 'session', userId: 'u', email: 'cm@x', memberships: [] });
    http.expectOne('/api/organisations').flush([organisation]);
    await settle();
    expect(text('loading')).toBe('Uitrolplannen laden…');
    http.expectOne(`${base}/rollouts`).flush([plan()]);
    await settle();
    http.expectOne(planUrl).flush(plan());
    await settle();
    http.expectOne(`${planUrl}/transitions`).flush([
      {
        at: '2026-03-01T09:00:00Z',
        actor: null,
        fromPhaseId: null,
        toPhaseId: 'ph-pilot',
        overridden: false,
        gateStatus: null,
        note: null,
      },
    ]);
    http.expectOne(`${base}/governance`).flush(governance);
    http.expectOne(`${planUrl}/phases/ph-pilot/evaluations?limit=20`).flush([evaluation()]);
    http.expectOne(`${planUrl}/phases/ph-pilot/comparison`).flush(comparison);
    await settle();
  }, 20_000); // the first test compiles the page and its children

  afterEach(() => http.verify());

  it('shows the timeline and the gate in Dutch', () => {
    expect(clean(element().querySelector('h1'))).toBe('Uitrol');
    expect(all('phase-gate')).toEqual([
      'Gate: In gevaar',
      'Gate: Niet geëvalueerd',
      'Gate: Niet geëvalueerd',
    ]);
    expect(text('advance')).toBe('Door naar Best cases');
    expect(text('evaluation-summary')).toBe(
      'In gevaar geëvalueerd 2026-03-20 08:00 (gepland) op gegevens tot en met 2026-03-19 · 120 personen',
    );
    expect(all('criterion-metric')).toEqual(['Wekelijks actief / in aanmerking']);
    expect(all('criterion-rule')).toEqual(['≥ 40% · 2 weken op rij']);
    expect(all('criterion-weeks')).toEqual(['1 van 2']);
    expect(all('criterion-forecast')).toEqual(['2026-03-23 (lineaire trend)']);
    // The API's English explanation, said again from its code and figures (shared/server-text.ts).
    expect(all('criterion-explanation')).toEqual([
      'Wekelijks actief / in aanmerking ≥ 40% gedurende 2 weken op rij: 1 van 2 weken gehaald (nu 42%); ' +
        'gehaald op 23 mrt 2026 als het zo blijft.',
    ]);
    expect(all('transition')[0]).toContain('Pilot gestart');
    expect(all('transition')[0]).toContain('systeem');
  });

  it('compares the pilot and reports governance with Dutch numbers', () => {
    expect(text('comparison-populations')).toBe(
      '2026-01-01 → 2026-03-31 · Pilot: 120 personen · Rest van de organisatie: verborgen (minder personen dan ' +
        'het privacyminimum)',
    );
    expect(all('comparison-phase-value')).toEqual(['42,5%']);
    expect(all('comparison-difference')).toEqual(['+24,5 %-punt']);
    expect(text('comparison-interval')).toBe('95%-interval +15 %-punt tot +33 %-punt');
    expect(clean(element().querySelector('[data-testid="comparison-metric"] .badge'))).toBe(
      'niet significant',
    );
    expect(text('governance-share')).toBe('52,5%');
    expect(clean(byTestId('governance')?.querySelector('p.muted.small'))).toBe(
      '630 van 1.200 personen in aanmerking bevestigden deze versie',
    );
  });

  it('asks for a Dutch note before overriding the gate', () => {
    click('advance');
    expect(clean(element().querySelector('#advance-title'))).toBe('Door naar Best cases?');
    expect(text('override-warning')).toBe(
      'De gate is niet gehaald. Toch doorgaan wordt met je toelichting in het auditlogboek vastgelegd.',
    );
    expect(text('advance-confirm')).toBe('Gate passeren en doorgaan');
    click('advance-confirm');
    expect(text('advance-error')).toBe(
      'De gate is niet gehaald: schrijf een toelichting waarom je toch doorgaat.',
    );
  });

  it('reads a criterion back in Dutch in the phase editor', async () => {
    click('edit-phase');
    await settle();
    http.expectOne(`${base}/org-units`).flush([]);
    http.expectOne(`${base}/groups`).flush([]);
    await settle();
    expect(clean(byTestId('phase-editor')?.querySelector('h2'))).toBe('Pilot bewerken');
    expect(text('criterion-preview')).toBe('Wekelijks actief / in aanmerking ≥ 40% gedurende 2 weken op rij');
    expect(text('phase-save')).toBe('Fase opslaan');
  });
});
