import { httpResource } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';
import type { ComparisonReport, RolloutPhaseView } from '@uptake/contracts';
import { errorMessage } from '../api/uptake-api.service';
import { ChartComponent } from '../charts/chart.component';
import {
  formatComparisonValue,
  formatDifference,
  formatInterval,
  metricLabel,
  suppressedText,
} from './gates';
import { RolloutApi } from './rollout-api';
import { comparisonChartOption } from './rollout-charts';
import { DownloadMenuComponent } from '../shared/download-menu/download-menu.component';

/** The selected phase's population against its comparison group: one card and one weekly chart per metric. */
@Component({
  selector: 'up-phase-comparison',
  imports: [ChartComponent, DownloadMenuComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './phase-comparison.component.html',
  styleUrl: './phase-comparison.component.css',
})
export class PhaseComparisonComponent {
  readonly organisationId = input.required<string>();
  readonly planId = input.required<string>();
  readonly phase = input.required<RolloutPhaseView>();
  /** Requests follow the phase's id, not the object (which is replaced whenever the plan is refreshed). */
  private readonly phaseId = computed(() => this.phase().id);
  /** The comparison's export: the same cards and weekly series as CSV or XLSX. */
  protected readonly exportName = computed(
    () => `rollouts/${this.planId()}/phases/${this.phaseId()}/comparison`,
  );
  readonly from = input<string | undefined>();
  readonly to = input<string | undefined>();
  /** The range lives in the URL (shared ?from=&to=): the page writes it there. */
  readonly rangeChange = output<{ from?: string | null; to?: string | null }>();

  protected readonly formatValue = formatComparisonValue;
  protected readonly formatDifference = formatDifference;
  private readonly formatInterval = formatInterval;
  protected readonly suppressedText = suppressedText;

  protected readonly report = httpResource<ComparisonReport>(() =>
    RolloutApi.comparisonUrl(this.organisationId(), this.planId(), this.phaseId(), {
      from: this.from(),
      to: this.to(),
    }),
  );
  protected readonly reportError = computed(() =>
    this.report.error() ? errorMessage(this.report.error()) : null,
  );
  protected readonly loaded = computed(() => (this.report.hasValue() ? this.report.value() : undefined));
  /**
   * The comparison group's name in the page's language: the API's `comparisonLabel` is English and follows
   * only the phase's comparison kind, which the page knows.
   */
  protected readonly comparisonName = computed(() =>
    this.phase().comparison.kind === 'rest-of-organisation'
      ? $localize`:@@rollout.comparison.restOfOrganisation:Rest of the organisation`
      : $localize`:@@rollout.comparison.group:Comparison group`,
  );
  protected readonly metrics = computed(() => {
    const report = this.loaded();
    if (!report) return [];
    const names = { phase: this.phase().name, comparison: this.comparisonName() };
    return report.metrics.map((metric) => ({
      metric,
      label: metricLabel(metric.metric),
      interval: formatInterval(metric.unit, metric.low, metric.high),
      chart: metric.weeks.length > 0 ? comparisonChartOption(metric, names) : undefined,
    }));
  });

  protected chartLabel(metric: string, comparison: string): string {
    const phase = this.phase().name;
    return $localize`:@@rollout.comparison.chart:${metric}:metric:: ${phase}:phase: against ${comparison}:comparison:`;
  }
}
