import { httpResource } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';
import type { ComparisonReport, RolloutPhaseView } from '@uptake/contracts';
import { errorMessage } from '../api/uptake-api.service';
import { ChartComponent } from '../charts/chart.component';
import { formatComparisonValue, formatDifference, formatInterval, suppressedText } from './gates';
import { RolloutApi } from './rollout-api';
import { comparisonChartOption } from './rollout-charts';

/** The selected phase's population against its comparison group: one card and one weekly chart per metric. */
@Component({
  selector: 'up-phase-comparison',
  imports: [ChartComponent],
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
  protected readonly metrics = computed(() => {
    const report = this.loaded();
    if (!report) return [];
    const names = { phase: this.phase().name, comparison: report.comparisonLabel };
    return report.metrics.map((metric) => ({
      metric,
      interval: formatInterval(metric.unit, metric.low, metric.high),
      chart: metric.weeks.length > 0 ? comparisonChartOption(metric, names) : undefined,
    }));
  });
}
