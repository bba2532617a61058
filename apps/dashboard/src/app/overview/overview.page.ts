import { DecimalPipe } from '@angular/common';
import { httpResource } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import type { AdoptionReport, DailyActivitySeries, GoalView, RolloutPlanView } from '@uptake/contracts';
import { UptakeApi } from '../api/uptake-api.service';
import { ChartComponent } from '../charts/chart.component';
import { FilterBarComponent } from '../shared/filter-bar/filter-bar.component';
import { OrganisationContext } from '../shell/organisation-context';
import { adoptionTargetChartOption, goalsForPopulation } from './adoption-target';
import { cardError } from './card-error';
import { dailyActivityChartOption, dailyActivityHeadline, isEmptySeries } from './daily-activity';
import { formatDay } from './format';
import { annualValueTotal, goalRow, SPARKLINE } from './goals';
import { adoptionHeadline } from './headline';
import { currentPlan, phaseTimeline, PLAN_STATUS } from './rollout-timeline';

/**
 * The executive overview: is the network being adopted, are the business goals on track, what are they worth,
 * and where is the rollout. Each card loads and fails on its own, so a role without access to one endpoint
 * still sees the rest.
 */
@Component({
  selector: 'up-overview-page',
  imports: [ChartComponent, DecimalPipe, FilterBarComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './overview.page.html',
  styleUrl: './overview.page.css',
})
export class OverviewPage {
  readonly context = inject(OrganisationContext);
  readonly organisation = this.context.organisation;
  readonly sparkline = SPARKLINE;
  readonly formatDay = formatDay;
  readonly planStatus = PLAN_STATUS;

  private readonly organisationUrl = (path: string, query: Record<string, string | undefined> = {}) => {
    const organisation = this.organisation();
    if (!organisation) return undefined;
    const search = new URLSearchParams(
      Object.entries(query).filter((entry): entry is [string, string] => Boolean(entry[1])),
    );
    return `/api/organisations/${encodeURIComponent(organisation.id)}/${path}${search.size ? `?${search}` : ''}`;
  };

  // Adoption headline and chart: weekly, over the URL's range and population.
  readonly adoption = httpResource<AdoptionReport>(() =>
    this.organisationUrl('kpis/adoption', { granularity: 'week', ...this.context.filters() }),
  );
  readonly adoptionReport = computed(() => (this.adoption.hasValue() ? this.adoption.value() : undefined));
  readonly adoptionError = computed(() => cardError(this.adoption.error()));
  readonly headline = computed(() => {
    const report = this.adoptionReport();
    return report ? adoptionHeadline(report) : undefined;
  });
  readonly effectiveRange = computed(() => this.adoptionReport()?.scope);

  // Goals have their own scope and a fixed 12-week window, so the filters do not apply to them.
  readonly goals = httpResource<GoalView[]>(() => this.organisationUrl('goals'));
  readonly goalsError = computed(() => cardError(this.goals.error()));
  readonly goalList = computed(() => (this.goals.hasValue() ? this.goals.value() : []));
  readonly goalRows = computed(() => this.goalList().map(goalRow));
  readonly annualValue = computed(() => annualValueTotal(this.goalList()));
  readonly targetGoals = computed(() => goalsForPopulation(this.goalList(), this.context.filters()));
  readonly targetChart = computed(() => {
    const report = this.adoptionReport();
    return report && report.points.length > 0
      ? adoptionTargetChartOption(report, this.targetGoals())
      : undefined;
  });

  readonly rollouts = httpResource<RolloutPlanView[]>(() => this.organisationUrl('rollouts'));
  readonly rolloutsError = computed(() => cardError(this.rollouts.error()));
  readonly plan = computed(() => (this.rollouts.hasValue() ? currentPlan(this.rollouts.value()) : undefined));
  readonly timeline = computed(() => {
    const plan = this.plan();
    return plan ? phaseTimeline(plan, new Date().toISOString().slice(0, 10)) : undefined;
  });

  // Daily activity is organisation-wide (the endpoint takes a date range only).
  readonly series = httpResource<DailyActivitySeries>(() => {
    const organisation = this.organisation();
    const { from, to } = this.context.filters();
    return organisation ? UptakeApi.dailyActivityUrl(organisation.id, { from, to }) : undefined;
  });
  readonly loadedSeries = computed(() => (this.series.hasValue() ? this.series.value() : undefined));
  readonly seriesError = computed(() => cardError(this.series.error()));
  readonly dailyChart = computed(() => {
    const series = this.loadedSeries();
    return series ? dailyActivityChartOption(series) : undefined;
  });
  readonly dailyHeadline = computed(() => {
    const series = this.loadedSeries();
    return series ? dailyActivityHeadline(series) : undefined;
  });
  readonly dailyEmpty = computed(() => {
    const series = this.loadedSeries();
    return series ? isEmptySeries(series) : false;
  });
  readonly populationFiltered = computed(() => {
    const { orgUnitId, groupId } = this.context.filters();
    return Boolean(orgUnitId || groupId);
  });
}
