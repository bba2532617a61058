import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { Component, input } from '@angular/core';
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { DailyActivitySeries, OrganisationSummary } from '@uptake/contracts';
import type { EChartsCoreOption } from 'echarts/core';
import { ChartComponent } from '../charts/chart.component';
import { OverviewPage } from './overview.page';

/** ECharts needs a real canvas; the browser tests in e2e/ cover drawing. Here the option handed over is checked. */
@Component({ selector: 'up-chart', template: '<div data-testid="chart-stub"></div>' })
class ChartStub {
  readonly options = input.required<EChartsCoreOption>();
  readonly label = input('chart');
}

const organisation: OrganisationSummary = {
  id: 'org-1',
  name: 'Acme',
  slug: 'acme',
  minGroupSize: 5,
  people: 120,
};
const series: DailyActivitySeries = {
  organisationId: 'org-1',
  from: '2026-03-01',
  to: '2026-03-03',
  minGroupSize: 5,
  points: [
    { day: '2026-03-01', activePeople: 30, events: 90 },
    { day: '2026-03-02', activePeople: null, events: null, suppressed: { code: 'below-k', minGroupSize: 5 } },
    { day: '2026-03-03', activePeople: 44, events: 120 },
  ],
};

describe('OverviewPage', () => {
  let fixture: ComponentFixture<OverviewPage>;
  let http: HttpTestingController;
  const text = (testId: string) =>
    (fixture.nativeElement as HTMLElement).querySelector(`[data-testid="${testId}"]`)?.textContent?.trim() ??
    null;

  beforeEach(() => {
    TestBed.configureTestingModule({
      imports: [OverviewPage],
      providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting()],
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

  /** Lets signals, resources and the template catch up with a flushed response (pending requests keep whenStable waiting). */
  const settle = async () => {
    TestBed.tick();
    await new Promise((resolve) => setTimeout(resolve, 0));
    TestBed.tick();
    fixture.detectChanges();
  };

  it('shows loading, then the chart with headline figures and the hidden-days note', async () => {
    expect(text('loading')).toBe('Loading organisations…');
    http.expectOne('/api/organisations').flush([organisation]);
    await settle();
    http.expectOne('/api/organisations/org-1/activity/daily').flush(series);
    await settle();

    expect(text('headline-peak')).toBe('44');
    expect(text('headline-average')).toBe('37');
    expect(text('headline-events')).toBe('210');
    expect(text('suppressed-note')).toBe('1 day hidden: fewer than 5 people active.');
    const chart = fixture.debugElement.query((el) => el.componentInstance instanceof ChartStub);
    const option = (chart.componentInstance as ChartStub).options() as { xAxis: { data: string[] } };
    expect(option.xAxis.data).toEqual(['2026-03-01', '2026-03-02', '2026-03-03']);
  });

  it('shows an empty state when there are no organisations', async () => {
    http.expectOne('/api/organisations').flush([]);
    await settle();
    expect(text('empty-state')).toContain('No organisation yet');
  });

  it('shows an empty state when nobody was active in the range', async () => {
    http.expectOne('/api/organisations').flush([organisation]);
    await settle();
    http
      .expectOne('/api/organisations/org-1/activity/daily')
      .flush({ ...series, points: [{ day: '2026-03-01', activePeople: 0, events: 0 }] });
    await settle();
    expect(text('empty-state')).toBe('No activity to show in this period.');
  });

  it("shows the server's error message", async () => {
    http.expectOne('/api/organisations').flush([organisation]);
    await settle();
    http.expectOne('/api/organisations/org-1/activity/daily').flush(
      {
        statusCode: 400,
        message: ['from must be a calendar date YYYY-MM-DD (got "2026-02-30")'],
        error: 'Bad Request',
      },
      { status: 400, statusText: 'Bad Request' },
    );
    await settle();
    expect(text('error-banner')).toBe('from must be a calendar date YYYY-MM-DD (got "2026-02-30")');
  });

  it('says so when the organisations cannot be loaded', async () => {
    http
      .expectOne('/api/organisations')
      .flush(
        { statusCode: 503, message: 'database unavailable' },
        { status: 503, statusText: 'Unavailable' },
      );
    await settle();
    expect(text('error-banner')).toBe('Could not load organisations: database unavailable');
  });
});
