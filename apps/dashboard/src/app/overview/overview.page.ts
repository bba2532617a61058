import { httpResource } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import type { AdoptionReport, DailyActivitySeries, GoalView, RolloutPlanView } from '@uptake/contracts';
import { FirstRunChecklistComponent } from '../admin/first-run-checklist.component';
import { UptakeApi } from '../api/uptake-api.service';
import { ChartComponent } from '../charts/chart.component';
import { FilterBarComponent } from '../shared/filter-bar/filter-bar.component';
import { OrganisationContext } from '../shell/organisation-context';
import { adoptionTargetChartOption, goalsForPopulation } from './adoption-target';
import { cardError } from './card-error';
import { dailyActivityChartOption, dailyActivityHeadline, isEmptySeries } from './daily-activity';
import { formatDay, formatNumber } from '../shared/format';
import { annualValueTotal, goalRow, SPARKLINE } from './goals';
import { adoptionHeadline } from './headline';
import { currentPlan, phaseTimeline, PLAN_STATUS } from './rollout-timeline';
import { DownloadMenuComponent } from '../shared/download-menu/download-menu.component';

/**
 * The executive overview: is the network being adopted, are the business goals on track, what are they worth,
 * and where is the rollout. Each card loads and fails on its own, so a role without access to one endpoint
 * still sees the rest.
 */
@Component({
  selector: 'up-overview-page',
  imports: [ChartComponent, FilterBarComponent, FirstRunChecklistComponent, DownloadMenuComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './overview.page.html',
  styleUrl: './overview.page.css',
})
export class OverviewPage {
  protected readonly context = inject(OrganisationContext);
  /** The query of the adoption report the headline and chart show: what its download exports. */
  protected readonly adoptionQuery = computed(() => ({ granularity: 'week', ...this.context.filters() }));
  protected readonly organisation = this.context.organisation;
  protected readonly sparkline = SPARKLINE;
  protected readonly formatDay = formatDay;
  protected readonly num = formatNumber;

  protected progressLabel(goal: string): string {
    return $localize`:@@overview.goal.progressLabel:${goal}:goal:: progress from baseline to target`;
  }

  protected sparklineLabel(goal: string): string {
    return $localize`:@@overview.goal.sparklineLabel:${goal}:goal:: weekly values over the last 12 weeks`;
  }
  protected readonly planStatus = PLAN_STATUS;
  /** Admins see what is left of the organisation's first steps (the checklist hides itself once done). */
  protected readonly isAdmin = computed(() => this.context.role() === 'admin');

  private readonly organisationUrl = (path: string, query: Record<string, string | undefined> = {}) => {
    const organisation = this.organisation();
    if (!organisation) return undefined;
    const search = new URLSearchParams(
      Object.entries(query).filter((entry): entry is [string, string] => Boolean(entry[1])),
    );
    return `/api/organisations/${encodeURIComponent(organisation.id)}/${path}${search.size ? `?${search}` : ''}`;
  };

  // Adoption headline and chart: weekly, over the URL's range and population.
  protected readonly adoption = httpResource<AdoptionReport>(() =>
    this.organisationUrl('kpis/adoption', { granularity: 'week', ...this.context.filters() }),
  );
  protected readonly adoptionReport = computed(() =>
    this.adoption.hasValue() ? this.adoption.value() : undefined,
  );
  protected readonly adoptionError = computed(() => cardError(this.adoption.error()));
  protected readonly headline = computed(() => {
    const report = this.adoptionReport();
    return report ? adoptionHeadline(report) : undefined;
  });
  protected readonly effectiveRange = computed(() => this.adoptionReport()?.scope);

  // Goals have their own scope and a fixed 12-week window, so the filters do not apply to them.
  protected readonly goals = httpResource<GoalView[]>(() => this.organisationUrl('goals'));
  protected readonly goalsError = computed(() => cardError(this.goals.error()));
  private readonly goalList = computed(() => (this.goals.hasValue() ? this.goals.value() : []));
  protected readonly goalRows = computed(() => this.goalList().map(goalRow));
  protected readonly annualValue = computed(() => annualValueTotal(this.goalList()));
  protected readonly targetGoals = computed(() =>
    goalsForPopulation(this.goalList(), this.context.filters()),
  );
  protected readonly targetChart = computed(() => {
    const report = this.adoptionReport();
    return report && report.points.length > 0
      ? adoptionTargetChartOption(report, this.targetGoals())
      : undefined;
  });

  protected readonly rollouts = httpResource<RolloutPlanView[]>(() => this.organisationUrl('rollouts'));
  protected readonly rolloutsError = computed(() => cardError(this.rollouts.error()));
  protected readonly plan = computed(() =>
    this.rollouts.hasValue() ? currentPlan(this.rollouts.value()) : undefined,
  );
  protected readonly timeline = computed(() => {
    const plan = this.plan();
    return plan ? phaseTimeline(plan, new Date().toISOString().slice(0, 10)) : undefined;
  });

  // Daily activity is organisation-wide (the endpoint takes a date range only).
  protected readonly series = httpResource<DailyActivitySeries>(() => {
    const organisation = this.organisation();
    const { from, to } = this.context.filters();
    return organisation ? UptakeApi.dailyActivityUrl(organisation.id, { from, to }) : undefined;
  });
  protected readonly loadedSeries = computed(() =>
    this.series.hasValue() ? this.series.value() : undefined,
  );
  protected readonly seriesError = computed(() => cardError(this.series.error()));
  protected readonly dailyChart = computed(() => {
    const series = this.loadedSeries();
    return series ? dailyActivityChartOption(series) : undefined;
  });
  protected readonly dailyHeadline = computed(() => {
    const series = this.loadedSeries();
    return series ? dailyActivityHeadline(series) : undefined;
  });
  protected readonly dailyEmpty = computed(() => {
    const series = this.loadedSeries();
    return series ? isEmptySeries(series) : false;
  });
  protected readonly populationFiltered = computed(() => {
    const { orgUnitId, groupId } = this.context.filters();
    return Boolean(orgUnitId || groupId);
  });
}
