import { DecimalPipe } from '@angular/common';
import { httpResource } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { ActivatedRoute, Router } from '@angular/router';
import type { DailyActivitySeries, OrganisationSummary } from '@uptake/contracts';
import { errorMessage, UptakeApi } from '../api/uptake-api.service';
import { ChartComponent } from '../charts/chart.component';
import { dailyActivityChartOption, dailyActivityHeadline, isEmptySeries } from './daily-activity';

/**
 * The overview for executives and change managers. The organisation and the date range live in the URL
 * (?org=&from=&to=), so a link reproduces the view.
 */
@Component({
  selector: 'up-overview-page',
  imports: [ChartComponent, DecimalPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './overview.page.html',
  styleUrl: './overview.page.css',
})
export class OverviewPage {
  private readonly route = inject(ActivatedRoute);
  private readonly router = inject(Router);
  private readonly api = inject(UptakeApi);
  private readonly query = toSignal(this.route.queryParamMap, { requireSync: true });

  readonly organisations = httpResource<OrganisationSummary[]>(() => UptakeApi.organisationsUrl());
  readonly organisation = computed((): OrganisationSummary | undefined => {
    const organisations = this.organisations.hasValue() ? this.organisations.value() : [];
    const wanted = this.query().get('org');
    return organisations.find((o) => o.id === wanted) ?? organisations[0];
  });
  readonly range = computed(() => ({
    from: this.query().get('from') ?? undefined,
    to: this.query().get('to') ?? undefined,
  }));

  readonly series = httpResource<DailyActivitySeries>(() => {
    const organisation = this.organisation();
    return organisation ? UptakeApi.dailyActivityUrl(organisation.id, this.range()) : undefined;
  });
  readonly loadedSeries = computed(() => (this.series.hasValue() ? this.series.value() : undefined));
  readonly chartOption = computed(() => {
    const series = this.loadedSeries();
    return series ? dailyActivityChartOption(series) : undefined;
  });
  readonly headline = computed(() => {
    const series = this.loadedSeries();
    return series ? dailyActivityHeadline(series) : undefined;
  });
  readonly empty = computed(() => {
    const series = this.loadedSeries();
    return series ? isEmptySeries(series) : false;
  });

  readonly organisationsError = computed(() =>
    this.organisations.error() ? errorMessage(this.organisations.error()) : null,
  );
  readonly seriesError = computed(() => (this.series.error() ? errorMessage(this.series.error()) : null));

  select(changes: { org?: string; from?: string | null; to?: string | null }): void {
    void this.router.navigate([], {
      relativeTo: this.route,
      queryParams: Object.fromEntries(Object.entries(changes).map(([key, value]) => [key, value || null])),
      queryParamsHandling: 'merge',
    });
  }

  signOut(): void {
    this.api.logout().subscribe({
      complete: () => void this.router.navigate(['/login']),
      error: () => void this.router.navigate(['/login']),
    });
  }
}
