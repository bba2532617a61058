import '../../locale/dutch.testing';
import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { signal } from '@angular/core';
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { DailyActivitySeries, OrganisationSummary } from '@uptake/contracts';
import { ChartComponent } from '../charts/chart.component';
import { ChartStub } from '../charts/chart.testing';
import { OrganisationContext } from '../shell/organisation-context';
import { OverviewPage } from './overview.page';
import { adoptionPoint, adoptionReport, goal, HIDDEN } from './test-data';

const organisation: OrganisationSummary = {
  id: 'org-1',
  name: 'Acme',
  slug: 'acme',
  minGroupSize: 5,
  perturbation: false,
  people: 1210,
};
const base = '/api/organisations/org-1';
const series: DailyActivitySeries = {
  organisationId: 'org-1',
  from: '2026-03-01',
  to: '2026-03-03',
  minGroupSize: 5,
  points: [
    { day: '2026-03-01', activePeople: 30, events: 1290 },
    { day: '2026-03-02', activePeople: null, events: null, suppressed: HIDDEN },
    { day: '2026-03-03', activePeople: 44, events: 120 },
  ],
};

describe('OverviewPage in Dutch', () => {
  let fixture: ComponentFixture<OverviewPage>;
  let http: HttpTestingController;
  const text = (selector: string) =>
    (fixture.nativeElement as HTMLElement)
      .querySelector(selector)
      ?.textContent?.replace(/\s+/g, ' ')
      .trim() ?? null;
  const inCard = (card: string, testId: string) => text(`[data-testid="${card}"] [data-testid="${testId}"]`);
  const settle = async () => {
    TestBed.tick();
    await new Promise((resolve) => setTimeout(resolve, 0));
    TestBed.tick();
    fixture.detectChanges();
  };

  beforeEach(() => {
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
            filters: signal({}),
            setParams: jest.fn(),
            role: signal(null),
            me: { hasValue: () => false },
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

  it('shows the headline, goals and daily activity in Dutch, with Dutch numbers', async () => {
    expect(inCard('headline-card', 'loading')).toBe('Adoptie laden…');
    const hidden = adoptionPoint('2026-03-09', '2026-03-15', { eligible: 1234, suppressed: HIDDEN });
    http
      .expectOne(`${base}/kpis/adoption?granularity=week`)
      .flush({ ...adoptionReport, points: [...adoptionReport.points.slice(0, 5), hidden] });
    http.expectOne(`${base}/goals`).flush([goal()]);
    http.expectOne(`${base}/rollouts`).flush([]);
    http.expectOne(`${base}/activity/daily`).flush(series);
    http.expectOne(`${base}/org-units`).flush([]);
    http.expectOne(`${base}/groups`).flush([]);
    await settle();

    expect(text('h1')).toBe('Overzicht voor de directie');
    expect(text('.page-head p')).toBe(
      'Acme · 1.210 personen · cijfers over minder dan 5 personen zijn verborgen',
    );
    expect(inCard('figure-eligible', 'figure-value')).toBe('1.234');
    expect(inCard('figure-activated', 'figure-hidden')).toBe('verborgen (minder dan 5 personen)');
    expect(inCard('goals', 'goal-status')).toBe('Op koers');
    expect(inCard('goals', 'goal-current')).toBe('40%');
    expect(inCard('goals', 'annual-value-amount')).toBe('€ 92.400');
    expect(inCard('goals', 'annual-value-hours')).toBe('1.540 uur/jaar bespaard');
    expect(inCard('rollout-timeline', 'empty-state')).toBe('Nog geen uitrolplan.');
    expect(inCard('daily-activity', 'suppressed-note')).toBe(
      '1 dag verborgen: minder dan 5 personen actief.',
    );
  });
});
