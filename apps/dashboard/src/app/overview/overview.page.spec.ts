import { provideHttpClient } from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
  type TestRequest,
} from '@angular/common/http/testing';
import { signal } from '@angular/core';
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type {
  AdoptionReport,
  DailyActivitySeries,
  GoalView,
  OrganisationSummary,
  RolloutPlanView,
} from '@uptake/contracts';
import { ChartComponent } from '../charts/chart.component';
import { OrganisationContext } from '../shell/organisation-context';
import { OverviewPage } from './overview.page';
import { adoptionPoint, adoptionReport, goal, HIDDEN } from './test-data';
import { ChartStub } from '../charts/chart.testing';

const organisation: OrganisationSummary = {
  id: 'org-1',
  name: 'Acme',
  slug: 'acme',
  minGroupSize: 5,
  perturbation: true,
  people: 210,
};
const base = '/api/organisations/org-1';
const series: DailyActivitySeries = {
  organisationId: 'org-1',
  from: '2026-03-01',
  to: '2026-03-03',
  minGroupSize: 5,
  points: [
    { day: '2026-03-01', activePeople: 30, events: 90 },
    { day: '2026-03-02', activePeople: null, events: null, suppressed: HIDDEN },
    { day: '2026-03-03', activePeople: 44, events: 120 },
  ],
};
const plans: RolloutPlanView[] = [
  {
    id: 'plan-1',
    name: 'Engage rollout',
    status: 'active',
    createdAt: '2026-01-01T00:00:00Z',
    updatedAt: '2026-02-01T00:00:00Z',
    phases: [
      {
        id: 'pilot',
        position: 0,
        name: 'Pilot',
        status: 'active',
        plannedStart: '2026-03-01',
        plannedEnd: '2026-03-31',
        startedAt: null,
        completedAt: null,
        target: { orgUnitIds: [], groupIds: [], pseudonyms: [], rules: [] },
        comparison: { kind: 'rest-of-organisation' },
        gateCriteria: [],
        cohortGroupId: null,
        comparisonGroupId: null,
        latestEvaluation: null,
      },
    ],
  },
];

describe('OverviewPage', () => {
  let fixture: ComponentFixture<OverviewPage>;
  let http: HttpTestingController;
  const filters = signal<{ from?: string; to?: string; orgUnitId?: string; groupId?: string }>({});
  const role = signal<string | null>(null);
  const element = () => fixture.nativeElement as HTMLElement;
  const text = (selector: string) =>
    element().querySelector(selector)?.textContent?.replace(/\s+/g, ' ').trim() ?? null;
  const inCard = (card: string, testId: string) => text(`[data-testid="${card}"] [data-testid="${testId}"]`);

  beforeEach(() => {
    filters.set({});
    role.set(null);
    localStorage.clear();
    TestBed.configureTestingModule({
      imports: [OverviewPage],
      providers: [
        provideRouter([]),
        provideHttpClient(),
        provideHttpClientTesting(),
        {
          provide: OrganisationContext,
          useValue: {
            organisation: signal(organisation),
            filters,
            setParams: jest.fn(),
            role,
            me: {
              hasValue: () => true,
              value: () => ({ kind: 'session', userId: 'user-1', email: 'a@acme.test', memberships: [] }),
            },
          },
        },
      ],
    });
    TestBed.overrideComponent(OverviewPage, {
      remove: { imports: [ChartComponent] },
      add: { imports: [ChartStub] },
    });
    fixture = TestBed.createComponent(OverviewPage);
    http = TestBed.inject(HttpTestingController);
    fixture.detectChanges();
  });

  afterEach(() => http.verify());

  /** Lets signals, resources and the template catch up with a flushed response. */
  const settle = async () => {
    TestBed.tick();
    await new Promise((resolve) => setTimeout(resolve, 0));
    TestBed.tick();
    fixture.detectChanges();
  };

  const adoptionRequest = (query = 'granularity=week') => http.expectOne(`${base}/kpis/adoption?${query}`);
  const failWith = (request: TestRequest, status: number, message: string) =>
    request.flush({ statusCode: status, message }, { status, statusText: 'Error' });

  /** Answers every card's request (and the filter bar's) with the given bodies. */
  const respond = async (bodies: {
    adoption?: AdoptionReport;
    goals?: GoalView[];
    rollouts?: RolloutPlanView[];
    daily?: DailyActivitySeries;
  }) => {
    adoptionRequest().flush(bodies.adoption ?? adoptionReport);
    http.expectOne(`${base}/goals`).flush(bodies.goals ?? [goal()]);
    http.expectOne(`${base}/rollouts`).flush(bodies.rollouts ?? plans);
    http.expectOne(`${base}/activity/daily`).flush(bodies.daily ?? series);
    http.expectOne(`${base}/org-units`).flush([]);
    http.expectOne(`${base}/groups`).flush([]);
    await settle();
  };

  it('shows loading, then headline figures, goals with their value, the rollout and daily activity', async () => {
    expect(inCard('headline-card', 'loading')).toBe('Loading adoption…');
    expect(inCard('goals', 'loading')).toBe('Loading goals…');
    await respond({});

    expect(inCard('figure-eligible', 'figure-value')).toBe('210');
    expect(inCard('figure-eligible', 'figure-change')).toBe('+10 vs 4 weeks earlier');
    expect(inCard('figure-adoptionRate', 'figure-value')).toBe('50%');
    expect(text('[data-testid="figure-weeklyActive"]')).toContain('40% of eligible');

    expect(inCard('goals', 'goal-name')).toBe('Half the company active every week');
    expect(inCard('goals', 'goal-status')).toBe('On track');
    expect(inCard('goals', 'goal-current')).toBe('40%');
    expect(inCard('goals', 'annual-value-amount')).toBe('€92,400');
    expect(inCard('goals', 'annual-value-hours')).toBe('1,540 h/year saved');

    expect(inCard('rollout-timeline', 'phase')).toContain('Pilot');
    expect(text('#rollout-title')).toContain('Engage rollout');
    expect(inCard('daily-activity', 'headline-peak')).toBe('44');
    expect(inCard('daily-activity', 'suppressed-note')).toBe('1 day hidden: fewer than 5 people active.');

    const charts = fixture.debugElement.queryAll((el) => el.componentInstance instanceof ChartStub);
    const target = charts[0].componentInstance as ChartStub;
    const option = target.options() as {
      series: { name: string; markLine: { data: { yAxis?: number }[] } }[];
    };
    expect(option.series.find((s) => s.name === 'Weekly active rate')!.markLine.data[0].yAxis).toBe(0.5);
  });

  it('says "hidden (< k people)" for withheld figures, never 0', async () => {
    const hidden = adoptionPoint('2026-03-09', '2026-03-15', { eligible: 4, suppressed: HIDDEN });
    await respond({
      adoption: { ...adoptionReport, points: [...adoptionReport.points.slice(0, 5), hidden] },
    });
    expect(inCard('figure-activated', 'figure-hidden')).toBe('hidden (< 5 people)');
    expect(inCard('figure-activated', 'figure-value')).toBeNull();
    expect(inCard('figure-eligible', 'figure-value')).toBe('4');
  });

  it('says that counts are perturbed when the organisation perturbs them', async () => {
    await respond({});
    expect(text('[data-testid="perturbation-note"]')).toBe(
      '· counts are perturbed by up to ±2 people to protect privacy',
    );
  });

  it('shows empty states when there are no weeks, goals, plan or activity', async () => {
    await respond({
      adoption: { ...adoptionReport, points: [] },
      goals: [],
      rollouts: [],
      daily: { ...series, points: [{ day: '2026-03-01', activePeople: 0, events: 0 }] },
    });
    expect(inCard('headline-card', 'empty-state')).toBe('No complete week in this range.');
    expect(inCard('adoption-target', 'empty-state')).toBe('No weeks to draw in this range.');
    expect(inCard('goals', 'empty-state')).toContain('No business goals yet.');
    expect(inCard('goals', 'annual-value')).toBeNull();
    expect(inCard('rollout-timeline', 'empty-state')).toBe('No rollout plan yet.');
    expect(inCard('daily-activity', 'empty-state')).toBe('No activity to show in this period.');
  });

  it("shows each card's error on that card only: a 403 as a role note, others with the server's message", async () => {
    failWith(adoptionRequest(), 400, 'from (2026-03-10) must not be after to (2026-03-01)');
    http.expectOne(`${base}/goals`).flush([goal()]);
    failWith(http.expectOne(`${base}/rollouts`), 403, 'Requires one of the roles: admin, change_manager');
    http.expectOne(`${base}/activity/daily`).flush(series);
    failWith(http.expectOne(`${base}/org-units`), 404, 'Cannot GET');
    http.expectOne(`${base}/groups`).flush([]);
    await settle();

    expect(inCard('headline-card', 'error-banner')).toBe(
      'from (2026-03-10) must not be after to (2026-03-01)',
    );
    expect(inCard('rollout-timeline', 'error-banner')).toBe(
      'Not available for your role (Requires one of the roles: admin, change_manager)',
    );
    expect(element().querySelector('[data-testid="rollout-timeline"] [role="alert"]')).not.toBeNull();
    expect(inCard('goals', 'goal-name')).toBe('Half the company active every week');
    expect(inCard('daily-activity', 'headline-peak')).toBe('44');
    expect(text('[data-testid="filter-org-unit"]')).toBe('Org units unavailable');
  });

  it('asks for the filtered population and range, and says the daily chart is organisation-wide', async () => {
    await respond({});
    filters.set({ from: '2026-02-01', to: '2026-03-15', orgUnitId: 'unit-7' });
    await settle();
    // only the filtered cards ask again: goals, plans and the filter lists do not depend on the filters
    adoptionRequest('granularity=week&from=2026-02-01&to=2026-03-15&orgUnitId=unit-7').flush(adoptionReport);
    http.expectOne(`${base}/activity/daily?from=2026-02-01&to=2026-03-15`).flush(series);
    await settle();
    expect(text('[data-testid="daily-activity"] p.muted')).toContain(
      'does not follow the org unit and group filters',
    );
    // the company-wide goal is not drawn over one org unit
    expect(text('[data-testid="adoption-target"] p.muted')).toContain('no adoption or weekly-active goal');
  });

  it('shows admins a compact getting-started line with the steps left; other roles none', async () => {
    await respond({});
    expect(element().querySelector('[data-testid="first-run-checklist"]')).toBeNull();
    role.set('admin');
    fixture.detectChanges();
    TestBed.tick();
    // the checklist's own requests (the overview's rollouts request was answered above)
    http.expectOne(`${base}/sources`).flush([{ id: 'src' }]);
    http.expectOne(`${base}/rollouts`).flush([]);
    http.expectOne(`${base}/members`).flush([{ userId: 'u1', email: 'a@acme.test', role: 'admin' }]);
    http.expectOne(`${base}/invitations?limit=50`).flush([]);
    await settle();
    // 210 people and a source: 2 of 4 done; left: the plan and the invitations
    expect(inCard('first-run-checklist', 'checklist-progress')).toBe('2 of 4 done');
    const left = [...element().querySelectorAll('[data-testid^="checklist-todo-"]')].map((a) => [
      a.textContent?.trim(),
      a.getAttribute('href'),
    ]);
    expect(left).toEqual([
      ['Create a rollout plan', '/rollout'],
      ['Invite people', '/admin#members'],
    ]);
  });

  it('asks nothing more once this admin dismissed the checklist (or saw it complete)', async () => {
    localStorage.setItem('uptake.first-run-checklist.dismissed.user-1.org-1', 'true');
    await respond({});
    role.set('admin');
    fixture.detectChanges();
    await settle();
    http.expectNone(`${base}/sources`);
    http.expectNone(`${base}/members`);
    expect(element().querySelector('[data-testid="first-run-checklist"]')).toBeNull();
  });
});
