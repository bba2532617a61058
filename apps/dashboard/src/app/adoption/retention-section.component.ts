import { ChangeDetectionStrategy, Component, computed } from '@angular/core';
import type { RetentionReport } from '@uptake/contracts';
import { ChartComponent } from '../charts/chart.component';
import { formatCount, formatShare, withheldFigures } from '../shared/format';
import { kpiReport } from './kpi-report';
import { retentionHeatmapOption } from './retention';
import { DownloadMenuComponent } from '../shared/download-menu/download-menu.component';

/** Weeks of silence after which an activated person counts as having stopped (the API's default too). */
export const SILENT_WEEKS = 4;

/** People who stay weeks after first trying the platform, and those who tried and stopped, by unit. */
@Component({
  selector: 'up-retention-section',
  imports: [ChartComponent, DownloadMenuComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './retention-section.component.html',
  styleUrl: './retention-section.component.css',
})
export class RetentionSectionComponent {
  protected readonly silentWeeks = SILENT_WEEKS;
  protected readonly report = kpiReport<RetentionReport>('retention', () => ({ silentWeeks: SILENT_WEEKS }));
  private readonly k = computed(() => this.report.value()?.scope.minGroupSize ?? 5);
  protected readonly figures = computed(() => withheldFigures(this.k()));
  protected readonly heatmapOption = computed(() => {
    const report = this.report.value();
    return report && report.cohorts.length > 0 ? retentionHeatmapOption(report) : undefined;
  });
  /** Enough height for every cohort row to stay readable. */
  protected readonly heatmapHeight = computed(
    () => `${Math.max(18, 7 + 1.6 * (this.report.value()?.cohorts.length ?? 0))}rem`,
  );

  protected readonly share = formatShare;
  protected readonly count = formatCount;
}
